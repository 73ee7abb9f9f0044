// Putting bytes on disk safely: a lock per record file, and atomic writes (a
// temporary file in the same folder, fsync, rename), so a reader never sees
// half a file and two writers never lose each other's update.

import { closeSync, fsyncSync, linkSync, openSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { ExitError } from '../errors.js';

export const LOCK_TIMEOUT_MS = 5_000;
/** A lock this old was left behind by a process that died. */
export const LOCK_STALE_MS = 30_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function clock(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/**
 * Take `<file>.lock`, waiting up to the timeout for another track process to
 * finish; returns the function that releases it. `shown` names the file in messages.
 */
export async function lockFile(absPath: string, shown: string, timeoutMs = LOCK_TIMEOUT_MS): Promise<() => void> {
  const lock = `${absPath}.lock`;
  const deadline = Date.now() + timeoutMs;
  for (let wait = 10; ; wait = Math.min(wait * 2, 200)) {
    try {
      const fd = openSync(lock, 'wx');
      writeSync(fd, `${process.pid} ${new Date().toISOString()}\n`);
      closeSync(fd);
      return () => {
        try {
          unlinkSync(lock);
        } catch {
          // Already gone: nothing to release.
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new ExitError(1, `Cannot write ${shown}: its folder is not writable (${(error as NodeJS.ErrnoException).code ?? 'error'}). Check the folder's permissions.`);
      }
    }
    let since: number;
    try {
      since = statSync(lock).mtimeMs;
    } catch {
      continue; // Released between our attempt and the check: try again at once.
    }
    const stale = Date.now() - since > LOCK_STALE_MS;
    if (stale || Date.now() >= deadline) {
      throw new ExitError(
        1,
        `${shown} is locked by another track process since ${clock(since)}${stale ? ', which looks stale' : ''}; ` +
          `if none is running, delete ${shown}.lock and try again.`,
      );
    }
    await sleep(wait);
  }
}

/** Whether a file may be written: its permission bits, since root passes every access check. */
export function isReadOnly(absPath: string): boolean {
  return (statSync(absPath).mode & 0o222) === 0;
}

function tempPath(absPath: string): string {
  return join(dirname(absPath), `.${basename(absPath)}.${process.pid}.${Math.random().toString(36).slice(2, 8)}.tmp`);
}

function writeTemp(absPath: string, bytes: Uint8Array, mode: number): string {
  const temp = tempPath(absPath);
  const fd = openSync(temp, 'wx', mode);
  try {
    writeSync(fd, bytes);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return temp;
}

function syncFolder(folder: string): void {
  try {
    const fd = openSync(folder, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Not every platform can fsync a folder; the rename is still atomic.
  }
}

/** A staged write: the temporary file is on disk; `commit` renames it into place. */
export interface StagedWrite {
  commit(): void;
  abandon(): void;
}

/** Write `bytes` to a temporary file beside `absPath`, keeping the file's permissions. */
export function stageReplace(absPath: string, bytes: Uint8Array): StagedWrite {
  const temp = writeTemp(absPath, bytes, statSync(absPath).mode & 0o7777);
  return {
    commit() {
      renameSync(temp, absPath);
      syncFolder(dirname(absPath));
    },
    abandon() {
      try {
        unlinkSync(temp);
      } catch {
        // Nothing to clean up.
      }
    },
  };
}

/** Create a new file atomically; false (and nothing written) when it already exists. */
export function createFile(absPath: string, bytes: Uint8Array): boolean {
  const temp = writeTemp(absPath, bytes, 0o666);
  try {
    // link() never replaces an existing file, unlike rename().
    linkSync(temp, absPath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP') throw error;
    return createInPlace(absPath, bytes);
  } finally {
    unlinkSync(temp);
  }
  syncFolder(dirname(absPath));
  return true;
}

/** For file systems without hard links (FAT, some shares): exclusive create, then write. */
function createInPlace(absPath: string, bytes: Uint8Array): boolean {
  let fd: number;
  try {
    fd = openSync(absPath, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, bytes);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return true;
}
