import { resolve } from 'node:path';
import { report, type ReportFormat } from '../../commands/report.js';
import { ExitError } from '../errors.js';
import type { CliContext } from '../context.js';
import { writeOutputFile } from '../output.js';
import { progressLine } from '../progress.js';

export async function run(ctx: CliContext): Promise<number> {
  const format = ctx.opts['format'] as ReportFormat;
  const output = ctx.opts['output'] as string | undefined;
  if ((format === 'pdf' || format === 'docx') && output === undefined && ctx.stdout.isTTY) {
    const what = format === 'pdf' ? 'A PDF' : 'A Word document';
    throw new ExitError(2, `${what} is not text and would garble the terminal: add -o FILE.${format} (or redirect the output to a file).`);
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
      allowIncomplete: ctx.opts['allowIncomplete'] === true,
      onProgress: progress.step,
      env: ctx.env,
    });
  } finally {
    progress.done();
  }
  for (const notice of result.notices) ctx.stderr.write(`${notice}\n`);
  if (result.problems.errors > 0) {
    const n = result.problems.errors;
    ctx.stderr.write(`Note: the records have ${n} validation error${n === 1 ? '' : 's'}; check the paper before it goes out ("track validate" lists them).\n`);
  }
  if (output !== undefined) {
    writeOutputFile(resolve(ctx.cwd, output), output, result.content, root);
    ctx.stderr.write(`Wrote ${output} (${result.template.name}, ${result.items} item${result.items === 1 ? '' : 's'}).\n`);
  } else {
    ctx.stdout.write(result.content);
  }
  return 0;
}
