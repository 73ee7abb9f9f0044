import { newSource } from '../../commands/new-source.js';
import type { CliContext } from '../context.js';

export async function run(ctx: CliContext): Promise<number> {
  const opt = (key: string) => ctx.opts[key] as string | undefined;
  const result = await newSource({
    root: ctx.root(),
    today: ctx.today,
    id: ctx.args[0]!,
    title: opt('title')!,
    ...(opt('kind') !== undefined ? { kind: opt('kind') } : {}),
    ...(opt('madeBy') !== undefined ? { madeBy: opt('madeBy') } : {}),
    ...(opt('date') !== undefined ? { date: opt('date') } : {}),
  });
  ctx.stdout.write(`${result.path}\n`);
  return 0;
}
