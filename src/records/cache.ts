// A cache of parsed record files in .track/cache/, so a second run on
// unchanged files parses nothing. An entry is used only when the file's size
// and mtime are exactly as recorded; anything odd about the cache file
// (corrupt, truncated, another version) means it is ignored and rebuilt.
//
// Nothing here loads zod or a YAML parser: when the config, meetings.yaml and
// every record are unchanged, `cachedWorkspace` gives the whole workspace
// without them, and a command starts sooner.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { Diagnostic } from './diagnostic.js';
import { NO_EXTRA, NONE, type Attendee, type Config, type Item, type Source, type StageId, type Update, type Workspace } from './model.js';
import type { ParsedRecord } from './parse.js';
import { BUILD_KEY, CACHE_DIR, RACY_MS, RECORDS_CACHE, statOrMissing, writeCacheFile } from './cache-keys.js';
import { assembleWorkspace, type LoadedMeetings } from './assemble.js';
import { CONFIG_FILE } from './root.js';
import { MEETINGS_FILE, type RecordFileRef, type RecordTree } from './tree.js';
import { readFiles, type FileRead, type FileReading } from './read-files.js';

export { BUILD_KEY, CACHE_DIR, RACY_MS };

const FORMAT = 7;

interface Entry {
  size: number;
  mtimeMs: number;
  record: ParsedRecord;
}

interface CacheData {
  format: number;
  /** The build of track and the config the records were parsed with. */
  key: string;
  /** How many files `values` holds. */
  count: number;
  values: Value[];
}

export interface CacheStats {
  hits: number;
  parsed: number;
}

function cacheKey(config: Config): string {
  const { path: _path, ...content } = config;
  return `${BUILD_KEY}\n${JSON.stringify(content)}`;
}

// Every cached file is written into one flat list of plain values (text,
// numbers, null) in a fixed order, and read back in the same order: v8's
// serialiser is several times quicker over one flat list than over an object
// or a list for each record, each update and each list of owners. A list is
// its length, then its elements. The rare odd value (problems found in the
// file, extra fields) goes in whole, as one element.

type Value = string | number | null | readonly Diagnostic[] | readonly Attendee[] | Readonly<Record<string, unknown>>;

const ITEM = 1;
const SOURCE = 2;

const orNull = <T>(value: T | undefined): T | null => (value === undefined ? null : value);

// Indexed loops, not for-of: written once, cold, these would make an iterator per list.

function putList(out: Value[], list: readonly string[]): void {
  out.push(list.length);
  for (let i = 0; i < list.length; i++) out.push(list[i]!);
}

function putItem(out: Value[], item: Item): void {
  out.push(ITEM, item.id, item.source, item.title, orNull(item.number), orNull(item.ref), item.kind, orNull(item.theme));
  putList(out, item.owners);
  out.push(orNull(item.approach));
  out.push(orNull(item.response), orNull(item.due), orNull(item.reportBack), orNull(item.stage));
  putList(out, item.related);
  putList(out, item.tags);
  out.push(item.extra === NO_EXTRA ? null : item.extra, item.body, item.updates.length);
  for (let i = 0; i < item.updates.length; i++) {
    const u = item.updates[i]!;
    out.push(u.date, orNull(u.stage), orNull(u.proposedStage), orNull(u.by), orNull(u.newDue), orNull(u.previousDue), orNull(u.reason));
    putList(out, u.evidence);
    out.push(orNull(u.position), u.note);
  }
}

function putSource(out: Value[], source: Source): void {
  out.push(SOURCE, source.id, source.title, source.kind, orNull(source.madeBy), orNull(source.date), orNull(source.url));
  out.push(orNull(source.presentedTo), orNull(source.signedBy), source.attendees.length === 0 ? null : source.attendees, source.body);
}

/** Reads the values back in the order they were put; any surprise throws, and the cache is not used. */
class Reader {
  private at = 0;
  constructor(private readonly values: readonly Value[]) {}

  get done(): boolean {
    return this.at === this.values.length;
  }

  private next(): Value {
    if (this.at >= this.values.length) throw new Error('cache: too short');
    return this.values[this.at++]!;
  }

  string(): string {
    const v = this.next();
    if (typeof v !== 'string') throw new Error('cache: a text expected');
    return v;
  }

  number(): number {
    const v = this.next();
    if (typeof v !== 'number') throw new Error('cache: a number expected');
    return v;
  }

  /** A string or number, or undefined for null. */
  optional<T extends string | number>(): T | undefined {
    const v = this.next();
    if (v === null) return undefined;
    if (typeof v !== 'string' && typeof v !== 'number') throw new Error('cache: a text or number expected');
    return v as T;
  }

  /** A list of texts; pushed one by one, so the array stays packed (quicker to walk than one made with a length). */
  list(): readonly string[] {
    const length = this.number();
    if (length === 0) return NONE;
    const list: string[] = [];
    for (let i = 0; i < length; i++) list.push(this.string());
    return list;
  }

  /** A value put in whole (an object or a list of them), or null. */
  whole<T>(): T | null {
    const v = this.next();
    if (v !== null && typeof v !== 'object') throw new Error('cache: an object expected');
    return v as T | null;
  }
}

// Optional keys are set only when present, as the loader sets them.

function readItem(r: Reader, path: string): Item {
  const id = r.string();
  const source = r.string();
  const title = r.string();
  const number = r.optional<number | string>();
  const ref = r.optional<string>();
  const kind = r.string() as Item['kind'];
  const theme = r.optional<string>();
  const owners = r.list();
  const approach = r.optional<string>();
  const response = r.optional<NonNullable<Item['response']>>();
  const due = r.optional<string>();
  const reportBack = r.optional<string>();
  const stage = r.optional<StageId>();
  const related = r.list();
  const tags = r.list();
  const extra = r.whole<Record<string, unknown>>() ?? NO_EXTRA;
  const body = r.string();
  const updates: Update[] = [];
  for (let i = 0, count = r.number(); i < count; i++) {
    const date = r.string();
    const uStage = r.optional<StageId>();
    const proposedStage = r.optional<StageId>();
    const by = r.optional<string>();
    const newDue = r.optional<string>();
    const previousDue = r.optional<string>();
    const reason = r.optional<string>();
    const evidence = r.list();
    const position = r.optional<number>();
    const update: Update = { date, note: r.string(), evidence };
    if (uStage !== undefined) update.stage = uStage;
    if (proposedStage !== undefined) update.proposedStage = proposedStage;
    if (by !== undefined) update.by = by;
    if (newDue !== undefined) update.newDue = newDue;
    if (previousDue !== undefined) update.previousDue = previousDue;
    if (reason !== undefined) update.reason = reason;
    if (position !== undefined) update.position = position;
    updates.push(update);
  }
  const item: Item = { id, source, path, title, kind, owners, related, tags, updates, extra, body };
  if (number !== undefined) item.number = number;
  if (ref !== undefined) item.ref = ref;
  if (approach !== undefined) item.approach = approach;
  if (theme !== undefined) item.theme = theme;
  if (response !== undefined) item.response = response;
  if (due !== undefined) item.due = due;
  if (reportBack !== undefined) item.reportBack = reportBack;
  if (stage !== undefined) item.stage = stage;
  return item;
}

function readSource(r: Reader, path: string): Source {
  const id = r.string();
  const title = r.string();
  const kind = r.string() as Source['kind'];
  const madeBy = r.optional<string>();
  const date = r.optional<string>();
  const url = r.optional<string>();
  const presentedTo = r.optional<string>();
  const signedBy = r.optional<string>();
  const attendees = r.whole<Attendee[]>() ?? NONE;
  const source: Source = { id, path, title, kind, attendees, body: r.string() };
  if (presentedTo !== undefined) source.presentedTo = presentedTo;
  if (signedBy !== undefined) source.signedBy = signedBy;
  if (madeBy !== undefined) source.madeBy = madeBy;
  if (date !== undefined) source.date = date;
  if (url !== undefined) source.url = url;
  return source;
}

/**
 * Reads the records' cache file at most once per run, for a given key: the
 * whole-workspace attempt and the loader after it share one read.
 */
export function cacheReader(root: string): (config: Config) => Map<string, Entry> {
  let last: { key: string; entries: Map<string, Entry> } | undefined;
  return (config) => {
    const key = cacheKey(config);
    if (last?.key !== key) last = { key, entries: readCache(join(root, CACHE_DIR, RECORDS_CACHE), key) };
    return last.entries;
  };
}

function readCache(file: string, key: string): Map<string, Entry> {
  try {
    const data = deserialize(readFileSync(file)) as CacheData;
    if (data?.format !== FORMAT || data.key !== key || !Array.isArray(data.values)) return new Map();
    const r = new Reader(data.values);
    const entries = new Map<string, Entry>();
    for (let n = 0; n < data.count; n++) {
      const path = r.string();
      const size = r.number();
      const mtimeMs = r.number();
      const record: ParsedRecord = { path, diagnostics: r.whole<Diagnostic[]>() ?? NONE };
      const kind = r.number();
      if (kind === ITEM) record.item = readItem(r, path);
      else if (kind === SOURCE) record.source = readSource(r, path);
      else throw new Error('cache: an unknown kind of record');
      entries.set(path, { size, mtimeMs, record });
    }
    if (!r.done) throw new Error('cache: too long');
    return entries;
  } catch {
    return new Map();
  }
}

/**
 * Write the cache: each file of `files` whose `stamps` give a size (not -1),
 * with its record. Stamps are size and mtime, two numbers a file, kept in one
 * typed array rather than an object per file.
 */
function writeCache(file: string, key: string, files: readonly RecordFileRef[], records: readonly ParsedRecord[], stamps: Float64Array): void {
  const values: Value[] = [];
  let count = 0;
  for (let i = 0; i < files.length; i++) {
    const size = stamps[2 * i]!;
    const record = records[i]!;
    const { item, source } = record;
    if (size < 0 || (!item && !source)) continue;
    values.push(files[i]!.path, size, stamps[2 * i + 1]!, record.diagnostics.length > 0 ? record.diagnostics : null);
    if (item) putItem(values, item);
    else putSource(values, source!);
    count++;
  }
  writeCacheFile(file, serialize({ format: FORMAT, key, count, values } satisfies CacheData));
}

/**
 * A file's cache entry when the file's size and mtime are exactly as recorded.
 * Looks the file up when the caller has not (and notes what it found on `ref`).
 */
function unchanged(ref: RecordFileRef, entries: ReadonlyMap<string, Entry>): Entry | undefined {
  if (ref.size === undefined || ref.mtimeMs === undefined) [ref.size, ref.mtimeMs] = statOrMissing(ref.absPath);
  const hit = entries.get(ref.path);
  return hit && hit.size === ref.size && hit.mtimeMs === ref.mtimeMs && hit.size >= 0 ? hit : undefined;
}

/**
 * A `LoadOptions.parseRecords` that reads unchanged files from the cache.
 * `stats`, when given, counts what came from where (for tests and the bench);
 * `read`, a `cacheReader` already used this run, saves reading the file again.
 */
export function cachedParser(stats?: CacheStats, read?: (config: Config) => Map<string, Entry>) {
  return async (
    files: RecordFileRef[],
    config: Config,
    root: string,
    parse: (ref: RecordFileRef, config: Config, read: FileRead) => ParsedRecord,
    reading?: FileReading,
  ): Promise<ParsedRecord[]> => {
    const file = join(root, CACHE_DIR, RECORDS_CACHE);
    const key = cacheKey(config);
    const old = (read ?? cacheReader(root))(config);
    const records: ParsedRecord[] = new Array(files.length);
    // Size and mtime of each file to cache; a size of -1 keeps it out of the cache.
    const stamps = new Float64Array(files.length * 2).fill(-1);
    let cached = 0;
    const keep = (i: number, size: number, mtimeMs: number) => {
      stamps[2 * i] = size;
      stamps[2 * i + 1] = mtimeMs;
      cached++;
    };
    // With no cache at all, nothing is looked at here: the reading gives each file's size and mtime.
    const misses: number[] = [];
    files.forEach((ref, i) => {
      const hit = old.size > 0 ? unchanged(ref, old) : undefined;
      if (hit) {
        keep(i, hit.size, hit.mtimeMs);
        records[i] = hit.record;
      } else {
        misses.push(i);
      }
    });
    if (stats) {
      stats.hits += files.length - misses.length;
      stats.parsed += misses.length;
    }
    // Files read already on the chance that none was cached are of use only if none was.
    if (reading && misses.length < files.length) reading.cancel();
    const misread = reading && misses.length === files.length ? reading : readFiles(misses.map((i) => files[i]!.absPath));
    const now = Date.now();
    await misread.each((k, fileRead) => {
      const i = misses[k]!;
      const record = parse(files[i]!, config, fileRead);
      records[i] = record;
      // Unreadable files are read again each run: fixing permissions changes no size or mtime.
      const readable = record.item !== undefined || record.source !== undefined;
      const { size, mtimeMs } = fileRead;
      if (readable && size >= 0 && now - mtimeMs >= RACY_MS) keep(i, size, mtimeMs);
    });
    if (misses.length > 0 || cached !== old.size) writeCache(file, key, files, records, stamps);
    return records;
  };
}

// The config and meetings.yaml as last read, in a file of their own, kept
// only while both files are exactly as they were then.

const SETTINGS_FILE = 'settings.v8';

/** Size and mtime of the config and meetings.yaml; -1 for a missing file. */
export interface SettingsStats {
  config: [size: number, mtimeMs: number];
  meetings: [size: number, mtimeMs: number];
  /** When they were looked at. */
  at: number;
}

interface SettingsData {
  format: number;
  build: string;
  stats: SettingsStats;
  config: Config;
  meetings: LoadedMeetings;
}

/** Look at the config and meetings.yaml, before either is read. */
export function settingsStats(root: string): SettingsStats {
  return { config: statOrMissing(join(root, CONFIG_FILE)), meetings: statOrMissing(join(root, MEETINGS_FILE)), at: Date.now() };
}

const sameStat = (a: [number, number], b: [number, number]) => a[0] === b[0] && a[1] === b[1];

/** Keep a workspace's config and meetings for the next run, unless either file was just changed. */
export function rememberSettings(root: string, stats: SettingsStats, workspace: Workspace): void {
  const settled = [stats.config, stats.meetings].every(([, mtimeMs]) => mtimeMs < 0 || stats.at - mtimeMs >= RACY_MS);
  if (!settled || stats.config[0] < 0) return;
  const file = join(root, CACHE_DIR, SETTINGS_FILE);
  const old = readSettings(file);
  if (old && sameStat(old.stats.config, stats.config) && sameStat(old.stats.meetings, stats.meetings)) return;
  const meetings: LoadedMeetings = { meetings: workspace.meetings, diagnostics: workspace.diagnostics.filter((d) => d.file === MEETINGS_FILE) };
  writeCacheFile(file, serialize({ format: FORMAT, build: BUILD_KEY, stats, config: workspace.config, meetings } satisfies SettingsData));
}

function readSettings(file: string): SettingsData | undefined {
  try {
    const data = deserialize(readFileSync(file)) as SettingsData | undefined;
    return data?.format === FORMAT && data.build === BUILD_KEY ? data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The whole workspace from the cache, when the config, meetings.yaml and every
 * record file are exactly as they were cached; otherwise undefined, and the
 * caller reads the files. `stats` is given before the files are read.
 */
export function cachedWorkspace(root: string, tree: RecordTree, stats: SettingsStats, counts?: CacheStats, read = cacheReader(root)): Workspace | undefined {
  const settings = readSettings(join(root, CACHE_DIR, SETTINGS_FILE));
  if (!settings || !sameStat(settings.stats.config, stats.config) || !sameStat(settings.stats.meetings, stats.meetings)) return undefined;
  const entries = read(settings.config);
  if (entries.size === 0) return undefined;
  const records: ParsedRecord[] = [];
  for (const ref of tree.files) {
    const hit = unchanged(ref, entries);
    if (!hit) return undefined;
    records.push(hit.record);
  }
  if (counts) counts.hits += records.length;
  // The folder may have moved since: the config's own path is where it is now.
  return assembleWorkspace(root, { ...settings.config, path: join(root, CONFIG_FILE) }, tree, records, settings.meetings);
}
