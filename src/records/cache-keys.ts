// What every cache of track shares: where it lives, when a file is too new
// to trust, and the build it was made by. No parsing code, so a remembered
// answer can be checked without loading the loader.

import { existsSync, mkdirSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CACHE_DIR = '.track/cache';
/** The parsed records, in CACHE_DIR (see cache.ts). */
export const RECORDS_CACHE = 'records.v8';
/** A file changed this recently may change again within the same mtime tick, so it is not cached. */
export const RACY_MS = 2000;

// Set by scripts/build.mjs to a hash of the sources; absent when the sources run directly (tests).
declare const __TRACK_BUILD__: string | undefined;

/** Changes whenever track is rebuilt or upgraded: the build's hash of its sources. */
export const BUILD_KEY: string =
  typeof __TRACK_BUILD__ === 'string'
    ? __TRACK_BUILD__
    : (() => {
        // From the sources: this file's own time, which moves with every edit worth a new cache.
        try {
          return `src-${statSync(fileURLToPath(import.meta.url)).mtimeMs}`;
        } catch {
          return 'unknown';
        }
      })();

/** A file's size and mtime in milliseconds, or -1 and -1 when it cannot be looked at (missing, say). */
export function statOrMissing(path: string): [size: number, mtimeMs: number] {
  try {
    const { size, mtimeMs } = statSync(path);
    return [size, mtimeMs];
  } catch {
    return [-1, -1];
  }
}

/** Whether there is a cache of records at all: without one, every file will be read. */
export function hasRecordCache(root: string): boolean {
  return existsSync(join(root, CACHE_DIR, RECORDS_CACHE));
}

/** TRACK_NO_CACHE=1 reads every file, every time. */
export function cacheEnabled(): boolean {
  return process.env['TRACK_NO_CACHE'] !== '1';
}

/**
 * Write a cache file whole or not at all (a temporary file, then a rename).
 * A cache only saves time, so a read-only folder just means no cache.
 */
export function writeCacheFile(file: string, bytes: Uint8Array | readonly Uint8Array[]): void {
  const temp = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(temp, bytes instanceof Uint8Array ? bytes : Buffer.concat(bytes));
    renameSync(temp, file);
  } catch {
    try {
      unlinkSync(temp);
    } catch {
      /* nothing was written */
    }
  }
}
