// A cache of parsed record files in .track/cache/, so a second run on
// unchanged files parses nothing. An entry is used only when the file's size
// and mtime are exactly as recorded; anything odd about the cache file
// (corrupt, truncated, another version) means it is ignored and rebuilt.

import { mkdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import type { Config } from './model.js';
import type { ParsedRecord } from './parse.js';
import { parseRecordFile, type RecordFileRef } from './workspace.js';

export const CACHE_DIR = '.track/cache';
const CACHE_FILE = 'records.v8';
const FORMAT = 1;
/** A file changed this recently may change again within the same mtime tick, so it is not cached. */
const RACY_MS = 2000;

interface Entry {
  size: number;
  mtimeMs: number;
  record: ParsedRecord;
}

interface CacheData {
  format: number;
  /** The build of track and the config the records were parsed with. */
  key: string;
  entries: Map<string, Entry>;
}

export interface CacheStats {
  hits: number;
  parsed: number;
}

/** Changes whenever track is rebuilt or upgraded: the parse module's own file time. */
const BUILD_KEY: string = (() => {
  try {
    const parseModule = new URL(import.meta.url.endsWith('.ts') ? './parse.ts' : './parse.js', import.meta.url);
    return String(statSync(fileURLToPath(parseModule)).mtimeMs);
  } catch {
    return 'unknown';
  }
})();

function cacheKey(config: Config): string {
  const { path: _path, ...content } = config;
  return `${BUILD_KEY}\n${JSON.stringify(content)}`;
}

function readCache(file: string, key: string): Map<string, Entry> {
  try {
    const data = deserialize(readFileSync(file)) as CacheData;
    if (data?.format !== FORMAT || data.key !== key || !(data.entries instanceof Map)) return new Map();
    return data.entries;
  } catch {
    return new Map();
  }
}

function writeCache(dir: string, file: string, data: CacheData): void {
  const temp = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(temp, serialize(data));
    renameSync(temp, file);
  } catch {
    // The cache only saves time: a read-only folder just means no cache.
    try {
      unlinkSync(temp);
    } catch {
      /* nothing was written */
    }
  }
}

/**
 * A `LoadOptions.parseRecords` that reads unchanged files from the cache.
 * `stats`, when given, counts what came from where (for tests and the bench).
 */
export function cachedParser(stats?: CacheStats) {
  return (files: RecordFileRef[], config: Config, root: string): ParsedRecord[] => {
    const dir = join(root, CACHE_DIR);
    const file = join(dir, CACHE_FILE);
    const key = cacheKey(config);
    const old = readCache(file, key);
    const entries = new Map<string, Entry>();
    const now = Date.now();
    let changed = old.size === 0;
    const records = files.map((ref) => {
      let size = ref.size;
      let mtimeMs = ref.mtimeMs;
      if (size === undefined || mtimeMs === undefined) {
        try {
          ({ size, mtimeMs } = statSync(ref.absPath));
        } catch {
          size = mtimeMs = -1;
        }
      }
      const hit = old.get(ref.path);
      if (hit && hit.size === size && hit.mtimeMs === mtimeMs && size >= 0) {
        entries.set(ref.path, hit);
        if (stats) stats.hits++;
        return hit.record;
      }
      changed = true;
      if (stats) stats.parsed++;
      const record = parseRecordFile(ref, config);
      // Unreadable files are read again each run: fixing permissions changes no size or mtime.
      const readable = record.item !== undefined || record.source !== undefined;
      if (readable && size >= 0 && now - mtimeMs >= RACY_MS) entries.set(ref.path, { size, mtimeMs, record });
      return record;
    });
    if (changed || entries.size !== old.size) writeCache(dir, file, { format: FORMAT, key, entries });
    return records;
  };
}
