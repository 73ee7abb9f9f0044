// Warnings: facts an officer should see before a meeting. They come from
// derive/, so validate and status always agree.

import { formatUkDate } from '../records/dates.js';
import { newestUpdate } from '../derive/facts.js';
import { problemAt, updateIndex, type Rule } from './rule.js';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export const unassigned: Rule = {
  id: 'unassigned',
  severity: 'warning',
  description: 'An item has no owners.',
  checkItem(item, f, _ctx, out) {
    if (f.unassigned) out.push(problemAt(unassigned, item.path, ['owners'], 'nobody owns this item', 'add "owners:" with the body or person taking it forward', 'key'));
  },
};

export const stale: Rule = {
  id: 'stale',
  severity: 'warning',
  description: 'An open item has had no update for longer than `stale_after_days`.',
  checkItem(item, f, _ctx, out) {
    if (!f.stale) return;
    const where = item.updates.length > 0 ? ['updates', updateIndex(item, newestUpdate(item.updates)), 'date'] : ['stage'];
    out.push(problemAt(stale, item.path, where, `no update for ${plural(f.daysSinceUpdate!, 'day')} (${f.lastUpdate ? `last on ${formatUkDate(f.lastUpdate)}` : 'none since the source was made'})`, 'ask the owner for a progress update'));
  },
};

export const overdue: Rule = {
  id: 'overdue',
  severity: 'warning',
  description: 'An open item is past its `due` date.',
  checkItem(item, f, _ctx, out) {
    if (f.overdue) out.push(problemAt(overdue, item.path, ['due'], `due ${formatUkDate(item.due!)}, ${plural(f.daysOverdue!, 'day')} ago, and still open`, 'record progress, or move the date with an update giving new_due and a reason'));
  },
};

export const responseOverdue: Rule = {
  id: 'response-overdue',
  severity: 'warning',
  description: 'A recommendation has no executive `response` more than `response_days` after its source was made.',
  checkItem(item, f, ctx, out) {
    if (!f.responseOverdue) return;
    out.push(problemAt(responseOverdue, item.path, item.response ? ['response'] : ['title'], `no executive response more than ${ctx.facts.responseDays} days after the source was made`, 'record the response: accepted, partially-accepted, rejected or noted', item.response ? 'value' : 'key'));
  },
};

export const awaitingConfirmation: Rule = {
  id: 'awaiting-confirmation',
  severity: 'warning',
  description: 'The newest update proposes a stage that the board has not yet confirmed.',
  checkItem(item, f, _ctx, out) {
    if (!f.awaitingConfirmation) return;
    const index = item.updates.map((u) => u.proposedStage !== undefined).lastIndexOf(true);
    out.push(problemAt(awaitingConfirmation, item.path, ['updates', updateIndex(item, index), 'proposed_stage'], `the owner proposes stage ${String(f.proposedStage)}, not yet confirmed by the board`, 'when the board agrees, add an update with "stage:"', 'key'));
  },
};
