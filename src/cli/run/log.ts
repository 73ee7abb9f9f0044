import { log } from '../../commands/log.js';
import { describeChange, dateText } from '../../history/describe.js';
import type { CliContext } from '../context.js';
import { palette } from '../terminal.js';
import { terminalText } from '../safe-text.js';

export async function run(ctx: CliContext): Promise<number> {
  const result = await log({ root: ctx.root(), id: ctx.args[0] ?? '' });
  for (const warning of result.warnings) ctx.stderr.write(`${terminalText(warning)}\n`);
  if (ctx.opts['json'] === true) {
    const entries = result.entries.map(({ commit, date, author, changes }) => ({ commit, date, author, uncommitted: commit === null, changes }));
    ctx.stdout.write(`${JSON.stringify({ schemaVersion: 1, id: result.id, title: result.title, path: result.path, entries }, null, 2)}\n`);
    return 0;
  }
  const c = palette(ctx.color);
  const out = [`${c.bold(result.id)}  ${result.title}`, ''];
  if (result.entries.length === 0) out.push(`No history yet: ${result.path} has never been committed to git.`);
  for (const entry of result.entries) {
    out.push(entry.commit === null ? c.yellow('uncommitted') : `${c.yellow(entry.short)}  ${dateText(entry.date)}  ${entry.author ?? ''}`);
    if (entry.changes.length === 0) out.push('  no change in meaning (layout or comments only)');
    for (const change of entry.changes) out.push(`  ${describeChange(change)}`);
  }
  ctx.stdout.write(terminalText(`${out.join('\n')}\n`, ctx.color));
  return 0;
}
