// The update round in-process: request, owners fill the workbooks as they
// would (exceljs, a CSV re-save), collect, confirm; and every refusal
// leaves the records byte for byte.

import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it, vi } from 'vitest';
import { collect } from '../src/commands/collect.js';
import { confirm } from '../src/commands/confirm.js';
import { request } from '../src/commands/request.js';
import { status, statusJson } from '../src/commands/status.js';
import { update } from '../src/commands/update.js';
import { formatStatus } from '../src/cli/run/status.js';
import { Chalk } from 'chalk';
import { item, SOURCE, workspace } from './helpers.js';

const CONFIG = `organisation: Test Partnership
stages: leeds
bodies:
  - id: leeds-pct
    name: Leeds Primary Care Trust
  - id: adult-social-services
    name: Adult Social Services
  - id: scrutiny-health
    name: Scrutiny Board (Health)
`;

const MEETINGS = `- date: 2008-04-15
  body: scrutiny-health
  title: Scrutiny Board (Health)
`;

const R1 = item(`
title: Cohesive community development strategy
number: 1
owners: [leeds-pct]
due: 2008-06-30
stage: 4
updates:
  - date: 2008-01-10
    note: Work has started.
`);
const R2 = item('title: Network of workers\nnumber: 2\nowners: [leeds-pct, adult-social-services]\ndue: 2008-05\nstage: 4');
const R3 = item('title: Healthy living centres\nnumber: 3\nowners: [adult-social-services]\nstage: 6');
const R4 = item('title: Closed already\nnumber: 4\nowners: [leeds-pct]\nstage: 2');

function round(): string {
  return workspace({
    'track.config.yaml': CONFIG,
    'meetings.yaml': MEETINGS,
    'records/cd/source.md': SOURCE,
    'records/cd/r1.md': R1,
    'records/cd/r2.md': R2,
    'records/cd/r3.md': R3,
    'records/cd/r4.md': R4,
  });
}

const TODAY = '2008-03-10';
const read = (root: string, path: string) => readFileSync(join(root, path), 'utf8');

/** Every file of the records, hashed: a refused collect must leave them byte for byte. */
function recordHashes(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const name of readdirSync(join(root, dir)).sort()) {
      const rel = `${dir}/${name}`;
      if (statSync(join(root, rel)).isDirectory()) walk(rel);
      else out[rel] = createHash('sha256').update(readFileSync(join(root, rel))).digest('hex');
    }
  };
  walk('records');
  out['track.requests.json'] = createHash('sha256').update(readFileSync(join(root, 'track.requests.json'))).digest('hex');
  return out;
}

/** Fill rows of a request workbook as an owner would: by the Id in column A. */
async function fill(path: string, answers: Record<string, (string | Date | undefined)[]>): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  const sheet = workbook.worksheets[0]!;
  sheet.eachRow((row) => {
    const answer = answers[String(row.getCell(1).value)];
    answer?.forEach((value, i) => {
      if (value !== undefined) row.getCell(7 + i).value = value;
    });
  });
  await workbook.xlsx.writeFile(path);
}

/** The first sheet saved as CSV, as a spreadsheet does it: every row, dates as shown, blank rows at the end. */
async function saveAsCsv(xlsx: string, csv: string): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(xlsx);
  const sheet = workbook.worksheets[0]!;
  const lines: string[] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const cells: string[] = [];
    for (let c = 1; c <= 10; c++) {
      const v = sheet.getRow(r).getCell(c).value;
      const text = v === null || v === undefined ? '' : String(v);
      cells.push(/[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
    }
    lines.push(cells.join(','));
  }
  writeFileSync(csv, `${[...lines, ',,,,,,,,,', ''].join('\r\n')}`);
}

describe('track request', () => {
  it('makes one workbook and note per owner with open items, with the columns of the contract, and the same bytes for the same records', async () => {
    const root = round();
    const result = await request({ root, today: TODAY, outDir: join(root, 'out') });
    expect(result.meeting.date).toBe('2008-04-15');
    expect(result.replyBy).toBe('2008-04-01');
    expect(result.requests.map((r) => [r.owner, r.items, r.workbook, r.note])).toEqual([
      ['adult-social-services', ['cd/r2', 'cd/r3'], 'out/adult-social-services.xlsx', 'out/adult-social-services.md'],
      ['leeds-pct', ['cd/r1', 'cd/r2'], 'out/leeds-pct.xlsx', 'out/leeds-pct.md'],
    ]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(root, 'out/leeds-pct.xlsx'));
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getCell('A1').value).toBe('Progress update for Scrutiny Board (Health) on 15 April 2008');
    expect(String(sheet.getCell('A2').value)).toContain('return this workbook by 1 April 2008');
    expect(sheet.getRow(4).values).toEqual([undefined, 'Id', 'No.', 'Recommendation', 'Stage', 'Due', 'Last update', 'Progress', 'Proposed stage', 'New target date', 'Reason for new date']);
    expect(sheet.getRow(5).values).toEqual([undefined, 'cd/r1', '1', 'Cohesive community development strategy', 'Not achieved – progress made acceptable, continue monitoring', '30 June 2008', '10 January 2008']);
    const validation = sheet.getCell('H5').dataValidation;
    expect(validation.type).toBe('list');
    expect(validation.formulae).toEqual(['track!$D$1:$D$6']);
    expect(workbook.getWorksheet('track')!.getCell('D2').value).toBe('Achieved');
    expect(sheet.getCell('A5').protection?.locked).not.toBe(false);
    expect(sheet.getCell('G5').protection?.locked).toBe(false);
    expect(read(root, 'out/leeds-pct.md')).toContain('Please return the workbook by **1 April 2008**.');

    // The same records a day later by the clock: the same bytes (a zip stamps each entry with the time it is written).
    const before = readFileSync(join(root, 'out/leeds-pct.xlsx'));
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 86_400_000 });
    try {
      await request({ root, today: TODAY, outDir: join(root, 'again'), owners: ['Leeds Primary Care Trust'] });
    } finally {
      vi.useRealTimers();
    }
    expect(readFileSync(join(root, 'again/leeds-pct.xlsx')).equals(before)).toBe(true);
  });

  it('refuses an owner with nothing open and a day with no meeting', async () => {
    const root = round();
    await expect(request({ root, today: TODAY, owners: ['nobody'] })).rejects.toThrow('"nobody" owns no open items');
    await expect(request({ root, today: '2008-05-01' })).rejects.toThrow('There is no meeting on or after 1 May 2008 in meetings.yaml');
  });
});

describe('the update round', () => {
  it('request, fill, re-save one as CSV, collect, collect again, confirm and reject', async () => {
    const root = round();
    await request({ root, today: TODAY, outDir: join(root, 'out') });
    expect(statusJson(await status({ root, today: TODAY })).awaiting_replies).toEqual(['adult-social-services', 'leeds-pct']);

    await fill(join(root, 'out/leeds-pct.xlsx'), {
      'cd/r1': ['The strategy was approved by the PCT board.   ', 'Achieved'],
      'cd/r2': ['Consultation is under way.', undefined, new Date(Date.UTC(2008, 8, 30)), 'The consultation runs to the summer.'],
    });
    await fill(join(root, 'out/adult-social-services.xlsx'), {
      'cd/r2': ['Two workers appointed.', '4'],
      'cd/r3': ['Sites chosen.', 'Not achieved – obstacle', '31/03/09', 'Funding came late.'],
    });
    await saveAsCsv(join(root, 'out/adult-social-services.xlsx'), join(root, 'out/adult-social-services.csv'));

    const files = ['out/leeds-pct.xlsx', 'out/adult-social-services.csv'].map((file) => ({ file, path: join(root, file) }));
    const first = await collect({ root, today: '2008-03-25', files, dryRun: false });
    expect(first.updates.map((u) => [u.id, u.owner, u.file, u.row])).toEqual([
      ['cd/r1', 'leeds-pct', 'out/leeds-pct.xlsx', 5],
      ['cd/r2', 'leeds-pct', 'out/leeds-pct.xlsx', 6],
      ['cd/r2', 'adult-social-services', 'out/adult-social-services.csv', 5],
      ['cd/r3', 'adult-social-services', 'out/adult-social-services.csv', 6],
    ]);
    expect(read(root, 'records/cd/r1.md')).toBe(
      item(`
title: Cohesive community development strategy
number: 1
owners: [leeds-pct]
due: 2008-06-30
stage: 4
updates:
  - date: 2008-01-10
    note: Work has started.
  - date: 2008-03-25
    proposed_stage: 2
    by: leeds-pct
    note: The strategy was approved by the PCT board.
`),
    );
    expect(read(root, 'records/cd/r2.md')).toBe(
      item(`
title: Network of workers
number: 2
owners: [leeds-pct, adult-social-services]
due: 2008-09-30
stage: 4
updates:
  - date: 2008-03-25
    by: leeds-pct
    new_due: 2008-09-30
    previous_due: 2008-05
    reason: The consultation runs to the summer.
    note: Consultation is under way.
  - date: 2008-03-25
    proposed_stage: 4
    by: adult-social-services
    note: Two workers appointed.
`),
    );
    expect(read(root, 'records/cd/r3.md')).toBe(
      item(`
title: Healthy living centres
number: 3
owners: [adult-social-services]
due: 2009-03-31
stage: 6
updates:
  - date: 2008-03-25
    proposed_stage: 3
    by: adult-social-services
    new_due: 2009-03-31
    reason: Funding came late.
    note: Sites chosen.
`),
    );
    const afterFirst = recordHashes(root);
    const again = await collect({ root, today: '2008-03-26', files, dryRun: false });
    expect(again).toEqual({ updates: [], alreadyCollected: 4, dryRun: false });
    expect(recordHashes(root)).toEqual(afterFirst);

    const replied = statusJson(await status({ root, today: '2008-03-26' }));
    expect(replied.awaiting_replies).toEqual([]);
    expect(replied.awaiting_confirmation).toEqual(['cd/r1', 'cd/r2', 'cd/r3']);

    const agreed = await confirm({ root, today: '2008-04-16', ids: ['r1', 'r3'], all: false, reject: false });
    expect(agreed.items.map((i) => [i.id, i.stage])).toEqual([['cd/r1', 2], ['cd/r3', 3]]);
    const rejected = await confirm({ root, today: '2008-04-16', ids: ['cd/r2'], all: false, reject: true, note: 'The board asked for evidence first.' });
    expect(rejected.items).toEqual([{ id: 'cd/r2', path: 'records/cd/r2.md', proposed: 4, stage: 4, rejected: true }]);
    expect(read(root, 'records/cd/r1.md')).toContain(
      '  - date: 2008-04-15\n    stage: 2\n    by: scrutiny-health\n    note: Stage 2 (Achieved) agreed by Scrutiny Board (Health) on 15 April 2008.\n---\n',
    );
    expect(read(root, 'records/cd/r1.md')).toMatch(/^---\ntitle: Cohesive community development strategy\nnumber: 1\nowners: \[leeds-pct\]\ndue: 2008-06-30\nstage: 2\n/);
    expect(read(root, 'records/cd/r2.md')).toContain('stage: 4\nupdates:');
    expect(read(root, 'records/cd/r2.md')).toContain('  - date: 2008-04-15\n    stage: 4\n    by: scrutiny-health\n    note: The board asked for evidence first.\n---\n');

    const summary = await status({ root, today: '2008-04-16' });
    const json = statusJson(summary);
    expect([json.open, json.closed, json.awaiting_confirmation, json.awaiting_replies]).toEqual([2, 2, [], []]);
    expect(formatStatus(summary, new Chalk({ level: 0 }), 100)).toMatchInlineSnapshot(`
      "Status on 16 April 2008

      Stage  Label                                                                        Items
      1      Stop monitoring or determine whether any further action is required  closed      0
      2      Achieved                                                             closed      2
      3      Not achieved – obstacle                                              open        1
      4      Not achieved – progress made acceptable, continue monitoring         open        1
      5      Not achieved – progress made not acceptable, continue monitoring     open        0
      6      Not for review this session                                          open        0

      4 items: 2 open, 2 closed
      Next meeting: none in meetings.yaml

      Overdue: none

      Stale: none

      Unassigned: none

      Response overdue (4)
        Id     Title                                   Owner
        cd/r1  Cohesive community development strate…  Leeds Primary Care Trust      no executive response
        cd/r2  Network of workers                      Leeds Primary Care Trust; A…  no executive response
        cd/r3  Healthy living centres                  Adult Social Services         no executive response
        cd/r4  Closed already                          Leeds Primary Care Trust      no executive response

      Awaiting confirmation: none

      Due for the next meeting: none

      Since the last meeting (15 April 2008, Scrutiny Board (Health)): 0 closed, 0 stage changes, 0 target dates moved, 0 awaiting confirmation, 0 newly overdue, 0 new items

      Validation: 0 errors, 4 warnings — run track validate for the details
      "
    `);
  });

  it('lists who has not replied in status, text and JSON', async () => {
    const root = round();
    await request({ root, today: TODAY, outDir: join(root, 'out'), replyBy: '2008-04-04' });
    await fill(join(root, 'out/leeds-pct.xlsx'), { 'cd/r1': ['Done.'] });
    await collect({ root, today: TODAY, files: [{ file: 'leeds-pct.xlsx', path: join(root, 'out/leeds-pct.xlsx') }], dryRun: false });
    const summary = await status({ root, today: TODAY });
    expect(statusJson(summary).awaiting_replies).toEqual(['adult-social-services']);
    expect(formatStatus(summary, new Chalk({ level: 0 }), 100)).toContain('Awaiting replies (1)\n  Adult Social Services (adult-social-services): reply by 4 April 2008\n');
  });
});

describe('track collect refuses', () => {
  it('every bad row as FILE:ROW:COLUMN, and writes nothing at all', async () => {
    const root = round();
    await request({ root, today: TODAY, outDir: join(root, 'out') });
    const path = join(root, 'out/leeds-pct.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path);
    const sheet = workbook.worksheets[0]!;
    sheet.getRow(5).getCell(7).value = 'Fine.';
    sheet.getRow(5).getCell(8).value = 'Nearly done';
    sheet.getRow(6).getCell(7).value = 'Moved.';
    sheet.getRow(6).getCell(9).value = '31/02/2009';
    sheet.getRow(7).values = ['cd/r3', '3', 'Healthy living centres', '', '', '', 'Not ours.'];
    sheet.getRow(8).values = ['cd/r9', '9', 'No such item', '', '', '', 'Lost.'];
    sheet.getRow(9).values = ['cd/r4', '4', 'Closed already', '', '', '', 'Mine.', '', '30/06/2008'];
    sheet.getRow(10).values = ['cd/r4', '4', 'Closed already', '', '', '', { error: '#N/A' } as ExcelJS.CellErrorValue];
    await workbook.xlsx.writeFile(path);
    const before = recordHashes(root);
    const refused = collect({ root, today: TODAY, files: [{ file: 'out/leeds-pct.xlsx', path }], dryRun: false });
    await expect(refused).rejects.toThrow(
      [
        'out/leeds-pct.xlsx:5:8 "Nearly done" is not a stage: choose one of "Stop monitoring or determine whether any further action is required", "Achieved", "Not achieved – obstacle", "Not achieved – progress made acceptable, continue monitoring", "Not achieved – progress made not acceptable, continue monitoring", "Not for review this session" (or its number)',
        'out/leeds-pct.xlsx:6:9 "31/02/2009" is not a real date: February 2009 has 28 days',
        'out/leeds-pct.xlsx:6:10 a new target date needs a reason: say why the date moved',
        'out/leeds-pct.xlsx:7:1 cd/r3 is not owned by Leeds Primary Care Trust: its owners are adult-social-services',
        'out/leeds-pct.xlsx:8:1 cd/r9 is not an item in the records: check the Id against the workbook "track request" made',
        'out/leeds-pct.xlsx:9:10 a new target date needs a reason: say why the date moved',
        'out/leeds-pct.xlsx:10:1 cd/r4 is answered twice in this file (rows 9 and 10): keep one row for it',
        'out/leeds-pct.xlsx:10:7 the cell shows the spreadsheet error #N/A, not a value: type the value in instead',
      ].join('\n'),
    );
    expect(recordHashes(root)).toEqual(before);
  });

  it('an item changed since the workbook was made, saying what changed', async () => {
    const root = round();
    await request({ root, today: TODAY, outDir: join(root, 'out') });
    await fill(join(root, 'out/leeds-pct.xlsx'), { 'cd/r1': ['Done.', 'Achieved'] });
    await update({ root, today: '2008-03-12', ids: ['cd/r1'], note: 'Agreed at a special meeting.', stage: '5', date: '2008-03-12' });
    const before = recordHashes(root);
    await expect(collect({ root, today: '2008-03-20', files: [{ file: 'leeds-pct.xlsx', path: join(root, 'out/leeds-pct.xlsx') }], dryRun: false })).rejects.toThrow(
      'leeds-pct.xlsx:5:1 cd/r1 has changed since this workbook was made: its stage is now 5 (Not achieved – progress made not acceptable, continue monitoring), not Not achieved – progress made acceptable, continue monitoring, and an update of 12 March 2008 has been added;',
    );
    expect(recordHashes(root)).toEqual(before);
  });

  it('a workbook that says nothing of whose it is, or has lost its columns', async () => {
    const root = round();
    writeFileSync(join(root, 'replies.csv'), 'Id,Progress\r\ncd/r1,Done\r\n');
    await expect(collect({ root, today: TODAY, files: [{ file: 'replies.csv', path: join(root, 'replies.csv') }], dryRun: false })).rejects.toThrow(
      'replies.csv:1:1 has no "No." column',
    );
  });
});

describe('track collect counts each reply once, in its own round', () => {
  const updatesOf = (root: string, file: string) => read(root, `records/cd/${file}`).split('\n  - date: ').length - 1;
  const requests = (root: string) => (JSON.parse(read(root, 'track.requests.json')) as { requests: { owner: string; meeting: string; returned?: string }[] }).requests;

  it('the same workbook twice in one run, or a copy of it, adds its updates once', async () => {
    const root = round();
    await request({ root, today: TODAY, outDir: join(root, 'out') });
    const path = join(root, 'out/leeds-pct.xlsx');
    await fill(path, { 'cd/r1': ['Moved.', undefined, '30/09/2008', 'Waiting for funding.'] });
    writeFileSync(join(root, 'out/copy.xlsx'), readFileSync(path));
    const r = await collect({ root, today: TODAY, files: [{ file: 'a', path }, { file: 'b', path }, { file: 'c', path: join(root, 'out/copy.xlsx') }], dryRun: false });
    expect([r.updates.length, r.alreadyCollected]).toEqual([1, 2]);
    expect(updatesOf(root, 'r1.md')).toBe(2);
    expect(read(root, 'records/cd/r1.md')).toContain('new_due: 2008-09-30\n    previous_due: 2008-06-30\n    reason: Waiting for funding.\n');
  });

  it('a reply that says what the owner said in an earlier round is a new update; the earlier workbook again adds nothing and answers only its own request', async () => {
    const root = round();
    writeFileSync(join(root, 'meetings.yaml'), `${MEETINGS}- date: 2008-07-15\n  body: scrutiny-health\n  title: Scrutiny Board (Health)\n`);
    await request({ root, today: TODAY, outDir: join(root, 'march'), owners: ['leeds-pct'] });
    await fill(join(root, 'march/leeds-pct.xlsx'), { 'cd/r1': ['No change this quarter.'] });
    await collect({ root, today: TODAY, files: [{ file: 'march.xlsx', path: join(root, 'march/leeds-pct.xlsx') }], dryRun: false });
    expect(updatesOf(root, 'r1.md')).toBe(2);

    await request({ root, today: '2008-06-01', outDir: join(root, 'june'), owners: ['leeds-pct'] });
    expect(requests(root).map((r) => [r.meeting, r.returned])).toEqual([['2008-04-15', TODAY], ['2008-07-15', undefined]]);
    // The March workbook again, in June: nothing added, and the July request is still awaited.
    const again = await collect({ root, today: '2008-06-02', files: [{ file: 'march.xlsx', path: join(root, 'march/leeds-pct.xlsx') }], dryRun: false });
    expect([again.updates.length, again.alreadyCollected]).toEqual([0, 1]);
    expect(requests(root).map((r) => [r.meeting, r.returned])).toEqual([['2008-04-15', TODAY], ['2008-07-15', undefined]]);
    expect(statusJson(await status({ root, today: '2008-06-02' })).awaiting_replies).toEqual(['leeds-pct']);

    // The June reply says the same words: it is this round's update, not the March one again.
    await fill(join(root, 'june/leeds-pct.xlsx'), { 'cd/r1': ['No change this quarter.'] });
    const june = await collect({ root, today: '2008-06-10', files: [{ file: 'june.xlsx', path: join(root, 'june/leeds-pct.xlsx') }], dryRun: false });
    expect([june.updates.length, june.alreadyCollected]).toEqual([1, 0]);
    expect(updatesOf(root, 'r1.md')).toBe(3);
    expect(requests(root).map((r) => [r.meeting, r.returned])).toEqual([['2008-04-15', TODAY], ['2008-07-15', '2008-06-10']]);
    // And the June workbook a second time adds nothing.
    const twice = await collect({ root, today: '2008-06-11', files: [{ file: 'june.xlsx', path: join(root, 'june/leeds-pct.xlsx') }], dryRun: false });
    expect([twice.updates.length, twice.alreadyCollected]).toEqual([0, 1]);
  });

  it('a joint owner whose reply is collected after the other moved the date is not refused', async () => {
    const root = round();
    await request({ root, today: TODAY, outDir: join(root, 'out') });
    await fill(join(root, 'out/leeds-pct.xlsx'), { 'cd/r2': ['Postponed.', undefined, '30/06/2008', 'Staff shortage.'] });
    await fill(join(root, 'out/adult-social-services.xlsx'), { 'cd/r2': ['Our part is done.', 'Achieved'] });
    await collect({ root, today: TODAY, files: [{ file: 'leeds-pct.xlsx', path: join(root, 'out/leeds-pct.xlsx') }], dryRun: false });
    const r = await collect({ root, today: TODAY, files: [{ file: 'adult-social-services.xlsx', path: join(root, 'out/adult-social-services.xlsx') }], dryRun: false });
    expect(r.updates).toMatchObject([{ id: 'cd/r2', owner: 'adult-social-services', proposedStage: 2 }]);
    // A date moved by anyone else is still a change.
    await update({ root, today: TODAY, ids: ['cd/r1'], note: 'Moved by the board.', newDue: '2008-12-31', reason: 'Board decision.', by: 'scrutiny-health' });
    await fill(join(root, 'out/leeds-pct.xlsx'), { 'cd/r1': ['Later.'] });
    await expect(collect({ root, today: TODAY, files: [{ file: 'leeds-pct.xlsx', path: join(root, 'out/leeds-pct.xlsx') }], dryRun: false })).rejects.toThrow(
      'cd/r1 has changed since this workbook was made: its target date is now 31 December 2008, not 30 June 2008',
    );
  });

  it('a proposed stage is a stage, or a stage with its own words; a sentence that starts with a number is a problem', async () => {
    const root = round();
    await request({ root, today: TODAY, outDir: join(root, 'out') });
    const path = join(root, 'out/leeds-pct.xlsx');
    await fill(path, { 'cd/r1': ['More time.', '1 more month needed'], 'cd/r2': ['Done.', 'Stage: 2 (achieved)'] });
    const before = recordHashes(root);
    await expect(collect({ root, today: TODAY, files: [{ file: 'leeds-pct.xlsx', path }], dryRun: false })).rejects.toThrow(/^leeds-pct\.xlsx:5:8 "1 more month needed" is not a stage: choose one of/);
    expect(recordHashes(root)).toEqual(before);
    await fill(path, { 'cd/r1': ['More time.', '4 – Not achieved – progress made acceptable, continue monitoring'] });
    const r = await collect({ root, today: TODAY, files: [{ file: 'leeds-pct.xlsx', path }], dryRun: false });
    expect(r.updates.map((u) => [u.id, u.proposedStage])).toEqual([['cd/r1', 4], ['cd/r2', 2]]);
  });

  it('a request for a day of a meeting known only by its month is awaited, and answered, for that meeting', async () => {
    const root = round();
    writeFileSync(join(root, 'meetings.yaml'), '- date: 2008-04\n  body: scrutiny-health\n  title: Scrutiny Board (Health)\n');
    await request({ root, today: TODAY, outDir: join(root, 'out'), meeting: '2008-04-15', owners: ['leeds-pct'] });
    expect(statusJson(await status({ root, today: TODAY })).awaiting_replies).toEqual(['leeds-pct']);
    await fill(join(root, 'out/leeds-pct.xlsx'), { 'cd/r1': ['Done.'] });
    await collect({ root, today: TODAY, files: [{ file: 'leeds-pct.xlsx', path: join(root, 'out/leeds-pct.xlsx') }], dryRun: false });
    expect(statusJson(await status({ root, today: TODAY })).awaiting_replies).toEqual([]);
  });

  it('an Id that could be more than one item lists them', async () => {
    const root = workspace({ 'track.config.yaml': CONFIG, 'meetings.yaml': MEETINGS, 'records/cd/source.md': SOURCE, 'records/cd/r1.md': R1, 'records/ab/source.md': SOURCE, 'records/ab/r1.md': R1 });
    await request({ root, today: TODAY, outDir: join(root, 'out') });
    const path = join(root, 'out/leeds-pct.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path);
    workbook.worksheets[0]!.getRow(5).getCell(1).value = 'r1';
    workbook.worksheets[0]!.getRow(5).getCell(7).value = 'Done.';
    await workbook.xlsx.writeFile(path);
    await expect(collect({ root, today: TODAY, files: [{ file: 'leeds-pct.xlsx', path }], dryRun: false })).rejects.toThrow('leeds-pct.xlsx:5:1 r1 could be any of ab/r1, cd/r1: put back the whole Id');
  });
});
