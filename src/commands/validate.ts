import { countBySeverity, type Diagnostic } from '../records/diagnostic.js';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { MEETINGS_FILE } from '../records/tree.js';
import { rememberedResult } from './remembered.js';
import { KeptLines } from '../records/lines.js';

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
  sources: KeptLines;
}

/** What validate works out from the records: the same for the same files, day and git history. */
interface Checked {
  diagnostics: Diagnostic[];
  records: number;
  /** The lines the rules' problems landed on, as [file, line, text]. */
  lines: [string, number, string][];
  note?: string;
}

export async function validate(options: ValidateOptions): Promise<ValidateResult> {
  // With unchanged files, the same day and the same git history, the problems are as the last run found them.
  const checked = await rememberedResult(options.root, `validate ${options.today}`, async (store, history): Promise<Checked> => {
    // Placing problems by line may need a YAML parser: loaded only when they are worked out.
    const { SourceLines, locateDiagnostics } = await import('../records/locate.js');
    const { placedProblems } = await import('./problems.js');
    let sources: InstanceType<typeof SourceLines> | undefined;
    const problems = await placedProblems(store, options.today, history(), (frontmatter) => {
      const lines = (sources = new SourceLines(store.root, frontmatter));
      return (diagnostics) => locateDiagnostics(diagnostics, lines);
    });
    return { ...problems, lines: sources?.keptLines() ?? [] };
  });
  const { diagnostics, note } = checked;
  const { errors, warnings } = countBySeverity(diagnostics);
  const files = 1 + (existsSync(join(options.root, MEETINGS_FILE)) ? 1 : 0) + checked.records;
  return { diagnostics, errors, warnings, files, ok: errors === 0 && (!options.strict || warnings === 0), sources: KeptLines.remembered(options.root, checked.lines), ...(note ? { note } : {}) };
}
