// Reading many files on a second thread must give exactly what reading them
// one by one gives, in order, and must never lose a file or hang.

import { chmodSync, mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readFiles, THREAD_FROM, type FileRead } from '../src/records/read-files.js';

/** THREAD_FROM + 50 files of different sizes, then a folder and a missing file among them. */
function files(): { paths: string[]; expected: FileRead[] } {
  const dir = mkdtempSync(join(tmpdir(), 'track-read-'));
  const paths: string[] = [];
  const expected: FileRead[] = [];
  for (let i = 0; i < THREAD_FROM + 50; i++) {
    const path = join(dir, `r${i}.md`);
    const text = `---\ntitle: Item ${i}\n---\n${'é'.repeat(i % 7)}${'x'.repeat(i)}\n`;
    writeFileSync(path, text);
    const { size, mtimeMs } = statSync(path);
    paths.push(path);
    expected.push({ size, mtimeMs, text });
  }
  const folder = join(dir, 'folder.md');
  mkdirSync(folder);
  paths.splice(10, 0, folder);
  expected.splice(10, 0, { size: statSync(folder).size, mtimeMs: statSync(folder).mtimeMs, code: 'EISDIR' });
  paths.splice(200, 0, join(dir, 'gone.md'));
  expected.splice(200, 0, { size: -1, mtimeMs: -1, code: 'ENOENT' });
  return { paths, expected };
}

async function readAll(paths: string[]): Promise<FileRead[] & { threaded: number }> {
  const got: FileRead[] = [];
  const reading = readFiles(paths);
  await reading.each((index, read) => {
    expect(index).toBe(got.length);
    got.push(read);
  });
  return Object.assign(got, { threaded: reading.threaded() });
}

describe('reading record files', () => {
  it('gives every file in order, with its size, mtime and text, or why it could not be read', async () => {
    const { paths, expected } = files();
    const got = await readAll(paths);
    expect(got.threaded).toBe(paths.length);
    expect([...got]).toEqual(expected);
  });

  it('gives the same on the main thread, for fewer files', async () => {
    const { paths, expected } = files();
    const got = await readAll(paths.slice(0, 40));
    expect(got.threaded).toBe(0);
    expect([...got]).toEqual(expected.slice(0, 40));
  });

  it('keeps what arrives before anyone asks, and gives it all once asked', async () => {
    const { paths, expected } = files();
    const reading = readFiles(paths);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const got: FileRead[] = [];
    await reading.each((_index, read) => got.push(read));
    expect(got).toEqual(expected);
    expect(reading.threaded()).toBe(paths.length);
  });

  it('passes on an error thrown while taking a file, and stops reading', async () => {
    const { paths } = files();
    let taken = 0;
    const failing = readFiles(paths).each(() => {
      if (++taken === 300) throw new Error('parser broke');
    });
    await expect(failing).rejects.toThrow('parser broke');
    expect(taken).toBe(300);
  });

  it('reads a file it may not open as unreadable (EACCES), unless run as root', async () => {
    const { paths } = files();
    chmodSync(paths[5]!, 0o000);
    const got = await readAll(paths);
    if (process.getuid?.() === 0) expect(got[5]!.text).toBeDefined();
    else expect(got[5]).toMatchObject({ code: 'EACCES' });
    expect(got).toHaveLength(paths.length);
  });
});
