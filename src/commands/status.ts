// `track status`: the dashboard before a meeting, as a Summary plus its JSON.
// A remembered answer is checked with nothing but the file list and stats;
// the loader, the rules and zod are loaded only when it has to be computed.

import { JSON_SCHEMA_VERSION } from '../derive/item-json.js';
import type { Summary, SummaryEntry, SummaryGrouping } from '../derive/summary.js';
import { cacheEnabled, hasRecordCache } from '../records/cache-keys.js';
import { recall, remember, workspaceFingerprint } from '../records/memo.js';
import { listRecordFiles } from '../records/tree.js';
import { packSummary, unpackSummary, type PackedSummary } from './status-memo.js';

export interface StatusOptions {
  root: string;
  today: string;
  source?: string;
  by?: SummaryGrouping;
  /** The records as they stood on this date; every fact judged at it. */
  asOf?: string;
}

export async function status(options: StatusOptions): Promise<Summary> {
  const tree = listRecordFiles(options.root);
  // Only a run that finds every record in the cache remembers its answer: with no cache, skip looking at every file.
  const fingerprint = cacheEnabled() && hasRecordCache(options.root) ? workspaceFingerprint(options.root, tree) : undefined;
  const key = JSON.stringify([fingerprint, options.today, options.asOf ?? null, options.source ?? null, options.by ?? null]);
  const remembered = fingerprint === undefined ? undefined : recall<PackedSummary>(options.root, 'status', key);
  if (remembered) {
    try {
      return unpackSummary(remembered);
    } catch {
      // A memo of the right key but the wrong shape is as good as none.
    }
  }
  const { summariseDashboard } = await import('./dashboard.js');
  const { summary, parsed } = await summariseDashboard(options, tree);
  // Remember only once every record came from the cache: a run that had to
  // read files is slow already, and its files may still be changing.
  if (fingerprint !== undefined && parsed === 0 && summary.unreadable.length === 0) remember(options.root, 'status', key, packSummary(summary));
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
    next_meeting: meeting
      ? { date: meeting.date, title: meeting.title ?? null, body: meeting.body ?? null, tentative: meeting.tentative }
      : null,
    problems: summary.problems ?? { errors: 0, warnings: 0 },
    unreadable: summary.unreadable,
    since_last_meeting: summary.sinceLastMeeting ?? null,
  };
}
