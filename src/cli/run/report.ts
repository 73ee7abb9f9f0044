import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { report, type ReportFormat } from '../../commands/report.js';
import { ExitError } from '../../errors.js';
import type { CliContext } from '../context.js';

/** Write whole or not at all: a temporary file beside the target, then rename. */
function writeAtomically(path: string, content: string | Buffer): void {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(temp, content);
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    const detail = error instanceof Error && 'code' in error ? String(error.code) : String(error);
    throw new ExitError(2, `Cannot write ${path} (${detail}). Check the folder exists and you may write to it.`);
  }
}

/** A one-line progress indicator on a terminal; silent when stderr is not one. */
function progressLine(stream: NodeJS.WriteStream): { step: (s: string) => void; done: () => void } {
  if (!stream.isTTY) return { step: () => undefined, done: () => undefined };
  let shown = false;
  return {
    step: (s) => {
      stream.write(`\r\x1b[2K… ${s}`);
      shown = true;
    },
    done: () => {
      if (shown) stream.write('\r\x1b[2K');
    },
  };
}

export async function run(ctx: CliContext): Promise<number> {
  const format = ctx.opts['format'] as ReportFormat;
  const output = ctx.opts['output'] as string | undefined;
  if (format === 'pdf' && output === undefined && ctx.stdout.isTTY) {
    throw new ExitError(2, 'A PDF is not text and would garble the terminal: add -o FILE.pdf (or redirect the output to a file).');
  }
  const root = ctx.root();
  const progress = progressLine(ctx.stderr);
  let result;
  try {
    result = await report({
      root,
      today: ctx.today,
      template: ctx.args[0]!,
      format,
      ...(ctx.opts['source'] !== undefined ? { source: ctx.opts['source'] as string } : {}),
      ...(ctx.opts['meeting'] !== undefined ? { meeting: ctx.opts['meeting'] as string } : {}),
      onProgress: progress.step,
    });
  } finally {
    progress.done();
  }
  if (result.problems.errors > 0) {
    const n = result.problems.errors;
    ctx.stderr.write(`Note: the records have ${n} error${n === 1 ? '' : 's'}; the paper may be incomplete. Run "track validate" to see them.\n`);
  }
  if (output !== undefined) {
    writeAtomically(output, result.content);
    ctx.stderr.write(`Wrote ${output} (${result.template.name}, ${result.items} item${result.items === 1 ? '' : 's'}).\n`);
  } else {
    ctx.stdout.write(result.content);
  }
  return 0;
}
