// The one loader: a workspace folder into the typed model plus diagnostics.
// It parses (YAML, zod); when nothing has changed, cache.ts gives the same
// workspace without it (see commands/open.ts).

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from './config.js';
import type { Config, Meeting, Workspace } from './model.js';
import { assembleWorkspace, type LoadedMeetings } from './assemble.js';
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
  /** Replaces reading each record file, e.g. with a cache; `parse` reads one file. */
  parseRecords?: (files: RecordFileRef[], config: Config, root: string, parse: typeof parseRecordFile) => ParsedRecord[];
}

/** Load a workspace: config (problems there throw, exit 2), records, meetings. */
export function loadWorkspace(root: string, options: LoadOptions = {}): Workspace {
  const config = loadConfig(root);
  const tree = options.tree ?? listRecordFiles(root);
  const parsed = options.parseRecords
    ? options.parseRecords(tree.files, config, root, parseRecordFile)
    : tree.files.map((ref) => parseRecordFile(ref, config));
  return assembleWorkspace(root, config, tree, parsed, loadMeetings(root));
}
