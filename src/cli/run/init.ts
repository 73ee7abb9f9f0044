import { isAbsolute, relative } from 'node:path';
import { init } from '../../commands/init.js';
import type { StagePreset } from '../../write/init-files.js';
import type { CliContext } from '../context.js';

export async function run(ctx: CliContext): Promise<number> {
  const dir = ctx.args[0] ?? ctx.dir ?? '.';
  const result = await init({ dir, cwd: ctx.cwd, today: ctx.today, stages: ctx.opts['stages'] as StagePreset, ...(typeof ctx.opts['package'] === 'string' ? { packageSpec: ctx.opts['package'] } : {}) });
  const rel = relative(ctx.cwd, result.root);
  // A folder below this one is shown relative to it; anywhere else, in full.
  const where = rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? result.root : rel;
  const out = [result.created.length > 0 ? `Made a track workspace in ${where}:` : `Nothing to do: ${where} already has every file track init writes.`];
  for (const path of result.created) out.push(`  created ${path}`);
  for (const path of result.kept) out.push(`  kept existing ${path}`);
  if (result.created.length > 0) {
    // Quoted for a shell when the path holds anything a shell would read otherwise ("board #2" would be a comment).
    const cd = where === '.' ? '' : `cd ${/^[\w@%+=:,./-]+$/.test(where) ? where : `'${where.replace(/'/g, "'\\''")}'`} && `;
    out.push(`Next: set your organisation and bodies in track.config.yaml, then run "${cd}track validate".`);
  }
  ctx.stdout.write(`${out.join('\n')}\n`);
  return 0;
}
