import type { Palette } from '../terminal.js';
import { status, statusJson } from '../../commands/status.js';
import type { SinceSummary } from '../../derive/since.js';
import type { Summary, SummaryEntry, SummaryGrouping } from '../../derive/summary.js';
import { formatUkDate } from '../../records/dates.js';
import { asOfOption } from '../as-of.js';
import type { CliContext } from '../context.js';
import { meetingText, ownersText, paintStage, plural, unreadableMessage } from '../format.js';
import { renderTable } from '../table.js';
import { palette, terminalWidth } from '../terminal.js';
import { stageBar } from '../stage-bar.js';
import { terminalText } from '../safe-text.js';

/** Rows shown per short list; the rest are counted, so status stays a glance. */
const SHOWN = 10;

export async function run(ctx: CliContext): Promise<number> {
  const summary = await status({
    root: ctx.root(),
    today: ctx.today,
    ...(typeof ctx.opts['source'] === 'string' ? { source: ctx.opts['source'] } : {}),
    by: (ctx.opts['by'] as SummaryGrouping | undefined) ?? 'stage',
    ...asOfOption(ctx),
  });
  if (ctx.opts['json'] === true) ctx.stdout.write(`${JSON.stringify(statusJson(summary), null, 2)}\n`);
  // The stage mix bar is for a person at a terminal; piped output stays as it was.
  else ctx.stdout.write(terminalText(formatStatus(summary, palette(ctx.color), terminalWidth(ctx.stdout), { bar: ctx.stdout.isTTY === true }), ctx.color));
  if (summary.unreadable.length > 0) {
    ctx.stderr.write(`${unreadableMessage(summary.unreadable.length)}\n`);
    return 1;
  }
  return 0;
}

interface Section {
  title: string;
  entries: SummaryEntry[];
  late: (e: SummaryEntry) => string;
  /** Where to see every row when the list is cut short. */
  more: string;
}

export function formatStatus(summary: Summary, c: Palette, width: number, options: { bar?: boolean } = {}): string {
  const out: string[] = [];
  const where = summary.source ? ` (source ${summary.source})` : '';
  out.push(c.bold(`Status on ${formatUkDate(summary.today)}${where}`), '');
  out.push(countsTable(summary, c, width));
  out.push(`${c.bold(plural(summary.total, 'item'))}: ${summary.open} open, ${summary.closed} closed`);
  const bar = options.bar ? stageBar(summary.byStage, c, width) : undefined;
  if (bar !== undefined) out.push(bar);
  out.push(`Next meeting: ${summary.nextMeeting ? meetingText(summary.nextMeeting) : 'none in meetings.yaml'}`, '');
  const sourceFlag = summary.source ? ` --source ${summary.source}` : '';
  const sections: Section[] = [
    { title: 'Overdue', entries: summary.overdue, late: (e) => `${plural(e.facts.daysOverdue!, 'day')} late (due ${formatUkDate(e.item.due!)})`, more: `track list --overdue${sourceFlag}` },
    { title: 'Stale', entries: summary.stale, late: (e) => `no update for ${plural(e.facts.daysSinceUpdate!, 'day')}`, more: `track list --stale${sourceFlag}` },
    { title: 'Unassigned', entries: summary.unassigned, late: (e) => (e.item.due ? `due ${formatUkDate(e.item.due)}` : ''), more: `track list --unassigned${sourceFlag}` },
    { title: 'Response overdue', entries: summary.responseOverdue, late: () => 'no executive response', more: 'track status --json' },
    { title: 'Awaiting confirmation', entries: summary.awaitingConfirmation, late: (e) => `stage ${String(e.facts.proposedStage)} proposed`, more: 'track status --json' },
    { title: 'Due for the next meeting', entries: summary.dueNextMeeting, late: (e) => `report back ${formatUkDate(e.item.reportBack!)}`, more: 'track status --json' },
  ];
  for (const section of sections) out.push(...formatSection(section, c, width));
  out.push(...repliesSection(summary, c));
  if (summary.sinceLastMeeting) out.push(...formatSince(summary.sinceLastMeeting, c));
  out.push(problemsLine(summary, c));
  return `${out.join('\n')}\n`;
}

function countsTable(summary: Summary, c: Palette, width: number): string {
  if (summary.by === 'stage') {
    const rows = summary.byStage.map((s) => [paintStage(c, s, String(s.id)), paintStage(c, s, s.label), s.closed ? 'closed' : 'open', String(s.count)]);
    return renderTable([{ header: 'Stage' }, { header: 'Label', flex: true }, { header: '' }, { header: 'Items', align: 'right' }], rows, { width, header: c.bold });
  }
  const heading = { owner: 'Owner', theme: 'Theme', source: 'Source' }[summary.by];
  const rows = summary.groups.map((g) => [g.label, String(g.open), String(g.closed), g.overdue > 0 ? c.red(String(g.overdue)) : '0', String(g.total)]);
  const number = (header: string) => ({ header, align: 'right' as const });
  return renderTable([{ header: heading, flex: true }, number('Open'), number('Closed'), number('Overdue'), number('Total')], rows, { width, header: c.bold });
}

function formatSection(section: Section, c: Palette, width: number): string[] {
  const { entries } = section;
  if (entries.length === 0) return [`${c.bold(section.title)}: none`, ''];
  const shown = entries.slice(0, SHOWN).map((e) => [e.item.id, e.item.title, ownersText(e.ownerNames), section.late(e)]);
  const table = renderTable(
    [{ header: 'Id' }, { header: 'Title', flex: true }, { header: 'Owner', flex: true, max: 28 }, { header: '' }],
    shown,
    { width: width - 2, header: c.dim },
  );
  const lines = [`${c.bold(section.title)} (${entries.length})`, ...table.trimEnd().split('\n').map((l) => `  ${l}`)];
  if (entries.length > SHOWN) lines.push(`  … and ${entries.length - SHOWN} more: ${section.more}`);
  return [...lines, ''];
}

/** "Since the last meeting": one line of counts, then each moved date with its reason. */
function formatSince(since: SinceSummary, c: Palette): string[] {
  const p = since.previous;
  const from = p ? `${formatUkDate(p.date)}${p.title ? `, ${p.title}` : ''}` : 'no earlier meeting in meetings.yaml';
  const counts = [
    `${since.closed.length} closed`,
    plural(since.stage_changes.length, 'stage change'),
    plural(since.due_moves.length, 'target date moved', 'target dates moved'),
    `${since.awaiting_confirmation.length} awaiting confirmation`,
    `${since.newly_overdue.length} newly overdue`,
    plural(since.new_items.length, 'new item'),
  ];
  const lines = [`${c.bold('Since the last meeting')} (${from}): ${counts.join(', ')}`];
  for (const move of since.due_moves.slice(0, SHOWN)) {
    lines.push(`  ${move.id}: ${move.from ? `${formatUkDate(move.from)} → ` : 'now '}${formatUkDate(move.to)}${move.reason ? ` (${move.reason})` : ''}`);
  }
  if (since.due_moves.length > SHOWN) lines.push(`  … and ${since.due_moves.length - SHOWN} more: track status --json`);
  return [...lines, ''];
}

function repliesSection(summary: Summary, c: Palette): string[] {
  const waiting = summary.awaitingReplies ?? [];
  if (waiting.length === 0) return [];
  const lines = [`${c.bold('Awaiting replies')} (${waiting.length})`];
  for (const r of waiting) lines.push(`  ${r.name}${r.name === r.owner ? '' : ` (${r.owner})`}: reply by ${formatUkDate(r.reply_by)}`);
  return [...lines, ''];
}

function problemsLine(summary: Summary, c: Palette): string {
  const { errors, warnings } = summary.problems ?? { errors: 0, warnings: 0 };
  const text = `Validation: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
  if (errors === 0 && warnings === 0) return c.green(text);
  return `${errors > 0 ? c.red(text) : c.yellow(text)} — run track validate for the details`;
}
