// The one loader: a workspace folder into the typed model plus diagnostics.
// It parses (YAML, zod); when nothing has changed, cache.ts gives the same
// workspace without it (see commands/open.ts).

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from './config.js';
import type { Config, Meeting, Workspace } from './model.js';
import { assembleWorkspace, type LoadedMeetings } from './assemble.js';
import { parseItem, parseSource, type ParsedRecord } from './parse.js';
import { placeProblems, readYamlFile, textOf } from './read.js';
import { readFiles, type FileRead, type FileReading } from './read-files.js';
import { listRecordFiles, MEETINGS_FILE, type RecordFileRef, type RecordTree } from './tree.js';
import { check, meetingsSchema } from './schema.js';

export { listRecordFiles, MEETINGS_FILE, RECORDS_DIR, SOURCE_FILE, type RecordFileRef, type RecordTree } from './tree.js';

/** Parse one record file as `readFiles` read it; pure given the file and the config. */
export function parseRecordFile(ref: RecordFileRef, config: Config, read: FileRead): ParsedRecord {
  const text = textOf(read, ref.absPath, ref.path);
  return ref.kind === 'source' ? parseSource(text, ref.path, ref.id) : parseItem(text, ref.path, ref.id, ref.source, config.extraFields);
}

/** Parse every record file; `reading`, when given, is those files already being read. */
export async function parseRecordFiles(files: readonly RecordFileRef[], config: Config, reading = readFiles(files.map((f) => f.absPath))): Promise<ParsedRecord[]> {
  const parsed: ParsedRecord[] = new Array(files.length);
  await reading.each((i, read) => (parsed[i] = parseRecordFile(files[i]!, config, read)));
  return parsed;
}

export function loadMeetings(root: string): LoadedMeetings {
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
  /** Every file of the tree, already being read (see `readFiles`). */
  reading?: FileReading;
  /** Replaces `parseRecordFiles`, e.g. with a cache; `parse` parses one file once read. */
  parseRecords?: (files: RecordFileRef[], config: Config, root: string, parse: typeof parseRecordFile, reading?: FileReading) => Promise<ParsedRecord[]>;
}

/** Load a workspace: config (problems there throw, exit 2), records, meetings. */
export async function loadWorkspace(root: string, options: LoadOptions = {}): Promise<Workspace> {
  let config: Config;
  try {
    config = loadConfig(root);
  } catch (error) {
    // A broken config stops the run: the files being read are not wanted.
    options.reading?.cancel();
    throw error;
  }
  const tree = options.tree ?? listRecordFiles(root);
  const parsed = options.parseRecords
    ? await options.parseRecords(tree.files, config, root, parseRecordFile, options.reading)
    : await parseRecordFiles(tree.files, config, options.reading);
  return assembleWorkspace(root, config, tree, parsed, loadMeetings(root));
}
