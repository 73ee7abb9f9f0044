import { resolve } from 'node:path';
import { request } from '../../commands/request.js';
import { formatUkDate } from '../../records/dates.js';
import type { CliContext } from '../context.js';

export async function run(ctx: CliContext): Promise<number> {
  const opt = (key: string) => ctx.opts[key] as string | undefined;
  const out = opt('output');
  const result = await request({
    root: ctx.root(),
    today: ctx.today,
    owners: (ctx.opts['owner'] as string[] | undefined) ?? [],
    ...(opt('meeting') !== undefined ? { meeting: opt('meeting') } : {}),
    ...(opt('replyBy') !== undefined ? { replyBy: opt('replyBy') } : {}),
    ...(out !== undefined ? { outDir: resolve(ctx.cwd, out) } : {}),
  });
  // The workbooks on stdout, one a line; what to do with them on stderr.
  for (const r of result.requests) ctx.stdout.write(`${r.workbook}\t${r.name}\t${r.items.length}\n`);
  for (const owner of result.nothingOpen) ctx.stderr.write(`${owner} owns no open items: nothing was made for them.\n`);
  const n = result.requests.length === 1 ? '1 owner' : `${result.requests.length} owners`;
  ctx.stderr.write(`Made a workbook and a covering note for ${n}, for the meeting on ${formatUkDate(result.meeting.date)}, reply by ${formatUkDate(result.replyBy)}.\n`);
  return 0;
}
