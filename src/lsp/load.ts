// The one place the language server reads a workspace: the same loader and
// rules as `track validate`, with the editor's unsaved text standing in for
// the files it has open. (When the loader moves, only this file changes.)

import { readFileSync, statSync } from 'node:fs';
import { ExitError } from '../errors.js';
import { placeDiagnostics } from '../commands/open.js';
import { readHistory, workspaceProblems } from '../commands/problems.js';
import type { Diagnostic } from '../records/diagnostic.js';
import { SourceLines } from '../records/locate.js';
import type { Config, Workspace } from '../records/model.js';
import type { ParsedRecord } from '../records/parse.js';
import type { RecordFileRef } from '../records/tree.js';
import type { FileRead } from '../records/read-files.js';
import { loadWorkspace } from '../records/workspace.js';

export interface LiveResult {
  /** Undefined when the config cannot be used: then `diagnostics` are the config's. */
  workspace?: Workspace;
  /** Every problem, placed, with workspace-relative paths. */
  diagnostics: Diagnostic[];
}

function readNow(absPath: string): FileRead {
  try {
    const stat = statSync(absPath);
    return { size: stat.size, mtimeMs: stat.mtimeMs, text: readFileSync(absPath, 'utf8') };
  } catch (error) {
    return { size: 0, mtimeMs: 0, code: (error as NodeJS.ErrnoException).code ?? 'error' };
  }
}

type History = ReturnType<typeof readHistory>;
const histories = new Map<string, History>();

/** git's history changes with commits, not keystrokes: read once per workspace until `forgetHistory`. */
export function forgetHistory(root: string): void {
  histories.delete(root);
}

/** Records parsed from disk, kept while the file's size and time stay the same: only what is typed is parsed again. */
const parsedFiles = new Map<string, { size: number; mtimeMs: number; parsed: ParsedRecord }>();

function parseSaved(ref: RecordFileRef, config: Config, parse: (ref: RecordFileRef, config: Config, read: FileRead) => ParsedRecord): ParsedRecord {
  let stat;
  try {
    stat = statSync(ref.absPath);
  } catch {
    return parse(ref, config, readNow(ref.absPath));
  }
  const kept = parsedFiles.get(ref.absPath);
  if (kept && kept.size === stat.size && kept.mtimeMs === stat.mtimeMs) return kept.parsed;
  const parsed = parse(ref, config, readNow(ref.absPath));
  parsedFiles.set(ref.absPath, { size: stat.size, mtimeMs: stat.mtimeMs, parsed });
  return parsed;
}

/** Every problem `track validate` finds, with `open` (absolute path → text) read instead of the files on disk. */
export async function validateLive(root: string, today: string, open: ReadonlyMap<string, string>): Promise<LiveResult> {
  let history = histories.get(root);
  if (!history) histories.set(root, (history = readHistory(root)));
  let workspace: Workspace;
  try {
    workspace = await loadWorkspace(root, {
      parseRecords: async (files, config, _root, parse) =>
        files.map((ref) => {
          const text = open.get(ref.absPath);
          return text === undefined ? parseSaved(ref, config, parse) : parse(ref, config, { size: text.length, mtimeMs: 0, text });
        }),
    });
  } catch (error) {
    if (error instanceof ExitError) return { diagnostics: [...error.diagnostics] };
    throw error;
  }
  const problems = await workspaceProblems(workspace, today, history);
  const diagnostics = placeDiagnostics(problems.diagnostics, new SourceLines(root, workspace.frontmatter));
  return { workspace, diagnostics };
}
