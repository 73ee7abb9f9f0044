import { newItem } from '../../commands/new.js';
import type { CliContext } from '../context.js';
import { editText, readStdin } from '../input.js';

const EDITOR_GUIDE = '<!-- Write the text of the item above this line, as it was made, in Markdown. Save and close the editor to finish. -->';

export async function run(ctx: CliContext): Promise<number> {
  const root = ctx.root();
  const opt = (key: string) => ctx.opts[key] as string | undefined;
  const text = opt('text') ?? readStdin(ctx) ?? editText(EDITOR_GUIDE, ctx.env);
  const result = await newItem({
    root,
    today: ctx.today,
    source: ctx.args[0]!,
    title: opt('title')!,
    owners: (ctx.opts['owner'] as string[] | undefined) ?? [],
    text,
    ...(opt('due') !== undefined ? { due: opt('due') } : {}),
    ...(opt('stage') !== undefined ? { stage: opt('stage') } : {}),
    ...(opt('theme') !== undefined ? { theme: opt('theme') } : {}),
    ...(opt('kind') !== undefined ? { kind: opt('kind') } : {}),
  });
  ctx.stdout.write(`${result.path}\n`);
  return 0;
}
