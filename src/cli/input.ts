// Text a command takes from the user: a flag, a file, standard input, or an editor.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExitError } from '../errors.js';
import { writeFile } from '../write/file.js';

/** All of standard input, when it is not a terminal; undefined on a terminal. */
export function readStdin(): string | undefined {
  if (process.stdin.isTTY) return undefined;
  try {
    return readFileSync(0, 'utf8');
  } catch {
    return '';
  }
}

export function readTextFile(flag: string, path: string): string {
  try {
    return readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  } catch (error) {
    throw new ExitError(2, `${flag} ${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}). Check the path.`);
  }
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
