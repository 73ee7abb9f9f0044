import { resolve } from 'node:path';
import { importItems } from '../../commands/import.js';
import type { CliContext } from '../context.js';
import { progressLine } from '../progress.js';

export async function run(ctx: CliContext): Promise<number> {
  const file = ctx.args[0]!;
  const progress = progressLine(ctx.stderr);
  const result = await importItems({
    onProgress: progress.step,
    root: ctx.root(),
    today: ctx.today,
    file,
    path: resolve(ctx.cwd, file),
    source: ctx.opts['source'] as string,
    maps: (ctx.opts['map'] as string[] | undefined) ?? [],
    stageMaps: (ctx.opts['stageMap'] as string[] | undefined) ?? [],
    dryRun: ctx.opts['dryRun'] === true,
  }).finally(() => progress.done());
  // The paths on stdout, one a line, as `track new` prints its path; the summary on stderr.
  for (const item of result.items) ctx.stdout.write(`${item.path}\t${item.title}\n`);
  if (result.ignored.length > 0) {
    const columns = result.ignored.map((h) => `"${h}"`).join(', ');
    ctx.stderr.write(`Not imported: the column${result.ignored.length === 1 ? '' : 's'} ${columns} (map one with --map "COLUMN=FIELD").\n`);
  }
  const n = result.items.length === 1 ? '1 item' : `${result.items.length} items`;
  ctx.stderr.write(result.dryRun ? `Would create ${n} from ${file}; nothing was written (--dry-run).\n` : `Created ${n} from ${file}.\n`);
  return 0;
}
