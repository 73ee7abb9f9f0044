// Plain values (objects, lists, text, numbers, true/false, null) into two flat
// lists and back, for the store's cache. Generic: every key of every object is
// kept, so a field added to the model is cached with no change here. Flat:
// v8's serialiser and the garbage collector spend most of their time on each
// object they meet, so a workspace goes to disk as one list of the text and
// numbers it holds, and one typed array of its structure: for each value, a
// code saying whether it is one of those (and which), a list (its length) or
// an object (its shape, the list of its keys, kept once). A list or object met
// again is kept as a reference to the first, so what was shared comes back
// shared (and is kept once).

import { deserialize, serialize } from 'node:v8';
import { NO_EXTRA, NONE } from '../model.js';

/** A value of the flat list: everything that is not a list or an object. */
export type Flat = string | number | boolean | null | undefined;

// Structure codes: ≥ 0, a list of that length; the rest below.
const PLAIN = -1;
// The model's shared empty values, so they come back shared.
const SHARED_NONE = -2;
const SHARED_EXTRA = -3;
// A list or object met before: the next code is its number, in the order first met.
const AGAIN = -4;
// An object of shape s is FIRST_SHAPE - s.
const FIRST_SHAPE = -5;

export interface Encoded {
  values: Flat[];
  structure: Int32Array;
  shapes: string[][];
}

interface ShapeNode {
  next: Map<string, ShapeNode>;
  shape: number;
}

export class Encoder {
  readonly values: Flat[] = [];
  readonly shapes: string[][] = [];
  private codes = new Int32Array(1024);
  private length = 0;
  /** Shapes by their keys, one key a step: a shape is found with no string made. */
  private readonly shapeTree: ShapeNode = { next: new Map(), shape: -1 };
  private readonly seen = new Map<object, number>();

  private code(c: number): void {
    if (this.length === this.codes.length) {
      const bigger = new Int32Array(this.codes.length * 2);
      bigger.set(this.codes);
      this.codes = bigger;
    }
    this.codes[this.length++] = c;
  }

  /** What has been put, ready for v8's serialiser. */
  get encoded(): Encoded {
    return { values: this.values, structure: this.codes.slice(0, this.length), shapes: this.shapes };
  }

  private shape(keys: string[]): number {
    let node = this.shapeTree;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      let next = node.next.get(key);
      if (!next) node.next.set(key, (next = { next: new Map(), shape: -1 }));
      node = next;
    }
    if (node.shape < 0) node.shape = this.shapes.push(keys) - 1;
    return node.shape;
  }

  put(value: unknown): void {
    if (value === null || value === undefined || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      this.code(PLAIN);
      this.values.push(value);
    } else if (this.seen.has(value)) {
      this.code(AGAIN);
      this.code(this.seen.get(value)!);
    } else if (Array.isArray(value)) {
      if ((value as readonly unknown[]) === NONE) return this.code(SHARED_NONE);
      this.seen.set(value, this.seen.size);
      this.code(value.length);
      for (let i = 0; i < value.length; i++) this.put(value[i]);
    } else if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
      if (value === NO_EXTRA) return this.code(SHARED_EXTRA);
      this.seen.set(value, this.seen.size);
      const keys = Object.keys(value);
      this.code(FIRST_SHAPE - this.shape(keys));
      const record = value as Record<string, unknown>;
      for (let i = 0; i < keys.length; i++) this.put(record[keys[i]!]);
    } else {
      // A Map, a Date, a class: the model has none; if it ever does, the cache must learn it.
      throw new TypeError(`the store cannot keep a ${Object.prototype.toString.call(value)}`);
    }
  }
}

export class Decoder {
  private at = 0;
  private value = 0;
  private readonly values: readonly Flat[];
  private readonly structure: Int32Array;
  private readonly shapes: readonly (readonly string[])[];
  /** Every list and object so far, in the order made: what AGAIN refers to. */
  private readonly made: unknown[] = [];

  constructor({ values, structure, shapes }: Encoded) {
    if (!Array.isArray(values) || !(structure instanceof Int32Array) || !Array.isArray(shapes)) throw new Error('cache: not a cache');
    this.values = values;
    this.structure = structure;
    this.shapes = shapes;
  }

  get done(): boolean {
    return this.at === this.structure.length && this.value === this.values.length;
  }

  take(): unknown {
    if (this.at >= this.structure.length) throw new Error('cache: too short');
    const c = this.structure[this.at++]!;
    if (c === PLAIN) {
      if (this.value >= this.values.length) throw new Error('cache: too short');
      return this.values[this.value++];
    }
    if (c >= 0) {
      const list: unknown[] = [];
      this.made.push(list);
      for (let i = 0; i < c; i++) list.push(this.take());
      return list;
    }
    if (c === SHARED_NONE) return NONE;
    if (c === SHARED_EXTRA) return NO_EXTRA;
    if (c === AGAIN) {
      const n = this.structure[this.at++];
      if (n === undefined || n < 0 || n >= this.made.length) throw new Error('cache: a reference to nothing');
      return this.made[n];
    }
    const keys = this.shapes[FIRST_SHAPE - c];
    if (!keys) throw new Error('cache: an unknown shape');
    const record: Record<string, unknown> = {};
    this.made.push(record);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      // A "__proto__" key read from YAML is data, as it was: never the object's prototype.
      if (key === '__proto__') Object.defineProperty(record, key, { value: this.take(), enumerable: true, writable: true, configurable: true });
      else record[key] = this.take();
    }
    return record;
  }
}

/** Values into bytes for a cache file: encoded flat, then v8's serialiser. */
export function pack(values: readonly unknown[]): Uint8Array {
  const encoder = new Encoder();
  for (const value of values) encoder.put(value);
  return serialize(encoder.encoded);
}

/** The values `pack` made, taken one by one; throws on bytes it did not make. */
export function unpack(bytes: Uint8Array): Decoder {
  return new Decoder(deserialize(bytes) as Encoded);
}
