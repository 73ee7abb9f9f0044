// Writing a command's output file (-o FILE): whole or not at all.

import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { ExitError } from '../errors.js';

/** A temporary file beside the target, then rename, so a reader never sees half a file. */
export function writeOutputFile(path: string, content: string | Uint8Array): void {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(temp, content);
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new ExitError(2, `Cannot write ${path} (${code}). Check the folder exists and you may write to it.`);
  }
}
