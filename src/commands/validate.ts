import { countBySeverity, type Diagnostic } from '../records/diagnostic.js';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { MEETINGS_FILE } from '../records/tree.js';
import { placeDiagnostics } from './open.js';
import { loadWorkspace } from '../records/store/index.js';
import { readHistory, workspaceProblems } from './problems.js';
import { SourceLines } from '../records/locate.js';

export interface ValidateOptions {
  root: string;
  today: string;
  /** Warnings fail too. */
  strict?: boolean;
}

export interface ValidateResult {
  diagnostics: Diagnostic[];
  errors: number;
  warnings: number;
  /** Files checked: the config, meetings.yaml when there is one, every record file. */
  files: number;
  /** Whether the run passes (exit 0). */
  ok: boolean;
  /** One sentence for stderr, e.g. that git history could only be partly read. */
  note?: string;
  /** The files' lines, as read to place the diagnostics: for showing them. */
  sources: SourceLines;
}

export async function validate(options: ValidateOptions): Promise<ValidateResult> {
  // git reads the history while the files are read and parsed.
  const gitHistory = readHistory(options.root);
  const workspace = await loadWorkspace(options.root, { positions: true });
  const problems = await workspaceProblems(workspace, options.today, gitHistory);
  const sources = new SourceLines(workspace.root, workspace.frontmatter);
  const diagnostics = placeDiagnostics(problems.diagnostics, sources);
  const { errors, warnings } = countBySeverity(diagnostics);
  const records = workspace.sources.length + workspace.items.length + workspace.unreadable.length;
  const files = 1 + (existsSync(join(options.root, MEETINGS_FILE)) ? 1 : 0) + records;
  return { diagnostics, errors, warnings, files, ok: errors === 0 && (!options.strict || warnings === 0), sources, ...(problems.note ? { note: problems.note } : {}) };
}
