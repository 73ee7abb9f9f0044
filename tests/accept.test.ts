// The quick test in front of zod (src/records/accept.ts): whatever it accepts,
// zod must accept too and give back an equal value, or a bad record would
// slip through unchecked. And it must accept ordinary records, or it saves
// nothing.

import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { acceptor } from '../src/records/accept.js';
import { parseYaml, splitFrontmatter } from '../src/records/frontmatter.js';
import { configSchema, itemSchema, meetingsSchema, sourceSchema, updateSchema } from '../src/records/schema.js';

/** Values zod turns away in one place or another, beside good ones. */
const WILD: unknown[] = [
  undefined, null, true, false, 0, 3, -1, 1.5, NaN, Infinity, 2 ** 60, '', 'x', 'achieved', '2008-03-10', '2008-03', '2021-13-45',
  '2008-02-30', '2008-3-1', ' 2008-03-10', [], ['a'], ['a', 1], [null], {}, { date: '2008-01-01', note: 'n' }, JSON.parse('{"__proto__": 1}'),
];
const wild = fc.constantFrom(...WILD);
const date = fc.constantFrom('2008-03-10', '2008-03', '2024-02-29', '2023-02-29', '2008-13', '2008-00-10', '20080310', '2008-03-10 ');
const names = fc.oneof(fc.constant('leeds-pct'), fc.array(fc.constantFrom('a', 'b', 'leeds-pct'), { maxLength: 3 }));
const stage = fc.constantFrom(1, 2, 4, 0, -2, 2.5, 'achieved', '', '4');

const update = fc.record(
  { date, stage, proposed_stage: stage, by: fc.constantFrom('x', 3), note: fc.constantFrom('a note', '', 7), new_due: date, reason: fc.string(), evidence: names },
  { requiredKeys: ['date', 'note'] },
);

const item = fc.record(
  {
    title: fc.constantFrom('A title', 'Recommendation 3', 42),
    number: fc.constantFrom(1, 0, -1, 1.5, '2a', ''),
    kind: fc.constantFrom('recommendation', 'action', 'objective', 'Action'),
    theme: fc.constantFrom('Housing', null),
    owners: names,
    response: fc.constantFrom('accepted', 'pending', 'maybe', null),
    due: date,
    report_back: date,
    stage,
    related: names,
    tags: names,
    updates: fc.oneof(fc.array(update, { maxLength: 3 }), fc.constant(null)),
    ward: fc.constantFrom('Headingley', 3),
  },
  { requiredKeys: ['title', 'stage'] },
);

/** A record, then a few blows: a key set to something wild, a stray key, a broken update. */
const battered = <T extends Record<string, unknown>>(record: fc.Arbitrary<T>) =>
  fc
    .tuple(
      record,
      fc.array(fc.tuple(fc.constantFrom('title', 'stage', 'due', 'updates', 'owners', 'number', 'owner', '__proto__', 'constructor', 'date'), wild), { maxLength: 2 }),
      fc.option(fc.tuple(fc.constantFrom('date', 'note', 'stage', 'by', 'extra'), wild)),
    )
    .map(([base, blows, updateBlow]) => {
      const value: Record<string, unknown> = { ...base };
      for (const [key, v] of blows) Object.defineProperty(value, key, { value: v, enumerable: true, writable: true, configurable: true });
      if (updateBlow && Array.isArray(value['updates']) && value['updates'].length > 0) {
        const [key, v] = updateBlow;
        value['updates'] = [...(value['updates'] as object[]).slice(1), { ...(value['updates'] as object[])[0], [key]: v }];
      }
      return value;
    });

function agreesWithZod(schema: z.ZodType, value: unknown): void {
  if (!acceptor(schema)(value)) return;
  const result = schema.safeParse(value);
  expect(result.success, JSON.stringify(value)).toBe(true);
  expect(result.data).toStrictEqual(value);
}

describe('the quick test in front of zod', () => {
  it('accepts nothing that zod refuses, and nothing zod would change', () => {
    const cases: [z.ZodType, fc.Arbitrary<unknown>][] = [
      [itemSchema([]), battered(item)],
      [itemSchema(['ward']), battered(item)],
      [updateSchema, battered(update)],
      [sourceSchema, battered(fc.record({ title: fc.constantFrom('A review', 1), date, kind: fc.constantFrom('review', 'inquiry'), attendees: names }, { requiredKeys: ['title', 'date'] }))],
      [meetingsSchema, fc.array(battered(fc.record({ date, tentative: fc.constantFrom(true, 'yes'), title: fc.constantFrom('Board', 1) }, { requiredKeys: ['date'] })), { maxLength: 3 })],
      [configSchema, battered(fc.record({ organisation: fc.constantFrom('Leeds', ''), stages: fc.constantFrom('leeds', 'rag', 'other', [], [{ id: 1, label: 'Done', closed: true }], [{ id: 'Bad Id', label: 'x' }]), stale_after_days: fc.constantFrom(90, 0, -3, 1.5) }, { requiredKeys: ['organisation'] }))],
    ];
    let accepted = 0;
    for (const [schema, arbitrary] of cases) {
      fc.assert(
        fc.property(arbitrary, (value) => {
          agreesWithZod(schema, value);
          if (acceptor(schema)(value)) accepted++;
        }),
        { numRuns: 400 },
      );
    }
    // The generators reach the yes side too, or the property above proves little.
    expect(accepted).toBeGreaterThan(100);
  });

  it('turns away each thing zod turns away', () => {
    const accept = acceptor(itemSchema([]));
    const good = { title: 'T', stage: 2, due: '2008-06', updates: [{ date: '2008-01-02', note: 'n', stage: 'achieved' }] };
    expect(accept(good)).toBe(true);
    const bad: Record<string, unknown>[] = [
      { ...good, stage: undefined },
      { ...good, due: '2021-13-45' },
      { ...good, due: '2023-02-29' },
      { ...good, number: -1 },
      { ...good, number: 1.5 },
      { ...good, stage: NaN },
      { ...good, stage: '' },
      { ...good, kind: 'Action' },
      { ...good, owner: 'x' },
      { ...good, ward: 'x' },
      { ...good, updates: [{ date: '2008-01-02' }] },
      { ...good, updates: [{ date: '2008-01-02', note: 'n', extra: 1 }] },
      Object.defineProperty({ ...good }, '__proto__', { value: {}, enumerable: true }),
    ];
    for (const value of bad) {
      expect(accept(value), JSON.stringify(value)).toBe(false);
      expect(itemSchema([]).safeParse(value).success).toBe(false);
    }
    expect(acceptor(itemSchema(['ward']))({ ...good, ward: 'x' })).toBe(true);
  });

  it('says no to any check it does not know, and leaves it to zod', () => {
    expect(acceptor(z.string().email())('a@b.uk')).toBe(false);
    expect(acceptor(z.object({ a: z.string() }))({ a: 'x' })).toBe(false);
    expect(acceptor(z.string().check(() => {}))('x')).toBe(false);
    expect(acceptor(z.strictObject({ a: z.string().min(2) }))({ a: 'xy' })).toBe(true);
    // A key the record lacks but Object.prototype has is not taken for the record's own.
    const inherited = z.strictObject({ toString: z.unknown().optional(), a: z.string() });
    expect(acceptor(inherited)({ a: 'x' })).toBe(false);
    expect(inherited.safeParse({ a: 'x' }).success).toBe(true);
    expect(acceptor(inherited)({ a: 'x', toString: 'y' })).toBe(true);
  });

  it("accepts every record of the repository's own records/ folder", () => {
    const records = join(import.meta.dirname, '..', 'records');
    let files = 0;
    for (const source of readdirSync(records)) {
      for (const name of readdirSync(join(records, source))) {
        const split = splitFrontmatter(readFileSync(join(records, source, name), 'utf8'));
        if (!('parts' in split)) throw new Error(`${source}/${name}: no frontmatter`);
        const parsed = parseYaml(split.parts.yaml);
        if (!('data' in parsed)) throw new Error(`${source}/${name}: bad YAML`);
        const schema = name === 'source.md' ? sourceSchema : itemSchema([]);
        expect(acceptor(schema)(parsed.data), `${source}/${name}`).toBe(true);
        files++;
      }
    }
    expect(files).toBeGreaterThan(40);
  });
});
