// The record format of ../shared/spec/records.md as zod schemas, and the
// translation of zod's issues into plain-English problems with positions.

import * as z from 'zod';
import { acceptor, acceptWith, defOf } from './accept.js';
import { dateProblem, isTrackDate } from './dates.js';
import { ITEM_KINDS, NONE, RESPONSES, SOURCE_KINDS } from './model.js';
import type { YamlPath } from './diagnostic.js';

const SLUG_RE = /^[a-z0-9][a-z0-9-]*$/;

/**
 * A record date for editors (`track schema`): no year 0000, no month 13, no
 * 31st of a 30-day month, no 30th of February. Only 29 February of a year
 * that is not a leap year gets past a pattern; `track validate` refuses that.
 */
export const DATE_PATTERN =
  '^(?!0000)\\d{4}-(?:(?:0[13578]|1[02])(?:-(?:0[1-9]|[12]\\d|3[01]))?|(?:0[469]|11)(?:-(?:0[1-9]|[12]\\d|30))?|02(?:-(?:0[1-9]|1\\d|2\\d))?)$';

function date(what: string) {
  const schema = z
    .string({ error: `${what} should be a date such as 2008-03-10` })
    .check((ctx) => {
      const problem = dateProblem(ctx.value);
      if (problem) {
        ctx.issues.push({ code: 'custom', input: ctx.value, message: problem.message, params: { rule: 'invalid-date', hint: problem.hint } });
      }
    })
    .meta({ pattern: DATE_PATTERN });
  return acceptWith(schema, (value) => typeof value === 'string' && isTrackDate(value));
}

const text = (what: string) => z.string({ error: `${what} should be text` });
const nameList = (what: string) =>
  z.union([z.string(), z.array(z.string())], { error: `${what} should be a list of names, such as [leeds-pct]` });
/** A name list as written: one name or a list of them, or nothing. */
export function asList(value: string | readonly string[] | null | undefined): readonly string[] {
  return value == null ? NONE : typeof value === 'string' ? [value] : value;
}

const stageId = (what: string) =>
  z.union([z.number().int(), z.string().min(1)], { error: `${what} should be a stage id, such as 2 or achieved` });

export const updateSchema = z.strictObject({
  date: date('the update date'),
  stage: stageId('stage').nullish(),
  proposed_stage: stageId('proposed_stage').nullish(),
  by: text('by').nullish(),
  note: text('note'),
  new_due: date('new_due').nullish(),
  previous_due: date('previous_due').nullish(),
  reason: text('reason').nullish(),
  evidence: nameList('evidence').nullish(),
}, { error: (issue) => (issue.code === 'invalid_type' ? 'an update should be keys and values, starting with "- date:"' : undefined) });

const itemShape = {
  title: text('title'),
  number: z
    .union([z.number().int({ error: 'number should be a number such as 3, or a label such as 2a' }).nonnegative({ error: 'number should be a number such as 3, or a label such as 2a' }), z.string().min(1)], {
      error: 'number should be a number such as 3, or a label such as 2a',
    })
    .nullish(),
  ref: text('ref').nullish(),
  kind: z.enum(ITEM_KINDS).nullish(),
  theme: text('theme').nullish(),
  owners: nameList('owners').nullish(),
  approach: text('approach').nullish(),
  response: z.enum(RESPONSES).nullish(),
  due: date('due').nullish(),
  report_back: date('report_back').nullish(),
  stage: stageId('stage'),
  related: nameList('related').nullish(),
  tags: nameList('tags').nullish(),
  updates: z.array(updateSchema, { error: 'updates should be a list, each starting with "- date:"' }).nullish(),
};

export type ItemData = z.infer<z.ZodObject<typeof itemShape>> & Record<string, unknown>;
export type UpdateData = z.infer<typeof updateSchema>;

/** The item keys of the contract, before any extra_fields. */
export const ITEM_KEYS: readonly string[] = Object.keys(itemShape);

type ItemSchema = z.ZodObject<Record<string, z.ZodType>>;
const itemSchemas = new Map<string, ItemSchema>();

/** The item schema, allowing the config's extra_fields beside the contract's keys. */
export function itemSchema(extraFields: readonly string[]): ItemSchema {
  const key = extraFields.join('\u0000');
  let schema = itemSchemas.get(key);
  if (!schema) {
    // Allowed, never required: .optional(), as zod 4 treats a bare z.unknown() key as required.
    const extras = Object.fromEntries(extraFields.map((f) => [f, z.unknown().optional()]));
    schema = z.strictObject({ ...extras, ...itemShape }) as unknown as ItemSchema;
    itemSchemas.set(key, schema);
  }
  return schema;
}

export const sourceSchema = z.strictObject({
  title: text('title'),
  kind: z.enum(SOURCE_KINDS).nullish(),
  made_by: text('made_by').nullish(),
  date: date('date'),
  url: text('url').nullish(),
  presented_to: text('presented_to').nullish(),
  signed_by: text('signed_by').nullish(),
  attendees: z
    .array(
      z.union(
        [
          z.string(),
          z.strictObject({
            name: text('name'),
            role: text('role').nullish(),
            body: text('body').nullish(),
            chair: z.boolean({ error: 'chair should be true or false' }).nullish(),
          }),
        ],
        { error: 'an attendee should be a name, or a name with role, body and chair, such as {name: Jo Bloggs, role: Chair, chair: true}' },
      ),
      { error: 'attendees should be a list of people, such as [f-jassat]' },
    )
    .nullish(),
});
export type SourceData = z.infer<typeof sourceSchema>;

const slug = (what: string) =>
  z.string({ error: `${what} should be an id such as leeds-pct` }).regex(SLUG_RE, {
    error: `${what} should use only lower-case letters, digits and hyphens, such as leeds-pct`,
  });

export const stageDefSchema = z.strictObject({
  id: z.union([z.number().int(), slug('the stage id')], { error: 'the stage id should be a number or an id such as achieved' }),
  label: text('label'),
  closed: z.boolean({ error: 'closed should be true or false' }).nullish(),
  colour: text('colour').nullish(),
  short: text('short').nullish(),
});

export const configSchema = z.strictObject({
  organisation: text('organisation'),
  stages: z
    .union([z.enum(['leeds', 'rag', 'pac']), z.array(stageDefSchema).min(1)], {
      error: 'stages should be a preset (leeds, rag or pac) or a list of stages',
    })
    .nullish(),
  stale_after_days: z.number({ error: 'stale_after_days should be a number of days' }).int().positive().nullish(),
  response_days: z.number({ error: 'response_days should be a number of days' }).int().positive().nullish(),
  bodies: z
    .array(z.strictObject({ id: slug('the body id'), name: text('name'), aliases: nameList('aliases').nullish() }))
    .nullish(),
  people: z
    .array(
      z.strictObject({
        id: slug('the person id'),
        name: text('name'),
        role: text('role').nullish(),
        body: text('body').nullish(),
        email: text('email').nullish(),
        phone: z.union([z.string(), z.number()]).nullish(),
        aliases: nameList('aliases').nullish(),
      }),
    )
    .nullish(),
  report: z.strictObject({ author: text('author').nullish() }).nullish(),
  extra_fields: z.array(z.string(), { error: 'extra_fields should be a list of key names' }).nullish(),
});
export type ConfigData = z.infer<typeof configSchema>;

export const meetingsSchema = z.array(
  z.strictObject({
    date: date('the meeting date'),
    body: text('body').nullish(),
    title: text('title').nullish(),
    tentative: z.boolean({ error: 'tentative should be true or false' }).nullish(),
  }),
  { error: 'meetings.yaml should be a list of meetings, each starting with "- date:"' },
);
export type MeetingsData = z.infer<typeof meetingsSchema>;

/** A schema problem, placed by a YAML path rather than a line. */
export interface SchemaProblem {
  rule: string;
  message: string;
  hint?: string;
  path: YamlPath;
  target: 'key' | 'value';
}

/** Validate `data`; on success the typed value, else every problem found. */
export function check<T>(schema: z.ZodType<T>, data: unknown): { value: T } | { problems: SchemaProblem[] } {
  // Data the quick test accepts is what zod would give back: skip zod's copy.
  if (acceptor(schema)(data)) return { value: data as T };
  const result = schema.safeParse(data);
  if (result.success) return { value: result.data };
  // Only a failing record pays for the inputs in the issues (used in messages).
  const detailed = schema.safeParse(data, { reportInput: true });
  const issues = detailed.success ? result.error.issues : detailed.error.issues;
  return { problems: issues.flatMap((issue) => describeIssue(schema, issue)) };
}

function describeIssue(root: z.ZodType, issue: z.core.$ZodIssue): SchemaProblem[] {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  const where = describePath(path);
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => {
        const known = keysAt(root, path);
        const suggestion = closest(key, known);
        // The suggestion is part of the message, so every format carries it (JSON has no hint).
        return {
          rule: 'unknown-key',
          message: `unknown key "${key}"${path.length ? ` in ${where}` : ''}${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`,
          ...(suggestion ? {} : { hint: `the keys allowed here are: ${known.join(', ')}` }),
          path: [...path, key],
          target: 'key' as const,
        };
      });
    case 'invalid_type':
    case 'invalid_union':
      // No value at all (YAML has no undefined): a required key that is not there, such as a missing "stage".
      if (issue.input === undefined && path.length > 0) {
        const key = String(path.at(-1));
        const parent = path.length > 1 ? `${describePath(path.slice(0, -1))}: ` : '';
        return [{ rule: 'missing-key', message: `${parent}the key "${key}" is missing`, hint: `add a "${key}:" line`, path, target: 'key' }];
      }
      return [{ rule: 'wrong-type', message: withWhere(issue.message, where, path), path, target: 'value' }];
    case 'invalid_value':
      return [
        {
          rule: 'invalid-value',
          message: `${where} cannot be ${JSON.stringify(issue.input)}`,
          hint: `expected one of: ${issue.values.map(String).join(', ')}`,
          path,
          target: 'value',
        },
      ];
    case 'custom': {
      const params = (issue.params ?? {}) as { rule?: string; hint?: string };
      return [{ rule: params.rule ?? 'invalid-value', message: `${where} ${issue.message}`, hint: params.hint, path, target: 'value' }];
    }
    default:
      return [{ rule: 'invalid-value', message: withWhere(issue.message, where, path), path, target: 'value' }];
  }
}

/** Zod messages name the key; add where its parent is ("update 2: note should be text"). */
function withWhere(message: string, _where: string, path: YamlPath): string {
  const parent = typeof path.at(-1) === 'number' ? path : path.slice(0, -1);
  return parent.length > 0 ? `${describePath(parent)}: ${message}` : message;
}

/** "title", "update 3: stage", "bodies 2: id". */
export function describePath(path: YamlPath): string {
  if (path.length === 0) return 'the frontmatter';
  const parts: string[] = [];
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    const next = path[i + 1];
    if (typeof next === 'number') {
      parts.push(seg === 'updates' ? `update ${next + 1}` : `${String(seg)} entry ${next + 1}`);
      i++;
    } else if (typeof seg === 'number') {
      parts.push(`entry ${seg + 1}`);
    } else {
      parts.push(String(seg));
    }
  }
  return parts.join(': ');
}

/** The keys a schema allows at a path, for "did you mean" hints. */
function keysAt(schema: z.ZodType, path: YamlPath): string[] {
  let current: z.ZodType | undefined = schema;
  const unwrap = (s: z.ZodType): z.ZodType => {
    const def = defOf(s);
    if (def.innerType) return unwrap(def.innerType);
    if (def.type === 'union' && def.options) return def.options.find((o) => defOf(unwrap(o)).type === 'array' || defOf(unwrap(o)).type === 'object') ?? s;
    return s;
  };
  for (const seg of path) {
    if (!current) return [];
    const def = defOf(unwrap(current));
    current = typeof seg === 'number' ? def.element : def.shape?.[seg];
  }
  if (!current) return [];
  return Object.keys(defOf(unwrap(current)).shape ?? {});
}

/** The candidate nearest to `word` by edit distance, if it is near enough to be a likely typo. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  const w = word.toLowerCase();
  for (const c of candidates) {
    const d = editDistance(w, c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

/** Edits from `a` to `b`, two letters swapped counting as one ("deu" is one from "due"): the commonest typo. */
function editDistance(a: string, b: string): number {
  let before: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j]!, before[j - 2]! + 1);
    }
    before = prev;
    prev = row;
  }
  return prev[b.length]!;
}
