// The one place the language server reads a workspace: the loader's own
// pieces and the same rules as `track validate`, with the editor's unsaved
// text standing in for the files it has open. (The store, records/store/,
// reads only what is on disk; when it can take open documents, only this
// file changes.)

import { statSync } from 'node:fs';
import { TrackError } from '../errors.js';
import { readHistory, workspaceProblems } from '../commands/problems.js';
import { assembleWorkspace } from '../records/assemble.js';
import type { Diagnostic } from '../records/diagnostic.js';
import { placeDiagnostics, SourceLines } from '../records/locate.js';
import type { Config, Workspace } from '../records/model.js';
import type { ParsedRecord } from '../records/parse.js';
import { listRecordFiles, type RecordFileRef } from '../records/tree.js';
import { loadConfig, loadMeetings, parseRecordFile, readRecordFile } from '../records/workspace.js';

export interface LiveResult {
  /** Undefined when the config cannot be used: then `diagnostics` are the config's. */
  workspace?: Workspace;
  /** Every problem, placed, with workspace-relative paths. */
  diagnostics: Diagnostic[];
}

type History = ReturnType<typeof readHistory>;
const histories = new Map<string, History>();

/** git's history changes with commits, not keystrokes: read once per workspace until `forgetHistory`. */
export function forgetHistory(root: string): void {
  histories.delete(root);
}

/** Records parsed from disk, kept while the file's size and time (and the config) stay the same: only what is typed is parsed again. */
const parsedFiles = new Map<string, { size: number; mtimeMs: number; config: Config; parsed: ParsedRecord }>();

function parseSaved(ref: RecordFileRef, config: Config): ParsedRecord {
  let stat;
  try {
    stat = statSync(ref.absPath);
  } catch {
    return readRecordFile(ref, config);
  }
  const kept = parsedFiles.get(ref.absPath);
  if (kept && kept.size === stat.size && kept.mtimeMs === stat.mtimeMs && kept.config === config) return kept.parsed;
  const parsed = readRecordFile(ref, config);
  parsedFiles.set(ref.absPath, { size: stat.size, mtimeMs: stat.mtimeMs, config, parsed });
  return parsed;
}

/** The config, read again only when its file changed. */
const configs = new Map<string, { size: number; mtimeMs: number; config: Config }>();

function configOf(root: string): Config {
  const path = `${root}/track.config.yaml`;
  const stat = statSync(path, { throwIfNoEntry: false });
  const kept = configs.get(root);
  if (stat && kept && kept.size === stat.size && kept.mtimeMs === stat.mtimeMs) return kept.config;
  const config = loadConfig(root);
  if (stat) configs.set(root, { size: stat.size, mtimeMs: stat.mtimeMs, config });
  return config;
}

const meetingsCache = new Map<string, { size: number; mtimeMs: number; meetings: ReturnType<typeof loadMeetings> }>();

function meetingsOf(root: string): ReturnType<typeof loadMeetings> {
  const stat = statSync(`${root}/meetings.yaml`, { throwIfNoEntry: false });
  const kept = meetingsCache.get(root);
  if (kept && (stat ? kept.size === stat.size && kept.mtimeMs === stat.mtimeMs : kept.size === -1)) return kept.meetings;
  const meetings = loadMeetings(root);
  meetingsCache.set(root, { size: stat ? stat.size : -1, mtimeMs: stat ? stat.mtimeMs : -1, meetings });
  return meetings;
}

/** Every problem `track validate` finds, with `open` (absolute path → text) read instead of the files on disk. */
export async function validateLive(root: string, today: string, open: ReadonlyMap<string, string>): Promise<LiveResult> {
  let history = histories.get(root);
  if (!history) histories.set(root, (history = readHistory(root)));
  let workspace: Workspace;
  try {
    const config = configOf(root);
    const tree = listRecordFiles(root);
    const records = tree.files.map((ref) => {
      const text = open.get(ref.absPath);
      return text === undefined ? parseSaved(ref, config) : parseRecordFile(ref, config, { text });
    });
    workspace = assembleWorkspace(root, config, tree, records, meetingsOf(root));
  } catch (error) {
    if (error instanceof TrackError) return { diagnostics: [...error.diagnostics] };
    throw error;
  }
  const problems = await workspaceProblems(workspace, today, history);
  const diagnostics = placeDiagnostics(problems.diagnostics, new SourceLines(root, workspace.frontmatter));
  return { workspace, diagnostics };
}
