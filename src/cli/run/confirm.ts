import { confirm } from '../../commands/confirm.js';
import { formatUkDate } from '../../records/dates.js';
import type { CliContext } from '../context.js';

export async function run(ctx: CliContext): Promise<number> {
  const opt = (key: string) => ctx.opts[key] as string | undefined;
  const result = await confirm({
    root: ctx.root(),
    today: ctx.today,
    ids: ctx.args,
    all: ctx.opts['all'] === true,
    reject: ctx.opts['reject'] === true,
    ...(opt('meeting') !== undefined ? { meeting: opt('meeting') } : {}),
    ...(opt('note') !== undefined ? { note: opt('note') } : {}),
  });
  for (const i of result.items) ctx.stdout.write(`${i.rejected ? 'rejected' : 'confirmed'} ${i.path}\tstage ${String(i.stage)}\n`);
  if (result.items.length === 0) ctx.stderr.write('No item is awaiting confirmation: nothing was written.\n');
  else ctx.stderr.write(`Recorded the decision of the meeting on ${formatUkDate(result.meeting.date)} on ${result.items.length === 1 ? '1 item' : `${result.items.length} items`}.\n`);
  return 0;
}
