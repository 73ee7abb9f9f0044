// Plain values (objects, lists, text, numbers, true/false, null) into one flat
// list and back, for the store's cache. Generic: every key of every object is
// kept, so a field added to the model is cached with no change here. Flat:
// v8's serialiser spends most of its time on each object and list it meets,
// so a workspace goes to it as one list of plain values, each object as its
// shape (the list of its keys, kept once) then its values.

import { NO_EXTRA, NONE } from '../model.js';

/** One element of the flat list. A bigint marks a list (its length, ≥ 0) or an object (its shape, < 0). */
export type Flat = string | number | boolean | null | undefined | bigint;

// Shapes 0 and 1 stand for the model's shared empty values, so they come back shared.
const SHARED_EXTRA = -1n;
const SHARED_NONE = -2n;
const FIRST_SHAPE = 2;

export class Encoder {
  readonly values: Flat[] = [];
  readonly shapes: string[][] = [];
  private readonly shapeOf = new Map<string, number>();

  put(value: unknown): void {
    const out = this.values;
    if (value === null || value === undefined || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      out.push(value);
    } else if (Array.isArray(value)) {
      if ((value as readonly unknown[]) === NONE) {
        out.push(SHARED_NONE);
        return;
      }
      out.push(BigInt(value.length));
      for (let i = 0; i < value.length; i++) this.put(value[i]);
    } else if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
      if (value === NO_EXTRA) {
        out.push(SHARED_EXTRA);
        return;
      }
      const keys = Object.keys(value);
      const name = JSON.stringify(keys);
      let shape = this.shapeOf.get(name);
      if (shape === undefined) this.shapeOf.set(name, (shape = this.shapes.push(keys) - 1 + FIRST_SHAPE));
      out.push(BigInt(-1 - shape));
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
  constructor(
    private readonly values: readonly Flat[],
    private readonly shapes: readonly (readonly string[])[],
  ) {}

  get done(): boolean {
    return this.at === this.values.length;
  }

  take(): unknown {
    if (this.at >= this.values.length) throw new Error('cache: too short');
    const v = this.values[this.at++];
    if (typeof v !== 'bigint') return v;
    if (v >= 0n) {
      const length = Number(v);
      const list: unknown[] = [];
      for (let i = 0; i < length; i++) list.push(this.take());
      return list;
    }
    if (v === SHARED_NONE) return NONE;
    if (v === SHARED_EXTRA) return NO_EXTRA;
    const keys = this.shapes[Number(-1n - v) - FIRST_SHAPE];
    if (!keys) throw new Error('cache: an unknown shape');
    const record: Record<string, unknown> = {};
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      // A "__proto__" key read from YAML is data, as it was: never the object's prototype.
      if (key === '__proto__') Object.defineProperty(record, key, { value: this.take(), enumerable: true, writable: true, configurable: true });
      else record[key] = this.take();
    }
    return record;
  }
}
