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
import { NO_EXTRA, NONE, type Config, type Item, type Source, type StageId, type Update, type Workspace } from './model.js';
import type { ParsedRecord } from './parse.js';
import { BUILD_KEY, CACHE_DIR, RACY_MS, RECORDS_CACHE, statOrMissing, writeCacheFile } from './cache-keys.js';
import { assembleWorkspace, type LoadedMeetings } from './assemble.js';
import { CONFIG_FILE } from './root.js';
import { MEETINGS_FILE, type RecordFileRef, type RecordTree } from './tree.js';
import { readFiles, type FileRead, type FileReading } from './read-files.js';

export { BUILD_KEY, CACHE_DIR, RACY_MS };

const FORMAT = 5;

interface Entry {
  size: number;
  mtimeMs: number;
  record: ParsedRecord;
}

interface CacheData {
  format: number;
  /** The build of track and the config the records were parsed with. */
  key: string;
  entries: EntryRow[];
}

export interface CacheStats {
  hits: number;
  parsed: number;
}

function cacheKey(config: Config): string {
  const { path: _path, ...content } = config;
  return `${BUILD_KEY}\n${JSON.stringify(content)}`;
}

// Each record is a row of plain values, not an object: no key names to write
// and read back per record.

/** The text of one record: its body, then its update notes in order. */
type RecordText = string[];

type UpdateRow = [
  date: string,
  stage: StageId | null,
  proposedStage: StageId | null,
  by: string | null,
  newDue: string | null,
  reason: string | null,
  evidence: readonly string[],
  position: number | null,
];

type ItemRow = [
  kind: 'item',
  id: string,
  source: string,
  title: string,
  number: number | string | null,
  itemKind: Item['kind'],
  theme: string | null,
  owners: readonly string[],
  response: Item['response'] | null,
  due: string | null,
  reportBack: string | null,
  stage: StageId | null,
  related: readonly string[],
  tags: readonly string[],
  updates: UpdateRow[],
  extra: Readonly<Record<string, unknown>> | null,
];

type SourceRow = [kind: 'source', id: string, title: string, sourceKind: Source['kind'], madeBy: string | null, date: string | null, url: string | null, attendees: readonly string[]];

/** A cached file: path, size, mtime, the record, its problems when it has any, and its text. */
type EntryRow = [path: string, size: number, mtimeMs: number, record: ItemRow | SourceRow, diagnostics: readonly Diagnostic[] | null, text: RecordText];

const orNull = <T>(value: T | undefined): T | null => (value === undefined ? null : value);

function itemRow(item: Item): ItemRow {
  const updates = item.updates.map((u): UpdateRow => [u.date, orNull(u.stage), orNull(u.proposedStage), orNull(u.by), orNull(u.newDue), orNull(u.reason), u.evidence, orNull(u.position)]);
  const extra = Object.keys(item.extra).length > 0 ? item.extra : null;
  return ['item', item.id, item.source, item.title, orNull(item.number), item.kind, orNull(item.theme), item.owners, orNull(item.response), orNull(item.due), orNull(item.reportBack), orNull(item.stage), item.related, item.tags, updates, extra];
}

/** An empty list read back is the shared one, as when parsed. */
const shared = <T>(list: readonly T[]): readonly T[] => (list.length === 0 ? NONE : list);

function itemFromRow(row: ItemRow, path: string, text: RecordText): Item {
  const [, id, source, title, number, kind, theme, owners, response, due, reportBack, stage, related, tags, updateRows, extra] = row;
  const updates = updateRows.map(([date, uStage, proposedStage, by, newDue, reason, evidence, position], i) => {
    const update: Update = { date, note: text[i + 1] ?? '', evidence: shared(evidence) };
    if (uStage !== null) update.stage = uStage;
    if (proposedStage !== null) update.proposedStage = proposedStage;
    if (by !== null) update.by = by;
    if (newDue !== null) update.newDue = newDue;
    if (reason !== null) update.reason = reason;
    if (position !== null) update.position = position;
    return update;
  });
  const item: Item = { id, source, path, title, kind, owners: shared(owners), related: shared(related), tags: shared(tags), updates, extra: extra ?? NO_EXTRA, body: text[0] ?? '' };
  if (number !== null) item.number = number;
  if (theme !== null) item.theme = theme;
  if (response !== null) item.response = response;
  if (due !== null) item.due = due;
  if (reportBack !== null) item.reportBack = reportBack;
  if (stage !== null) item.stage = stage;
  return item;
}

function sourceRow(source: Source): SourceRow {
  return ['source', source.id, source.title, source.kind, orNull(source.madeBy), orNull(source.date), orNull(source.url), source.attendees];
}

function sourceFromRow(row: SourceRow, path: string, text: RecordText): Source {
  const [, id, title, kind, madeBy, date, url, attendees] = row;
  const source: Source = { id, path, title, kind, attendees: shared(attendees), body: text[0] ?? '' };
  if (madeBy !== null) source.madeBy = madeBy;
  if (date !== null) source.date = date;
  if (url !== null) source.url = url;
  return source;
}

function recordFromRow(entry: EntryRow): ParsedRecord {
  const [path, , , row, diagnostics, text] = entry;
  const record: ParsedRecord = { path, diagnostics: diagnostics ?? NONE };
  if (row[0] === 'item') record.item = itemFromRow(row, path, text);
  else record.source = sourceFromRow(row, path, text);
  return record;
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
    if (data?.format !== FORMAT || data.key !== key || !Array.isArray(data.entries)) return new Map();
    const entries = new Map<string, Entry>();
    for (const row of data.entries) entries.set(row[0], { size: row[1], mtimeMs: row[2], record: recordFromRow(row) });
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
  const rows: EntryRow[] = [];
  for (let i = 0; i < files.length; i++) {
    const size = stamps[2 * i]!;
    if (size < 0) continue;
    const mtimeMs = stamps[2 * i + 1]!;
    const record = records[i]!;
    const path = files[i]!.path;
    const diagnostics = record.diagnostics.length > 0 ? record.diagnostics : null;
    const { item, source } = record;
    if (item) rows.push([path, size, mtimeMs, itemRow(item), diagnostics, [item.body, ...item.updates.map((u) => u.note)]]);
    else if (source) rows.push([path, size, mtimeMs, sourceRow(source), diagnostics, [source.body]]);
  }
  writeCacheFile(file, serialize({ format: FORMAT, key, entries: rows } satisfies CacheData));
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
