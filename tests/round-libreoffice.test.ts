// What owners really send back: the workbook re-saved by LibreOffice, and a
// CSV LibreOffice saved from it. Skipped where LibreOffice is not installed.
// @module-tag slow (LibreOffice re-saves the workbooks)

import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { collect } from '../src/commands/collect.js';
import { request } from '../src/commands/request.js';
import { item, SOURCE, workspace } from './helpers.js';
import { findOffice, officeProfile } from './libreoffice.js';

const office = findOffice();
const calc = office?.calc === true;

/**
 * LibreOffice saves `file` as `to` into outDir. One conversion after the
 * other: with the profile officeProfile makes, LibreOffice starts in under a
 * second, and two started together to share one LibreOffice could meet the
 * first as it shut down.
 */
async function convert(file: string, to: 'xlsx' | 'csv', outDir: string, profile: string): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  await promisify(execFile)(office!.bin, [profile, '--headless', '--convert-to', to, '--outdir', outDir, file], { timeout: 120_000 });
}

describe('collect after LibreOffice', () => {
  it.skipIf(!calc)('reads a workbook re-saved by LibreOffice and a CSV saved from it', async () => {
    const root = workspace({
      'meetings.yaml': '- date: 2008-04-15\n  title: Scrutiny Board\n',
      'records/cd/source.md': SOURCE,
      'records/cd/r1.md': item('title: One\nnumber: 1\nowners: [leeds-pct]\ndue: 2008-06-30\nstage: 4'),
      'records/cd/r2.md': item('title: Two\nnumber: 2\nowners: [adult-social-services]\nstage: 4'),
    });
    await request({ root, today: '2008-03-10', outDir: join(root, 'out') });
    for (const [owner, answer] of [['leeds-pct', ['Approved.', 'Achieved', '31/03/26', 'Waiting for the board.']], ['adult-social-services', ['Started.', '5']]] as const) {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(join(root, `out/${owner}.xlsx`));
      answer.forEach((value, i) => {
        workbook.worksheets[0]!.getRow(5).getCell(7 + i).value = value;
      });
      await workbook.xlsx.writeFile(join(root, `out/${owner}.xlsx`));
    }
    const profile = officeProfile(office!);
    await convert(join(root, 'out/leeds-pct.xlsx'), 'xlsx', join(root, 'resaved'), profile);
    await convert(join(root, 'out/adult-social-services.xlsx'), 'csv', join(root, 'resaved'), profile);
    const files = ['resaved/leeds-pct.xlsx', 'resaved/adult-social-services.csv'].map((file) => ({ file, path: join(root, file) }));
    const result = await collect({ root, today: '2008-03-20', files, dryRun: false });
    expect(result.updates.map((u) => [u.id, u.owner, u.proposedStage, u.newDue])).toEqual([
      ['cd/r1', 'leeds-pct', 2, '2026-03-31'],
      ['cd/r2', 'adult-social-services', 5, undefined],
    ]);
    expect(readFileSync(join(root, 'records/cd/r1.md'), 'utf8')).toContain(
      '  - date: 2008-03-20\n    proposed_stage: 2\n    by: leeds-pct\n    new_due: 2026-03-31\n    previous_due: 2008-06-30\n    reason: Waiting for the board.\n    note: Approved.\n',
    );
    expect((await collect({ root, today: '2008-03-21', files, dryRun: false })).alreadyCollected).toBe(2);
  }, 240_000);
});
