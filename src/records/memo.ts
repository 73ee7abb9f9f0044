// A remembered result, valid only while every input is unchanged: each record
// file (path, size, mtime), the config, meetings.yaml, the build of track and
// whatever else the caller puts in the key (today, options). An officer who
// runs `track status` twice before a meeting gets the second answer at once.

import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { BUILD_KEY, CACHE_DIR, RACY_MS, statOrMissing, writeCacheFile } from './cache-keys.js';
import { CONFIG_FILE } from './root.js';
import { MEETINGS_FILE, type RecordTree } from './tree.js';

/**
 * A fingerprint of every file the workspace is read from, or undefined when a
 * result must not be remembered (a file changed within the last moments, or
 * could not be looked at). Fills in each file's size and mtime for the cache.
 */
export function workspaceFingerprint(root: string, tree: RecordTree, now = Date.now()): string | undefined {
  // Sizes and mtimes go into one array, hashed at the end with the paths: two
  // hash updates, not one per file.
  const names = [CONFIG_FILE, MEETINGS_FILE];
  const seen = new Float64Array(2 * (names.length + tree.files.length));
  let stable = true;
  const look = (absPath: string, at: number): [size: number, mtimeMs: number] => {
    const [size, mtimeMs] = statOrMissing(absPath);
    seen[2 * at] = size;
    seen[2 * at + 1] = mtimeMs;
    if (size >= 0 && now - mtimeMs < RACY_MS) stable = false;
    return [size, mtimeMs];
  };
  names.forEach((name, at) => look(join(root, name), at));
  tree.files.forEach((ref, at) => {
    const [size, mtimeMs] = look(ref.absPath, names.length + at);
    // A record file that cannot be looked at is read (and reported) afresh.
    if (size < 0) {
      stable = false;
      return;
    }
    ref.size = size;
    ref.mtimeMs = mtimeMs;
  });
  if (!stable) return undefined;
  const paths = tree.files.map((ref) => ref.path).join('\n');
  const problems = tree.diagnostics.map((d) => `${d.file}\t${d.rule}`).join('\n');
  return createHash('sha1').update(`${BUILD_KEY}\n${paths}\n\n${problems}\n`).update(seen).digest('hex');
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
