// Each built-in template rendered on the example records, md and html,
// compared byte for byte. To accept a deliberate change:
//   UPDATE_GOLDEN=1 npx vitest run tests/report-golden.test.ts
// @module-tag slow (twelve papers of the example records, each reading their git history)
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT, runTrack, withSharedCss } from './helpers.js';

const GOLDEN = join(PROJECT_ROOT, 'tests', 'golden');
const UPDATE = process.env['UPDATE_GOLDEN'] === '1';
// Other test files run the CLI on the example at the same time: no shared cache between them.

/** Each built-in with the source and meeting whose seed document it reproduces. */
const PAPERS: Record<string, string[]> = {
  'tracking-report': ['--source', 'leeds-cd-2007', '--meeting', '2008-04'],
  'board-update': ['--source', 'brent-haz-2005', '--meeting', '2006-03'],
  'action-plan': ['--source', 'calderdale-hcg'],
  'committee-report': ['--source', 'durham-jhosc-2007', '--meeting', '2007-07-02'],
  'status-summary': [],
  'meeting-notes': ['--source', 'think-tank-2011', '--meeting', '2011-06-06'],
};

describe('golden papers from the example records', () => {
  for (const [template, args] of Object.entries(PAPERS)) {
    for (const format of ['md', 'html']) {
      it(`${template}.${format}`, async () => {
        const r = await runTrack(['report', template, ...args, '--format', format, '--today', '2026-11-23'], { cwd: PROJECT_ROOT, env: { TRACK_NO_CACHE: '1' } });
        // Calderdale's paper and the summary have no meeting: dated today, and stderr says so.
        if (args.includes('--meeting')) expect(r.stderr).toBe('');
        else expect(r.stderr).toMatch(/^Note: meetings\.yaml has no meeting( of .*)? on or after 23 November 2026, so the paper is dated today/);
        expect(r.code).toBe(0);
        const file = join(GOLDEN, `${template}.${format}`);
        // The print CSS is checked word for word, then kept once, in templates/paper.css.
        const paper = format === 'html' ? withSharedCss(r.stdout) : r.stdout;
        if (UPDATE) {
          mkdirSync(GOLDEN, { recursive: true });
          writeFileSync(file, paper);
        }
        expect(existsSync(file), `${file} is missing: run UPDATE_GOLDEN=1 npx vitest run tests/report-golden.test.ts`).toBe(true);
        expect(paper, `${file} differs: if the change is meant, run UPDATE_GOLDEN=1 npx vitest run tests/report-golden.test.ts`).toBe(readFileSync(file, 'utf8'));
      });
    }
  }
});
