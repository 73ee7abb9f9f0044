// `track import` end to end: CSV and XLSX trackers into a temporary workspace.

import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readSheetDate } from '../src/interop/uk-dates.js';
import { runTrack, SOURCE, workspace } from './helpers.js';

const TODAY = '2008-03-20';

const fresh = (files: Record<string, string> = {}) => workspace({ 'records/cd/source.md': SOURCE, ...files });
const run = (root: string, ...args: string[]) => runTrack(['import', '--today', TODAY, ...args], { cwd: root });
const itemFiles = (root: string) => readdirSync(join(root, 'records', 'cd')).filter((f) => f !== 'source.md').sort();
const read = (root: string, name: string) => readFileSync(join(root, 'records', 'cd', name), 'utf8');

// The shape of the Word/Excel tables officers keep today.
const TRACKER_CSV = [
  'No.,Recommendation,Lead,Progress,Status,Target date,Notes',
  '1,That Leeds PCT develops a cohesive community development strategy.,Leeds PCT,Draft strategy written.,Achieved,10/03/2008,x',
  '2,"Network of workers, jointly",PCT and Adult Social Services,,4,March 2008,',
  ',Healthy living centres,,,,10 March 2008,',
].join('\r\n');

describe('track import from CSV', () => {
  it('maps the usual headers, converts UK dates, resolves owners to ids and writes one valid file per row', async () => {
    const root = fresh({ 'tracker.csv': TRACKER_CSV });
    const r = await run(root, 'tracker.csv', '--source', 'cd');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      'records/cd/r1.md\tThat Leeds PCT develops a cohesive community development strategy\n' +
        'records/cd/r2.md\tNetwork of workers, jointly\nrecords/cd/r3.md\tHealthy living centres\n',
    );
    expect(r.stderr).toBe('Not imported: the column "Notes" (map one with --map "COLUMN=FIELD").\nCreated 3 items from tracker.csv.\n');
    expect(read(root, 'r1.md')).toBe(
      '---\ntitle: That Leeds PCT develops a cohesive community development strategy\nnumber: 1\nowners: [leeds-pct]\ndue: 2008-03-10\nstage: 2\n' +
        'updates:\n  - date: 2008-03-20\n    note: Draft strategy written.\n---\nThat Leeds PCT develops a cohesive community development strategy.\n',
    );
    expect(read(root, 'r2.md')).toBe('---\ntitle: Network of workers, jointly\nnumber: 2\nowners: [leeds-pct, adult-social-services]\ndue: 2008-03\nstage: 4\n---\n');
    // No number: the next free one; no stage: where track new starts (Leeds 6).
    expect(read(root, 'r3.md')).toBe('---\ntitle: Healthy living centres\nnumber: 3\ndue: 2008-03-10\nstage: 6\n---\n');
    expect((await runTrack(['validate', '--today', TODAY], { cwd: root })).code).toBe(0);
  });

  it('--map names a column the defaults do not know, and a date column dates the update', async () => {
    const csv = 'Ref;Action;Lead officer;Latest update;Updated on\nA1;Publish the plan;Feisal Jassat;Published.;1 Feb 2008\n';
    const root = fresh({ 'plan.csv': csv });
    const r = await run(root, 'plan.csv', '--source', 'cd', '--map', 'Lead officer=owners', '--map', 'updated on=update_date');
    expect([r.code, r.stderr]).toEqual([0, 'Created 1 item from plan.csv.\n']);
    expect(read(root, 'r1.md')).toBe('---\ntitle: Publish the plan\nnumber: 1\nref: A1\nowners: [f-jassat]\nstage: 6\nupdates:\n  - date: 2008-02-01\n    note: Published.\n---\n');
  });

  it('--dry-run prints what would be created and writes nothing', async () => {
    const root = fresh({ 'tracker.csv': TRACKER_CSV });
    const r = await run(root, 'tracker.csv', '--source', 'cd', '--dry-run');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('records/cd/r1.md\tThat Leeds PCT develops a cohesive community development strategy');
    expect(r.stderr).toContain('Would create 3 items from tracker.csv; nothing was written (--dry-run).');
    expect(itemFiles(root)).toEqual([]);
  });

  it('a bad row writes nothing at all and names file:row:column for every problem', async () => {
    const csv = 'No.,Recommendation,Lead,Status,Target date\n7,Good row,PCT,2,10/03/2008\n\n8,Bad date,PCT,2,31/02/2008\n9,Bad stage,Nobody Council,Green,\n';
    const root = fresh({ 'bad.csv': csv });
    const r = await run(root, 'bad.csv', '--source', 'cd');
    expect(r.code).toBe(1);
    // Row numbers as the spreadsheet shows them: the blank row 3 still counts.
    expect(r.stderr).toBe(
      'bad.csv:4:5 "31/02/2008" is not a real date: February 2008 has 29 days\n' +
        'bad.csv:5:3 "Nobody Council" is not in the bodies or people of track.config.yaml: add it there (or as an alias), or map the column with --map\n' +
        'bad.csv:5:4 "Green" is not on the stage scale of track.config.yaml: expected one of 1, 2, 3, 4, 5, 6, or a stage\'s label, or map the word with --stage-map "Green=STAGE"\n' +
        '3 problems in bad.csv; nothing was written. Correct the spreadsheet (or the mapping) and import again.\n',
    );
    expect(itemFiles(root)).toEqual([]);
  });

  it('a number already used in the source, or twice in the sheet, is a problem of its row', async () => {
    const root = fresh({ 'records/cd/r1.md': '---\ntitle: Existing\nnumber: 1\nowners: [leeds-pct]\nstage: 6\n---\n', 'dup.csv': 'No.,Title\n1,Again\n2,Two\n2,Two again\n' });
    const r = await run(root, 'dup.csv', '--source', 'cd');
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n').slice(0, 2)).toEqual(['dup.csv:2:1 number 1 is already used by records/cd/r1.md', 'dup.csv:4:1 number 2 is already used by row 3']);
    expect(itemFiles(root)).toEqual(['r1.md']);
  });

  it('two columns that look like one field stop with exit 2 until --map says which', async () => {
    const root = fresh({ 'two.csv': 'Title,Recommendation\nShort,The long text of the recommendation.\n' });
    const r = await run(root, 'two.csv', '--source', 'cd');
    expect([r.code, r.stderr]).toEqual([
      2,
      'two.csv: the columns "Title" and "Recommendation" both look like the title; say which with --map, for example --map "Recommendation=skip" or --map "Recommendation=text".\n',
    ]);
    expect((await run(root, 'two.csv', '--source', 'cd', '--map', 'Recommendation=text')).code).toBe(0);
    expect(read(root, 'r1.md')).toBe('---\ntitle: Short\nnumber: 1\nstage: 6\n---\nThe long text of the recommendation.\n');
  });

  it('reads a CSV saved as Windows-1252: curly quotes and dashes as written, a stage label with its dash found', async () => {
    const root = fresh();
    writeFileSync(join(root, 'w.csv'), Buffer.from('No.,Title,Status\r\n7,Agree the \x93joint\x94 plan \x96 now \x80 5,Not achieved \x96 obstacle\r\n', 'latin1'));
    const r = await run(root, 'w.csv', '--source', 'cd');
    expect([r.code, r.stderr]).toEqual([0, 'Created 1 item from w.csv.\n']);
    expect(read(root, 'r7.md')).toBe('---\ntitle: Agree the “joint” plan – now € 5\nnumber: 7\nstage: 3\n---\n');
  });

  it('reads a CSV saved as UTF-16 ("Unicode text", tab-separated) as Excel saves it', async () => {
    const root = fresh();
    const text = '\uFEFFNo.\tTitle\tStatus\r\n7\tCafé – plan\tAchieved\r\n';
    writeFileSync(join(root, 'u.csv'), Buffer.from(text, 'utf16le'));
    const r = await run(root, 'u.csv', '--source', 'cd');
    expect([r.code, r.stderr]).toEqual([0, 'Created 1 item from u.csv.\n']);
    expect(read(root, 'r7.md')).toBe('---\ntitle: Café – plan\nnumber: 7\nstage: 2\n---\n');
  });

  it('counts a title in characters as a reader does: emoji are one each and never cut in half; a shortened title is 120 in all', async () => {
    const emoji = '\u{1F600}';
    const root = fresh({ 't.csv': `No.,Title\n1,${emoji.repeat(100)}\n2,${'a'.repeat(119)}${emoji.repeat(5)}\n3,${'b'.repeat(121)}\n` });
    expect((await run(root, 't.csv', '--source', 'cd')).code).toBe(0);
    const title = (file: string) => /^title: (.*)$/m.exec(read(root, file))![1]!.replace(/^"|"$/g, '');
    expect(title('r1.md')).toBe(emoji.repeat(100));
    expect(title('r2.md')).toBe(`${'a'.repeat(119)}…`);
    expect(title('r3.md')).toBe(`${'b'.repeat(119)}…`);
    expect(read(root, 'r2.md')).not.toMatch(/\\ud83d/i);
  });

  it('refuses bad usage with exit 2, a missing source with exit 1, each with one sentence', async () => {
    const root = fresh({ 'tracker.csv': TRACKER_CSV, 'notes.pdf': '%PDF-1.4', 'old.xls': '\u00d0\u00cf' });
    const bad = async (...args: string[]) => {
      const r = await run(root, ...args);
      return [r.code, r.stderr];
    };
    expect(await bad('tracker.csv', '--source', 'cd', '--map', 'Lead=boss')).toEqual([
      2,
      '--map Lead=boss: "boss" is not a field track imports: use one of number, ref, title, text, owners, due, stage, theme, kind, response, report_back, tags, update, update_date, skip.\n',
    ]);
    expect((await bad('tracker.csv', '--source', 'cd', '--map', 'Officer=owners'))[1]).toMatch(/^--map Officer=owners: there is no column "Officer"; the columns are "No\.", "Recommendation"/);
    expect(await bad('tracker.csv', '--source', 'nope')).toEqual([
      1,
      'No source "nope": there is no folder records/nope. The sources are: cd. Make the folder with a source.md first, then import into it.\n',
    ]);
    expect(await bad('notes.pdf', '--source', 'cd')).toEqual([2, 'notes.pdf is neither CSV nor XLSX: save it from the spreadsheet as .csv or .xlsx and use that.\n']);
    expect((await bad('old.xls', '--source', 'cd'))[1]).toContain('is an old Excel workbook (.xls)');
    expect(await bad('missing.csv', '--source', 'cd')).toEqual([2, 'Cannot read missing.csv (ENOENT): check the path, and that it is a file you may read.\n']);
    expect(itemFiles(root)).toEqual([]);
  });
});

describe('track import from XLSX', () => {
  async function workbook(path: string, rows: unknown[][]): Promise<void> {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Tracker');
    for (const row of rows) sheet.addRow(row);
    writeFileSync(path, Buffer.from(await book.xlsx.writeBuffer()));
  }

  it('reads the first sheet: numbers, real Excel dates, text dates and rich text', async () => {
    const root = fresh();
    await workbook(join(root, 'tracker.xlsx'), [
      ['No.', 'Recommendation', 'Responsible', 'Target date', 'Status'],
      [1, 'Cohesive strategy', 'Adult Social Services', new Date(Date.UTC(2008, 5, 30)), '2 (Achieved)'],
      [2, { richText: [{ text: 'Network ' }, { text: 'of workers', font: { bold: true } }] }, 'f-jassat', '10/03/2008', 'Stage 4'],
    ]);
    const r = await run(root, 'tracker.xlsx', '--source', 'cd');
    expect([r.code, r.stderr]).toEqual([0, 'Created 2 items from tracker.xlsx.\n']);
    expect(read(root, 'r1.md')).toBe('---\ntitle: Cohesive strategy\nnumber: 1\nowners: [adult-social-services]\ndue: 2008-06-30\nstage: 2\n---\n');
    expect(read(root, 'r2.md')).toBe('---\ntitle: Network of workers\nnumber: 2\nowners: [f-jassat]\ndue: 2008-03-10\nstage: 4\n---\n');
  });

  it('a bad cell names the row the spreadsheet shows, and nothing is written', async () => {
    const root = fresh();
    await workbook(join(root, 'tracker.xlsx'), [['Title', 'Deadline'], ['Fine', '2008-04'], ['Wrong', '30/02/2008']]);
    const r = await run(root, 'tracker.xlsx', '--source', 'cd');
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n')[0]).toBe('tracker.xlsx:3:2 "30/02/2008" is not a real date: February 2008 has 29 days');
    expect(itemFiles(root)).toEqual([]);
  });

  it('round trip: what track export writes, track import reads back into another workspace', async () => {
    const from = fresh({ 'records/cd/r1.md': '---\ntitle: "=SUM(A1:A2) looks like a formula"\nnumber: 1\nkind: recommendation\nowners: [leeds-pct]\ndue: 2008-06\nstage: 4\n---\n' });
    expect((await runTrack(['export', '--format', 'xlsx', '-o', 'out.xlsx'], { cwd: from })).code).toBe(0);
    const to = fresh();
    const r = await run(to, join(from, 'out.xlsx'), '--source', 'cd', '--map', 'stage_id=stage', '--map', 'stage_label=skip', '--map', 'id=skip');
    expect(r.code).toBe(0);
    expect(read(to, 'r1.md')).toBe('---\ntitle: =SUM(A1:A2) looks like a formula\nnumber: 1\nkind: recommendation\nowners: [leeds-pct]\ndue: 2008-06\nstage: 4\n---\n');
    expect(existsSync(join(to, 'records', 'cd', 'r2.md'))).toBe(false);
  });
});

describe('UK dates in a sheet', () => {
  it.each([
    ['10/03/2008', '2008-03-10'], ['10.3.08', '2008-03-10'], ['10 March 2008', '2008-03-10'], ['10th Mar 2008', '2008-03-10'],
    ['Monday 10 March 2008', '2008-03-10'], ['10-Mar-08', '2008-03-10'], ['March 10, 2008', '2008-03-10'], ['March 2008', '2008-03'],
    ['Sept 2008', '2008-09'], ['03/2008', '2008-03'], ['2008-03-10', '2008-03-10'], ['2008-3', '2008-03'], ['29/02/2008', '2008-02-29'],
  ])('%s is %s', (text, date) => {
    expect(readSheetDate(text)).toEqual({ date });
  });

  it('refuses impossible and shapeless dates in one sentence', async () => {
    expect(readSheetDate('31/02/2008')).toEqual({ problem: '"31/02/2008" is not a real date: February 2008 has 29 days' });
    expect(readSheetDate('13/13/2008')).toEqual({ problem: '"13/13/2008" is not a real date: there is no month 13' });
    expect(readSheetDate('ongoing')).toEqual({ problem: '"ongoing" is not a date: write it as 10/03/2008, 10 March 2008, March 2008 or 2008-03-10' });
    expect(readSheetDate('Ma 2008')).toHaveProperty('problem');
  });
});
