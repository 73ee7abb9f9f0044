// `track export` end to end: CSV, JSON and XLSX from one temporary workspace.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { EXPORT_COLUMNS } from '../src/interop/columns.js';
import { runTrack, workspace } from './helpers.js';
import { TODAY, tracker } from './status-fixture.js';

const run = (root: string, ...args: string[]) => runTrack(['export', '--today', TODAY, ...args], { cwd: root });

async function readBack(path: string): Promise<{ rows: unknown[][]; created: Date }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  const rows: unknown[][] = [];
  workbook.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return { rows, created: workbook.created };
}

describe('track export', () => {
  const root = tracker();

  it('--format json is the array track list --format json gives', async () => {
    const exported = await run(root, '--format', 'json');
    const listed = await runTrack(['list', '--today', TODAY, '--format', 'json'], { cwd: root });
    expect(exported.code).toBe(0);
    expect(exported.stdout).toBe(listed.stdout);
    expect(JSON.parse(exported.stdout)).toHaveLength(5);
  });

  it('--format csv flattens the same shape: stage in three columns, owners joined, the newest update', async () => {
    const r = await run(root, '--format', 'csv');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\r\n');
    expect(lines[0]).toBe(EXPORT_COLUMNS.join(','));
    expect(lines[0]).toContain('stage_id,stage_label,stage_closed,owners,owner_names');
    expect(lines[0]).toContain('last_update,last_update_note,updates_count,path');
    expect(lines[1]).toBe(
      'cd/r1,cd,1,Cohesive community development strategy,recommendation,Strategy,2,Achieved,true,leeds-pct; adult-social-services,' +
        'Leeds Primary Care Trust; Adult Social Services,accepted,,,,r2,false,true,false,,false,10,false,false,false,,false,' +
        '2008-03-10,Both strategies are near completion.,1,records/cd/r1.md,,',
    );
    // Columns added later (ref, approach) come after path: none of the first release's moves.
    expect(lines[0]).toMatch(/,updates_count,path,ref,approach$/);
    expect(lines).toHaveLength(7); // header, five items, and the empty string after the last CRLF
  });

  it('neutralises a cell a spreadsheet would run as a formula, in CSV and XLSX', async () => {
    const csv = (await run(root, '--format', 'csv')).stdout;
    expect(csv).toContain(`"'=HYPERLINK(""http://x""), a title, with commas"`);
    const out = join(root, 'items.xlsx');
    expect((await run(root, '--format', 'xlsx', '-o', out)).code).toBe(0);
    const { rows } = await readBack(out);
    const title = EXPORT_COLUMNS.indexOf('title');
    expect(rows[3]![title]).toBe('\'=HYPERLINK("http://x"), a title, with commas');
  });

  it('is deterministic: the same records give the same bytes', async () => {
    for (const format of ['csv', 'json']) expect((await run(root, '--format', format)).stdout).toBe((await run(root, '--format', format)).stdout);
  });

  it('xlsx round trip: every row and column, dates as text, booleans and numbers as such, fixed workbook date', async () => {
    const out = join(root, 'round.xlsx');
    const r = await run(root, '--format', 'xlsx', '-o', out);
    expect([r.code, r.stderr]).toEqual([0, `Wrote ${out} (5 items).\n`]);
    const { rows, created } = await readBack(out);
    expect(created.toISOString()).toBe('2000-01-01T00:00:00.000Z');
    expect(rows[0]).toEqual(EXPORT_COLUMNS);
    expect(rows).toHaveLength(6);
    const r2 = rows[2]!;
    const at = (column: string) => r2[EXPORT_COLUMNS.indexOf(column)];
    expect([at('id'), at('number'), at('due'), at('report_back'), at('overdue'), at('stage_id'), at('owners')]).toEqual(['cd/r2', 2, '2008-02', '2008-04', true, 4, 'PCT']);
    expect(readdirSync(root).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('xlsx goes to stdout only when it is not a terminal; -o writes the file whole', async () => {
    const piped = await run(root, '--format', 'xlsx');
    expect(piped.code).toBe(0);
    expect(piped.stdout.startsWith('PK')).toBe(true);
    const out = join(root, 'items.csv');
    expect((await run(root, '-o', out)).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe((await run(root, '--format', 'csv')).stdout);
  });

  it('an empty workspace still gives the header; a folder that does not exist is exit 2', async () => {
    const empty = workspace({});
    expect((await run(empty, '--format', 'csv')).stdout).toBe(`${EXPORT_COLUMNS.join(',')}\r\n`);
    expect((await run(empty, '--format', 'json')).stdout).toBe('[]\n');
    const r = await run(empty, '--format', 'csv', '-o', join(empty, 'no', 'such', 'x.csv'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^Cannot write .*x\.csv: its folder does not exist, so nothing was changed; make the folder first, or check the path\.\n$/);
    expect(existsSync(join(empty, 'no'))).toBe(false);
  });

  it('refuses an unknown format with exit 2', async () => {
    expect((await run(root, '--format', 'ods')).code).toBe(2);
  });
});
