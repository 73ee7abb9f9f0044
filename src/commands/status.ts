// `track status`: the dashboard before a meeting, as a Summary plus its JSON.

import { JSON_SCHEMA_VERSION } from '../derive/item-json.js';
import type { Summary, SummaryEntry, SummaryGrouping } from '../derive/summary.js';
import { readRequests } from '../records/requests.js';
import { awaitingReplies } from '../derive/replies.js';
import { rememberedResult } from './remembered.js';

export interface StatusOptions {
  root: string;
  today: string;
  source?: string;
  by?: SummaryGrouping;
  /** The records as they stood on this date; every fact judged at it. */
  asOf?: string;
}

export async function status(options: StatusOptions): Promise<Summary> {
  // With unchanged files, the same day, options and git history, the dashboard is as the last run worked it out.
  const { today, asOf, source, by } = options;
  const summary = await rememberedResult(options.root, `status ${JSON.stringify({ today, asOf, source, by })}`, async (store, history) =>
    (await import('./dashboard.js')).dashboard(options, store.load(), history()),
  );
  // The manifest is not a record: read beside the records, never cached with them.
  summary.awaitingReplies = awaitingReplies(readRequests(options.root), summary.nextMeeting?.date);
  return summary;
}

const ids = (entries: SummaryEntry[]) => entries.map((e) => e.item.id);

/** The documented `status --json` shape (docs/json.md). */
export function statusJson(summary: Summary) {
  const meeting = summary.nextMeeting;
  return {
    schemaVersion: JSON_SCHEMA_VERSION,
    today: summary.today,
    source: summary.source ?? null,
    total: summary.total,
    open: summary.open,
    closed: summary.closed,
    by_stage: summary.byStage.map(({ id, label, closed, count }) => ({ id, label, closed, count })),
    by: summary.by,
    groups: summary.groups.map(({ key, label, total, open, closed, overdue }) => ({ key, label, total, open, closed, overdue })),
    overdue: ids(summary.overdue),
    stale: ids(summary.stale),
    unassigned: ids(summary.unassigned),
    response_overdue: ids(summary.responseOverdue),
    awaiting_confirmation: ids(summary.awaitingConfirmation),
    due_next_meeting: ids(summary.dueNextMeeting),
    awaiting_replies: (summary.awaitingReplies ?? []).map((r) => r.owner),
    next_meeting: meeting
      ? { date: meeting.date, title: meeting.title ?? null, body: meeting.body ?? null, tentative: meeting.tentative }
      : null,
    problems: summary.problems ?? { errors: 0, warnings: 0 },
    unreadable: summary.unreadable,
    since_last_meeting: summary.sinceLastMeeting ?? null,
  };
}
