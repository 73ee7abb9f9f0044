// Prints a paper with the system's Chromium (.ci/run installs it with
// poppler-utils) and reads the PDF back. Without them the test is skipped.
// @module-tag slow (Chromium prints a paper)
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findChromium } from '../src/report/pdf.js';
import { item, PROJECT_ROOT, runTrack, SOURCE, workspace } from './helpers.js';

const chromium = findChromium();
const hasPoppler = spawnSync('pdftotext', ['-v']).error === undefined;
const canPrint = chromium !== undefined && hasPoppler;

describe('PDF', () => {
  it.skipIf(!canPrint)('prints the Leeds tracking report to A4 with the organisation and page numbers', async () => {
    const out = join(workspace({}, false), 'leeds.pdf');
    const r = await runTrack(['report', 'tracking-report', '--source', 'leeds-cd-2007', '--meeting', '2008-04', '--format', 'pdf', '-o', out, '--today', '2026-11-23'], { cwd: PROJECT_ROOT, env: { TRACK_NO_CACHE: '1' } });
    expect(r.stderr).toContain(`Wrote ${out}`);
    expect(r.code).toBe(0);
    const info = execFileSync('pdfinfo', [out], { encoding: 'utf8' });
    const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
    expect(info).toMatch(/Page size:\s+59\d\.\d+ x 84\d\.\d+ pts \(A4\)/);
    expect(pages).toBeGreaterThanOrEqual(2);
    const text = execFileSync('pdftotext', ['-layout', out, '-'], { encoding: 'utf8' }).replace(/[ \t]+/g, ' ');
    expect(text).toContain('Recommendation Tracking');
    for (let n = 1; n <= 6; n++) expect(text).toContain(`Recommendation ${n}\n`);
    expect(text).toContain('Stage: 2 (achieved)');
    expect(text).toContain('Health Partnerships Example Workspace');
    expect(text).toContain(`Page ${pages} of ${pages}`);
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
