// A remembered result, valid only while every input is unchanged: each record
// file (path, size, mtime), the config, meetings.yaml, the build of track and
// whatever else the caller puts in the key (today, options). An officer who
// runs `track status` twice before a meeting gets the second answer at once.

import { readFileSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { BUILD_KEY, CACHE_DIR, RACY_MS, writeCacheFile } from './cache-keys.js';
import { CONFIG_FILE } from './root.js';
import { MEETINGS_FILE, type RecordTree } from './tree.js';

/**
 * A fingerprint of every file the workspace is read from, or undefined when a
 * result must not be remembered (a file changed within the last moments, or
 * could not be looked at). Fills in each file's size and mtime for the cache.
 */
export function workspaceFingerprint(root: string, tree: RecordTree, now = Date.now()): string | undefined {
  const hash = createHash('sha1').update(BUILD_KEY);
  const look = (absPath: string, path: string): { size: number; mtimeMs: number } | undefined | null => {
    try {
      const { size, mtimeMs } = statSync(absPath);
      hash.update(`\n${path}\t${size}\t${mtimeMs}`);
      return now - mtimeMs < RACY_MS ? undefined : { size, mtimeMs };
    } catch {
      return null;
    }
  };
  let stable = true;
  for (const name of [CONFIG_FILE, MEETINGS_FILE]) {
    if (look(join(root, name), name) === undefined) stable = false;
  }
  for (const ref of tree.files) {
    const seen = look(ref.absPath, ref.path);
    if (!seen) {
      stable = false;
      continue;
    }
    ref.size = seen.size;
    ref.mtimeMs = seen.mtimeMs;
  }
  for (const d of tree.diagnostics) hash.update(`\n${d.file}\t${d.rule}`);
  return stable ? hash.digest('hex') : undefined;
}

/** The value remembered under `name` for exactly `key`, if there is one. */
export function recall<T>(root: string, name: string, key: string): T | undefined {
  try {
    const stored = deserialize(readFileSync(join(root, CACHE_DIR, `${name}.v8`))) as { key?: unknown; value?: unknown };
    return stored?.key === key ? (stored.value as T) : undefined;
  } catch {
    // No memo yet, or a corrupt one: the caller computes afresh.
    return undefined;
  }
}

/** Remember `value` under `name` for `key`, whole or not at all. */
export function remember(root: string, name: string, key: string, value: unknown): void {
  writeCacheFile(join(root, CACHE_DIR, `${name}.v8`), serialize({ key, value }));
}
