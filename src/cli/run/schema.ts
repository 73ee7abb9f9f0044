import { schema } from '../../commands/schema.js';
import type { CliContext } from '../context.js';

export async function run(ctx: CliContext): Promise<number> {
  const out = ctx.opts['out'] as string | undefined;
  const { written, ...result } = await schema({ cwd: ctx.cwd, ...(ctx.dir !== undefined ? { dir: ctx.dir } : {}), ...(out !== undefined ? { out } : {}) });
  if (written === undefined) ctx.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  for (const file of written ?? []) ctx.stderr.write(`wrote ${file}\n`);
  return 0;
}
