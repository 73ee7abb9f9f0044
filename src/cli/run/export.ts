import { resolve } from 'node:path';
import { exportItems } from '../../commands/export.js';
import { ExitError } from '../errors.js';
import { exportTable } from '../../interop/columns.js';
import { csvText } from '../../interop/csv-text.js';
import { asOfOption } from '../as-of.js';
import type { CliContext } from '../context.js';
import { unreadableMessage } from '../format.js';
import { writeOutputFile } from '../output.js';

type Format = 'csv' | 'xlsx' | 'json';

export async function run(ctx: CliContext): Promise<number> {
  const format = (ctx.opts['format'] as Format | undefined) ?? 'csv';
  const output = ctx.opts['output'] as string | undefined;
  if (format === 'xlsx' && output === undefined && ctx.stdout.isTTY) {
    throw new ExitError(2, 'xlsx is binary: give -o FILE (for example -o items.xlsx), or redirect the output to a file.');
  }
  const root = ctx.root();
  const result = await exportItems({ root, today: ctx.today, ...asOfOption(ctx) });
  let content: string | Uint8Array;
  if (format === 'json') content = `${JSON.stringify(result.rows.map((r) => r.json), null, 2)}\n`;
  else if (format === 'csv') content = csvText(exportTable(result.rows));
  else content = await (await import('../../interop/xlsx.js')).xlsxBytes(exportTable(result.rows));
  if (output === undefined) ctx.stdout.write(content);
  else {
    writeOutputFile(resolve(ctx.cwd, output), output, content, root);
    ctx.stderr.write(`Wrote ${output} (${result.rows.length === 1 ? '1 item' : `${result.rows.length} items`}).\n`);
  }
  if (result.unreadable.length > 0) {
    ctx.stderr.write(`${unreadableMessage(result.unreadable.length)}\n`);
    return 1;
  }
  return 0;
}
