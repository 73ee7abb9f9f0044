// Prints a paper with the system's Chromium (.ci/run installs it with
// poppler-utils) and reads the PDF back. Without them the test is skipped.
// @module-tag slow (Chromium prints a paper)
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findChromium } from '../src/report/pdf.js';
import { expectInOrder, item, PROJECT_ROOT, runTrack, SOURCE, workspace } from './helpers.js';

const chromium = findChromium();
const hasPoppler = spawnSync('pdftotext', ['-v']).error === undefined;
const canPrint = chromium !== undefined && hasPoppler;

describe('PDF', () => {
  // One paper printed (Chromium's start is most of its cost): the status summary has what the print must keep, the
  // page, the running header and footer, tables, and the charts as drawings with their words.
  it.skipIf(!canPrint)('prints the status summary to A4 with the organisation, page numbers, its tables and its charts as drawings with their words', async () => {
    const out = join(workspace({}, false), 'summary.pdf');
    const r = await runTrack(['report', 'status-summary', '--format', 'pdf', '-o', out, '--today', '2026-11-23'], { cwd: PROJECT_ROOT, env: { TRACK_NO_CACHE: '1' } });
    expect(r.stderr).toContain(`Wrote ${out}`);
    expect(r.code).toBe(0);
    const info = execFileSync('pdfinfo', [out], { encoding: 'utf8' });
    const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
    expect(info).toMatch(/Page size:\s+59\d\.\d+ x 84\d\.\d+ pts \(A4\)/);
    expect(pages).toBeGreaterThanOrEqual(2);
    const text = execFileSync('pdftotext', ['-layout', out, '-'], { encoding: 'utf8' }).replace(/[ \t]+/g, ' ');
    expect(text).toContain('Where the recommendations stand\nHealth Partnerships Example Workspace, 23 November 2026');
    expectInOrder(text, ['By stage', 'Progress at each meeting', 'How long overdue items are past due', 'Unassigned (10)', 'Response overdue (7)', 'No update for a long time']);
    // How the records are kept is not the board's business: no validation count in the paper.
    expect(text).not.toContain('Validation');
    expect(text).toMatch(/ 5 Smaller partners involved in .*\n.* LAA target setting.* unassigned\n/);
    expect(text.match(/^\f?Health Partnerships Example Workspace$/gm)).toHaveLength(pages); // the running header
    for (let n = 1; n <= pages; n++) expect(text).toContain(`Page ${n} of ${pages}`);
    // Words drawn inside the SVGs (axis labels, the legend) and the captions under them.
    const plain = execFileSync('pdftotext', [out, '-'], { encoding: 'utf8' });
    for (const words of ['2 achieved', '6 not for review this session', 'Under 3 months', 'Closed', 'Items by stage on 23 November 2026']) expect(plain).toContain(words);
  });

  it('without a browser: says how to install one, exit 2, writes nothing', async () => {
    const root = workspace({ 'records/cd/source.md': SOURCE, 'records/cd/r1.md': item('title: One\nnumber: 1\nstage: 2') });
    const r = await runTrack(['report', 'tracking-report', '--format', 'pdf', '-o', 'out.pdf'], { cwd: root, env: { TRACK_CHROME: join(root, 'no-such-chrome') } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('sudo apt-get install chromium');
    expect(r.stderr).toContain('TRACK_CHROME');
    expect(readdirSync(root)).not.toContain('out.pdf');
    expect(existsSync(join(root, 'out.pdf'))).toBe(false);
  });
});
