// For many generated record files, an update changes exactly the lines it
// means to: the stage and due lines, and one block of new lines for the update.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseYaml, splitFrontmatter } from '../src/records/frontmatter.js';
import { parseItemText } from '../src/records/parse.js';
import { editItem, type ItemEdit } from '../src/write/edit.js';
import { decodeRecord, encodeRecord, frontmatterRange } from '../src/write/text.js';
import { awkward, recordFile } from './record-files.js';

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
