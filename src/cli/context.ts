// What every command runner gets from the CLI: the global options, resolved,
// and the streams to print to.

import { localToday, dateProblem } from '../records/dates.js';
import { resolveWorkspaceRoot } from '../records/root.js';
import { ExitError } from './errors.js';

export interface GlobalOptions {
  dir?: string;
  today?: string;
  color?: boolean;
}

export interface CliContext {
  /** Positional arguments of the command. */
  args: string[];
  /** The command's own options, as commander parsed them. */
  opts: Record<string, unknown>;
  /** The date every derived fact uses: --today, else TRACK_TODAY, else the real date. */
  today: string;
  /** The workspace root; resolving it throws ExitError(2) when there is none. */
  root(): string;
  /** Only for commands that may run without a workspace. */
  dir: string | undefined;
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  /** Whether colour may be used on stdout. */
  color: boolean;
}

export function resolveToday(flag: string | undefined, env = process.env): string {
  const [value, from] = flag !== undefined ? [flag, '--today'] : env['TRACK_TODAY'] ? [env['TRACK_TODAY'], 'TRACK_TODAY'] : [undefined, ''];
  if (value === undefined) return localToday();
  const problem = dateProblem(value, false);
  if (problem) throw new ExitError(2, `${from} ${problem.message}: ${problem.hint}.`);
  return value;
}

export function makeContext(args: string[], opts: Record<string, unknown>, globals: GlobalOptions, color: boolean): CliContext {
  let root: string | undefined;
  return {
    args,
    opts,
    today: resolveToday(globals.today),
    root: () => (root ??= resolveWorkspaceRoot(globals.dir)),
    dir: globals.dir,
    stdout: process.stdout,
    stderr: process.stderr,
    color,
  };
}
