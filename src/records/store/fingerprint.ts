// What the store knows of each input file without reading it: size, mtime,
// ctime and inode. ctime and inode see what size and mtime miss: a copy that
// keeps the time (cp -p, rsync -t) still changes the ctime, and a file
// replaced by a rename has another inode.

import { statSync } from 'node:fs';

/** Numbers per file in a stamp list. */
export const STAMP = 4;

/** A file changed this recently may change again within the same clock tick, unseen: it is not cached. */
export const RACY_MS = 2000;

/** Put the stamp of `path` at slot `at` of `stamps`; a missing or unreadable file gets -1s. Returns whether it exists. */
export function stampFile(path: string, stamps: Float64Array, at: number): boolean {
  const o = at * STAMP;
  let stat;
  try {
    stat = statSync(path, { throwIfNoEntry: false });
  } catch {
    stat = undefined;
  }
  if (!stat) {
    stamps.fill(-1, o, o + STAMP);
    return false;
  }
  stamps[o] = stat.size;
  stamps[o + 1] = stat.mtimeMs;
  stamps[o + 2] = stat.ctimeMs;
  stamps[o + 3] = stat.ino;
  return true;
}

export function sameStamp(a: ArrayLike<number>, i: number, b: ArrayLike<number>, j: number): boolean {
  const x = i * STAMP;
  const y = j * STAMP;
  return a[x] === b[y] && a[x + 1] === b[y + 1] && a[x + 2] === b[y + 2] && a[x + 3] === b[y + 3];
}

/** Whether the file at slot `at` has settled: it exists and was not modified within `racyMs` of `now`. */
export function settled(stamps: ArrayLike<number>, at: number, now: number, racyMs = RACY_MS): boolean {
  const o = at * STAMP;
  return stamps[o]! >= 0 && now - stamps[o + 1]! >= racyMs;
}
