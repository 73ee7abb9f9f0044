import { countBySeverity, type Diagnostic } from '../records/diagnostic.js';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { MEETINGS_FILE } from '../records/workspace.js';
import { checkWorkspace, openWorkspace, placeDiagnostics } from './open.js';

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
}

export async function validate(options: ValidateOptions): Promise<ValidateResult> {
  const workspace = openWorkspace(options.root);
  const diagnostics = placeDiagnostics(workspace, checkWorkspace(workspace, options.today));
  const { errors, warnings } = countBySeverity(diagnostics);
  const records = workspace.sources.length + workspace.items.length + workspace.unreadable.length;
  const files = 1 + (existsSync(join(options.root, MEETINGS_FILE)) ? 1 : 0) + records;
  return { diagnostics, errors, warnings, files, ok: errors === 0 && (!options.strict || warnings === 0) };
}
