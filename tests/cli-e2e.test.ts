// The end-to-end contract: the built CLI in a child process (track) against
// the in-process CLI (runTrack, through runCli), byte for byte: the same exit
// code, stdout and stderr for the same arguments, folder, environment and
// standard input. Tests that check what the CLI prints use runTrack on the
// strength of this test; and a run leaves nothing behind in the test's
// process. (The launcher, signals, the language server, concurrent writers
// and the packed package have end-to-end tests of their own.)
// @module-tag slow (some twenty commands in child processes)

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG, SOURCE, item, runTrack, track, workspace, type CliOptions } from './helpers.js';
import { TODAY, tracker } from './status-fixture.js';

/** A fresh workspace per run, so commands that write see the same files in both. */
function broken(): string {
  return workspace({
    'meetings.yaml': '- date: 2008-04-15\n  title: Scrutiny Board\n',
    'records/cd/source.md': SOURCE,
    'records/cd/r1.md': item('title: One\nnumber: 1\nowners: [leeds-pct]\nstage: 9\ndue: 2008-02-30'),
    'records/cd/r2.md': '---\ntitle: [unclosed\n---\nText.\n',
    'notes/note.txt': 'From a file, relative to the folder.\n',
  });
}

// What: the workspace, the arguments, the options (cwd relative to the workspace), and the files the command must write there.
// (The plain dashboard is compared at the end of the next describe, after runs that set colour and a date.)
const CASES: [string, () => string, string[], CliOptions?, string[]?][] = [
  ['status --json', tracker, ['status', '--json', '--today', TODAY]],
  ['status, coloured by FORCE_COLOR', tracker, ['status', '--today', TODAY], { env: { NO_COLOR: undefined, FORCE_COLOR: '1' } }],
  ['list as CSV, today from TRACK_TODAY', tracker, ['list', '--format', 'csv'], { env: { TRACK_TODAY: TODAY } }],
  ['validate with errors, exit 1', broken, ['validate', '--today', TODAY]],
  ['a workspace found from a subfolder, annotations for GitHub', broken, ['validate', '--format', 'github', '--today', TODAY], { cwd: 'notes', env: { GITHUB_WORKSPACE: '/' } }],
  ['--dir, relative to the folder', broken, ['status', '--dir', '..', '--today', TODAY], { cwd: 'notes' }],
  ['no workspace, exit 2', () => workspace({}, false), ['status']],
  ['a bad --today', tracker, ['status', '--today', '2008-02-30']],
  ['an unknown command', tracker, ['frobnicate']],
  ['--help', tracker, ['--help']],
  ['--version', tracker, ['--version']],
  ['update from standard input', broken, ['update', 'cd/r1', '--date', '2008-03-01', '--today', TODAY], { input: 'Piped in.\n' }],
  ['new with empty standard input', broken, ['new', 'cd', '--title', 'Three', '--today', TODAY]],
  ['a report to a file relative to the folder', tracker, ['report', 'tracking-report', '-o', 'paper.md', '--today', TODAY], {}, ['paper.md']],
  ['init in a new folder', () => workspace({}, false), ['init', 'board', '--today', TODAY], {}, ['board/track.config.yaml']],
  ['schema --out, relative to the folder', () => workspace({ 'track.config.yaml': CONFIG }, false), ['schema', '--out', 'schemas'], {}, ['schemas/item.schema.json']],
];

describe('runTrack is the CLI in a child process, byte for byte', () => {
  for (const [what, make, args, options = {}, written = []] of CASES) {
    it(what, async () => {
      const [a, b] = [make(), make()];
      const at = (root: string): CliOptions => ({ ...options, cwd: join(root, options.cwd ?? '') });
      // The child runs on another core while the same command runs here.
      const [child, inProcess] = await Promise.all([track(args, at(a)), runTrack(args, at(b))]);
      // Temporary folders differ: compare with each run's own folder named alike.
      const same = (text: string, root: string) => text.split(root).join('<workspace>').split(root.slice(1)).join('<workspace>');
      expect({ ...inProcess, stdout: same(inProcess.stdout, b), stderr: same(inProcess.stderr, b) }).toEqual({
        ...child,
        stdout: same(child.stdout, a),
        stderr: same(child.stderr, a),
      });
      // Relative paths are the folder's, in both: a path the CLI resolved from the test's own folder would write elsewhere.
      for (const path of written) expect([existsSync(join(a, path)), existsSync(join(b, path))], path).toEqual([true, true]);
    });
  }

  it('writes the same files: a report through -o, an update from a note file', async () => {
    const [a, b] = [broken(), broken()];
    const args = ['update', 'cd/r1', '--note-file', 'note.txt', '--date', '2008-03-01', '--today', TODAY];
    expect((await track(args, { cwd: join(a, 'notes') })).code).toBe(0);
    expect((await runTrack(args, { cwd: join(b, 'notes') })).code).toBe(0);
    expect(readFileSync(join(b, 'records/cd/r1.md'), 'utf8')).toBe(readFileSync(join(a, 'records/cd/r1.md'), 'utf8'));
    expect(readFileSync(join(b, 'records/cd/r1.md'), 'utf8')).toContain('note: From a file, relative to the folder.');
  });
});

describe('a run in-process leaves nothing behind', () => {
  it('not the exit code, the environment, the folder, signal handlers or colour', async () => {
    const env = process.env;
    const keys = JSON.stringify(Object.entries(process.env).sort());
    const cwd = process.cwd();
    const listeners = ['SIGINT', 'SIGTERM', 'exit'].map((s) => process.listenerCount(s));
    const root = tracker();
    const coloured = await runTrack(['status', '--today', TODAY], { cwd: root, env: { NO_COLOR: undefined, FORCE_COLOR: '1', TRACK_TODAY: '2008-01-01' } });
    expect(coloured.stdout).toContain('\x1b[');
    expect((await runTrack(['show', 'cd/r99'], { cwd: root })).code).toBe(1);
    expect((await runTrack(['frobnicate'], { cwd: root })).code).toBe(2);
    expect(process.exitCode).toBeUndefined();
    expect(process.env).toBe(env);
    expect(JSON.stringify(Object.entries(process.env).sort())).toBe(keys);
    expect(process.cwd()).toBe(cwd);
    expect(['SIGINT', 'SIGTERM', 'exit'].map((s) => process.listenerCount(s))).toEqual(listeners);
    // The next run is plain again: no colour, no date left from the run before.
    const plain = await runTrack(['status', '--today', TODAY], { cwd: root });
    expect(plain.stdout).not.toContain('\x1b[');
    expect(plain).toEqual(await track(['status', '--today', TODAY], { cwd: root }));
  });
});
