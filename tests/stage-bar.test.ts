// The stage mix bar `track status` shows on a terminal.
import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { formatStatus } from '../src/cli/run/status.js';
import { segmentWidths, stageBar } from '../src/cli/stage-bar.js';
import { status } from '../src/commands/status.js';
import { PROJECT_ROOT, runTrack } from './helpers.js';

const plain = new Chalk({ level: 0 });
const colour = new Chalk({ level: 1 });
const stages = [
  { id: 1, label: 'Stop', closed: true, colour: 'grey', count: 0 },
  { id: 2, label: 'Achieved', closed: true, colour: 'green', count: 6 },
  { id: 3, label: 'Obstacle', closed: false, colour: 'red', count: 1 },
  { id: 4, label: 'Progress', closed: false, colour: 'amber', count: 8 },
  { id: 6, label: 'Not for review', closed: false, colour: 'grey', count: 28 },
];

describe('the stage mix bar', () => {
  it('shares the cells by count, at least one for any stage with items, filling the width exactly', async () => {
    expect(segmentWidths([0, 6, 1, 8, 28], 40)).toEqual([0, 6, 1, 7, 26]);
    expect(segmentWidths([1, 1000], 10)).toEqual([1, 9]);
    expect(segmentWidths([0, 0], 10)).toEqual([0, 0]);
    for (const counts of [[3, 3, 3], [1, 2, 3, 4, 5, 6, 7, 8], [999, 1, 1, 1]]) {
      const widths = segmentWidths(counts, 23);
      expect(widths.reduce((a, b) => a + b, 0)).toBe(23);
      expect(widths.every((w) => w >= 1)).toBe(true);
    }
  });

  it('gives each stage its own glyph, so it reads without colour, and a key with the counts', async () => {
    const line = stageBar(stages, plain, 100)!;
    expect(line).toBe(`Stage mix  ${'█'.repeat(6)}▓${'▒'.repeat(7)}${'░'.repeat(26)}  █ 2: 6  ▓ 3: 1  ▒ 4: 8  ░ 6: 28`);
    expect(stageBar(stages, colour, 100)).toContain('\u001b[32m██████\u001b[39m');
    expect(stageBar(stages.map((s) => ({ ...s, count: 0 })), plain, 100)).toBeUndefined();
  });

  it('is shown beside the counts on a terminal only; piped output is as it was', async () => {
    const summary = await status({ root: PROJECT_ROOT, today: '2026-11-23', by: 'stage' });
    const piped = formatStatus(summary, plain, 100);
    const terminal = formatStatus(summary, plain, 100, { bar: true });
    expect(piped).not.toContain('Stage mix');
    expect(terminal.replace(/^Stage mix .*\n/m, '')).toBe(piped);
    expect(terminal).toMatch(/items: \d+ open, \d+ closed\nStage mix {2}[█▓▒░]+ {2}█ /);
    const r = await runTrack(['status', '--today', '2026-11-23'], { cwd: PROJECT_ROOT });
    expect(r.stdout).not.toContain('Stage mix');
  });
});
