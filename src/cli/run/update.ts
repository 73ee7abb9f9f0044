import { update } from '../../commands/update.js';
import { ExitError } from '../errors.js';
import type { CliContext } from '../context.js';
import { readStdin, readTextFile } from '../input.js';
import { terminalText } from '../safe-text.js';

function noteText(ctx: CliContext): string {
  const note = ctx.opts['note'] as string | undefined;
  const file = ctx.opts['noteFile'] as string | undefined;
  if (note !== undefined && file !== undefined) throw new ExitError(2, 'Give the update text with --note or --note-file, not both.');
  if (note !== undefined) return note;
  if (file !== undefined) return readTextFile('--note-file', file, ctx.cwd);
  const piped = readStdin(ctx);
  if (piped === undefined) throw new ExitError(2, 'The update has no text: give it with --note TEXT, --note-file FILE or on standard input.');
  return piped;
}

export async function run(ctx: CliContext): Promise<number> {
  const opt = (key: string) => ctx.opts[key] as string | undefined;
  const result = await update({
    root: ctx.root(),
    today: ctx.today,
    ids: ctx.args,
    note: noteText(ctx),
    ...(opt('stage') !== undefined ? { stage: opt('stage') } : {}),
    ...(opt('proposedStage') !== undefined ? { proposedStage: opt('proposedStage') } : {}),
    ...(opt('date') !== undefined ? { date: opt('date') } : {}),
    ...(opt('by') !== undefined ? { by: opt('by') } : {}),
    ...(opt('newDue') !== undefined ? { newDue: opt('newDue') } : {}),
    ...(opt('reason') !== undefined ? { reason: opt('reason') } : {}),
    ...(opt('response') !== undefined ? { response: opt('response') } : {}),
    ...(opt('reportBack') !== undefined ? { reportBack: opt('reportBack') } : {}),
  });
  for (const { path } of result.updated) ctx.stdout.write(`updated ${path}\n`);
  for (const note of result.notes) ctx.stderr.write(`${terminalText(note)}\n`);
  return 0;
}
