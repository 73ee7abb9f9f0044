// The one way into a workspace: `loadWorkspace(root)` gives the typed model
// with every reading problem, placed. Nothing outside this folder knows there
// is a cache, a fingerprint or a parser behind it.
//
// One fingerprint: each input's size, mtime, ctime and inode (the config,
// meetings.yaml, every record file). One cache of what reading produced, in
// .track/cache/: the config, the meetings and each record with its problems
// (store.v8), and each record's frontmatter text (positions.v8) for placing
// the rules' problems, read only when asked for. A record whose stamp is as
// cached is not opened; when none has changed, no parser is even loaded.

import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { assembleWorkspace, type LoadedMeetings } from '../assemble.js';
import type { Config, Workspace } from '../model.js';
import type { ParsedRecord } from '../parse.js';
import { readFileText } from '../read.js';
import { CONFIG_FILE } from '../root.js';
import { listRecordFiles, MEETINGS_FILE, type RecordTree } from '../tree.js';
import { Decoder, Encoder, type Encoded } from './codec.js';
import { RACY_MS, sameStamp, settled, STAMP, stampFile } from './fingerprint.js';
import { BUILD_KEY } from './build.js';
import { writeFile } from '../../write/file.js';

export const CACHE_DIR = '.track/cache';
const STORE_FILE = 'store.v8';
const POSITIONS_FILE = 'positions.v8';
const FORMAT = 2;

export interface LoadOptions {
  /** Also each record's frontmatter text (`Workspace.frontmatter`), to place the rules' problems by line. */
  positions?: boolean;
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
}

const ITEM = 1;
const SOURCE = 2;

interface StoreData {
  format: number;
  build: string;
  /** Stamps of the config and meetings.yaml. */
  settings: Float64Array;
  /** The config's content the records were parsed with (extra_fields changes what a file means). */
  configKey: string;
  paths: string[];
  stamps: Float64Array;
  /** The config, the meetings, then per record: its kind, its model object, its problems. */
  model: Encoded;
  /** Ties positions.v8 to this file. */
  generation: string;
}

interface PositionsData {
  generation: string;
  yaml: (string | null)[];
}

const configKeyOf = ({ path: _path, ...content }: Config) => JSON.stringify(content);

function readStore(root: string): StoreData | undefined {
  try {
    const data = deserialize(readFileSync(join(root, CACHE_DIR, STORE_FILE))) as StoreData;
    return data?.format === FORMAT && data.build === BUILD_KEY && typeof data.model === 'object' && data.model !== null ? data : undefined;
  } catch {
    // No cache yet, or a broken one: read the files.
    return undefined;
  }
}

/** The cached records' frontmatter, in the order of the store's paths, when it belongs to that store file. */
function readPositions(root: string, generation: string): readonly (string | null)[] | undefined {
  try {
    const data = deserialize(readFileSync(join(root, CACHE_DIR, POSITIONS_FILE))) as PositionsData;
    return data?.generation === generation && Array.isArray(data.yaml) ? data.yaml : undefined;
  } catch {
    return undefined;
  }
}

interface Cached {
  config: Config;
  meetings: LoadedMeetings;
  records: ParsedRecord[];
}

/** The cache's contents; throws on anything unexpected, and the caller reads the files instead. */
function decode(data: StoreData, root: string): Cached {
  const d = new Decoder(data.model);
  const config = { ...(d.take() as Config), path: join(root, CONFIG_FILE) };
  const meetings = d.take() as LoadedMeetings;
  const records: ParsedRecord[] = new Array(data.paths.length);
  for (let i = 0; i < data.paths.length; i++) {
    const path = data.paths[i]!;
    const kind = d.take();
    const model = d.take();
    const diagnostics = d.take() as ParsedRecord['diagnostics'];
    if (kind === ITEM) records[i] = { path, item: model as NonNullable<ParsedRecord['item']>, diagnostics };
    else if (kind === SOURCE) records[i] = { path, source: model as NonNullable<ParsedRecord['source']>, diagnostics };
    else throw new Error('cache: an unknown kind of record');
  }
  if (!d.done) throw new Error('cache: too long');
  return { config, meetings, records };
}

/** Load a workspace: config (problems there throw, exit 2), records, meetings, with their problems. */
export async function loadWorkspace(root: string, options: LoadOptions = {}): Promise<Workspace> {
  const useCache = options.cache ?? process.env['TRACK_NO_CACHE'] !== '1';
  const now = Date.now();
  const tree = listRecordFiles(root);
  const files = tree.files;
  // Slots 0 and 1: the config and meetings.yaml; then each record file.
  const stamps = new Float64Array((files.length + 2) * STAMP);
  stampFile(join(root, CONFIG_FILE), stamps, 0);
  stampFile(join(root, MEETINGS_FILE), stamps, 1);
  for (let i = 0; i < files.length; i++) stampFile(files[i]!.absPath, stamps, i + 2);

  const data = useCache ? readStore(root) : undefined;
  let cached: Cached | undefined;
  try {
    cached = data ? decode(data, root) : undefined;
  } catch {
    cached = undefined;
  }
  const settingsSame = data !== undefined && cached !== undefined && sameStamp(data.settings, 0, stamps, 0) && sameStamp(data.settings, 1, stamps, 1);
  const parser = settingsSame ? undefined : await import('../workspace.js');
  const config = settingsSame ? cached!.config : parser!.loadConfig(root);
  const meetings = settingsSame ? cached!.meetings : parser!.loadMeetings(root);

  // Each record from the cache when its stamp is as cached (and the config means the same), else from its file.
  const usable = cached !== undefined && (settingsSame || data!.configKey === configKeyOf(config));
  const cachedAt = new Map<string, number>();
  if (usable) data!.paths.forEach((path, j) => cachedAt.set(path, j));
  const records: ParsedRecord[] = new Array(files.length);
  // Where each record is in the cache, or -1 when it was read.
  const cacheIndex = new Int32Array(files.length).fill(-1);
  const misses: number[] = [];
  for (let i = 0; i < files.length; i++) {
    const j = cachedAt.get(files[i]!.path);
    if (j !== undefined && sameStamp(data!.stamps, j, stamps, i + 2)) {
      records[i] = cached!.records[j]!;
      cacheIndex[i] = j;
    } else {
      misses.push(i);
    }
  }
  if (misses.length > 0) {
    const { parseRecordFile } = parser ?? (await import('../workspace.js'));
    for (const i of misses) records[i] = parseRecordFile(files[i]!, config, readFileText(files[i]!.absPath));
  }
  if (options.stats) {
    options.stats.read += misses.length;
    options.stats.cached += files.length - misses.length;
  }

  let positions: readonly (string | null)[] | undefined;
  const cachedYaml = () => (positions ??= (data && readPositions(root, data.generation)) || []);
  if (useCache) {
    const changed = !data || !usable || !settingsSame || misses.length > 0 || data.paths.length !== files.length || files.some((f, i) => data.paths[i] !== f.path);
    if (changed) writeStore(root, { files, records, stamps, config, meetings, now, racyMs: options.racyMs ?? RACY_MS, cacheIndex, cachedYaml });
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
  return workspace;
}

interface StoreInput {
  files: RecordTree['files'];
  records: ParsedRecord[];
  stamps: Float64Array;
  config: Config;
  meetings: LoadedMeetings;
  now: number;
  racyMs: number;
  cacheIndex: Int32Array;
  /** The frontmatter of cached records, as the last run kept it (by the old cache's index). */
  cachedYaml: () => readonly (string | null)[];
}

/** Keep what this run read for the next: every readable record whose file has settled. */
function writeStore(root: string, input: StoreInput): void {
  const { files, records, stamps, config, meetings, now, racyMs } = input;
  // A config or meetings.yaml changed in the last moments is read again next run (its stamp is not kept);
  // the records stay cached, as they are kept for the config's content, not its file.
  const settings = stamps.slice(0, 2 * STAMP);
  if (!settled(stamps, 0, now, racyMs) || (settings[STAMP]! >= 0 && !settled(stamps, 1, now, racyMs))) settings.fill(Number.NaN);
  const encoder = new Encoder();
  const { path: _path, ...content } = config;
  encoder.put(content);
  encoder.put(meetings);
  const paths: string[] = [];
  const kept: number[] = [];
  const yaml: (string | null)[] = [];
  for (let i = 0; i < files.length; i++) {
    const record = records[i]!;
    const model = record.item ?? record.source;
    // Unreadable files are read again each run: fixing permissions changes no size or time.
    if (!model || !settled(stamps, i + 2, now, racyMs)) continue;
    encoder.put(record.item ? ITEM : SOURCE);
    encoder.put(model);
    encoder.put(record.diagnostics);
    paths.push(files[i]!.path);
    kept.push(i);
    yaml.push(record.yaml ?? input.cachedYaml()[input.cacheIndex[i]!] ?? null);
  }
  const keptStamps = new Float64Array(kept.length * STAMP);
  kept.forEach((i, k) => keptStamps.set(stamps.subarray((i + 2) * STAMP, (i + 3) * STAMP), k * STAMP));
  const generation = `${now}-${process.pid}-${Math.random()}`;
  const data: StoreData = {
    format: FORMAT,
    build: BUILD_KEY,
    settings,
    configKey: JSON.stringify(content),
    paths,
    stamps: keptStamps,
    model: encoder.encoded,
    generation,
  };
  keepFile(root, POSITIONS_FILE, serialize({ generation, yaml } satisfies PositionsData));
  keepFile(root, STORE_FILE, serialize(data));
}

/** Write one cache file through the one writer; a cache only saves time, so a read-only folder just means none. */
function keepFile(root: string, name: string, bytes: Uint8Array): void {
  try {
    const dir = join(root, CACHE_DIR);
    mkdirSync(dir, { recursive: true });
    writeFile(join(dir, name), bytes, { within: root });
  } catch {
    // Not kept: the next run reads the files again.
  }
}
