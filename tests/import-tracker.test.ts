// Import of a council tracker as they really are: a title row above the
// headings, the tracker's own references, status words of its own, a stray
// Excel serial date among UK dates, trailing spaces in headings, error cells.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { exitFor } from '../src/cli/errors.js';
import { importItems } from '../src/commands/import.js';
import { BadOption } from '../src/errors.js';
import { SOURCE, workspace } from './helpers.js';

const RAG = `organisation: Test Council
stages: rag
bodies:
  - id: leeds-pct
    name: Leeds Primary Care Trust
    aliases: [PCT]
`;

const LONG = 'That the Council, working with its partners in the NHS and the voluntary sector, reviews the arrangements for hospital discharge. The review should report within six months.';

async function tracker(path: string, extra?: (sheet: ExcelJS.Worksheet) => void): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Tracker');
  sheet.addRow(['Scrutiny Recommendation Tracker 2023/24']);
  sheet.addRow([]);
  sheet.addRow(['Ref ', 'Recommendation ', 'Lead', 'Status', 'Target date ']);
  sheet.addRow(['SR (23/24) 01', 'Scrutiny Inquiry: Community Development', 'PCT', 'Ongoing', '31/03/2024']);
  sheet.addRow(['SR (23/24) 02', 'Dr. Jones to report back', 'PCT', 'Complete', 45382]);
  sheet.addRow(['SR (23/24) 03', LONG, 'PCT', 'Not started', new Date(Date.UTC(2024, 5, 30))]);
  extra?.(sheet);
  await workbook.xlsx.writeFile(path);
}

const options = (root: string, file: string) => ({
  root,
  today: '2024-04-01',
  file,
  path: join(root, file),
  source: 'cd',
  maps: [],
  stageMaps: ['Ongoing=amber', 'Not started=red'],
  dryRun: false,
});

describe('track import of a real tracker', () => {
  it('finds the heading row under the title, keeps refs, maps status words, reads a serial date, shortens only long titles', async () => {
    const root = workspace({ 'track.config.yaml': RAG, 'records/cd/source.md': SOURCE });
    await tracker(join(root, 'tracker.xlsx'));
    const result = await importItems(options(root, 'tracker.xlsx'));
    expect(result.items.map((i) => [i.path, i.row])).toEqual([
      ['records/cd/r1.md', 4],
      ['records/cd/r2.md', 5],
      ['records/cd/r3.md', 6],
    ]);
    const read = (name: string) => readFileSync(join(root, 'records/cd', name), 'utf8');
    expect(read('r1.md')).toBe('---\ntitle: "Scrutiny Inquiry: Community Development"\nnumber: 1\nref: SR (23/24) 01\nowners: [leeds-pct]\ndue: 2024-03-31\nstage: amber\n---\n');
    expect(read('r2.md')).toBe('---\ntitle: Dr. Jones to report back\nnumber: 2\nref: SR (23/24) 02\nowners: [leeds-pct]\ndue: 2024-03-31\nstage: complete\n---\n');
    expect(read('r3.md')).toBe(
      `---\ntitle: That the Council, working with its partners in the NHS and the voluntary sector, reviews the arrangements for hospital…\nnumber: 3\nref: SR (23/24) 03\nowners: [leeds-pct]\ndue: 2024-06-30\nstage: red\n---\n${LONG}\n`,
    );
  });

  it('an error cell is a problem of its row, and nothing is written', async () => {
    const root = workspace({ 'track.config.yaml': RAG, 'records/cd/source.md': SOURCE });
    await tracker(join(root, 'tracker.xlsx'), (sheet) => {
      sheet.addRow(['SR (23/24) 04', 'Fourth', 'PCT', 'Ongoing', { formula: 'VLOOKUP(A1,B:B,2,0)', result: { error: '#N/A' } } as unknown as ExcelJS.CellValue]);
    });
    await expect(importItems(options(root, 'tracker.xlsx'))).rejects.toThrow('tracker.xlsx:7:5 the cell shows the spreadsheet error #N/A, not a value: correct the formula or type the value in');
    expect(readdirSync(join(root, 'records/cd'))).toEqual(['source.md']);
  });

  it('refuses a --stage-map to a stage not on the scale', async () => {
    const root = workspace({ 'track.config.yaml': RAG, 'records/cd/source.md': SOURCE });
    await tracker(join(root, 'tracker.xlsx'));
    const error = await importItems({ ...options(root, 'tracker.xlsx'), stageMaps: ['Ongoing=purple'] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadOption);
    expect(error).toMatchObject({ option: 'stageMaps', value: 'Ongoing=purple' });
    expect(exitFor(error)).toMatchObject({ code: 2, message: expect.stringMatching(/^--stage-map Ongoing=purple: "purple" is not on the stage scale/) });
  });
});
