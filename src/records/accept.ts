// A quick yes for data that certainly passes a zod schema. Most records are
// well formed, and zod spends as long checking one as js-yaml takes to read
// it. `acceptor` walks the schema once and builds a plain predicate from it;
// when the predicate says yes, zod would accept the data and give back an
// equal copy, so the data is used as it is. Anything the predicate does not
// understand answers no, and zod decides, as before, with its messages.

import type { z } from 'zod';

export type Accept = (value: unknown) => boolean;

/** What zod keeps for a schema or a check: only the fields track reads. */
export interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  catchall?: z.ZodType;
  innerType?: z.ZodType;
  element?: z.ZodType;
  options?: readonly z.ZodType[];
  entries?: Record<string, string | number>;
  checks?: readonly { _zod: { def: CheckDef } }[];
}

interface CheckDef {
  check: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  value?: number | bigint;
  inclusive?: boolean;
  pattern?: RegExp;
}

/** A schema's definition: its type, and what it is made of. */
export const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

const never: Accept = () => false;

/** Predicates given by hand for schemas holding a custom check (see `acceptWith`). */
const given = new WeakMap<z.ZodType, Accept>();
const built = new WeakMap<z.ZodType, Accept>();

/**
 * Give the predicate for a schema whose custom check zod runs as code: it must
 * answer yes only for values the schema accepts unchanged. Returns the schema.
 */
export function acceptWith<T extends z.ZodType>(schema: T, accept: Accept): T {
  given.set(schema, accept);
  return schema;
}

/** The predicate for a schema, built once. */
export function acceptor(schema: z.ZodType): Accept {
  let accept = built.get(schema);
  if (!accept) {
    accept = given.get(schema) ?? build(schema);
    built.set(schema, accept);
  }
  return accept;
}

function build(schema: z.ZodType): Accept {
  const def = defOf(schema);
  switch (def.type) {
    case 'unknown':
    case 'any':
      return def.checks?.length ? never : () => true;
    case 'optional': {
      const inner = acceptor(def.innerType!);
      return (v) => v === undefined || inner(v);
    }
    case 'nullable': {
      const inner = acceptor(def.innerType!);
      return (v) => v === null || inner(v);
    }
    case 'string':
      return withChecks(def, (v) => typeof v === 'string');
    case 'number':
      return withChecks(def, (v) => typeof v === 'number' && Number.isFinite(v));
    case 'boolean':
      return def.checks?.length ? never : (v) => typeof v === 'boolean';
    case 'enum': {
      const values = new Set(Object.values(def.entries ?? {}));
      return def.checks?.length ? never : (v) => (typeof v === 'string' || typeof v === 'number') && values.has(v);
    }
    case 'union': {
      const options = (def.options ?? []).map(acceptor);
      return def.checks?.length ? never : (v) => someAccepts(options, v);
    }
    case 'array': {
      const element = acceptor(def.element!);
      return withChecks(def, (v) => Array.isArray(v) && everyAccepted(element, v));
    }
    case 'object':
      return def.checks?.length ? never : objectAcceptor(def);
    default:
      return never;
  }
}

/** Only a strict object (unknown keys refused) is taken: its output has exactly the input's keys. */
function objectAcceptor(def: Def): Accept {
  if (!def.catchall || defOf(def.catchall).type !== 'never') return never;
  const keys = Object.keys(def.shape ?? {});
  const fields = keys.map((key) => acceptor(def.shape![key]!));
  return (v) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v) || Object.getPrototypeOf(v) !== Object.prototype) return false;
    const record = v as Record<string, unknown>;
    let known = 0;
    for (let i = 0; i < keys.length; i++) {
      const value = record[keys[i]!];
      if (!fields[i]!(value)) return false;
      if (value !== undefined) known++;
    }
    // Any key beyond the known ones is unknown: counting keys is quicker than
    // looking each up by name, and for-in makes no list. A known key found on
    // Object.prototype rather than the record (say "toString") is counted
    // above but not here, so it too answers no.
    let all = 0;
    for (const _key in record) all++;
    return all === known;
  };
}

/** The type test, then each of the schema's checks; a check not known here makes it answer no. */
function withChecks(def: Def, type: Accept): Accept {
  const checks = (def.checks ?? []).map((c) => checkOf(c._zod.def));
  if (checks.includes(undefined)) return never;
  if (checks.length === 0) return type;
  const all = checks as Accept[];
  return (v) => type(v) && allAccept(all, v);
}

// Plain loops: these run on every value of every record, and a callback per call would be made anew each time.

function someAccepts(options: readonly Accept[], v: unknown): boolean {
  for (let i = 0; i < options.length; i++) if (options[i]!(v)) return true;
  return false;
}

function allAccept(checks: readonly Accept[], v: unknown): boolean {
  for (let i = 0; i < checks.length; i++) if (!checks[i]!(v)) return false;
  return true;
}

function everyAccepted(element: Accept, list: readonly unknown[]): boolean {
  for (let i = 0; i < list.length; i++) if (!element(list[i])) return false;
  return true;
}

function checkOf(check: CheckDef): Accept | undefined {
  switch (check.check) {
    case 'min_length':
      return (v) => (v as { length: number }).length >= check.minimum!;
    case 'max_length':
      return (v) => (v as { length: number }).length <= check.maximum!;
    case 'number_format':
      return check.format === 'safeint' ? (v) => Number.isSafeInteger(v) : undefined;
    case 'greater_than':
      return typeof check.value !== 'number' ? undefined : check.inclusive ? (v) => (v as number) >= (check.value as number) : (v) => (v as number) > (check.value as number);
    case 'less_than':
      return typeof check.value !== 'number' ? undefined : check.inclusive ? (v) => (v as number) <= (check.value as number) : (v) => (v as number) < (check.value as number);
    case 'string_format': {
      const pattern = check.format === 'regex' ? check.pattern : undefined;
      if (!pattern) return undefined;
      return (v) => {
        pattern.lastIndex = 0;
        return pattern.test(v as string);
      };
    }
    default:
      return undefined;
  }
}
