// A cache of parsed record files in .track/cache/, so a second run on
// unchanged files parses nothing. An entry is used only when the file's size
// and mtime are exactly as recorded; anything odd about the cache file
// (corrupt, truncated, another version) means it is ignored and rebuilt.

import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { Config, Item } from './model.js';
import type { ParsedRecord } from './parse.js';
import { BUILD_KEY, CACHE_DIR, RACY_MS, writeCacheFile } from './cache-keys.js';
import { parseRecordFile, type RecordFileRef } from './workspace.js';

export { BUILD_KEY, CACHE_DIR, RACY_MS };

const CACHE_FILE = 'records.v8';
const FORMAT = 2;

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

function cacheKey(config: Config): string {
  const { path: _path, ...content } = config;
  return `${BUILD_KEY}\n${JSON.stringify(content)}`;
}

// The file holds two blocks: the records without their text (read every run)
// and the text (bodies and notes: four fifths of the bytes, read only when a
// command asks for it). One file, so one rename keeps both consistent.

/** An item's or source's body and its update notes, in update order. */
interface RecordText {
  body: string;
  notes: string[];
}

/** A copy without `skip`, reading no other property (so a lazy text is not loaded). */
function copyWithout<T extends object>(value: T, skip: string): T {
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) if (key !== skip) copy[key] = (value as Record<string, unknown>)[key];
  copy[skip] = '';
  return copy as T;
}

/** An item without its body and update notes (blank), without loading them when they are lazy. */
function itemWithoutText(item: Item): Item {
  const copy = copyWithout(item, 'body');
  copy.updates = item.updates.map((u) => copyWithout(u, 'note'));
  return copy;
}

function splitText(record: ParsedRecord): { meta: ParsedRecord; text: RecordText } {
  const owner = record.item ?? record.source;
  const text: RecordText = { body: owner?.body ?? '', notes: record.item?.updates.map((u) => u.note) ?? [] };
  const meta: ParsedRecord = { ...record };
  if (record.item) meta.item = itemWithoutText(record.item);
  if (record.source) meta.source = copyWithout(record.source, 'body');
  return { meta, text };
}

/** Give a record from the cache its text on first use, from the text block. */
function attachText(record: ParsedRecord, text: (path: string) => RecordText | undefined): void {
  const lazy = (target: object, key: string, get: () => string) => {
    Object.defineProperty(target, key, {
      get() {
        const value = get();
        Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
        return value;
      },
      enumerable: true,
      configurable: true,
    });
  };
  const owner = record.item ?? record.source;
  if (owner) lazy(owner, 'body', () => text(record.path)?.body ?? '');
  record.item?.updates.forEach((u, i) => lazy(u, 'note', () => text(record.path)?.notes[i] ?? ''));
}

function readCache(file: string, key: string): Map<string, Entry> {
  try {
    const bytes = readFileSync(file);
    const metaLength = bytes.readUInt32BE(0);
    const data = deserialize(bytes.subarray(4, 4 + metaLength)) as CacheData;
    if (data?.format !== FORMAT || data.key !== key || !(data.entries instanceof Map)) return new Map();
    let texts: Map<string, RecordText> | undefined;
    const text = (path: string) => (texts ??= deserialize(bytes.subarray(4 + metaLength)) as Map<string, RecordText>).get(path);
    for (const entry of data.entries.values()) attachText(entry.record, text);
    return data.entries;
  } catch {
    return new Map();
  }
}

function writeCache(file: string, data: CacheData): void {
  const metaEntries = new Map<string, Entry>();
  const texts = new Map<string, RecordText>();
  for (const [path, entry] of data.entries) {
    const { meta, text } = splitText(entry.record);
    metaEntries.set(path, { ...entry, record: meta });
    texts.set(path, text);
  }
  const meta = serialize({ ...data, entries: metaEntries });
  const header = Buffer.alloc(4);
  header.writeUInt32BE(meta.length);
  writeCacheFile(file, [header, meta, serialize(texts)]);
}

/**
 * A `LoadOptions.parseRecords` that reads unchanged files from the cache.
 * `stats`, when given, counts what came from where (for tests and the bench).
 */
export function cachedParser(stats?: CacheStats) {
  return (files: RecordFileRef[], config: Config, root: string): ParsedRecord[] => {
    const file = join(root, CACHE_DIR, CACHE_FILE);
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
    if (changed || entries.size !== old.size) writeCache(file, { format: FORMAT, key, entries });
    return records;
  };
}
