import { resolve } from 'node:path';
import { collect } from '../../commands/collect.js';
import type { CliContext } from '../context.js';

export async function run(ctx: CliContext): Promise<number> {
  const date = ctx.opts['date'] as string | undefined;
  const result = await collect({
    root: ctx.root(),
    today: ctx.today,
    files: ctx.args.map((file) => ({ file, path: resolve(ctx.cwd, file) })),
    ...(date !== undefined ? { date } : {}),
    dryRun: ctx.opts['dryRun'] === true,
  });
  for (const u of result.updates) ctx.stdout.write(`${u.path}\t${u.owner}\t${u.file}:${u.row}\n`);
  const n = result.updates.length === 1 ? '1 update' : `${result.updates.length} updates`;
  const again = result.alreadyCollected > 0 ? ` (${result.alreadyCollected} already in the records, passed over)` : '';
  ctx.stderr.write(result.dryRun ? `Would add ${n}${again}; nothing was written (--dry-run).\n` : `Added ${n}${again}.\n`);
  return 0;
}
