import { relative } from 'node:path';
import { templates } from '../../commands/templates.js';
import type { CliContext } from '../context.js';
import { palette } from '../terminal.js';
import { terminalText } from '../safe-text.js';

export async function run(ctx: CliContext): Promise<number> {
  const root = ctx.root();
  const { templates: list } = await templates({ root });
  const c = palette(ctx.color);
  const width = Math.max(...list.map((t) => t.name.length));
  for (const t of list) {
    const origin = t.origin === 'built-in' ? c.dim('built-in') : `${relative(root, t.path).split('\\').join('/')}${t.overrides ? ' (replaces the built-in)' : ''}`;
    ctx.stdout.write(terminalText(`${c.bold(t.name.padEnd(width))}  ${t.description}${t.description ? '  ' : ''}${c.dim('·')} ${origin}\n`, ctx.color));
  }
  ctx.stdout.write(`\nRender one with: track report NAME [--format md|html|pdf|docx] [-o FILE]\n`);
  return 0;
}
