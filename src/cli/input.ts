// Text a command takes from the user: a flag, a file, standard input, or an editor.

import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, readSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExitError } from './errors.js';
import { MARKDOWN_MAX_CHARS } from '../records/markdown-limits.js';
import { writeFile } from '../write/file.js';

/** Reading stops here: enough for the longest text track takes (100,000 characters) in any script. */
export const TEXT_MAX_BYTES = 4 * MARKDOWN_MAX_CHARS;
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Up to `max` + 1 bytes of a file descriptor: enough to know it is too long, so /dev/zero cannot run for ever. */
function readUpTo(fd: number, max: number): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.alloc(Math.min(65_536, max + 1 - total));
    let n: number;
    try {
      n = readSync(fd, chunk, 0, chunk.length, null);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EAGAIN') continue;
      if ((error as NodeJS.ErrnoException).code === 'EOF') break;
      throw error;
    }
    if (n === 0) break;
    chunks.push(chunk.subarray(0, n));
    total += n;
    if (total > max) break;
  }
  return Buffer.concat(chunks);
}

/** Text from the user's bytes: UTF-8 (a BOM dropped), at most 100,000 characters, or one sentence saying why not. */
function userText(bytes: Buffer, what: string): string {
  const tooLong = `${what} is longer than the ${MARKDOWN_MAX_CHARS.toLocaleString('en-GB')} characters a note may have; shorten it, or link to the full document.`;
  if (bytes.length > TEXT_MAX_BYTES) throw new ExitError(2, tooLong);
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    throw new ExitError(2, `${what} is not UTF-8 text (perhaps Windows-1252, as older Word and Excel save it); save it as UTF-8 and try again.`);
  }
  text = text.replace(/^\uFEFF/, '');
  if (text.length > MARKDOWN_MAX_CHARS) throw new ExitError(2, tooLong);
  return text;
}

/** All of standard input, when it is not a terminal; undefined on a terminal. */
export function readStdin(): string | undefined {
  if (process.stdin.isTTY) return undefined;
  let bytes: Buffer;
  try {
    bytes = readUpTo(0, TEXT_MAX_BYTES);
  } catch {
    return '';
  }
  return userText(bytes, 'Standard input');
}

export function readTextFile(flag: string, path: string): string {
  let bytes: Buffer;
  try {
    const fd = openSync(path, 'r');
    try {
      bytes = readUpTo(fd, TEXT_MAX_BYTES);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    throw new ExitError(2, `${flag} ${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}). Check the path.`);
  }
  return userText(bytes, `${flag} ${path}`);
}

/** Open $VISUAL or $EDITOR on a file holding `guide`; the text saved, without the guide. */
export function editText(guide: string): string {
  const editor = process.env['VISUAL'] || process.env['EDITOR'] || (process.platform === 'win32' ? 'notepad' : 'vi');
  const dir = mkdtempSync(join(tmpdir(), 'track-'));
  const file = join(dir, 'TEXT.md');
  try {
    writeFile(file, `\n${guide}\n`);
    // The editor setting may carry arguments ("code --wait"), so it goes through the shell.
    const result = spawnSync(`${editor} "${file}"`, { shell: true, stdio: 'inherit' });
    if (result.status !== 0) throw new ExitError(2, `The editor (${editor}) did not finish cleanly, so nothing was written. Give the text with --text instead.`);
    return readFileSync(file, 'utf8').replace(guide, '').trim();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
