// The one way into a workspace: `openStore(root)`, then `load()` for the typed
// model with every reading problem, placed (`loadWorkspace` does both). Nothing
// outside this folder knows there is a cache, a fingerprint or a parser behind it.
//
// One fingerprint: each input's size, mtime, ctime and inode (the config,
// meetings.yaml, every record file). One cache of what reading produced, in
// .track/cache/:
// - store.v8: the config, the meetings, an index (each item's id, source and
//   related), and each record with its problems, in chunks of CHUNK records,
//   so that a command needing a few records decodes only their chunks;
// - positions.v8: each record's frontmatter text, for placing the rules'
//   problems by line, read only when asked for;
// - results.v8: results worked out from the whole workspace (validate's placed
//   problems, status's summary), each under the key its command gives (the
//   day, git's HEAD, the options), kept only while the inputs are exactly as
//   this store has them.
// A record whose stamp is as cached is not opened; when none has changed, no
// parser is even loaded, and a remembered result needs no record at all.

import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { assembleWorkspace, sortById, type LoadedMeetings } from '../assemble.js';
import type { Config, Item, Workspace } from '../model.js';
import type { ParsedRecord } from '../parse.js';
import { CONFIG_FILE } from '../root.js';
import { listRecordFiles, MEETINGS_FILE, type RecordTree } from '../tree.js';
import { pack, unpack } from './codec.js';
import { chunkedParts, chunkOf, readChunkedHeader, readChunks, type ChunkedFile, type ChunkedHeader } from './chunked.js';
import type { Content } from '../../write/file.js';
import { RACY_MS, sameStamp, settled, STAMP, stampFile } from './fingerprint.js';
import { BUILD_KEY } from './build.js';
import { writeFile } from '../../write/file.js';

export const CACHE_DIR = '.track/cache';
const STORE_FILE = 'store.v8';
const POSITIONS_FILE = 'positions.v8';
const RESULTS_FILE = 'results.v8';
const FORMAT = 3;
/** Records per chunk of the cache. */
const CHUNK = 64;
/**
 * Remembered results kept at once (each command and options its own). Few:
 * every remembered run reads them all, and at 100,000 items one is some 20 MB.
 * A day's validate and a status or two; other days' are seldom asked for again.
 */
const RESULTS_KEPT = 4;

export interface LoadOptions {
  /** Also each record's frontmatter text (`Workspace.frontmatter`), to place the rules' problems by line. */
  positions?: boolean;
}

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
  paths: string[];
  stamps: Float64Array;
  /** Whether this cache holds every input as it was: only then are results remembered with it. */
  complete: boolean;
  /** The config (without its path) and the meetings. */
  head: Uint8Array;
  /** Per record, its kind (ITEM or SOURCE). */
  kinds: Uint8Array;
  /** Per record: its id, its source, and (items) its related list. */
  index: Uint8Array;
  /** Ties positions.v8 and results.v8 to this file. (The chunks: per CHUNK records, each one's model, then its problems.) */
  generation: string;
}

/** positions.v8's header; its chunks: per CHUNK records of the store, each one's frontmatter text or null. */
interface PositionsData extends ChunkedHeader {
  generation: string;
}

interface ResultsData {
  generation: string;
  /** Newest first. */
  entries: { key: string; value: Uint8Array }[];
}

const configKeyOf = ({ path: _path, ...content }: Config) => JSON.stringify(content);

function readCacheFile<T>(root: string, name: string, usable: (data: T) => boolean): T | undefined {
  try {
    const data = deserialize(readFileSync(join(root, CACHE_DIR, name))) as T;
    return data !== null && typeof data === 'object' && usable(data) ? data : undefined;
  } catch {
    // No cache yet, or a broken one: read the files.
    return undefined;
  }
}

const isStore = (d: StoreData) =>
  d.format === FORMAT &&
  d.build === BUILD_KEY &&
  Array.isArray(d.paths) &&
  d.kinds instanceof Uint8Array &&
  d.stamps instanceof Float64Array &&
  d.settings instanceof Float64Array &&
  d.kinds.length === d.paths.length &&
  d.stamps.length === d.paths.length * STAMP &&
  d.chunkEnds.length === Math.ceil(d.paths.length / CHUNK);

/** Open the workspace's store: find its files and see which are as cached. Reads no record. */
export async function openStore(root: string, options: StoreOptions = {}): Promise<Store> {
  return new Store(root, options);
}

/** Load a workspace: the config (a config with problems throws), records, meetings, with their problems. */
export async function loadWorkspace(root: string, options: LoadOptions & StoreOptions = {}): Promise<Workspace> {
  return (await openStore(root, options)).load(options);
}

export class Store {
  private readonly useCache: boolean;
  private readonly now = Date.now();
  private readonly tree: RecordTree;
  /** Slots 0 and 1: the config and meetings.yaml; then each record file. */
  private readonly stamps: Float64Array;
  private readonly data: StoreData | undefined;
  private readonly file: ChunkedFile<StoreData> | undefined;
  /** Whether every input is exactly as the cache has it. */
  private readonly fresh: boolean;
  /** The generation of the cache that now holds every input, when one does. */
  private whole: string | undefined;
  private chunkCache = new Map<number, ParsedRecord[]>();
  /** Every chunk's bytes, when the whole workspace is loaded: one read. */
  private allChunks: { bytes: Buffer; offset: number } | undefined;
  private loaded: Workspace | undefined;
  private loadedPositions = false;

  constructor(
    readonly root: string,
    private readonly options: StoreOptions,
  ) {
    this.useCache = options.cache ?? process.env['TRACK_NO_CACHE'] !== '1';
    this.tree = listRecordFiles(root);
    const files = this.tree.files;
    this.stamps = new Float64Array((files.length + 2) * STAMP);
    stampFile(join(root, CONFIG_FILE), this.stamps, 0);
    stampFile(join(root, MEETINGS_FILE), this.stamps, 1);
    for (let i = 0; i < files.length; i++) stampFile(files[i]!.absPath, this.stamps, i + 2);
    this.file = this.useCache ? readChunkedHeader<StoreData>(join(root, CACHE_DIR, STORE_FILE), isStore) : undefined;
    this.data = this.file?.header;
    const d = this.data;
    this.fresh =
      d !== undefined &&
      d.complete &&
      d.treeKey === JSON.stringify(this.tree.diagnostics) &&
      d.paths.length === files.length &&
      sameStamp(d.settings, 0, this.stamps, 0) &&
      sameStamp(d.settings, 1, this.stamps, 1) &&
      files.every((f, i) => d.paths[i] === f.path && sameStamp(d.stamps, i, this.stamps, i + 2));
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
    const before = fresh === undefined ? undefined : readCacheFile<ResultsData>(this.root, RESULTS_FILE, (r) => r.generation === fresh && Array.isArray(r.entries));
    const hit = before?.entries.find((e) => e.key === key);
    if (hit) {
      try {
        const decoder = unpack(hit.value);
        const value = decoder.take() as T;
        if (decoder.done) {
          if (this.options.stats) this.options.stats.remembered = (this.options.stats.remembered ?? 0) + 1;
          return value;
        }
      } catch {
        // A broken entry: work it out again.
      }
    }
    const value = await compute();
    // Working it out may have written a new store (a file had changed): the results of the old one go.
    const generation = this.whole;
    if (this.useCache && generation !== undefined) {
      let packed: Uint8Array | undefined;
      try {
        packed = pack([value]);
      } catch {
        // Not plain data: worked out again next time (a test checks that validate's and status's results are kept).
      }
      if (packed) {
        const kept = before?.generation === generation ? before.entries : [];
        const entries = [{ key, value: packed }, ...kept.filter((e) => e.key !== key)].slice(0, RESULTS_KEPT);
        keepFile(this.root, RESULTS_FILE, serialize({ generation, entries } satisfies ResultsData));
      }
    }
    return value;
  }

  /** Every item's id, source and links, every source's date: loads the workspace only when the cache is not fresh. */
  async index(): Promise<WorkspaceIndex> {
    if (this.fresh) {
      try {
        return this.cachedIndex();
      } catch {
        // A damaged cache: read the files.
      }
    }
    const all = await this.load();
    return {
      items: all.items.map(({ id, source, related, path }) => ({ id, source, related, path })),
      sources: all.sources.map(({ id, date, path }) => ({ id, path, ...(date !== undefined ? { date } : {}) })),
      unreadable: all.unreadable,
    };
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
    const all = await this.load();
    return { ...all, items: all.items.filter((i) => wanted.has(i.path)), sources: all.sources.filter((s) => wanted.has(s.path)) };
  }

  /** The whole workspace: each record from the cache when its stamp is as cached, else from its file. */
  async load(options: LoadOptions = {}): Promise<Workspace> {
    if (this.loaded && (this.loadedPositions || !options.positions)) return this.loaded;
    const { root, tree, stamps, data } = this;
    const files = tree.files;
    let cached: { config: Config; meetings: LoadedMeetings } | undefined;
    try {
      cached = data ? this.head() : undefined;
    } catch {
      cached = undefined;
    }
    const settingsSame = cached !== undefined && sameStamp(data!.settings, 0, stamps, 0) && sameStamp(data!.settings, 1, stamps, 1);
    const parser = settingsSame ? undefined : await import('../workspace.js');
    const config = settingsSame ? cached!.config : parser!.loadConfig(root);
    const meetings = settingsSame ? cached!.meetings : parser!.loadMeetings(root);

    // The cache's records count only when the config means the same as when they were parsed.
    const usable = cached !== undefined && (settingsSame || data!.configKey === configKeyOf(config));
    const cachedAt = new Map<string, number>();
    if (usable) {
      data!.paths.forEach((path, j) => cachedAt.set(path, j));
      try {
        if (data!.chunkEnds.length > 0) this.allChunks ??= readChunks(this.file!, 0, data!.chunkEnds.length - 1);
      } catch {
        cachedAt.clear();
      }
    }
    const records: ParsedRecord[] = new Array(files.length);
    // Where each record is in the cache, or -1 when it was read.
    const cacheIndex = new Int32Array(files.length).fill(-1);
    const misses: number[] = [];
    for (let i = 0; i < files.length; i++) {
      const j = cachedAt.get(files[i]!.path);
      let record: ParsedRecord | undefined;
      if (j !== undefined && sameStamp(data!.stamps, j, stamps, i + 2)) {
        try {
          record = this.cachedRecord(j);
        } catch {
          record = undefined;
        }
      }
      if (record) {
        records[i] = record;
        cacheIndex[i] = j!;
      } else {
        misses.push(i);
      }
    }
    if (misses.length > 0) {
      const { readRecordFile } = parser ?? (await import('../workspace.js'));
      for (const i of misses) records[i] = readRecordFile(files[i]!, config);
    }
    if (this.options.stats) {
      this.options.stats.read += misses.length;
      this.options.stats.cached += files.length - misses.length;
    }

    let positions: readonly (string | null)[] | undefined;
    const cachedYaml = () => (positions ??= (data && this.positions(data.generation)) || []);
    if (this.useCache && !this.fresh) {
      this.whole = this.writeStore({ records, config, meetings, cacheIndex, cachedYaml });
    }

    const workspace = assembleWorkspace(root, config, tree, records, meetings);
    if (options.positions) {
      // Records read this run brought their frontmatter; the others', from the cache.
      const frontmatter = workspace.frontmatter as Map<string, string>;
      for (let i = 0; i < files.length; i++) {
        const j = cacheIndex[i]!;
        if (j < 0) continue;
        const yaml = cachedYaml()[j];
        if (typeof yaml === 'string') frontmatter.set(files[i]!.path, yaml);
      }
    }
    this.loaded = workspace;
    this.loadedPositions = options.positions === true;
    return workspace;
  }

  /** The cached records' frontmatter, in the order of the store's paths, when it belongs to that store. */
  private positions(generation: string): readonly (string | null)[] | undefined {
    try {
      const file = readChunkedHeader<PositionsData>(join(this.root, CACHE_DIR, POSITIONS_FILE), (p) => p.generation === generation);
      if (!file) return undefined;
      const ends = file.header.chunkEnds;
      if (ends.length === 0) return [];
      const run = readChunks(file, 0, ends.length - 1);
      const yaml: (string | null)[] = [];
      for (let c = 0; c < ends.length; c++) {
        const d = unpack(chunkOf(run, ends, c));
        while (!d.done) yaml.push(d.take() as string | null);
      }
      return yaml;
    } catch {
      return undefined;
    }
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
    const data = this.data!;
    const c = Math.floor(j / CHUNK);
    let chunk = this.chunkCache.get(c);
    if (!chunk) {
      const d = unpack(chunkOf(this.allChunks ?? readChunks(this.file!, c, c), data.chunkEnds, c));
      chunk = [];
      const end = Math.min(data.paths.length, (c + 1) * CHUNK);
      for (let k = c * CHUNK; k < end; k++) {
        const path = data.paths[k]!;
        const model = d.take();
        const diagnostics = d.take() as ParsedRecord['diagnostics'];
        const kind = data.kinds[k];
        if (kind === ITEM) chunk.push({ path, item: model as Item, diagnostics });
        else if (kind === SOURCE) chunk.push({ path, source: model as NonNullable<ParsedRecord['source']>, diagnostics });
        else throw new Error('cache: an unknown kind of record');
      }
      if (!d.done) throw new Error('cache: too long');
      this.chunkCache.set(c, chunk);
    }
    return chunk[j - c * CHUNK]!;
  }

  /**
   * Keep what this run read for the next: every readable record whose file
   * has settled. Returns the new cache's generation when it holds every input.
   */
  private writeStore(input: { records: ParsedRecord[]; config: Config; meetings: LoadedMeetings; cacheIndex: Int32Array; cachedYaml: () => readonly (string | null)[] }): string | undefined {
    const { records, config, meetings } = input;
    const { stamps, now } = this;
    const files = this.tree.files;
    const racyMs = this.options.racyMs ?? RACY_MS;
    // A config or meetings.yaml changed in the last moments is read again next run (its stamp is not kept);
    // the records stay cached, as they are kept for the config's content, not its file.
    const settings = stamps.slice(0, 2 * STAMP);
    let complete = true;
    if (!settled(stamps, 0, now, racyMs) || (settings[STAMP]! >= 0 && !settled(stamps, 1, now, racyMs))) {
      settings.fill(Number.NaN);
      complete = false;
    }
    const { path: _path, ...content } = config;
    const kept: number[] = [];
    for (let i = 0; i < files.length; i++) {
      // Unreadable files are read again each run: fixing permissions changes no size or time.
      if ((records[i]!.item ?? records[i]!.source) && settled(stamps, i + 2, now, racyMs)) kept.push(i);
      else complete = false;
    }
    const paths = kept.map((i) => files[i]!.path);
    const models = kept.map((i) => (records[i]!.item ?? records[i]!.source)!);
    const keptStamps = new Float64Array(kept.length * STAMP);
    kept.forEach((i, k) => keptStamps.set(stamps.subarray((i + 2) * STAMP, (i + 3) * STAMP), k * STAMP));
    const kinds = Uint8Array.from(kept, (i) => (records[i]!.item ? ITEM : SOURCE));
    const ids = models.map((m) => m.id);
    const index = [
      ids,
      kept.map((i) => records[i]!.item?.source ?? records[i]!.source!.id),
      kept.map((i) => records[i]!.item?.related ?? []),
      kept.map((i) => records[i]!.source?.date ?? null),
      // The items in the order the workspace has them (natural order of ids), worked out once here.
      Uint32Array.from(itemOrder(ids, kinds)),
    ];
    const generation = `${now}-${process.pid}-${Math.random()}`;
    // Each chunk is packed as the writer reaches it, so the bytes are never held whole.
    function* chunks(part: (k: number) => unknown[]): Generator<Uint8Array> {
      for (let k = 0; k < kept.length; k += CHUNK) yield pack(kept.slice(k, k + CHUNK).flatMap((_, j) => part(k + j)));
    }
    keepFile(
      this.root,
      POSITIONS_FILE,
      chunkedParts(chunks((k) => [records[kept[k]!]!.yaml ?? input.cachedYaml()[input.cacheIndex[kept[k]!]!] ?? null]), (): Omit<PositionsData, 'chunkEnds'> => ({ generation })),
    );
    const header = (): Omit<StoreData, 'chunkEnds'> => ({
      format: FORMAT,
      build: BUILD_KEY,
      settings,
      configKey: JSON.stringify(content),
      treeKey: JSON.stringify(this.tree.diagnostics),
      paths,
      stamps: keptStamps,
      complete,
      head: pack([content, meetings]),
      kinds,
      index: serialize(index),
      generation,
    });
    const written = keepFile(this.root, STORE_FILE, chunkedParts(chunks((k) => [models[k], records[kept[k]!]!.diagnostics]), header));
    return written && complete ? generation : undefined;
  }
}

/** The positions of the items among the records, in the order `assembleWorkspace` gives items. */
function itemOrder(ids: readonly string[], kinds: Uint8Array): number[] {
  const order = ids.flatMap((id, i) => (kinds[i] === ITEM ? [{ id, i }] : []));
  sortById(order);
  return order.map(({ i }) => i);
}

/** Write one cache file through the one writer; a cache only saves time, so a read-only folder just means none. */
function keepFile(root: string, name: string, bytes: Content): boolean {
  try {
    const dir = join(root, CACHE_DIR);
    mkdirSync(dir, { recursive: true });
    writeFile(join(dir, name), bytes, { within: root, durable: false });
    return true;
  } catch {
    // Not kept: the next run reads the files again.
    return false;
  }
}
