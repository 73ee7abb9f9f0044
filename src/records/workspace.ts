// The one loader: a workspace folder into the typed model plus diagnostics.

import { existsSync, readdirSync, type Dirent } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic } from './diagnostic.js';
import { loadConfig } from './config.js';
import type { Config, Item, Meeting, Source, Workspace } from './model.js';
import { parseItem, parseSource, recordYaml, type ParsedRecord } from './parse.js';
import { placeProblems, problemToDiagnostic, readYamlFile } from './read.js';
import { check, meetingsSchema } from './schema.js';

export const RECORDS_DIR = 'records';
export const MEETINGS_FILE = 'meetings.yaml';
export const SOURCE_FILE = 'source.md';

const NAME_RE = /^[a-z0-9][a-z0-9-]*$/;

/** A record file found in the tree, before it is read. */
export interface RecordFileRef {
  absPath: string;
  /** Workspace-relative path, with forward slashes. */
  path: string;
  kind: 'source' | 'item';
  /** The source folder name, lower case. */
  source: string;
  /** For an item, its id ("leeds-cd-2007/r1"); for a source, the source id. */
  id: string;
  size?: number;
  mtimeMs?: number;
}

export interface RecordTree {
  files: RecordFileRef[];
  diagnostics: Diagnostic[];
}

const layout = (file: string, rule: string, message: string, hint: string): Diagnostic =>
  problemToDiagnostic(file, { rule, message, hint, line: 1, column: 1 });

function badName(path: string, name: string, what: string): Diagnostic {
  return layout(
    path,
    'bad-name',
    `the ${what} name "${name}" uses characters ids cannot have`,
    'use only lower-case letters, digits and hyphens, starting with a letter or digit (for example r7.md)',
  );
}

/** Every record file under records/, and the problems of the tree's shape. */
export function listRecordFiles(root: string): RecordTree {
  const files: RecordFileRef[] = [];
  const diagnostics: Diagnostic[] = [];
  const recordsDir = join(root, RECORDS_DIR);
  if (!existsSync(recordsDir)) return { files, diagnostics };
  const entries = readdirSync(recordsDir, { withFileTypes: true }).sort(byName);
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const rel = `${RECORDS_DIR}/${entry.name}`;
    if (!entry.isDirectory()) {
      if (entry.name.endsWith('.md')) {
        diagnostics.push(layout(rel, 'misplaced-file', 'a record file directly in records/ is not read', 'move it into the folder of its source, as records/<source>/<item>.md'));
      }
      continue;
    }
    const folder = entry.name;
    const source = folder.toLowerCase();
    if (!NAME_RE.test(folder)) diagnostics.push(badName(rel, folder, 'folder'));
    let hasSource = false;
    const items: RecordFileRef[] = [];
    for (const child of readdirSync(join(recordsDir, folder), { withFileTypes: true })) {
      if (child.name.startsWith('.')) continue;
      const childRel = `${rel}/${child.name}`;
      if (child.isDirectory()) {
        if (containsMarkdown(join(recordsDir, folder, child.name))) {
          diagnostics.push(layout(childRel, 'misplaced-file', 'record files in a sub-folder of a source are not read', `keep items directly in ${rel}/`));
        }
        continue;
      }
      if (!child.name.endsWith('.md')) continue;
      const absPath = join(recordsDir, folder, child.name);
      if (child.name === SOURCE_FILE) {
        hasSource = true;
        files.push({ absPath, path: childRel, kind: 'source', source, id: source });
        continue;
      }
      const stem = child.name.slice(0, -3);
      if (!NAME_RE.test(stem)) diagnostics.push(badName(childRel, child.name, 'file'));
      items.push({ absPath, path: childRel, kind: 'item', source, id: `${source}/${stem.toLowerCase()}` });
    }
    if (!hasSource && items.length > 0) {
      diagnostics.push(layout(rel, 'no-source', `the folder ${rel} has items but no source.md`, `add ${rel}/source.md with the title and date of the report or meeting that made them`));
    }
    files.push(...items);
  }
  return { files, diagnostics };
}

function byName(a: Dirent, b: Dirent): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

function containsMarkdown(dir: string): boolean {
  return readdirSync(dir, { withFileTypes: true }).some((e) => (e.isDirectory() ? containsMarkdown(join(dir, e.name)) : e.name.endsWith('.md')));
}

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
    const yaml = recordYaml.get(record);
    if (yaml !== undefined) frontmatter.set(record.path, yaml);
    if (record.source) sources.push(record.source);
    else if (record.item) items.push(record.item);
    else unreadable.push(record.path);
    diagnostics.push(...record.diagnostics);
  }
  const keys = new Map(items.map((i) => [i, naturalKey(i.id)]));
  items.sort((a, b) => (keys.get(a)! < keys.get(b)! ? -1 : 1));
  sources.sort((a, b) => (a.id < b.id ? -1 : 1));
  const meetings = loadMeetings(root);
  diagnostics.push(...meetings.diagnostics);
  return { root, config, sources, items, meetings: meetings.meetings, diagnostics, unreadable, frontmatter };
}
