// What the store knows of each input file without reading it: size, mtime,
// ctime and inode. ctime and inode see what size and mtime miss: a copy that
// keeps the time (cp -p, rsync -t) still changes the ctime, and a file
// replaced by a rename has another inode.

import { closeSync, fstatSync, openSync, statSync } from 'node:fs';

/** Numbers per file in a stamp list. */
export const STAMP = 4;

/** A file changed this recently may change again within the same clock tick, unseen: it is not cached. */
export const RACY_MS = 2000;

/** Puts a file's stamp at offset `o` of `stamps`, given its path or an open descriptor: false for a missing or unreadable file. */
type Stamper = (file: string | number, stamps: Float64Array, o: number) => boolean;

function withStatSync(file: string | number, stamps: Float64Array, o: number): boolean {
  let stat;
  try {
    stat = typeof file === 'number' ? fstatSync(file) : statSync(file, { throwIfNoEntry: false });
  } catch {
    return false;
  }
  if (!stat) return false;
  stamps[o] = stat.size;
  stamps[o + 1] = stat.mtimeMs;
  stamps[o + 2] = stat.ctimeMs;
  stamps[o + 3] = stat.ino;
  return true;
}

/**
 * On Node 20 only: its own stat binding, which fills an array of numbers.
 * Node 20's `statSync` also makes a `Stats` object with four `Date`s for each
 * file (Node 22 makes them only when they are read), about a third of the
 * time of stamping 10,000 files. Node 20 is at its end of life, so this
 * internal no longer changes (it is called in a way that suits its earlier
 * releases too); even so it is used only when it stamps this process's own
 * executable exactly as `statSync` does, and a test holds the two equal on
 * files, folders, links and missing paths. Anywhere else, or in any doubt:
 * `statSync`.
 */
function node20Stamper(): Stamper | undefined {
  if (process.versions.node.split('.')[0] !== '20') return undefined;
  // process.binding is deprecated: under --pending-deprecation it would print a warning.
  if (process.execArgv.includes('--pending-deprecation') || (process.env['NODE_OPTIONS'] ?? '').includes('--pending-deprecation')) return undefined;
  try {
    // The fourth argument was an object for errors before Node 20's sync calls learnt to throw for themselves (it is now
    // whether to throw on a missing file): an object is safe either way. Any failure, thrown or not, is "no stamp".
    type Binding = { stat(path: string, bigint: false, req: undefined, errorsOrThrow: object): Float64Array | undefined; fstat(fd: number, bigint: false, req: undefined, errorsOrThrow: object): Float64Array | undefined };
    const fs = (process as unknown as { binding(name: 'fs'): Binding }).binding('fs');
    const stamper: Stamper = (file, stamps, o) => {
      let v;
      try {
        v = typeof file === 'number' ? fs.fstat(file, false, undefined, {}) : fs.stat(file, false, undefined, {});
      } catch {
        return false;
      }
      if (!v) return false;
      // dev, mode, nlink, uid, gid, rdev, blksize, ino, size, blocks, then seconds and nanoseconds of atime, mtime, ctime, birthtime;
      // milliseconds worked out as Node's Stats does.
      stamps[o] = v[8]!;
      stamps[o + 1] = v[12]! * 1e3 + v[13]! / 1e6;
      stamps[o + 2] = v[14]! * 1e3 + v[15]! / 1e6;
      stamps[o + 3] = v[7]!;
      return true;
    };
    const mine = new Float64Array(STAMP);
    const node = new Float64Array(STAMP);
    const agree = stamper(process.execPath, mine, 0) && withStatSync(process.execPath, node, 0) && mine.every((n, k) => n === node[k]);
    let fdAgrees = false;
    const fd = openSync(process.execPath, 'r');
    try {
      fdAgrees = stamper(fd, mine, 0) && mine.every((n, k) => n === node[k]);
    } finally {
      closeSync(fd);
    }
    return agree && fdAgrees && !stamper(`${process.execPath}.no-such-file`, mine, 0) ? stamper : undefined;
  } catch {
    return undefined;
  }
}

/** How files are stamped in this process (exported for the test that holds the two ways equal). */
export const stamper: { fast: boolean; stamp: Stamper } = (() => {
  const fast = node20Stamper();
  return { fast: fast !== undefined, stamp: fast ?? withStatSync };
})();

/** `statSync`'s way of stamping, whatever this process uses (for the test that holds the two ways equal). */
export const statSyncStamper: Stamper = withStatSync;

/**
 * Put the stamp of a file (its path, or a descriptor open on it) at slot `at`
 * of `stamps`; a missing or unreadable file gets -1s. Returns whether it exists.
 */
export function stampFile(file: string | number, stamps: Float64Array, at: number, using: Stamper = stamper.stamp): boolean {
  const o = at * STAMP;
  if (using(file, stamps, o)) return true;
  stamps.fill(-1, o, o + STAMP);
  return false;
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
