// The one way into a workspace: `openStore(root)`, then `load()` for the typed
// model with every reading problem (`loadWorkspace` does both), or `sweep()`
// for the records a group at a time, none kept (validate, so that a big
// workspace is never in memory whole). Nothing outside this folder knows
// there is a cache, a fingerprint or a parser behind it.
//
// One fingerprint: each input's size, mtime, ctime and inode (the config,
// meetings.yaml, every record file). One cache of what reading produced, in
// .track/cache/:
// - store.v8: the config, the meetings, an index (each item's id, source and
//   related), and the records in groups of CHUNK, in the tree's order: per
//   group, one chunk of its records' models and problems, then one of their
//   frontmatter text (read only to place a problem by line), so that a command
//   needing a few records decodes only their groups;
// - results.v8: results worked out from the whole workspace (validate's placed
//   problems, status's summary), each under the key its command gives (the
//   day, git's HEAD, the options), kept only while the inputs are exactly as
//   this store has them; each in chunks of its own (a long list in runs of
//   RUN), so a run reads only the one it asks for, and keeping one never
//   holds it, or the others, whole as bytes.
// A record whose stamp is as cached is not opened; when none has changed, no
// parser is even loaded, and a remembered result needs no record at all.

import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { assembleWorkspace, sortById, type LoadedMeetings } from '../assemble.js';
import { NONE, type Config, type Frontmatter, type Item, type Source, type Workspace } from '../model.js';
import type { ParsedRecord } from '../parse.js';
import { CONFIG_FILE } from '../root.js';
import { absPathOf, KeptTree, listRecordFiles, MEETINGS_FILE, type RecordFileRef, type RecordTree } from '../tree.js';
import { pack, unpack } from './codec.js';
import { chunkedParts, chunkOf, readChunkAt, readChunkedHeader, readChunks, type ChunkedFile, type ChunkedHeader } from './chunked.js';
import type { Content } from '../../write/file.js';
import { RACY_MS, sameStamp, settled, STAMP, stampFile } from './fingerprint.js';
import { BUILD_KEY } from './build.js';
import { makeFolder, writeFile } from '../../write/file.js';

export const CACHE_DIR = '.track/cache';
const STORE_FILE = 'store.v8';
const RESULTS_FILE = 'results.v8';
const FORMAT = 5;
/** Records per group of the cache. */
const CHUNK = 64;
/**
 * Remembered results kept at once (each command and options its own). Few:
 * every remembered run reads them all, and at 100,000 items one is some 20 MB.
 * A day's validate and a status or two; other days' are seldom asked for again.
 */
const RESULTS_KEPT = 4;
/** Changed record files a command about a few items reads itself before it loads the whole workspace instead. */
const OVERLAY_MOST = 64;

export interface StoreOptions {
  /** Counts what came from the cache and what was read, for tests and the bench. */
  stats?: StoreStats;
  /** Use and keep the cache (default: yes, unless TRACK_NO_CACHE=1). */
  cache?: boolean;
  /** A file modified less than this long ago is not cached (tests only; default RACY_MS). */
  racyMs?: number;
}

export interface StoreStats {
  /** Record files read and parsed. */
  read: number;
  /** Record files taken from the cache. */
  cached: number;
  /** Results given back as remembered, without loading the records. */
  remembered?: number;
  /** Whether the record folders were read (false: their listing was kept from the last run). */
  listed?: boolean;
}

/** What finding one item needs of every item: its id, source and links. */
export interface ItemRef {
  id: string;
  source: string;
  related: readonly string[];
  path: string;
}

/** What finding one item needs of the whole workspace, without its records. */
export interface WorkspaceIndex {
  /** In the order of `Workspace.items`. */
  items: ItemRef[];
  sources: { id: string; date?: string; path: string }[];
  /** Workspace-relative paths of record files that could not be read at all. */
  unreadable: string[];
}

const UNREADABLE = 0;
const ITEM = 1;
const SOURCE = 2;

interface StoreData extends ChunkedHeader {
  format: number;
  build: string;
  /** Stamps of the config and meetings.yaml. */
  settings: Float64Array;
  /** The config's content the records were parsed with (extra_fields changes what a file means). */
  configKey: string;
  /** The problems of the tree's shape (a file outside a source folder, a link out of the workspace): no record of theirs is stamped. */
  treeKey: string;
  /**
   * The folders listed, with their stamps, when the listing follows from their
   * entries alone (see RecordTree.folders) and none was still changing: while
   * each is unchanged, `paths` and `treeKey` are the listing, and no folder is
   * read. Else empty.
   */
  folders: string[];
  folderStamps: Float64Array;
  /** Every record file, in the tree's order; a file not cached (unreadable, or still changing) has a stamp of NaNs. */
  paths: string[];
  stamps: Float64Array;
  /** Whether this cache holds every input as it was: only then are results remembered with it. */
  complete: boolean;
  /** The config (without its path) and the meetings. */
  head: Uint8Array;
  /** Per record, its kind (ITEM, SOURCE or UNREADABLE). */
  kinds: Uint8Array;
  /** Per record: its id, its source, and (items) its related list. */
  index: Uint8Array;
  /**
   * Ties results.v8 to this file. (The chunks: per group of CHUNK records, one
   * of each record's model or null and its problems, then one of each
   * record's path and frontmatter text or null.)
   */
  generation: string;
}

/** results.v8's header: the results newest first, each under its key, in as many chunks as `packResult` made of it. */
interface ResultsHeader extends ChunkedHeader {
  format: number;
  /** The store.v8 these results were worked out from. */
  generation: string;
  keys: string[];
  /** Chunks per result. */
  parts: number[];
}

const isResults = (h: ResultsHeader) =>
  h.format === FORMAT &&
  typeof h.generation === 'string' &&
  Array.isArray(h.keys) &&
  Array.isArray(h.parts) &&
  h.keys.length === h.parts.length &&
  h.parts.every((n) => Number.isInteger(n) && n > 0) &&
  h.parts.reduce((a, b) => a + b, 0) === h.chunkEnds.length;

/** Result `j`'s chunks, from the very results file whose header was read (throws if it was replaced since). */
function resultChunks(file: ChunkedFile<ResultsHeader>, j: number): Uint8Array[] {
  const { parts, chunkEnds } = file.header;
  const first = parts.slice(0, j).reduce((a, b) => a + b, 0);
  const last = first + parts[j]! - 1;
  const run = readChunks(file, first, last);
  const chunks: Uint8Array[] = [];
  for (let c = first; c <= last; c++) chunks.push(chunkOf(run, chunkEnds, c));
  return chunks;
}

/** Elements of a long list packed together: a result's long lists are kept in runs of this many. */
const RUN = 2048;

/**
 * A result as kept: its long lists (the result itself, or a field of it)
 * packed in runs of RUN elements, each on its own, so that keeping 90,000
 * problems never makes one buffer of them all. The first part is the result
 * with those lists left empty, and where each goes and how long it is;
 * throws when that part is not plain data (a run that is not throws as it is
 * packed).
 */
function packResult(value: unknown): PackedResult {
  const cuts: [string | null, number][] = [];
  let head: unknown = value;
  if (Array.isArray(value) && value.length > RUN) {
    cuts.push([null, value.length]);
    head = NONE;
  } else if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const fields = value as Record<string, unknown>;
    for (const name of Object.keys(fields)) if (Array.isArray(fields[name]) && (fields[name] as unknown[]).length > RUN) cuts.push([name, (fields[name] as unknown[]).length]);
    if (cuts.length > 0) head = { ...fields, ...Object.fromEntries(cuts.map(([name]) => [name, NONE])) };
  }
  const runs = function* (): Generator<Uint8Array> {
    for (const [name, length] of cuts) {
      const list = (name === null ? value : (value as Record<string, unknown>)[name]) as readonly unknown[];
      for (let from = 0; from < length; from += RUN) yield pack(list.slice(from, from + RUN));
    }
  };
  return { head: pack([head, cuts]), runs: runs() };
}

/** A result's first part, packed, and its runs, each packed only as it is taken. */
interface PackedResult {
  head: Uint8Array;
  runs: Iterable<Uint8Array>;
}

/** The result `packResult` made, from its parts; throws on anything else. */
function unpackResult(chunks: readonly Uint8Array[]): unknown {
  const first = unpack(chunks[0]!);
  let value = first.take();
  const cuts = first.take() as [string | null, number][];
  if (!first.done || !Array.isArray(cuts)) throw new Error('cache: not a result');
  let c = 1;
  for (const [name, length] of cuts) {
    const list: unknown[] = [];
    while (list.length < length) {
      if (c >= chunks.length) throw new Error('cache: a result cut short');
      list.push(...unpackAll(chunks[c++]!));
    }
    if (list.length !== length) throw new Error('cache: not a result');
    // Defined, not assigned: a field named "__proto__" stays a field.
    if (name === null) value = list;
    else Object.defineProperty(value, name, { value: list, enumerable: true, writable: true, configurable: true });
  }
  if (c !== chunks.length) throw new Error('cache: not a result');
  return value;
}

const configKeyOf = ({ path: _path, ...content }: Config) => JSON.stringify(content);

const isStore = (d: StoreData) =>
  d.format === FORMAT &&
  d.build === BUILD_KEY &&
  Array.isArray(d.paths) &&
  Array.isArray(d.folders) &&
  d.folderStamps instanceof Float64Array &&
  d.folderStamps.length === d.folders.length * STAMP &&
  d.kinds instanceof Uint8Array &&
  d.stamps instanceof Float64Array &&
  d.settings instanceof Float64Array &&
  d.kinds.length === d.paths.length &&
  d.stamps.length === d.paths.length * STAMP &&
  d.chunkEnds.length === 2 * Math.ceil(d.paths.length / CHUNK);

/** Open the workspace's store: find its files and see which are as cached. Reads no record. */
export async function openStore(root: string, options: StoreOptions = {}): Promise<Store> {
  return new Store(root, options);
}

/** Load a workspace: the config (a config with problems throws), records, meetings, with their problems. */
export async function loadWorkspace(root: string, options: StoreOptions = {}): Promise<Workspace> {
  return (await openStore(root, options)).load();
}

export class Store {
  private readonly useCache: boolean;
  private readonly now = Date.now();
  /** The record files, as listed (or as the cache kept their listing). */
  readonly tree: RecordTree;
  /** Stamps of `tree.folders`, taken as they were read (or as kept, when the listing was). */
  private readonly folderStamps: Float64Array | undefined;
  /** Slots 0 and 1: the config and meetings.yaml; then each record file. */
  private readonly stamps: Float64Array;
  private readonly data: StoreData | undefined;
  private readonly file: ChunkedFile<StoreData> | undefined;
  /** Whether every input is exactly as the cache has it. */
  private readonly fresh: boolean;
  /** The generation of the cache that now holds every input, when one does. */
  private whole: string | undefined;
  private readonly groupCache = new Map<number, ParsedRecord[]>();
  private settled: Promise<Settings> | undefined;
  private loaded: Workspace | undefined;
  /** The cache with changed files read again, once worked out (false: it cannot serve). */
  private overlaid: Overlay | false | undefined;

  constructor(
    readonly root: string,
    private readonly options: StoreOptions,
  ) {
    this.useCache = options.cache ?? process.env['TRACK_NO_CACHE'] !== '1';
    this.file = this.useCache ? readChunkedHeader<StoreData>(join(root, CACHE_DIR, STORE_FILE), isStore) : undefined;
    this.data = this.file?.header;
    const d = this.data;
    // The listing as kept, while no folder has changed; else the folders are read, each stamped first.
    const kept = d && keptListing(root, d);
    let folderStamps: number[] | undefined;
    this.tree = kept ?? listRecordFiles(root, { beforeReading: (dir) => (folderStamps ??= []).push(...stampOf(dir)) });
    this.folderStamps = kept ? d!.folderStamps : folderStamps && Float64Array.from(folderStamps);
    if (options.stats) options.stats.listed = !kept;
    const paths = kept ? kept.paths : this.tree.files.map((f) => f.path);
    this.stamps = new Float64Array((paths.length + 2) * STAMP);
    stampFile(join(root, CONFIG_FILE), this.stamps, 0);
    stampFile(join(root, MEETINGS_FILE), this.stamps, 1);
    // With no cache to compare with, every record is read: each is stamped as it is opened (see Groups).
    if (d) for (let i = 0; i < paths.length; i++) stampFile(absPathOf(root, paths[i]!), this.stamps, i + 2);
    this.fresh =
      d !== undefined &&
      d.complete &&
      d.treeKey === JSON.stringify(this.tree.diagnostics) &&
      d.paths.length === paths.length &&
      sameStamp(d.settings, 0, this.stamps, 0) &&
      sameStamp(d.settings, 1, this.stamps, 1) &&
      paths.every((path, i) => d.paths[i] === path && sameStamp(d.stamps, i, this.stamps, i + 2));
    this.whole = this.fresh ? d!.generation : undefined;
  }

  /**
   * A result worked out from the whole workspace, given back without loading
   * any record when the inputs are exactly as when it was worked out under the
   * same `key`. The key names everything else the result depends on (the
   * command, its options, the day, git's HEAD). The value must be plain data.
   */
  async remember<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const fresh = this.useCache ? this.whole : undefined;
    const before = fresh === undefined ? undefined : readChunkedHeader<ResultsHeader>(join(this.root, CACHE_DIR, RESULTS_FILE), (h) => isResults(h) && h.generation === fresh);
    const at = before ? before.header.keys.indexOf(key) : -1;
    if (at >= 0) {
      try {
        const value = unpackResult(resultChunks(before!, at)) as T;
        if (this.options.stats) this.options.stats.remembered = (this.options.stats.remembered ?? 0) + 1;
        return value;
      } catch {
        // A broken entry: work it out again.
      }
    }
    const value = await compute();
    // Working it out may have written a new store (a file had changed): the results of the old one go.
    const generation = this.whole;
    if (this.useCache && generation !== undefined) {
      // This result first, then the others still kept, each read from the old file only as it is written.
      const old = before?.header.generation === generation ? before : undefined;
      const keys: string[] = [];
      const parts: number[] = [];
      let packed: PackedResult | undefined;
      try {
        packed = packResult(value);
      } catch {
        // Not plain data: worked out again next time (a test checks that validate's and status's results are kept).
      }
      if (!packed) return value;
      const { head, runs } = packed;
      const entries = function* (): Generator<Uint8Array> {
        yield head;
        let n = 1;
        // A run that is not plain data throws here, and the file is not written.
        for (const run of runs) {
          yield run;
          n++;
        }
        keys.push(key);
        parts.push(n);
        for (let j = 0; old && j < old.header.keys.length && keys.length < RESULTS_KEPT; j++) {
          if (old.header.keys[j] === key) continue;
          let chunks: Uint8Array[];
          try {
            chunks = resultChunks(old, j);
          } catch {
            // Replaced meanwhile: the others are worked out again when asked for.
            return;
          }
          keys.push(old.header.keys[j]!);
          parts.push(chunks.length);
          yield* chunks;
        }
      };
      keepFile(this.root, RESULTS_FILE, chunkedParts(entries(), (chunkEnds): ResultsHeader => ({ format: FORMAT, generation, keys, parts, chunkEnds })));
    }
    return value;
  }

  /**
   * Every item's id, source and links, every source's date: from the cache,
   * with any record file changed since read again; the whole workspace is
   * loaded only when the cache cannot serve.
   */
  async index(): Promise<WorkspaceIndex> {
    if (this.fresh) {
      try {
        return this.cachedIndex();
      } catch {
        // A damaged cache: read the files.
      }
    }
    const overlay = await this.overlay();
    if (overlay) return overlay.index;
    const all = await this.load();
    return {
      items: all.items.map(({ id, source, related, path }) => ({ id, source, related, path })),
      sources: all.sources.map(({ id, date, path }) => ({ id, path, ...(date !== undefined ? { date } : {}) })),
      unreadable: all.unreadable,
    };
  }

  /**
   * For a command about a few items after an edit: the cache with the record
   * files changed since it was written read again (a few; more, and a full
   * load that keeps them all pays). Undefined when the cache cannot serve:
   * none, a damaged one, or a config or meetings.yaml changed since.
   */
  private async overlay(): Promise<Overlay | undefined> {
    if (this.overlaid !== undefined) return this.overlaid || undefined;
    this.overlaid = false;
    const d = this.data;
    if (!d || !sameStamp(d.settings, 0, this.stamps, 0) || !sameStamp(d.settings, 1, this.stamps, 1)) return undefined;
    try {
      const { config, meetings } = this.head();
      const [ids, sources, related, dates] = deserialize(d.index) as [string[], string[], (readonly string[])[], (string | null)[]];
      if (ids.length !== d.paths.length) return undefined;
      const from = this.unchangedIn(d);
      const changed = new Map<string, ParsedRecord>();
      const index: WorkspaceIndex = { items: [], sources: [], unreadable: [] };
      let parser: typeof import('../workspace.js') | undefined;
      const files = this.tree.files;
      for (let i = 0; i < files.length; i++) {
        const { path } = files[i]!;
        const j = from[i]!;
        if (j >= 0) {
          if (d.kinds[j] === ITEM) index.items.push({ id: ids[j]!, source: sources[j]!, related: related[j]!, path });
          else if (d.kinds[j] === SOURCE) index.sources.push({ id: ids[j]!, path, ...(dates[j] != null ? { date: dates[j]! } : {}) });
          continue;
        }
        if (changed.size === OVERLAY_MOST) return undefined;
        parser ??= await import('../workspace.js');
        const record = parser.readRecordFile(files[i]!, config);
        changed.set(path, record);
        if (record.item) index.items.push({ id: record.item.id, source: record.item.source, related: record.item.related, path });
        else if (record.source) index.sources.push({ id: record.source.id, path, ...(record.source.date !== undefined ? { date: record.source.date } : {}) });
        else index.unreadable.push(path);
      }
      // In the order a loaded workspace has them.
      sortById(index.items);
      index.sources.sort((a, b) => (a.id < b.id ? -1 : 1));
      if (this.options.stats) this.options.stats.read += changed.size;
      this.overlaid = { config, meetings, index, changed, from };
      return this.overlaid;
    } catch {
      return undefined;
    }
  }

  /** For each record file, where its record is in a cache, when the file is as it was then; else -1. */
  private unchangedIn(cache: Pick<StoreData, 'paths' | 'stamps'>): Int32Array {
    const files = this.tree.files;
    const from = new Int32Array(files.length).fill(-1);
    const at = new Map<string, number>();
    cache.paths.forEach((path, j) => at.set(path, j));
    for (let i = 0; i < files.length; i++) {
      const j = at.get(files[i]!.path);
      if (j !== undefined && sameStamp(cache.stamps, j, this.stamps, i + 2)) from[i] = j;
    }
    return from;
  }

  private cachedIndex(): WorkspaceIndex {
    const d = this.data!;
    // Plain lists of text, so v8's deserialiser makes them in one go.
    const [ids, sources, related, dates, itemOrder] = deserialize(d.index) as [string[], string[], (readonly string[])[], (string | null)[], Uint32Array];
    if (!(itemOrder instanceof Uint32Array) || ids.length !== d.paths.length) throw new Error('cache: a broken index');
    const index: WorkspaceIndex = { items: [], sources: [], unreadable: [] };
    for (const i of itemOrder) index.items.push({ id: ids[i]!, source: sources[i]!, related: related[i]!, path: d.paths[i]! });
    for (let i = 0; i < d.paths.length; i++) {
      if (d.kinds[i] === SOURCE) index.sources.push({ id: ids[i]!, path: d.paths[i]!, ...(dates[i] != null ? { date: dates[i]! } : {}) });
    }
    return index;
  }

  private head(): { config: Config; meetings: LoadedMeetings } {
    const d = unpack(this.data!.head);
    const config = { ...(d.take() as Config), path: join(this.root, CONFIG_FILE) };
    const meetings = d.take() as LoadedMeetings;
    if (!d.done) throw new Error('cache: too long');
    return { config, meetings };
  }

  /** Record `j` of the cache (throws on anything unexpected: the caller reads the file instead). */
  private cachedRecord(j: number): ParsedRecord {
    const d = this.data!;
    const g = Math.floor(j / CHUNK);
    let group = this.groupCache.get(g);
    if (!group) {
      const values = unpackAll(chunkOf(readChunks(this.file!, 2 * g, 2 * g), d.chunkEnds, 2 * g));
      group = [];
      for (let k = g * CHUNK; k < Math.min(d.paths.length, (g + 1) * CHUNK); k++) {
        const kind = d.kinds[k];
        if (kind !== ITEM && kind !== SOURCE && kind !== UNREADABLE) throw new Error('cache: an unknown kind of record');
        const n = 2 * (k - g * CHUNK);
        if (n + 1 >= values.length || (kind === UNREADABLE) !== (values[n] === null)) throw new Error('cache: not the record meant');
        group.push(recordOf({ path: d.paths[k]!, kind: kind === SOURCE ? 'source' : 'item' }, values[n], values[n + 1]));
      }
      this.groupCache.set(g, group);
    }
    return group[j - g * CHUNK]!;
  }

  /**
   * A workspace holding only these records (by path), for a command about a
   * few items. Its `diagnostics` are those records' own.
   */
  async some(paths: readonly string[]): Promise<Workspace> {
    const wanted = new Set(paths);
    if (this.fresh) {
      try {
        const d = this.data!;
        const records: ParsedRecord[] = [];
        d.paths.forEach((path, i) => wanted.has(path) && records.push(this.cachedRecord(i)));
        if (this.options.stats) this.options.stats.cached += records.length;
        const { config, meetings } = this.head();
        return assembleWorkspace(this.root, config, this.tree, records, meetings);
      } catch {
        // A damaged cache, or one replaced meanwhile: read the files.
      }
    }
    const overlay = await this.overlay();
    if (overlay) {
      try {
        const records = this.tree.files.flatMap((f, i) => (wanted.has(f.path) ? [overlay.changed.get(f.path) ?? this.cachedRecord(overlay.from[i]!)] : []));
        if (this.options.stats) this.options.stats.cached += records.filter((r) => !overlay.changed.has(r.path)).length;
        return assembleWorkspace(this.root, overlay.config, this.tree, records, overlay.meetings);
      } catch {
        // A damaged cache, or one replaced meanwhile: read the files.
      }
    }
    const all = await this.load();
    return { ...all, items: all.items.filter((i) => wanted.has(i.path)), sources: all.sources.filter((s) => wanted.has(s.path)) };
  }

  /** The config (a config with problems throws) and the meetings: from the cache while their files are as it has them. */
  async settings(): Promise<{ config: Config; meetings: LoadedMeetings }> {
    const { config, meetings } = await (this.settled ??= this.readSettings());
    return { config, meetings };
  }

  private async readSettings(): Promise<Settings> {
    const { root, stamps, data } = this;
    let cached: { config: Config; meetings: LoadedMeetings } | undefined;
    try {
      cached = data ? this.head() : undefined;
    } catch {
      cached = undefined;
    }
    const same = cached !== undefined && sameStamp(data!.settings, 0, stamps, 0) && sameStamp(data!.settings, 1, stamps, 1);
    if (same) return { ...cached!, same, headRead: true };
    const parser = await import('../workspace.js');
    return { config: parser.loadConfig(root), meetings: parser.loadMeetings(root), same, headRead: cached !== undefined };
  }

  /**
   * The whole workspace. Records are taken group by group (see `sweep`) and
   * kept, as they are made.
   */
  async load(): Promise<Workspace> {
    if (this.loaded) return this.loaded;
    const { config, meetings } = await this.settings();
    const records: ParsedRecord[] = new Array(this.tree.files.length);
    const { frontmatter } = await this.sweep(
      ({ start, records: group }) => {
        for (let k = 0; k < group.length; k++) records[start + k] = group[k]!;
      },
      { keep: true },
    );
    return (this.loaded = assembleWorkspace(this.root, config, this.tree, records, meetings, frontmatter));
  }

  /**
   * Every record, a group of CHUNK at a time in the tree's order (each
   * folder's source.md before its items), with each one's frontmatter text
   * where it is at hand; nothing is kept here once `visit` returns, so a big
   * workspace need never be held whole. A group whose files are all as
   * cached is taken from the cache as it is; any other is made again, from
   * the cache where a record's file is unchanged and from the file where not,
   * and kept in the new cache as the writer reaches it. A group may be given
   * twice (a cache found damaged halfway is given up, and every file read
   * again): keep what it gives by position (`start`). A visitor that keeps
   * the records says so (`keep`): a group read from the files while a cache
   * is written is then given as the cache gives it back, each record on its
   * own rather than holding its whole file's text. Gives back where the
   * frontmatter of every record is now kept.
   */
  async sweep(visit: (group: SweptGroup) => void, options: { keep?: boolean } = {}): Promise<{ frontmatter: Frontmatter | undefined }> {
    const { stamps, data } = this;
    const files = this.tree.files;
    const settings = await (this.settled ??= this.readSettings());
    const { config, meetings } = settings;
    // The cache's records count only when the config means the same as when they were parsed.
    const old = settings.headRead && (settings.same || data!.configKey === configKeyOf(config)) ? this.file : undefined;
    const from = old ? this.unchangedIn(old.header) : new Int32Array(files.length).fill(-1);
    let parser = from.includes(-1) ? await import('../workspace.js') : undefined;
    const keep = options.keep ?? false;
    let built = this.build({ old, from, config, meetings, stamps, parse: parser?.readRecordFile, visit, keep });
    if (!built) {
      // The cache was damaged where it was needed: read every file.
      parser ??= await import('../workspace.js');
      built = this.build({ old: undefined, from: from.fill(-1), config, meetings, stamps, parse: parser.readRecordFile, visit, keep })!;
    }
    if (this.options.stats) {
      const read = from.reduce((n, j) => (j < 0 ? n + 1 : n), 0);
      this.options.stats.read += read;
      this.options.stats.cached += files.length - read;
    }
    return built;
  }

  /** The groups made and visited; undefined when the old cache let them down and there is no parser to fall back on. */
  private build(input: Omit<GroupInput, 'writing'> & { meetings: LoadedMeetings }): { frontmatter: Frontmatter | undefined } | undefined {
    const fresh = this.fresh && input.old === this.file;
    const generation = fresh ? this.data!.generation : `${this.now}-${process.pid}-${Math.random()}`;
    const writing = this.useCache && !fresh;
    const groups = new Groups(this.tree.files, { ...input, writing });
    let written: StoreData | undefined;
    if (writing) written = this.writeStore(groups, { config: input.config, meetings: input.meetings, generation });
    // Whatever the writer did not take (no cache, a fresh one, or a failed write) is still made, for the visitor.
    while (!groups.next().done) {
      // Each group is visited as it is made.
    }
    if (groups.failed) throw groups.failed.error;
    if (groups.damaged) return undefined;
    if (written?.complete) this.whole = generation;
    const kept = fresh ? this.data : written;
    return { frontmatter: kept && new CachedFrontmatter(join(this.root, CACHE_DIR, STORE_FILE), kept) };
  }

  /** Keep the groups as the new cache; the header it wrote, or undefined when it could not. */
  private writeStore(groups: Groups, input: { config: Config; meetings: LoadedMeetings; generation: string }): StoreData | undefined {
    const { config, meetings, generation } = input;
    const { stamps, now } = this;
    const files = this.tree.files;
    const racyMs = this.options.racyMs ?? RACY_MS;
    let header: StoreData | undefined;
    const makeHeader = (chunkEnds: Float64Array): StoreData => {
      // A cache that let the groups down is not kept (the file is made again from the files), nor one cut short by a visitor that failed.
      if (groups.damaged || groups.failed) throw new Error('cache: not made whole');
      // A config or meetings.yaml changed in the last moments is read again next run (its stamp is not kept);
      // the records stay cached, as they are kept for the config's content, not its file.
      const settings = stamps.slice(0, 2 * STAMP);
      let complete = true;
      if (!settled(stamps, 0, now, racyMs) || (settings[STAMP]! >= 0 && !settled(stamps, 1, now, racyMs))) {
        settings.fill(Number.NaN);
        complete = false;
      }
      const keptStamps = stamps.slice(2 * STAMP);
      const { kinds, ids } = groups;
      for (let i = 0; i < files.length; i++) {
        // Unreadable files are read again each run (fixing permissions changes no size or time), and so is a file still changing.
        if (kinds[i] === UNREADABLE || !settled(stamps, i + 2, now, racyMs)) {
          keptStamps.fill(Number.NaN, i * STAMP, (i + 1) * STAMP);
          complete = false;
        }
      }
      const index = [
        ids,
        groups.sources,
        groups.related,
        groups.dates,
        // The items in the order the workspace has them (natural order of ids), worked out once here.
        Uint32Array.from(itemOrder(ids, kinds)),
      ];
      const { path: _path, ...content } = config;
      // A folder changed in the last moments may change again unseen: the listing is made again next run.
      const folders = this.tree.folders ?? [];
      const folderStamps = this.folderStamps ?? new Float64Array(0);
      const listingKept = folderStamps.length === folders.length * STAMP && folders.every((_, f) => settled(folderStamps, f, now, racyMs) || folderStamps[f * STAMP] === -1);
      return (header = {
        format: FORMAT,
        build: BUILD_KEY,
        settings,
        folders: listingKept ? folders : [],
        folderStamps: listingKept ? folderStamps : new Float64Array(0),
        configKey: JSON.stringify(content),
        treeKey: JSON.stringify(this.tree.diagnostics),
        paths: files.map((f) => f.path),
        stamps: keptStamps,
        complete,
        head: pack([content, meetings]),
        kinds,
        index: serialize(index),
        generation,
        chunkEnds,
      });
    };
    if (!keepFile(this.root, STORE_FILE, chunkedParts(groups, makeHeader))) return undefined;
    return header;
  }
}

/** The cache as it serves a command about a few items after an edit. */
interface Overlay {
  config: Config;
  meetings: LoadedMeetings;
  index: WorkspaceIndex;
  /** The records read again, by path. */
  changed: Map<string, ParsedRecord>;
  /** Where each file's record is in the cache (-1: read again). */
  from: Int32Array;
}

/** A group of records as `Store.sweep` gives it. */
export interface SweptGroup {
  /** Where its first record is in the tree's order. */
  start: number;
  records: readonly ParsedRecord[];
  /** Record `k`'s frontmatter text, when there is one. */
  frontmatter(k: number): string | undefined;
}

/** The settings as read, and whether they came from the cache. */
interface Settings {
  config: Config;
  meetings: LoadedMeetings;
  /** Whether the config and meetings.yaml are as the cache has them. */
  same: boolean;
  /** Whether the cache's copy of them could be read at all. */
  headRead: boolean;
}

/** What making the groups needs: the old cache (when any of it is usable), where each file's record is in it, how to read a file, and what to give each group to. */
interface GroupInput {
  old: ChunkedFile<StoreData> | undefined;
  from: Int32Array;
  config: Config;
  /** The run's stamps (slot i + 2 is file i's): a file read is stamped as it is opened. */
  stamps: Float64Array;
  parse: ((ref: RecordFileRef, config: Config, opened?: (fd: number) => number) => ParsedRecord) | undefined;
  visit: (group: SweptGroup) => void;
  /** Whether a new cache is being written: else nothing is packed, and no file stamped. */
  writing: boolean;
  /** Whether the visitor keeps the records (see `Store.sweep`). */
  keep: boolean;
}

/**
 * The records group by group as the cache keeps them: per group, the chunk of
 * its records, then the chunk of their frontmatter; each group is visited as
 * it is made, and what the store's index keeps of each record is noted. An
 * iterator whose iterable has no `return`: a writer that stops early (a full
 * disk) leaves the rest to be made. `damaged` when the old cache failed where
 * it was needed and no parser was loaded: the caller reads every file
 * instead. `failed` when the visitor threw: nothing more is made.
 */
class Groups implements Iterable<Uint8Array>, Iterator<Uint8Array> {
  damaged = false;
  failed: { error: unknown } | undefined;
  /** Per record: its kind, id, source, related and (sources) date, for the store's index. */
  readonly kinds: Uint8Array;
  readonly ids: string[];
  readonly sources: string[];
  readonly related: (readonly string[])[];
  readonly dates: (string | null)[];
  private group = 0;
  private pending: Uint8Array | undefined;
  private readonly old: OldGroups | undefined;

  constructor(
    private readonly files: readonly RecordFileRef[],
    private readonly input: GroupInput,
  ) {
    this.old = input.old && new OldGroups(input.old);
    const n = files.length;
    this.kinds = new Uint8Array(n);
    this.ids = new Array(n);
    this.sources = new Array(n);
    this.related = new Array(n);
    this.dates = new Array(n);
  }

  [Symbol.iterator](): Iterator<Uint8Array> {
    return { next: () => this.next() };
  }

  next(): IteratorResult<Uint8Array> {
    if (this.pending) {
      const value = this.pending;
      this.pending = undefined;
      return { value, done: false };
    }
    const start = this.group * CHUNK;
    if (this.damaged || this.failed || start >= this.files.length) return { value: undefined, done: true };
    const end = Math.min(this.files.length, start + CHUNK);
    const made = this.reuse(this.group, start, end) ?? this.make(start, end);
    this.group++;
    if (!made) {
      this.damaged = true;
      return { value: undefined, done: true };
    }
    const [bytes, records, frontmatter] = made;
    records.forEach((record, k) => this.note(start + k, record));
    try {
      this.input.visit({ start, records, frontmatter });
    } catch (error) {
      this.failed = { error };
      return { value: undefined, done: true };
    }
    this.pending = bytes[1];
    return { value: bytes[0], done: false };
  }

  /** What the store's index keeps of record `i`. */
  private note(i: number, record: ParsedRecord): void {
    const file = this.files[i]!;
    this.kinds[i] = record.item ? ITEM : record.source ? SOURCE : UNREADABLE;
    this.ids[i] = record.item?.id ?? record.source?.id ?? file.id;
    this.sources[i] = record.item?.source ?? record.source?.id ?? file.source;
    this.related[i] = record.item?.related ?? NONE;
    this.dates[i] = record.source?.date ?? null;
  }

  /** A group whose files are the old group's, each unchanged: its bytes as they are. */
  private reuse(g: number, start: number, end: number): Made | undefined {
    const { old } = this;
    const { from } = this.input;
    if (!old || !old.sameBounds(g, end)) return undefined;
    for (let i = start; i < end; i++) if (from[i] !== i) return undefined;
    try {
      const bytes = old.bytes(g);
      const records = this.unpack(bytes[0], start, end);
      let texts: readonly unknown[] | undefined;
      const frontmatter = (k: number) => {
        try {
          texts ??= unpackAll(bytes[1]);
        } catch {
          texts = [];
        }
        // Each text follows its record's path.
        return texts[2 * k] === this.files[start + k]!.path && typeof texts[2 * k + 1] === 'string' ? (texts[2 * k + 1] as string) : undefined;
      };
      return [bytes, records, frontmatter];
    } catch {
      return undefined;
    }
  }

  /** A group made again: each record from the old cache when its file is unchanged, else read. */
  private make(start: number, end: number): Made | undefined {
    const { from, parse, config } = this.input;
    const models: unknown[] = [];
    const texts: unknown[] = [];
    const records: ParsedRecord[] = [];
    for (let i = start; i < end; i++) {
      const path = this.files[i]!.path;
      let kept: [unknown, unknown, unknown] | undefined;
      if (from[i]! >= 0) {
        try {
          kept = this.old!.record(from[i]!);
        } catch {
          from[i] = -1;
        }
      }
      if (kept) {
        models.push(kept[0], kept[1]);
        texts.push(path, kept[2]);
        records.push(recordOf(this.files[i]!, kept[0], kept[1]));
        continue;
      }
      if (!parse) return undefined;
      const { stamps, writing } = this.input;
      // A file is stamped as it is opened only for a cache: the stamp and the text are then of the same file.
      const record = parse(this.files[i]!, config, writing ? (fd) => (stampFile(fd, stamps, i + 2) ? stamps[(i + 2) * STAMP]! : -1) : undefined);
      records.push(record);
      models.push(record.item ?? record.source ?? null, record.diagnostics);
      texts.push(path, record.yaml ?? null);
    }
    const frontmatter = (k: number) => (typeof texts[2 * k + 1] === 'string' ? (texts[2 * k + 1] as string) : undefined);
    if (!this.input.writing) return [[NO_BYTES, NO_BYTES], records, frontmatter];
    const bytes: [Uint8Array, Uint8Array] = [pack(models), pack(texts)];
    // Records kept are kept as the cache gives them back: a string the parser cut from a file would keep all the file's text.
    return [bytes, this.input.keep ? this.unpack(bytes[0], start, end) : records, frontmatter];
  }

  /** The records of a group as the cache keeps them. */
  private unpack(bytes: Uint8Array, start: number, end: number): ParsedRecord[] {
    const d = unpack(bytes);
    const records: ParsedRecord[] = [];
    for (let i = start; i < end; i++) records.push(recordOf(this.files[i]!, d.take(), d.take()));
    if (!d.done) throw new Error('cache: too long');
    return records;
  }
}

/** A group's chunks when no cache is written. */
const NO_BYTES = new Uint8Array(0);

/** A group as made: its two chunks, its records, and their frontmatter. */
type Made = [[Uint8Array, Uint8Array], ParsedRecord[], (k: number) => string | undefined];

/** One record as the cache keeps it: its model (null when its file could not be read) and its problems. */
function recordOf(ref: Pick<RecordFileRef, 'path' | 'kind'>, model: unknown, diagnostics: unknown): ParsedRecord {
  if (!Array.isArray(diagnostics) || (model !== null && typeof model !== 'object')) throw new Error('cache: not a record');
  const problems = diagnostics as ParsedRecord['diagnostics'];
  if (model === null) return { path: ref.path, diagnostics: problems };
  return ref.kind === 'source' ? { path: ref.path, source: model as Source, diagnostics: problems } : { path: ref.path, item: model as Item, diagnostics: problems };
}

/** The old cache's groups, read and unpacked one at a time as records are taken from them. */
class OldGroups {
  private last = -1;
  private models: readonly unknown[] = [];
  private texts: readonly unknown[] = [];

  constructor(private readonly file: ChunkedFile<StoreData>) {}

  /** Whether old group `g` ends where the new one does (it starts at the same place). */
  sameBounds(g: number, end: number): boolean {
    return Math.min(this.file.header.paths.length, (g + 1) * CHUNK) === end;
  }

  /** Group `g`'s two chunks. */
  bytes(g: number): [Uint8Array, Uint8Array] {
    const ends = this.file.header.chunkEnds;
    const run = readChunks(this.file, 2 * g, 2 * g + 1);
    return [chunkOf(run, ends, 2 * g), chunkOf(run, ends, 2 * g + 1)];
  }

  /** Record `j`'s model, problems and frontmatter text. */
  record(j: number): [unknown, unknown, unknown] {
    const g = Math.floor(j / CHUNK);
    if (g !== this.last) {
      this.last = -1;
      const [records, texts] = this.bytes(g);
      this.models = unpackAll(records);
      this.texts = unpackAll(texts);
      this.last = g;
    }
    const k = j - g * CHUNK;
    if (2 * k + 1 >= this.models.length || this.texts[2 * k] !== this.file.header.paths[j]) throw new Error('cache: not the record meant');
    return [this.models[2 * k], this.models[2 * k + 1], this.texts[2 * k + 1]];
  }
}

function unpackAll(bytes: Uint8Array): unknown[] {
  const d = unpack(bytes);
  const values: unknown[] = [];
  while (!d.done) values.push(d.take());
  return values;
}

/**
 * Each record's frontmatter text from the store's file, a group at a time, only
 * when asked for (to place a problem by line). Anything amiss, or a file
 * another run has replaced since, gives undefined: the file is read instead.
 */
class CachedFrontmatter implements Frontmatter {
  private at: Map<string, number> | undefined;
  /** A few groups' texts, most recent last. */
  private readonly groups = new Map<number, readonly unknown[]>();

  constructor(
    private readonly path: string,
    private readonly header: Pick<StoreData, 'paths' | 'chunkEnds'>,
  ) {}

  get(file: string): string | undefined {
    this.at ??= new Map(this.header.paths.map((p, j) => [p, j]));
    const j = this.at.get(file);
    if (j === undefined) return undefined;
    const g = Math.floor(j / CHUNK);
    let texts = this.groups.get(g);
    if (!texts) {
      try {
        texts = unpackAll(readChunkAt(this.path, this.header.chunkEnds, 2 * g + 1));
      } catch {
        texts = [];
      }
      if (this.groups.size >= 8) this.groups.delete(this.groups.keys().next().value!);
      this.groups.set(g, texts);
    }
    // Each text follows its record's path: from another file (a run that replaced it since), nothing.
    const k = 2 * (j - g * CHUNK);
    return texts[k] === file && typeof texts[k + 1] === 'string' ? (texts[k + 1] as string) : undefined;
  }
}

/** The positions of the items among the records, in the order `assembleWorkspace` gives items. */
function itemOrder(ids: readonly string[], kinds: Uint8Array): number[] {
  const order = ids.flatMap((id, i) => (kinds[i] === ITEM ? [{ id, i }] : []));
  sortById(order);
  return order.map(({ i }) => i);
}

/** The stamp of one file or folder. */
function stampOf(path: string): Float64Array {
  const stamp = new Float64Array(STAMP);
  stampFile(path, stamp, 0);
  return stamp;
}

/** The listing a cache keeps, when each of its folders is as it was then. */
function keptListing(root: string, d: StoreData): KeptTree | undefined {
  if (d.folders.length === 0) return undefined;
  for (let f = 0; f < d.folders.length; f++) if (!sameStamp(d.folderStamps, f, stampOf(absPathOf(root, d.folders[f]!)), 0)) return undefined;
  let diagnostics: RecordTree['diagnostics'];
  try {
    diagnostics = JSON.parse(d.treeKey) as RecordTree['diagnostics'];
  } catch {
    return undefined;
  }
  return Array.isArray(diagnostics) ? new KeptTree(root, d.paths, diagnostics, d.folders) : undefined;
}

/** Write one cache file through the one writer; a cache only saves time, so a read-only folder just means none. */
function keepFile(root: string, name: string, bytes: Content): boolean {
  try {
    const dir = join(root, CACHE_DIR);
    makeFolder(dir, CACHE_DIR);
    writeFile(join(dir, name), bytes, { within: root, durable: false });
    return true;
  } catch {
    // Not kept: the next run reads the files again.
    return false;
  }
}
