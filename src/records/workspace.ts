// The one loader: a workspace folder into the typed model plus diagnostics.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic } from './diagnostic.js';
import { loadConfig } from './config.js';
import type { Config, Item, Meeting, Source, Workspace } from './model.js';
import { parseItem, parseSource, type ParsedRecord } from './parse.js';
import { placeProblems, readYamlFile } from './read.js';
import { listRecordFiles, MEETINGS_FILE, type RecordFileRef, type RecordTree } from './tree.js';
import { check, meetingsSchema } from './schema.js';

export { listRecordFiles, MEETINGS_FILE, RECORDS_DIR, SOURCE_FILE, type RecordFileRef, type RecordTree } from './tree.js';

/** Read one record file; pure given the file and the config. */
export function parseRecordFile(ref: RecordFileRef, config: Config): ParsedRecord {
  return ref.kind === 'source'
    ? parseSource(ref.absPath, ref.path, ref.id)
    : parseItem(ref.absPath, ref.path, ref.id, ref.source, config.extraFields);
}

export function loadMeetings(root: string): { meetings: Meeting[]; diagnostics: Diagnostic[] } {
  const abs = join(root, MEETINGS_FILE);
  if (!existsSync(abs)) return { meetings: [], diagnostics: [] };
  const read = readYamlFile(abs, MEETINGS_FILE);
  if ('diagnostic' in read) return { meetings: [], diagnostics: [read.diagnostic] };
  const checked = check(meetingsSchema, read.data ?? []);
  if ('problems' in checked) {
    const diagnostics = placeProblems(MEETINGS_FILE, checked.problems, read.locator);
    // Keep the meetings that are fine on their own.
    const meetings = Array.isArray(read.data)
      ? read.data.flatMap((m) => {
          const one = check(meetingsSchema, [m]);
          return 'value' in one ? one.value : [];
        })
      : [];
    return { meetings: meetings.map(toMeeting), diagnostics };
  }
  return { meetings: checked.value.map(toMeeting), diagnostics: [] };
}

function toMeeting(m: { date: string; body?: string | null; title?: string | null; tentative?: boolean | null }): Meeting {
  return {
    date: m.date,
    tentative: m.tentative ?? false,
    ...(m.body != null ? { body: m.body } : {}),
    ...(m.title != null ? { title: m.title } : {}),
  };
}

export interface LoadOptions {
  /** The files, when the caller has listed them already. */
  tree?: RecordTree;
  /** Replaces reading each record file, e.g. with a cache. */
  parseRecords?: (files: RecordFileRef[], config: Config, root: string) => ParsedRecord[];
}

/** "cd/r2" before "cd/r10": digit runs compare as numbers. */
const naturalKey = (id: string) => id.replace(/\d+/g, (d) => d.padStart(12, '0'));

/** Sort items by id in natural order, working out each sort key once. */
function sortNaturally(items: Item[]): void {
  const keyed = items.map((item) => ({ key: naturalKey(item.id), item }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  keyed.forEach(({ item }, i) => (items[i] = item));
}

/** Load a workspace: config (problems there throw, exit 2), records, meetings. */
export function loadWorkspace(root: string, options: LoadOptions = {}): Workspace {
  const config = loadConfig(root);
  const tree = options.tree ?? listRecordFiles(root);
  const parsed = options.parseRecords
    ? options.parseRecords(tree.files, config, root)
    : tree.files.map((ref) => parseRecordFile(ref, config));
  const sources: Source[] = [];
  const items: Item[] = [];
  const unreadable: string[] = [];
  const diagnostics: Diagnostic[] = [...tree.diagnostics];
  const frontmatter = new Map<string, string>();
  for (const record of parsed) {
    if (record.yaml !== undefined) frontmatter.set(record.path, record.yaml);
    if (record.source) sources.push(record.source);
    else if (record.item) items.push(record.item);
    else unreadable.push(record.path);
    diagnostics.push(...record.diagnostics);
  }
  sortNaturally(items);
  sources.sort((a, b) => (a.id < b.id ? -1 : 1));
  const meetings = loadMeetings(root);
  diagnostics.push(...meetings.diagnostics);
  return { root, config, sources, items, meetings: meetings.meetings, diagnostics, unreadable, frontmatter };
}
