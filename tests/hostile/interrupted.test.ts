// Writes cut short from outside the process: a file-size limit (as a nearly
// full disk does), and SIGTERM in the middle of a long import (issue 14, items 1, 3, 9).
// @module-tag slow (track in child processes, cut short by a size limit and by SIGTERM)

import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT, SOURCE, item, runTrack, workspace } from '../helpers.js';

const BIN = join(PROJECT_ROOT, 'bin', 'track.js');
const R1 = item('title: One\nnumber: 1\nowners: [leeds-pct]\nstage: 4');

/** Every file under `dir`, relative, sorted. */
function files(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[]).filter((f) => !f.startsWith('.track')).sort();
}

/** The built CLI under `ulimit -f BLOCKS` (512-byte blocks in POSIX sh). */
function limited(blocks: number, root: string, args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env['TRACK_TODAY'];
  const r = spawnSync('sh', ['-c', `ulimit -f ${blocks}; exec "$0" "$@"`, process.execPath, BIN, ...args], { cwd: root, encoding: 'utf8', env });
  return { code: r.status, stderr: r.stderr, stdout: r.stdout };
}

describe('a write that cannot complete', () => {
  it('update: a size limit leaves the record byte for byte, says why in one sentence, exit 1', () => {
    const root = workspace({ 'records/cd/source.md': SOURCE, 'records/cd/r1.md': R1 });
    const before = files(root);
    const r = limited(4, root, ['update', 'r1', '--note', 'x'.repeat(5000), '--today', '2024-01-01']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('Cannot write records/cd/r1.md: the file would be larger than this process may write (a file-size limit, as set by "ulimit -f"), so nothing was changed; raise the limit and run the command again.\n');
    expect(readFileSync(join(root, 'records/cd/r1.md'), 'utf8')).toBe(R1);
    expect(files(root)).toEqual(before);
  });

  it('update: no room even for the lock leaves no lock, not even an empty one', () => {
    const root = workspace({ 'records/cd/source.md': SOURCE, 'records/cd/r1.md': R1 });
    const before = files(root);
    const r = limited(0, root, ['update', 'r1', '--note', 'x', '--today', '2024-01-01']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^Cannot write records\/cd\/r1\.md\.lock: the file would be larger than this process may write .*, so records\/cd\/r1\.md was left as it was; /);
    expect(files(root)).toEqual(before);
  });

  it('new and import: a size limit writes no file at all', () => {
    const root = workspace({ 'records/cd/source.md': SOURCE, 'records/cd/r1.md': R1, 'big.csv': `No.,Recommendation\n2,Small\n3,${'y'.repeat(6000)}\n4,Small too\n` });
    const before = files(root);
    const n = limited(4, root, ['new', 'cd', '--title', 'Long', '--text', 'z'.repeat(5000), '--today', '2024-01-01']);
    expect([n.code, n.stderr]).toEqual([1, expect.stringMatching(/^Cannot write records\/cd\/r2\.md: the file would be larger .*\n$/)]);
    const i = limited(4, root, ['import', 'big.csv', '--source', 'cd', '--today', '2024-01-01']);
    expect(i.code).toBe(1);
    expect(i.stderr).toMatch(/^Cannot write records\/cd\/r3\.md: the file would be larger .*so nothing was changed/);
    expect(files(root)).toEqual(before);
  });

  it('report -o onto a link that leaves the workspace is refused, and the link is kept', async () => {
    const outside = workspace({ 'secret.txt': 'keep me\n' }, false);
    const root = workspace({ 'records/cd/source.md': SOURCE, 'records/cd/r1.md': R1 });
    symlinkSync(join(outside, 'secret.txt'), join(root, 'paper.md'));
    // Nothing cuts this one short: the CLI in-process (tests/cli-e2e.test.ts holds runTrack to the child's bytes).
    const r = await runTrack(['report', 'status-summary', '-o', 'paper.md', '--today', '2024-01-01'], { cwd: root });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Cannot write paper\.md: it is a symbolic link to .*secret\.txt, outside the workspace, and track never replaces a link/);
    expect(readFileSync(join(outside, 'secret.txt'), 'utf8')).toBe('keep me\n');
  });
});

describe('SIGTERM during a long import', () => {
  it('leaves nothing: no item, no temporary file, no lock; exit 143 with one sentence', async () => {
    const rows = Array.from({ length: 2000 }, (_, i) => `${i + 2},Recommendation ${i + 2}`).join('\n');
    const root = workspace({ 'records/cd/source.md': SOURCE, 'records/cd/r1.md': R1, 'big.csv': `No.,Recommendation\n${rows}\n` });
    const before = files(root);
    const child = spawn(process.execPath, [BIN, 'import', 'big.csv', '--source', 'cd', '--today', '2024-01-01'], { cwd: root, env: { ...process.env, NO_COLOR: '1' } });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', (code, signal) => resolve(code ?? (signal ? -1 : null))));
    // Wait until the files are being staged, then interrupt.
    const folder = join(root, 'records/cd');
    let staging = false;
    for (let i = 0; i < 3000 && !staging && child.exitCode === null; i++) {
      staging = readdirSync(folder).some((f) => f.endsWith('.tmp'));
      if (!staging) await new Promise((r) => setTimeout(r, 5));
    }
    expect(staging).toBe(true);
    child.kill('SIGTERM');
    expect(await exited).toBe(143);
    expect(stderr).toBe('Interrupted (SIGTERM): nothing was written, every file is as it was.\n');
    expect(files(root)).toEqual(before);
  }, 60_000);
});
