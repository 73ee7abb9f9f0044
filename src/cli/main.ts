// Declares the commands and their flags (../shared/spec/cli.md); each action
// lazily loads its runner. handleError is where errors become exit codes
// and stderr, through src/cli/errors.ts.
// runCli runs a command against a CliIo and returns its exit code (tests run
// track in-process through it); main gives it the process's own and exits.

import { Command, CommanderError, Option } from 'commander';
import { setInterruptReporter } from '../write/interrupt.js';
import { makeContext, type CliIo, type GlobalOptions } from './context.js';
import { ExitError, exitFor } from './errors.js';
import { printDiagnostics } from './diagnostics.js';
import { RUNNERS } from './runners.js';
import { processStdin } from './stdin.js';
import { VERSION } from './version.js';
import { colourEnabled } from './terminal.js';
import { terminalText } from './safe-text.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

function program(io: CliIo, setCode: (code: number) => void): Command {
  const track = new Command('track')
    .description('Track the recommendations of a board or committee: validate them, see where they stand, render the board papers.')
    .version(VERSION, '-V, --version')
    .option('--dir <path>', 'the workspace folder (default: the nearest folder upward holding track.config.yaml)')
    .option('--today <date>', 'the date every derived fact uses, YYYY-MM-DD (or set TRACK_TODAY)')
    .option('--no-color', 'no colour in the output')
    .showHelpAfterError('(run "track --help" for the commands)')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      // commander reads an undefined width as "not a terminal", as its own default does.
      getOutHelpWidth: () => (io.stdout.isTTY ? io.stdout.columns : undefined) as number,
      getErrHelpWidth: () => (io.stderr.isTTY ? io.stderr.columns : undefined) as number,
    });

  const command = (name: string, description: string) =>
    track
      .command(name)
      .description(description)
      .exitOverride()
      .action(async (...params: unknown[]) => {
        const cmd = params[params.length - 1] as Command;
        const opts = cmd.opts();
        const globals = cmd.optsWithGlobals() as GlobalOptions;
        setCode(await runCommand(cmd.name(), cmd.args, opts, globals, io));
      });

  command('validate', 'check every record; every problem with file, line and column')
    .addOption(new Option('--format <format>', 'output format (markdown: a table of every problem, for a CI job summary)').choices(['text', 'json', 'github', 'markdown']).default('text'))
    .option('--strict', 'warnings fail too (exit 1)')
    .option('--pretty', "under each problem, its line with a caret, and a hint (the default on a terminal)")
    .option('--no-pretty', 'one line per problem (the default when piped)');

  command('status', 'the dashboard before a meeting')
    .option('--source <source>', 'only this source')
    .addOption(new Option('--by <grouping>', 'group the counts').choices(['stage', 'owner', 'theme', 'source']).default('stage'))
    .option('--as-of <date>', 'the records as they stood on this date (YYYY-MM-DD)')
    .option('--json', 'machine output');

  command('list', 'list items, filtered and sorted')
    .option('--stage <stage>', 'at this stage (repeatable)', collect)
    .option('--owner <owner>', 'owned by (repeatable)', collect)
    .option('--source <source>', 'from this source (repeatable)', collect)
    .option('--theme <theme>', 'under this theme (repeatable)', collect)
    .option('--tag <tag>', 'with this tag (repeatable)', collect)
    .option('--kind <kind>', 'of this kind (repeatable)', collect)
    .option('--open', 'open items')
    .option('--closed', 'closed items')
    .option('--overdue', 'past their due date')
    .option('--stale', 'with no recent update')
    .option('--unassigned', 'with no owner')
    .option('--due-before <date>', 'due before this date')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json', 'csv', 'ids']).default('table'))
    .option('--json', 'the same as --format json')
    .option('--sort <field>', 'sort by this field')
    .option('--as-of <date>', 'the records as they stood on this date (YYYY-MM-DD)');

  command('show', 'one item whole').argument('<id>').option('--json', 'machine output').option('--as-of <date>', 'the item as it stood on this date (YYYY-MM-DD)');
  command('log', "an item's history from git").argument('<id>').option('--json', 'machine output');
  command('changes', 'what moved since a date or git ref')
    .option('--since <date-or-ref>', 'from (default: the last meeting)')
    .option('--until <date-or-ref>', 'to (default: now, with uncommitted edits)')
    .option('--json', 'machine output');
  command('doctor', 'what track needs on this machine and in this workspace, and how to get what is missing');
  command('lsp', 'a language server for editors: the problems of track validate as you type, completion, hover').option('--stdio', 'talk over standard input and output (the only way; editors pass it)');
  command('schema', 'JSON Schema of the config, source and item frontmatter, for editors').option('--out <dir>', 'write the schema files into this folder');

  command('init', 'a new workspace in a folder')
    .argument('[dir]')
    .addOption(new Option('--stages <preset>', 'stage scale').choices(['leeds', 'rag', 'pac']).default('leeds'))
    .option('--package <spec>', "where the workspace's package.json installs track from: a version, a git URL or a tarball (default: this version)");
  command('new', 'the next item of a source')
    .argument('<source>')
    .requiredOption('--title <title>', 'the item title')
    .option('--owner <owner>', 'an owner (repeatable)', collect)
    .option('--due <date>', 'the target date')
    .option('--stage <stage>', 'the starting stage')
    .option('--theme <theme>', 'the theme')
    .option('--kind <kind>', 'recommendation, action or objective')
    .option('--text <text>', 'the item text (else standard input or $EDITOR)');
  command('new-source', 'a new source: records/ID/source.md')
    .argument('<id>')
    .requiredOption('--title <title>', 'the title of the report, inquiry or meeting')
    .option('--kind <kind>', 'scrutiny-inquiry, board-decision, review, audit, meeting, report or other (default: report)')
    .option('--made-by <body>', 'the body that made it')
    .option('--date <date>', 'when it was made or approved (default: today)');
  command('update', 'append a progress update to one or more items')
    .argument('<ids...>')
    .option('--note <text>', 'the update text')
    .option('--note-file <file>', 'read the update text from a file')
    .option('--stage <stage>', 'the stage the board agreed')
    .option('--proposed-stage <stage>', "the stage the owner reports, not yet agreed")
    .option('--new-due <date>', 'a new target date (needs --reason)')
    .option('--reason <text>', 'why the target date moved')
    .option('--date <date>', 'the date of the update (default: today)')
    .option('--by <who>', 'who gave the update')
    .option('--response <response>', 'the executive response: accepted, partially-accepted, rejected, noted or pending')
    .option('--report-back <date>', 'when progress next goes back to the board');
  command('import', 'items from a spreadsheet tracker')
    .argument('<file>')
    .requiredOption('--source <source>', 'the source to import into')
    .option('--map <column=field>', 'map a column to a field (repeatable)', collect)
    .option('--stage-map <value=stage>', "read the tracker's own status word as a stage, e.g. Ongoing=amber (repeatable)", collect)
    .option('--dry-run', 'show what would be written');

  command('request', 'ask owners for progress: a workbook and a covering note per owner')
    .option('--owner <owner>', 'only this owner (repeatable)', collect)
    .option('--meeting <date>', 'the meeting the progress is for (default: the next in meetings.yaml)')
    .option('--reply-by <date>', 'the date to reply by (default: two weeks before the meeting)')
    .option('-o, --output <dir>', 'the folder to write into (default: requests/<meeting date>)');
  command('collect', "add what owners sent back as updates")
    .argument('<files...>')
    .option('--date <date>', 'the date of the updates (default: today)')
    .option('--dry-run', 'check and show what would be added; write nothing');
  command('confirm', "record the board's decision on proposed stages")
    .argument('[ids...]')
    .option('--all', 'every item awaiting confirmation')
    .option('--meeting <date>', 'the meeting that decided (default: the latest in meetings.yaml)')
    .option('--reject', 'the proposal was not agreed: the item keeps its stage')
    .option('--note <text>', 'the decision in words (default: a sentence naming the stage and meeting)');

  command('report', 'render a board paper from a template')
    .argument('<template>')
    .option('--source <source>', 'only this source')
    .option('--meeting <date>', 'the meeting the paper is for')
    .option('--allow-incomplete', 'write the paper even when records cannot be read, naming them at its top')
    .addOption(new Option('--format <format>', 'output format').choices(['md', 'html', 'pdf', 'docx']).default('md'))
    .option('-o, --output <file>', 'write to this file');
  command('templates', 'the templates there are');
  command('export', 'every item, one row each, with the derived facts')
    .addOption(new Option('--format <format>', 'output format').choices(['csv', 'xlsx', 'json']).default('csv'))
    .option('-o, --output <file>', 'write to this file')
    .option('--as-of <date>', 'the records as they stood on this date (YYYY-MM-DD)');
  return track;
}

async function runCommand(name: string, args: string[], opts: Record<string, unknown>, globals: GlobalOptions, io: CliIo): Promise<number> {
  const load = RUNNERS[name];
  if (!load) throw new ExitError(2, `"track ${name}" is not available in this version of track yet.`);
  const ctx = makeContext(args, opts, globals, io, colourEnabled(io.stdout, globals.color, io.env));
  const { run } = await load();
  return run(ctx);
}

/**
 * Run track with `argv` (as process.argv: node, the script, then the
 * arguments) against `io`, and return the exit code. It never exits the
 * process, sets process.exitCode or listens for signals: main does that.
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let code = 0;
  try {
    await program(io, (c) => (code = c)).parseAsync(argv);
  } catch (error) {
    code = handleError(error, io);
  }
  return code;
}

/** The CLI as the process runs it: its streams, environment and folder; exits when done. */
export async function main(argv: string[]): Promise<void> {
  // Only while files are being written does track catch these; the writer has put everything back by now.
  setInterruptReporter((signal) => {
    process.stderr.write(`Interrupted (${signal === 'SIGINT' ? 'Ctrl-C' : 'SIGTERM'}): nothing was written, every file is as it was.\n`);
    process.exit(signal === 'SIGINT' ? 130 : 143);
  });
  // `track list | head` closes the pipe early: that is the reader's choice, not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  process.exitCode = await runCli(argv, { stdout: process.stdout, stderr: process.stderr, stdin: processStdin, env: process.env, cwd: process.cwd() });
  // Once the output is out, stop. Waiting for the event loop to empty by
  // itself (the reading thread's teardown, a git process whose answer is no
  // longer wanted) adds tens of milliseconds to a run.
  await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
  process.exit(process.exitCode ?? 0);
}

/** Resolves once everything written to `stream` so far has been handed on. */
function flushed(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    if (stream.destroyed || !stream.writable) resolve();
    else stream.write('', () => resolve());
  });
}

function handleError(error: unknown, io: CliIo): number {
  const exit = exitFor(error);
  if (exit) {
    if (exit.diagnostics.length > 0) printDiagnostics(io.stderr, exit.diagnostics, { color: colourEnabled(io.stderr, undefined, io.env) });
    io.stderr.write(`${terminalText(exit.message)}\n`);
    return exit.code;
  }
  if (error instanceof CommanderError) {
    // Help and --version exit 0; any usage mistake is "could not run".
    return error.exitCode === 0 ? 0 : 2;
  }
  const detail = error instanceof Error ? error.message : String(error);
  io.stderr.write(
    `track ${VERSION}: this is a bug in track, not in your records: ${detail}\nPlease report it with the command you ran. Set TRACK_DEBUG=1 for the details.\n`,
  );
  if (io.env['TRACK_DEBUG'] && error instanceof Error) io.stderr.write(`${error.stack}\n`);
  return 2;
}
