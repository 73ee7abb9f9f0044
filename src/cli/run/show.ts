import type { Palette } from '../terminal.js';
import { show, showJson, type ShowResult } from '../../commands/show.js';
import { formatUkDate } from '../../records/dates.js';
import type { StageId, Update } from '../../records/model.js';
import { findStage } from '../../records/stages.js';
import { asOfOption } from '../as-of.js';
import type { CliContext } from '../context.js';
import { meetingText, ownersText, paintStage, plural } from '../format.js';
import { palette } from '../terminal.js';
import { terminalText } from '../safe-text.js';

export async function run(ctx: CliContext): Promise<number> {
  const result = await show({ root: ctx.root(), today: ctx.today, id: ctx.args[0] ?? '', ...asOfOption(ctx) });
  if (ctx.opts['json'] === true) ctx.stdout.write(`${JSON.stringify(showJson(result), null, 2)}\n`);
  else ctx.stdout.write(terminalText(formatShow(result, palette(ctx.color)), ctx.color));
  const broken = result.unreadable;
  if (broken.length > 0) {
    const named = broken.length <= 3 ? broken.join(', ') : `${broken.slice(0, 3).join(', ')} and ${broken.length - 3} more`;
    ctx.stderr.write(terminalText(`Note: ${plural(broken.length, 'record file')} could not be read (${named}), so any links ${broken.length === 1 ? 'it holds' : 'they hold'} are not shown; run "track validate" to see what is wrong.\n`, ctx.color));
  }
  return 0;
}

const indent = (text: string, by = '  ') => text.trimEnd().split('\n').map((l) => (l ? by + l : l)).join('\n');

export function formatShow(result: ShowResult, c: Palette): string {
  const { item, facts, source, registers } = result;
  const stageText = (id: StageId | undefined) => {
    const stage = findStage(result.config.stages, id);
    if (id === undefined) return '(none)';
    return paintStage(c, stage, stage ? `${String(id)} (${stage.label})` : `${String(id)} (not on the stage scale)`);
  };
  const names = (list: readonly string[]) => list.map((o) => registers.displayName(o));
  const field = (label: string, value: string | undefined) => (value ? [`${`${label}:`.padEnd(13)} ${value}`] : []);
  const out: string[] = [c.bold(`${item.id}  ${item.title}`)];
  out.push(
    ...field('Source', source ? `${source.title} (${source.id})${source.date ? `, ${formatUkDate(source.date)}` : ''}` : item.source),
    ...field('Number', item.number === undefined ? undefined : String(item.number)),
    ...field('Reference', item.ref),
    ...field('Kind', item.kind),
    ...field('Theme', item.theme),
    ...field('Stage', `${stageText(item.stage)}${facts.open ? '' : ' — closed'}`),
    ...field('Owners', ownersText(names(item.owners))),
    ...field('Approach', item.approach?.replace(/\s*\n\s*/g, ' ')),
    ...field('Response', item.response),
    ...field('Due', item.due && formatUkDate(item.due)),
    ...field('Report back', item.reportBack && formatUkDate(item.reportBack)),
    ...field('Tags', item.tags.join(', ')),
    ...Object.entries(item.extra).map(([key, value]) => field(key, typeof value === 'string' ? value : JSON.stringify(value))).flat(),
    ...field('Last update', facts.lastUpdate ? formatUkDate(facts.lastUpdate) : 'none yet'),
    ...field('File', item.path),
  );
  out.push('', `${c.bold('Facts')}: ${factsText(result, c)}`);
  out.push('', c.bold('Text'), indent(item.body.trim() || '(no text)'));
  out.push('', c.bold(`Updates (${item.updates.length})`));
  if (item.updates.length === 0) out.push('  none yet');
  for (const update of item.updates) out.push(updateText(update, stageText, names, c));
  out.push('', c.bold('Related'));
  if (result.related.length === 0) out.push('  none');
  for (const link of result.related) out.push(link.item ? `  → ${link.item.id}  ${link.item.title}` : `  → ${link.ref}  ${c.red(link.unreadable ? `(${link.unreadable} could not be read)` : '(no such item)')}`);
  out.push('', c.bold('Related to this'));
  if (result.relatedBy.length === 0) out.push('  none');
  for (const other of result.relatedBy) out.push(`  ← ${other.id}  ${other.title}`);
  return `${out.join('\n')}\n`;
}

function factsText(result: ShowResult, c: Palette): string {
  const { facts, item } = result;
  const list = [
    facts.overdue && c.red(`overdue by ${plural(facts.daysOverdue!, 'day')}`),
    facts.stale && c.yellow(`stale: no update for ${plural(facts.daysSinceUpdate!, 'day')}`),
    facts.unassigned && c.yellow('unassigned'),
    facts.responseOverdue && c.yellow('response overdue'),
    facts.awaitingConfirmation && `awaiting confirmation of stage ${String(facts.proposedStage)}`,
    facts.dueForNextMeeting && result.nextMeeting && `due for the next meeting (${meetingText(result.nextMeeting)}; report back ${formatUkDate(item.reportBack!)})`,
  ].filter((f): f is string => typeof f === 'string');
  return list.length > 0 ? list.join('; ') : `${facts.open ? 'open' : 'closed'}, nothing to flag`;
}

function updateText(u: Update, stageText: (id: StageId | undefined) => string, names: (l: readonly string[]) => string[], c: Palette): string {
  const head = [
    c.bold(formatUkDate(u.date)),
    u.stage !== undefined ? `stage ${stageText(u.stage)}` : undefined,
    u.proposedStage !== undefined ? `proposed stage ${stageText(u.proposedStage)} (not yet agreed)` : undefined,
    u.by ? `by ${names([u.by])[0]}` : undefined,
  ].filter(Boolean);
  const lines = [`  ${head.join(' — ')}`];
  if (u.note.trim()) lines.push(indent(u.note, '    '));
  if (u.newDue) lines.push(`    New due date: ${formatUkDate(u.newDue)}${u.previousDue ? `, was ${formatUkDate(u.previousDue)}` : ''}${u.reason ? ` (${u.reason.trim()})` : ''}`);
  if (u.evidence.length > 0) lines.push(`    Evidence: ${u.evidence.join(', ')}`);
  return lines.join('\n');
}
