// A lock per file being edited (`<file>.lock`), so two track processes never
// lose each other's update. The lock names its owner (pid and host); a lock
// whose owner is gone is taken over, and an interrupted command removes its own.

import { closeSync, constants, linkSync, openSync, readFileSync, renameSync, statSync, unlinkSync } from 'node:fs';
import { hostname } from 'node:os';
import { WriteError, writeError } from './failure.js';
import { randomHex, tempName, writeAll } from './file.js';
import { onInterrupt } from './interrupt.js';

export const LOCK_TIMEOUT_MS = 5_000;
/** A lock that names no owner (an older track's, or one cut short) counts as abandoned after this long. */
export const LOCK_UNNAMED_STALE_MS = 30_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone.
  }
}

interface Owner {
  pid?: number;
  host?: string;
  text: string;
  since: number;
}

function readOwner(lock: string): Owner | undefined {
  try {
    const text = readFileSync(lock, 'utf8');
    const since = statSync(lock).mtimeMs;
    const [pid, host] = text.trim().split(/\s+/);
    const owner: Owner = { text, since };
    if (pid !== undefined && /^\d+$/.test(pid)) owner.pid = Number(pid);
    // An older track wrote "pid ISO-time": a time is not a host name.
    if (host !== undefined && !/^\d{4}-\d\d-\d\dT/.test(host)) owner.host = host;
    return owner;
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether the lock's owner has gone: a dead process on this host, or no owner named for a long time. */
function abandoned(owner: Owner): boolean {
  if (owner.pid !== undefined && (owner.host === undefined || owner.host === hostname())) return owner.pid !== process.pid && !alive(owner.pid);
  return owner.pid === undefined && Date.now() - owner.since > LOCK_UNNAMED_STALE_MS;
}

/** Try to make the lock: its contents are complete before it appears (link), so nobody sees an empty lock. */
function tryCreate(lock: string, shown: string): boolean {
  const content = Buffer.from(`${process.pid} ${hostname()}\n`);
  const temp = tempName(lock);
  try {
    const fd = openSync(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0), 0o644);
    try {
      writeAll(fd, content);
    } finally {
      closeSync(fd);
    }
    try {
      linkSync(temp, lock);
      return true;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') return false;
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP') throw error;
      // No hard links here: exclusive create, then the owner's name.
      let fd2: number;
      try {
        fd2 = openSync(lock, 'wx');
      } catch (error2) {
        if ((error2 as NodeJS.ErrnoException).code === 'EEXIST') return false;
        throw error2;
      }
      try {
        writeAll(fd2, content);
      } catch (error2) {
        closeSync(fd2);
        removeQuietly(lock);
        throw error2;
      }
      closeSync(fd2);
      return true;
    }
  } catch (error) {
    throw writeError(error, `${shown}.lock`, `${shown} was left as it was`);
  } finally {
    removeQuietly(temp);
  }
}

/** Move an abandoned lock aside, unless someone else took it over first. */
function takeOver(lock: string, seen: Owner): void {
  const aside = `${lock}.${process.pid}.${randomHex(4)}.tmp`;
  try {
    renameSync(lock, aside);
  } catch {
    return; // Gone already: the next attempt will find out.
  }
  let moved: string | undefined;
  try {
    moved = readFileSync(aside, 'utf8');
  } catch {
    moved = undefined;
  }
  if (moved !== seen.text) {
    // A live lock was made between our look and the move: give it back.
    try {
      linkSync(aside, lock);
    } catch {
      // A third process holds the lock now; the one moved aside is its past.
    }
  }
  removeQuietly(aside);
}

/**
 * Take `<file>.lock`, waiting up to the timeout for another track process to
 * finish; returns the function that releases it. `shown` names the file in messages.
 */
export async function lockFile(path: string, shown: string, timeoutMs = LOCK_TIMEOUT_MS): Promise<() => void> {
  const lock = `${path}.lock`;
  const deadline = Date.now() + timeoutMs;
  let takeOvers = 0;
  for (let wait = 10; ; wait = Math.min(wait * 2, 200)) {
    if (tryCreate(lock, shown)) {
      const forget = onInterrupt(() => removeQuietly(lock));
      return () => {
        forget();
        removeQuietly(lock);
      };
    }
    const owner = readOwner(lock);
    if (owner && abandoned(owner) && takeOvers < 3) {
      takeOvers++;
      takeOver(lock, owner);
      continue;
    }
    if (Date.now() >= deadline) {
      const who = owner?.pid !== undefined ? `another track process (pid ${owner.pid}${owner.host !== undefined && owner.host !== hostname() ? ` on ${owner.host}` : ''})` : 'another track process';
      throw new WriteError(
        'locked',
        shown,
        `${shown} is being written by ${who}; wait for it to finish and try again (if none is running, delete ${shown}.lock).`,
      );
    }
    await sleep(wait);
  }
}
