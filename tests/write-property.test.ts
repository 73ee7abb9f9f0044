// For many generated record files, an update changes exactly the lines it
// means to: the stage and due lines, and one block of new lines for the update.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseYaml, splitFrontmatter } from '../src/records/frontmatter.js';
import { parseItemText } from '../src/records/parse.js';
import { editItem, type ItemEdit } from '../src/write/edit.js';
import { decodeRecord, encodeRecord, frontmatterRange } from '../src/write/text.js';

const TITLE = ['title: Cohesive strategy', "title: 'It''s agreed'   # quoted", 'title: "Scrutiny: \\"Community\\" caf\\u00e9"', 'title:    spaced   out', 'title: >-\n  folded title\n  over two lines'];
const STAGE = [undefined, 'stage: 4', "stage: '4'   # agreed in 2008", 'stage: "5"', 'stage:    3'];
const DUE = [undefined, 'due: 2008-06-30', "due: '2008-06'  # month", 'due: "2009-01-01"'];
const OTHER = ['number: 1', 'owners: [ leeds-pct ,  adult-social-services ]', '# a full-line comment', '', 'tags: [a,b]', 'theme:  Strategy   # theme', 'response: accepted', 'related: []'];
const NOTE = ['note: short note', 'note: "x: y # not a comment"', "note: 'single ''quoted'''", 'note: |\n  line one\n\n  line three   # kept text', 'note: >\n  folded\n  text', 'note: |+\n  kept\n\n'];

// Text with what YAML finds awkward: colons, hashes, quotes, indicators, line breaks, tabs.
const awkward = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.array(fc.constantFrom(': ', ' #', '"', "'", '\n', '  ', '- ', '|', '>', '&a', '*b', '!t', '%', '@', '`', '\t', 'true', '1', '\\', 'word', '---', 'é', '\r\n'), { maxLength: 30 }).map((parts) => parts.join('')),
  fc.string({ unit: 'grapheme-ascii', minLength: 60, maxLength: 300 }),
);

const updateEntry = (dash: number, gap: number, day: number) =>
  fc.tuple(fc.constantFrom(...NOTE), fc.boolean(), fc.boolean()).map(([note, by, comment]) => {
    const content = ' '.repeat(dash + 1 + gap);
    const lines = [`${' '.repeat(dash)}-${' '.repeat(gap)}date: 2008-01-${String(day).padStart(2, '0')}`];
    if (by) lines.push(`${content}by: leeds-pct`);
    lines.push(...note.split('\n').map((l, i) => (i === 0 ? content + l : l === '' ? '' : content + l)));
    if (comment) lines.push(`${' '.repeat(dash)}# about this update`);
    return lines.join('\n');
  });

const updatesBlock = fc.oneof(
  fc.constant(undefined),
  fc.constantFrom('updates: []', 'updates: [ ]   # none yet', 'updates:', 'updates:   # none yet', 'updates: ~'),
  fc
    .record({ dash: fc.constantFrom(0, 2, 4), gap: fc.constantFrom(1, 3), count: fc.integer({ min: 1, max: 3 }) })
    .chain(({ dash, gap, count }) => fc.tuple(...Array.from({ length: count }, (_, i) => updateEntry(dash, gap, i + 1))))
    .map((entries) => ['updates:', ...entries].join('\n')),
);

const bodyLine = fc.oneof(
  fc.constantFrom('---', '# Heading', 'stage: 9', '', '  indented', 'Trailing spaces   ', 'updates:'),
  fc.string({ unit: 'grapheme', maxLength: 200 }).filter((s) => !/[\r\n]/.test(s) && !/^(<{7}|>{7}|={7})/.test(s)),
);

const recordFile = fc
  .record({
    eol: fc.constantFrom('\n', '\r\n'),
    bom: fc.boolean(),
    title: fc.constantFrom(...TITLE),
    stage: fc.constantFrom(...STAGE),
    due: fc.constantFrom(...DUE),
    other: fc.subarray(OTHER),
    updates: updatesBlock,
    body: fc.array(bodyLine, { maxLength: 40 }),
  })
  .chain((r) => {
    const blocks = [r.title, r.stage, r.due, ...r.other, r.updates].filter((b): b is string => b !== undefined);
    return fc.shuffledSubarray(blocks, { minLength: blocks.length }).map((order) => {
      const text = ['---', ...order, '---', ...r.body, ''].join('\n').replace(/\n/g, r.eol);
      return { ...r, text };
    });
  });

const edits = fc.record(
  {
    stage: fc.constantFrom(1, 2, 3, 4, 5, 6),
    newDue: fc.constantFrom('2010-03-31', '2010-04'),
    reason: awkward,
    by: awkward.filter((s) => s.trim() !== ''),
    note: awkward,
  },
  { requiredKeys: ['note'] },
);

/** The longest common subsequence of two line lists, as matched index pairs. */
function matchedLines(a: string[], b: string[]): { deleted: number[]; inserted: number[] } {
  const n = a.length;
  const m = b.length;
  const lcs = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const deleted: number[] = [];
  const inserted: number[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      i++;
      j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) deleted.push(i++);
    else inserted.push(j++);
  }
  while (i < n) deleted.push(i++);
  while (j < m) inserted.push(j++);
  return { deleted, inserted };
}

const normal = (s: string) =>
  s
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => (l.trim() === '' ? '' : l))
    .join('\n')
    .replace(/\s+$/, '');

const TOP_KEY = /^(stage|due|updates):/;

describe('update edits, property', () => {
  it('change exactly the intended lines of any record file', () => {
    fc.assert(
      fc.property(recordFile, edits, (file, e) => {
        const bytes = Buffer.concat([Buffer.from(file.bom ? [0xef, 0xbb, 0xbf] : []), Buffer.from(file.text)]);
        const record = decodeRecord(bytes)!;
        const before = parseItemText(record.text, 'records/a/r1.md', 'a/r1', 'a', []);
        const change: ItemEdit = {
          update: {
            date: '2009-01-01',
            note: e.note,
            ...(e.stage !== undefined ? { stage: e.stage } : {}),
            ...(e.by !== undefined ? { by: e.by } : {}),
            ...(e.newDue !== undefined ? { newDue: e.newDue, reason: e.reason ?? 'moved' } : {}),
          },
          ...(e.stage !== undefined ? { stage: e.stage } : {}),
          ...(e.newDue !== undefined ? { due: e.newDue } : {}),
        };
        const text = editItem(record, change);
        const out = encodeRecord({ text, bom: record.bom });

        // Bytes around the frontmatter, the BOM and the line endings stay.
        const range = frontmatterRange(record.text)!;
        expect(out.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(file.bom);
        expect(text.startsWith(record.text.slice(0, range.start))).toBe(true);
        expect(text.endsWith(record.text.slice(range.end))).toBe(true);
        if (file.eol === '\r\n') expect(text.slice(0, text.length - (record.text.length - range.end))).not.toMatch(/[^\r]\n/);

        // Only top-level stage/due/updates lines change; every other new line is one block.
        const { deleted, inserted } = matchedLines(record.text.split('\n'), text.split('\n'));
        const oldLines = record.text.split('\n');
        const newLines = text.split('\n');
        for (const i of deleted) expect(oldLines[i]).toMatch(TOP_KEY);
        const block = inserted.filter((j) => !TOP_KEY.test(newLines[j]!));
        expect(block.length).toBeGreaterThan(0);
        // (A blank line of the note may be matched to a blank line the file had: the diff's choice, not a change.)
        const gaps = newLines.slice(block[0], block.at(-1)! + 1).filter((l, k) => !block.includes(block[0]! + k) && l.trim() !== '' && !TOP_KEY.test(l));
        expect(gaps).toEqual([]);

        // And the record reads back as the old one plus the update.
        const after = parseItemText(text, 'records/a/r1.md', 'a/r1', 'a', []);
        expect(after.item).toBeDefined();
        expect(after.diagnostics.filter((d) => d.rule.startsWith('yaml') || d.rule === 'duplicate-key')).toEqual([]);
        const was = before.item!;
        const now = after.item!;
        expect({ ...now, stage: undefined, due: undefined, updates: undefined }).toEqual({ ...was, stage: undefined, due: undefined, updates: undefined });
        // A "|+" note at the very end keeps its blank lines, which now count as its own.
        const notes = (updates: typeof was.updates) => updates.map((u) => ({ ...u, note: normal(u.note) }));
        expect(notes(now.updates.slice(0, -1))).toEqual(notes(was.updates));
        expect(String(now.stage)).toBe(String(e.stage ?? was.stage));
        expect(now.due).toBe(e.newDue ?? was.due);
        const added = now.updates.at(-1)!;
        expect(normal(added.note)).toBe(normal(e.note));
        expect(added.date).toBe('2009-01-01');
        if (e.by !== undefined) expect(added.by).toBe(e.by);
        if (e.stage !== undefined) expect(added.stage).toBe(e.stage);
        if (e.newDue !== undefined) expect(normal(added.reason!)).toBe(normal(e.reason ?? 'moved'));
      }),
      { numRuns: 400 },
    );
  });
});

describe('the frontmatter handed to the parser', () => {
  it('reads the same whatever the line endings, its last line break included', () => {
    fc.assert(
      fc.property(recordFile, (file) => {
        const yamlOf = (text: string) => {
          const split = splitFrontmatter(text);
          if (!('parts' in split)) throw new Error('no frontmatter');
          expect(split.parts.yamlWithBreak.startsWith(split.parts.yaml)).toBe(true);
          return split.parts;
        };
        const lf = yamlOf(file.text.replace(/\r\n/g, '\n'));
        expect(parseYaml(yamlOf(file.text).yamlWithBreak)).toEqual(parseYaml(lf.yamlWithBreak));
      }),
      { numRuns: 400 },
    );
  });
});
