import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CandidateCheck } from '../src/records/candidate.js';
import type { Workspace } from '../src/records/model.js';
import { loadWorkspace } from '../src/records/store/index.js';
import { checkCandidates } from '../src/rules/candidates.js';
import { writeItemEdits, type PlannedEdit } from '../src/write/items.js';
import { editItem, RefusedEdit, type ItemEdit } from '../src/write/edit.js';
import { scalar, textLines } from '../src/write/scalar.js';
import { decodeRecord, encodeRecord } from '../src/write/text.js';
import { parseItemText } from '../src/records/parse.js';
import { SOURCE, item, workspace } from './helpers.js';

const edit = (text: string, change: ItemEdit) => editItem(decodeRecord(Buffer.from(text))!, change);
const note = (text: string) => ({ update: { date: '2008-03-10', note: text } });

describe('editItem', () => {
  it('appends to a block list of updates, in its own indentation, and keeps comments and quoting', () => {
    const before = [
      '---',
      "title: 'Cohesive strategy'   # as in the report",
      'stage: "4"',
      'updates:',
      '    -   date: 2008-01-10',
      '        note: First.   # trailing',
      '# about the updates',
      'tags: [ a ,b ]',
      '---',
      'Body.',
      '',
    ].join('\n');
    const after = edit(before, { stage: 2, update: { date: '2008-03-10', stage: 2, by: 'leeds-pct', note: 'Achieved.' } });
    expect(after).toBe(
      [
        '---',
        "title: 'Cohesive strategy'   # as in the report",
        'stage: "2"',
        'updates:',
        '    -   date: 2008-01-10',
        '        note: First.   # trailing',
        '    -   date: 2008-03-10',
        '        stage: 2',
        '        by: leeds-pct',
        '        note: Achieved.',
        '# about the updates',
        'tags: [ a ,b ]',
        '---',
        'Body.',
        '',
      ].join('\n'),
    );
  });

  it('adds "updates:" at the end of the frontmatter when there is none, and a missing due before stage', () => {
    const before = '---\ntitle: T\nstage: 4\n---\nBody\n';
    const after = edit(before, { due: '2009-06', update: { date: '2008-03-10', newDue: '2009-06', reason: 'Funding moved: the PCT board meets later.', note: 'Delayed.' } });
    expect(after).toBe(
      '---\ntitle: T\ndue: 2009-06\nstage: 4\nupdates:\n  - date: 2008-03-10\n    new_due: 2009-06\n    reason: "Funding moved: the PCT board meets later."\n    note: Delayed.\n---\nBody\n',
    );
  });

  it('keeps CRLF line endings and the BOM', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('---\r\ntitle: T\r\nstage: 4\r\nupdates:\r\n  - date: 2008-01-01\r\n    note: x\r\n---\r\nBody\r\n')]);
    const record = decodeRecord(bytes)!;
    const out = encodeRecord({ text: editItem(record, { stage: 2, ...note('y') }), bom: record.bom });
    expect(out.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(out.subarray(3).toString()).toBe('---\r\ntitle: T\r\nstage: 2\r\nupdates:\r\n  - date: 2008-01-01\r\n    note: x\r\n  - date: 2008-03-10\r\n    note: "y"\r\n---\r\nBody\r\n');
  });

  it('turns "updates: []" and an empty "updates:" into a block list', () => {
    expect(edit('---\ntitle: T\nupdates: []  # none yet\nstage: 4\n---\n', note('x'))).toBe('---\ntitle: T\nupdates:  # none yet\n  - date: 2008-03-10\n    note: x\nstage: 4\n---\n');
    expect(edit('---\ntitle: T\nupdates:\nstage: 4\n---\n', note('x'))).toBe('---\ntitle: T\nupdates:\n  - date: 2008-03-10\n    note: x\nstage: 4\n---\n');
    expect(edit('---\ntitle: T\nupdates: ~\nstage: 4\n---\n', note('x'))).toBe('---\ntitle: T\nupdates:\n  - date: 2008-03-10\n    note: x\nstage: 4\n---\n');
  });

  it('appends to a flow list of updates inside the brackets', () => {
    expect(edit('---\ntitle: T\nstage: 4\nupdates: [{date: 2008-01-01, note: a}]\n---\n', note('b, then c'))).toBe(
      '---\ntitle: T\nstage: 4\nupdates: [{date: 2008-01-01, note: a}, { date: 2008-03-10, note: "b, then c" }]\n---\n',
    );
  });

  it('inserts after a kept block scalar, so its trailing blank lines stay part of it', () => {
    const before = '---\ntitle: T\nstage: 4\nupdates:\n- date: 2008-01-01\n  note: |+\n    kept\n\nafter: 1\n---\n';
    const after = edit(before, note('x'));
    expect(after).toBe('---\ntitle: T\nstage: 4\nupdates:\n- date: 2008-01-01\n  note: |+\n    kept\n\n- date: 2008-03-10\n  note: x\nafter: 1\n---\n');
  });

  it('fills an empty stage and writes a long note as a block', () => {
    const long = 'As both the Leeds PCT Strategy and the Leeds Strategic Plan are near completion, the partners will align them.\nSecond paragraph.';
    const after = edit('---\ntitle: T\nstage:   # to agree\n---\n', { stage: 3, ...note(long) });
    expect(after).toBe(
      '---\ntitle: T\nstage: 3   # to agree\nupdates:\n  - date: 2008-03-10\n    note: |\n      As both the Leeds PCT Strategy and the Leeds Strategic Plan are near completion, the partners will align them.\n      Second paragraph.\n---\n',
    );
  });

  it('leaves the Markdown body alone, even when it holds YAML-looking lines', () => {
    const body = 'stage: 9\nupdates:\n- nothing\n\n---\n';
    const after = edit(`---\ntitle: T\nstage: 4\n---\n${body}`, { stage: 2 });
    expect(after.endsWith(`---\n${body}`)).toBe(true);
    expect(after.startsWith('---\ntitle: T\nstage: 2\n---\n')).toBe(true);
  });

  it('refuses files it cannot edit safely', () => {
    expect(() => edit('no frontmatter', note('x'))).toThrow(RefusedEdit);
    expect(() => edit('---\ntitle: [unclosed\n---\n', note('x'))).toThrow(/not valid YAML/);
    expect(() => edit('---\n{title: T, stage: 4}\n---\n', note('x'))).toThrow(/not a list of "key: value" lines/);
    expect(() => edit('---\ntitle: T\nstage: 4\nupdates: none\n---\n', note('x'))).toThrow(/"updates" is not a list/);
    expect(() => edit('---\ntitle: T\nstage: |\n  4\n---\n', { stage: 2 })).toThrow(/"stage" is not a single value/);
  });
});

describe('scalar', () => {
  it('writes plain text plain, and quotes what YAML would read differently', () => {
    expect(scalar('leeds-pct')).toBe('leeds-pct');
    expect(scalar('Leeds PCT')).toBe('Leeds PCT');
    expect(scalar(2)).toBe('2');
    for (const value of ['2', 'true', 'null', '~', 'yes: no', '- item', '#tag', "it's", ' padded', 'a #b', '', 'x\ny', '0x1F', '0b101', '1e3', '@x', '*a', '&a']) {
      const written = scalar(value);
      const parsed = parseItemText(`---\ntitle: ${written}\nstage: 1\n---\n`, 'r.md', 'a/r', 'a', []);
      expect(parsed.item?.title, `${value} as ${written}`).toBe(value);
    }
    expect(scalar('a, b', true)).toBe('"a, b"');
    expect(scalar('a, b')).toBe('a, b');
  });

  it('writes a note as a block with an indentation indicator when it starts with spaces', () => {
    expect(textLines('note', '  indented\nnext line', '    ')).toEqual(['    note: |2', '        indented', '      next line']);
  });
});

describe('editItem around comments on empty values', () => {
  it('keeps a comment after an empty "updates:"', () => {
    expect(edit('---\ntitle: T\nstage: 4\nupdates:   # none yet\n---\n', note('x'))).toBe('---\ntitle: T\nstage: 4\nupdates:   # none yet\n  - date: 2008-03-10\n    note: x\n---\n');
  });
});

describe('writeItemEdits runs the check its command gives it', () => {
  const R1 = item('title: First\nnumber: 1\nowners: [leeds-pct]\nstage: 4');
  const plan = (ws: Workspace) => [{ item: ws.items[0]!, edit: note('Progress.') }];

  it('refuses, writing nothing, when the check finds errors in the new text; writes when it finds none', async () => {
    const root = workspace({ 'records/cd/source.md': SOURCE, 'records/cd/r1.md': R1 });
    const ws = await loadWorkspace(root);
    const seen: string[] = [];
    const refusing: CandidateCheck = (candidates) => {
      seen.push(...candidates.map((c) => c.after));
      return [{ rule: 'stage-mismatch', severity: 'error', file: 'records/cd/r1.md', line: 0, column: 0, message: 'made up for the test' }];
    };
    await expect(writeItemEdits(ws, refusing, plan(ws))).rejects.toThrow('Refused: records/cd/r1.md would become invalid: made up for the test. Nothing was written.');
    expect(seen[0]).toContain('note: Progress.');
    expect(readFileSync(join(root, 'records/cd/r1.md'), 'utf8')).toBe(R1);
    await writeItemEdits(ws, () => [], plan(ws));
    expect(readFileSync(join(root, 'records/cd/r1.md'), 'utf8')).toContain('note: Progress.');
  });

  it("the command's check is validate's rules: an edit that breaks a record is refused", async () => {
    const root = workspace({ 'records/cd/source.md': SOURCE, 'records/cd/r1.md': R1 });
    const ws = await loadWorkspace(root);
    const broken = [{ item: ws.items[0]!, edit: { update: { date: '2008-03-10', note: 'x', stage: 9 } } }] as PlannedEdit[];
    await expect(writeItemEdits(ws, checkCandidates(ws, '2008-03-10'), broken)).rejects.toThrow(/^Refused: records\/cd\/r1\.md would become invalid: /);
    expect(readFileSync(join(root, 'records/cd/r1.md'), 'utf8')).toBe(R1);
  });
});
