import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { item, runTrack, SOURCE, workspace } from './helpers.js';

const today = ['--today', '2008-03-10'];

function inquiry(): string {
  return workspace({
    'records/cd/source.md': SOURCE,
    'records/cd/r1.md': item('title: One\nnumber: 1\nowners: [leeds-pct]\nstage: 4'),
    'records/cd/r2a.md': item('title: Two a\nnumber: 2a\nowners: [leeds-pct]\nstage: 4'),
    'records/cd/r5.md': item('title: Five\nnumber: 5\nowners: [leeds-pct]\nstage: 2'),
  });
}

describe('track new', () => {
  it('writes the next number in the source, with the text from --text, and prints the path', async () => {
    const root = inquiry();
    const result = await runTrack(['new', 'cd', '--title', 'Health and wellbeing: a joint plan', '--owner', 'leeds-pct', '--owner', 'PCT', '--due', '2008-09', '--theme', 'Strategy', '--text', 'That the PCT makes a plan.', ...today], { cwd: root });
    expect(result).toEqual({ code: 0, stdout: 'records/cd/r6.md\n', stderr: '' });
    expect(readFileSync(join(root, 'records/cd/r6.md'), 'utf8')).toBe(
      '---\ntitle: "Health and wellbeing: a joint plan"\nnumber: 6\ntheme: Strategy\nowners: [leeds-pct, PCT]\ndue: 2008-09\nstage: 6\n---\nThat the PCT makes a plan.\n',
    );
    expect((await runTrack(['validate', ...today], { cwd: root })).stdout).toMatch(/^0 errors/m);
  });

  it('reads the text from standard input when it is not a terminal, and takes --stage and --kind', async () => {
    const root = inquiry();
    const result = await runTrack(['new', 'cd', '--title', 'Report back', '--stage', '3', '--kind', 'action', ...today], { cwd: root, input: 'Report back in April.\r\n\r\nWith figures.\r\n' });
    expect(result.stdout).toBe('records/cd/r6.md\n');
    expect(readFileSync(join(root, 'records/cd/r6.md'), 'utf8')).toBe('---\ntitle: Report back\nnumber: 6\nkind: action\nstage: 3\n---\nReport back in April.\n\nWith figures.\n');
  });

  it('numbers the first item of an empty source 1', async () => {
    const root = workspace({ 'records/new-review/source.md': SOURCE });
    expect((await runTrack(['new', 'new-review', '--title', 'First', '--text', 'x', ...today], { cwd: root })).stdout).toBe('records/new-review/r1.md\n');
  });

  it('refuses a missing source, an unknown stage and an unknown owner with one message each, writing nothing', async () => {
    const root = inquiry();
    expect(await runTrack(['new', 'nope', '--title', 'T', '--text', 'x', ...today], { cwd: root })).toEqual({
      code: 1,
      stdout: '',
      stderr: 'No source "nope": there is no folder records/nope. The sources are: cd. Make the folder with a source.md first.\n',
    });
    expect(await runTrack(['new', 'cd', '--title', 'T', '--stage', 'green', '--text', 'x', ...today], { cwd: root })).toEqual({
      code: 1,
      stdout: '',
      stderr: '--stage green is not on the stage scale of track.config.yaml: expected one of: 1, 2, 3, 4, 5, 6.\n',
    });
    expect(await runTrack(['new', 'cd', '--title', 'T', '--owner', 'nobody', '--text', 'x', ...today], { cwd: root })).toEqual({
      code: 1,
      stdout: '',
      stderr: 'Refused: records/cd/r6.md would become invalid: the owner "nobody" is not in the bodies or people of track.config.yaml. Nothing was written.\n',
    });
    expect(existsSync(join(root, 'records/cd/r6.md'))).toBe(false);
    expect((await runTrack(['new', 'cd', '--title', 'T', '--due', 'soon', '--text', 'x'], { cwd: root })).code).toBe(2);
    expect((await runTrack(['new', 'cd', '--title', 'T', '--kind', 'wish', '--text', 'x'], { cwd: root })).code).toBe(2);
  });
});
