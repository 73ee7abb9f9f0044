// What every command runner gets from the CLI: the global options, resolved,
// and the streams to print to. The streams, standard input, the environment
// and the current folder come from a CliIo: the process's own in the real
// CLI, a test's in tests that run the CLI in-process.

import { localToday, dateProblem } from '../records/dates.js';
import { resolveWorkspaceRoot } from '../records/root.js';
import { ExitError } from './errors.js';

export interface GlobalOptions {
  dir?: string;
  today?: string;
  color?: boolean;
}

/** Where the CLI prints: process.stdout and process.stderr, or a test's capture. */
export interface CliStream {
  write(chunk: string | Uint8Array): boolean;
  isTTY?: boolean;
  columns?: number;
}

/** Everything the CLI takes from the process it runs in. */
export interface CliIo {
  stdout: CliStream;
  stderr: CliStream;
  /** All of standard input (up to `max` + 1 bytes), read when first asked for; undefined when it is a terminal. */
  stdin(max: number): Buffer | undefined;
  env: NodeJS.ProcessEnv;
  /** The folder relative paths on the command line are read from. */
  cwd: string;
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
  stdout: CliStream;
  stderr: CliStream;
  /** Standard input, as CliIo gives it. */
  stdin: CliIo['stdin'];
  env: NodeJS.ProcessEnv;
  /** The current folder; relative paths on the command line are resolved from it. */
  cwd: string;
  /** Whether colour may be used on stdout. */
  color: boolean;
}

export function resolveToday(flag: string | undefined, env: NodeJS.ProcessEnv): string {
  const [value, from] = flag !== undefined ? [flag, '--today'] : env['TRACK_TODAY'] ? [env['TRACK_TODAY'], 'TRACK_TODAY'] : [undefined, ''];
  if (value === undefined) return localToday();
  const problem = dateProblem(value, false);
  if (problem) throw new ExitError(2, `${from} ${problem.message}: ${problem.hint}.`);
  return value;
}

export function makeContext(args: string[], opts: Record<string, unknown>, globals: GlobalOptions, io: CliIo, color: boolean): CliContext {
  let root: string | undefined;
  return {
    args,
    opts,
    today: resolveToday(globals.today, io.env),
    root: () => (root ??= resolveWorkspaceRoot(globals.dir, io.cwd)),
    dir: globals.dir,
    stdout: io.stdout,
    stderr: io.stderr,
    stdin: io.stdin,
    env: io.env,
    cwd: io.cwd,
    color,
  };
}
