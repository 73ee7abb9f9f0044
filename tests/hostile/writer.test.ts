// The one writer under attack: links, FIFOs, devices, half-finished writes,
// failures between files, stale locks and signals (issue 14, items 1–3, 9).

import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeError, WriteError } from '../../src/write/failure.js';
import { exitCode } from '../../src/cli/errors.js';
import { createFile, writeFile } from '../../src/write/file.js';
import { setInterruptReporter } from '../../src/write/interrupt.js';
import { lockFile } from '../../src/write/lock.js';
import { Transaction } from '../../src/write/transaction.js';

const folder = () => mkdtempSync(join(tmpdir(), 'track-writer-'));
const debris = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.tmp') || f.endsWith('.lock'));
const hasMkfifo = spawnSync('sh', ['-c', 'command -v mkfifo']).status === 0;

describe('writeFile', () => {
  it('replaces a regular file whole, keeps its permissions, and leaves no temporary file', () => {
    const dir = folder();
    const file = join(dir, 'paper.md');
    writeFileSync(file, 'old');
    chmodSync(file, 0o640);
    writeFile(file, 'new text');
    expect(readFileSync(file, 'utf8')).toBe('new text');
    expect(statSync(file).mode & 0o777).toBe(0o640);
    expect(debris(dir)).toEqual([]);
  });

  it('writes into /dev/null rather than replacing it', () => {
    writeFile('/dev/null', 'discarded');
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
  });

  it.skipIf(!hasMkfifo)('writes into a FIFO, which stays a FIFO', async () => {
    const dir = folder();
    const fifo = join(dir, 'pipe');
    spawnSync('mkfifo', [fifo]);
    const reader = spawn('cat', [fifo]);
    let got = '';
    reader.stdout.on('data', (d: Buffer) => (got += d.toString()));
    const closed = new Promise((resolve) => reader.on('close', resolve));
    writeFile(fifo, 'through the pipe\n');
    await closed;
    expect(got).toBe('through the pipe\n');
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });

  it('refuses a link that leaves the workspace, leaving the link and its target as they were', () => {
    const outside = folder();
    const secret = join(outside, 'passwd');
    writeFileSync(secret, 'root:x:0:0\n');
    const ws = folder();
    const link = join(ws, 'out.html');
    symlinkSync(secret, link);
    expect(() => writeFile(link, 'paper', { shown: 'out.html', within: ws })).toThrow(/^Cannot write out\.html: it is a symbolic link to .*passwd, outside the workspace, and track never replaces a link/);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(secret, 'utf8')).toBe('root:x:0:0\n');
  });

  it('writes through a link that stays inside the workspace, and the link stays a link', () => {
    const ws = folder();
    mkdirSync(join(ws, 'papers'));
    writeFileSync(join(ws, 'papers/2024-03.md'), 'old');
    symlinkSync('papers/2024-03.md', join(ws, 'latest.md'));
    writeFile(join(ws, 'latest.md'), 'new', { within: ws });
    expect(lstatSync(join(ws, 'latest.md')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(ws, 'papers/2024-03.md'), 'utf8')).toBe('new');
    expect(debris(join(ws, 'papers'))).toEqual([]);
  });

  it('refuses a folder, and createFile never replaces what is there', () => {
    const dir = folder();
    expect(() => writeFile(dir, 'x')).toThrow(/it is a folder/);
    writeFileSync(join(dir, 'a'), 'kept');
    expect(createFile(join(dir, 'a'), 'new')).toBe(false);
    expect(readFileSync(join(dir, 'a'), 'utf8')).toBe('kept');
    expect(createFile(join(dir, 'b'), 'made')).toBe(true);
    expect(readFileSync(join(dir, 'b'), 'utf8')).toBe('made');
  });

  it('words a full disk as a full disk, a size limit as a size limit, and a read-only disk as read-only', () => {
    const enospc = writeError(Object.assign(new Error('x'), { code: 'ENOSPC' }), 'records/a/r1.md');
    expect(enospc).toBeInstanceOf(WriteError);
    expect(exitCode(enospc)).toBe(1);
    expect(enospc.message).toBe('Cannot write records/a/r1.md: the disk is full, so nothing was changed; free some space and run the command again.');
    expect(writeError(Object.assign(new Error('x'), { code: 'EFBIG' }), 'f').message).toMatch(/larger than this process may write/);
    expect(writeError(Object.assign(new Error('x'), { code: 'EROFS' }), 'f').message).toMatch(/read-only/);
    expect(enospc.message).not.toMatch(/permission/);
  });
});

describe('Transaction', () => {
  it('commits every file, or on a failure between files puts every file back', () => {
    const dir = folder();
    writeFileSync(join(dir, 'a.md'), 'A0');
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'sub/b.md'), 'B0');
    const tx = new Transaction();
    tx.stage({ path: join(dir, 'a.md'), bytes: 'A1' });
    tx.stage({ path: join(dir, 'new.md'), bytes: 'N1', create: true });
    tx.stage({ path: join(dir, 'sub/b.md'), bytes: 'B1' });
    // The last rename fails: its folder vanished after staging.
    rmSync(join(dir, 'sub'), { recursive: true });
    expect(() => tx.commit()).toThrow(WriteError);
    expect(readFileSync(join(dir, 'a.md'), 'utf8')).toBe('A0');
    expect(existsSync(join(dir, 'new.md'))).toBe(false);
    expect(debris(dir)).toEqual([]);
    const ok = new Transaction();
    ok.stage({ path: join(dir, 'a.md'), bytes: 'A2' });
    ok.stage({ path: join(dir, 'new.md'), bytes: 'N2', create: true });
    ok.commit();
    expect([readFileSync(join(dir, 'a.md'), 'utf8'), readFileSync(join(dir, 'new.md'), 'utf8')]).toEqual(['A2', 'N2']);
    expect(debris(dir)).toEqual([]);
  });

  it('a failure while staging removes every temporary file and changes nothing', () => {
    const dir = folder();
    writeFileSync(join(dir, 'a.md'), 'A0');
    const tx = new Transaction();
    tx.stage({ path: join(dir, 'a.md'), bytes: 'A1' });
    expect(() => tx.stage({ path: dir, bytes: 'x' })).toThrow(/it is a folder/);
    expect(readFileSync(join(dir, 'a.md'), 'utf8')).toBe('A0');
    expect(debris(dir)).toEqual([]);
  });

  describe('on a signal', () => {
    afterEach(() => setInterruptReporter(undefined));
    it('rolls back what is staged, releases locks, and lets the CLI report it', async () => {
      const dir = folder();
      writeFileSync(join(dir, 'a.md'), 'A0');
      const heard: string[] = [];
      setInterruptReporter((signal) => heard.push(signal));
      await lockFile(join(dir, 'a.md'), 'a.md');
      const tx = new Transaction();
      tx.stage({ path: join(dir, 'a.md'), bytes: 'A1' });
      tx.stage({ path: join(dir, 'b.md'), bytes: 'B1', create: true });
      expect(debris(dir).length).toBe(3);
      process.emit('SIGTERM', 'SIGTERM');
      expect(heard).toEqual(['SIGTERM']);
      expect(readFileSync(join(dir, 'a.md'), 'utf8')).toBe('A0');
      expect(existsSync(join(dir, 'b.md'))).toBe(false);
      expect(debris(dir)).toEqual([]);
      expect(process.listenerCount('SIGTERM')).toBe(0);
    });
  });
});

describe('lockFile', () => {
  it('takes over a lock whose process is gone, and one with no owner left by an older track', async () => {
    const dir = folder();
    const file = join(dir, 'r1.md');
    writeFileSync(`${file}.lock`, `${spawnSync('true').pid} ${hostname()}\n`);
    const release = await lockFile(file, 'r1.md', 200);
    expect(readFileSync(`${file}.lock`, 'utf8')).toBe(`${process.pid} ${hostname()}\n`);
    release();
    expect(debris(dir)).toEqual([]);
  });

  it('waits for a live owner, then names it in one sentence', async () => {
    const dir = folder();
    const file = join(dir, 'r1.md');
    const sleeper = spawn('sleep', ['5']);
    try {
      writeFileSync(`${file}.lock`, `${sleeper.pid} ${hostname()}\n`);
      await expect(lockFile(file, 'r1.md', 100)).rejects.toThrow(
        `r1.md is being written by another track process (pid ${sleeper.pid}); wait for it to finish and try again (if none is running, delete r1.md.lock).`,
      );
    } finally {
      sleeper.kill();
    }
  });
});
