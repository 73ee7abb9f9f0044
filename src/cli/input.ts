// Text a command takes from the user: a flag, a file, standard input, or an editor.

import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ExitError } from './errors.js';
import { charactersOver, MARKDOWN_MAX_CHARS } from '../records/markdown-limits.js';
import { writeFile } from '../write/file.js';
import type { CliContext } from './context.js';
import { readUpTo } from './stdin.js';

/** Reading stops here: enough for the longest text track takes (100,000 characters) in any script. */
export const TEXT_MAX_BYTES = 4 * MARKDOWN_MAX_CHARS;
const UTF8 = new TextDecoder('utf-8', { fatal: true });

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
  if (charactersOver(text, MARKDOWN_MAX_CHARS) !== undefined) throw new ExitError(2, tooLong);
  return text;
}

/** All of standard input, when it is not a terminal; undefined on a terminal. */
export function readStdin(ctx: Pick<CliContext, 'stdin'>): string | undefined {
  const bytes = ctx.stdin(TEXT_MAX_BYTES);
  return bytes === undefined ? undefined : userText(bytes, 'Standard input');
}

/** A file's text; `path` as given on the command line, read from `cwd`. */
export function readTextFile(flag: string, path: string, cwd: string): string {
  let bytes: Buffer;
  try {
    const fd = openSync(resolve(cwd, path), 'r');
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
export function editText(guide: string, env: NodeJS.ProcessEnv): string {
  const editor = env['VISUAL'] || env['EDITOR'] || (process.platform === 'win32' ? 'notepad' : 'vi');
  const dir = mkdtempSync(join(tmpdir(), 'track-'));
  const file = join(dir, 'TEXT.md');
  try {
    writeFile(file, `\n${guide}\n`);
    // The editor setting may carry arguments ("code --wait"), so it goes through the shell.
    const result = spawnSync(`${editor} "${file}"`, { shell: true, stdio: 'inherit', env });
    if (result.status !== 0) throw new ExitError(2, `The editor (${editor}) did not finish cleanly, so nothing was written. Give the text with --text instead.`);
    return readFileSync(file, 'utf8').replace(guide, '').trim();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
