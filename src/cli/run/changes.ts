import { changes, type ChangesResult } from '../../commands/changes.js';
import { dateText, describeChange, stageText, updateText } from '../../history/describe.js';
import type { Bound } from '../../history/window.js';
import type { CliContext } from '../context.js';
import { palette } from '../terminal.js';
import { terminalText } from '../safe-text.js';

export async function run(ctx: CliContext): Promise<number> {
  const result = await changes({
    root: ctx.root(),
    today: ctx.today,
    ...(typeof ctx.opts['since'] === 'string' ? { since: ctx.opts['since'] } : {}),
    ...(typeof ctx.opts['until'] === 'string' ? { until: ctx.opts['until'] } : {}),
  });
  for (const warning of result.warnings) ctx.stderr.write(`${terminalText(warning)}\n`);
  if (ctx.opts['json'] === true) {
    ctx.stdout.write(`${JSON.stringify(changesJson(result), null, 2)}\n`);
    return 0;
  }
  ctx.stdout.write(terminalText(formatChanges(result, ctx.color), ctx.color));
  return 0;
}

/** The JSON shape (schemaVersion 1): the window first, then each kind of change. */
export function changesJson(result: ChangesResult): Record<string, unknown> {
  const { since, until, commits, uncommitted, warnings: _warnings, ...set } = result;
  const meeting = since.meeting ? { date: since.meeting.date, title: since.meeting.title ?? null } : null;
  return {
    schemaVersion: 1,
    since: since.given,
    since_commit: since.commit ?? null,
    meeting,
    until: until?.given ?? null,
    until_commit: until ? (until.commit ?? null) : null,
    commits,
    uncommitted,
    ...set,
  };
}

function boundText(bound: Bound): string {
  if (bound.kind === 'date') return dateText(bound.given);
  const short = bound.commit?.slice(0, 7);
  if (!short) return bound.given;
  return bound.commit!.startsWith(bound.given.toLowerCase()) ? `commit ${short}` : `${bound.given} (${short})`;
}

export function formatChanges(result: ChangesResult, color: boolean): string {
  const c = palette(color);
  const meeting = result.since.meeting ? ` (the last meeting${result.since.meeting.title ? `: ${result.since.meeting.title}` : ''})` : '';
  const to = result.until ? `to ${boundText(result.until)}` : result.uncommitted ? 'to now, with edits not yet committed' : 'to now';
  const commits = `${result.commits} commit${result.commits === 1 ? '' : 's'}`;
  const out = [`Changes from ${boundText(result.since)}${meeting} ${to}: ${commits}`];
  const mark = (e: { uncommitted: boolean }) => (e.uncommitted ? c.yellow(' (uncommitted)') : '');
  const section = <T extends { id: string; uncommitted: boolean }>(title: string, entries: T[], line: (e: T) => string) => {
    if (entries.length === 0) return;
    out.push('', c.bold(`${title} (${entries.length})`));
    for (const e of entries) out.push(`  ${e.id}  ${line(e)}${mark(e)}`);
  };
  section('New items', result.new_items, (e) => `${e.title}, at stage ${stageText(e.stage)}${e.due ? `, due ${dateText(e.due)}` : ''}`);
  section('Stage changes', result.stage_changes, (e) => `${stageText(e.from)} → ${stageText(e.to)}`);
  section('Closed', result.closed, (e) => `${e.title}: ${stageText(e.stage)}`);
  section('New updates', result.new_updates, (e) => updateText(e));
  section('Target dates moved', result.due_changes, (e) =>
    describeChange({ kind: 'due', from: e.from, to: e.to, reason: e.reason }).replace(/^target date /, ''),
  );
  section('Renamed', result.renamed, (e) => `renamed from ${e.from}`);
  section('Other edits', result.edited, (e) => e.changes.map(describeChange).join('; '));
  section('Deleted', result.deleted, (e) => e.title);
  section('Cannot be read', result.unreadable, (e) => `${e.path}: ${e.problem}`);
  if (out.length === 1) out.push('', 'Nothing moved.');
  return `${out.join('\n')}\n`;
}
