// `track status`: the dashboard before a meeting, as a Summary plus its JSON.

import { JSON_SCHEMA_VERSION } from '../derive/item-json.js';
import { sourceIdOf, summarise, type Summary, type SummaryEntry, type SummaryGrouping } from '../derive/summary.js';
import { countBySeverity } from '../records/diagnostic.js';
import { ruleContext, runRules } from '../rules/index.js';
import { itemWithoutText, type CacheStats } from '../records/cache.js';
import { memoised, workspaceFingerprint } from '../records/memo.js';
import type { RecordTree } from '../records/workspace.js';
import { cacheEnabled, listRecordFiles, openWorkspace } from './open.js';

export interface StatusOptions {
  root: string;
  today: string;
  source?: string;
  by?: SummaryGrouping;
}

export async function status(options: StatusOptions): Promise<Summary> {
  const tree = listRecordFiles(options.root);
  const fingerprint = cacheEnabled() ? workspaceFingerprint(options.root, tree) : undefined;
  if (fingerprint === undefined) return dashboard(summariseWorkspace(options, tree));
  const key = JSON.stringify([fingerprint, options.today, options.source ?? null, options.by ?? null]);
  // Remember only once every record came from the cache: a run that had to
  // read files is slow already, and its files may still be changing.
  const read: CacheStats = { hits: 0, parsed: 0 };
  return memoised(options.root, 'status', key, () => dashboard(summariseWorkspace(options, tree, read)), (s) => s.unreadable.length === 0 && read.parsed === 0);
}

/**
 * What the dashboard shows of each listed item: its fields, but not its text
 * or updates (the facts carry the last update). Small enough to remember.
 */
function dashboard(summary: Summary): Summary {
  const strip = (entries: SummaryEntry[]) => entries.map((e) => ({ ...e, item: { ...itemWithoutText(e.item), updates: [] } }));
  return {
    ...summary,
    overdue: strip(summary.overdue),
    stale: strip(summary.stale),
    unassigned: strip(summary.unassigned),
    responseOverdue: strip(summary.responseOverdue),
    awaitingConfirmation: strip(summary.awaitingConfirmation),
    dueNextMeeting: strip(summary.dueNextMeeting),
  };
}

function summariseWorkspace(options: StatusOptions, tree: RecordTree, stats?: CacheStats): Summary {
  const workspace = openWorkspace(options.root, tree, stats);
  // The rules' context computes each item's facts once; the summary reuses them.
  const rules = ruleContext(workspace, options.today);
  let diagnostics = [...workspace.diagnostics, ...runRules(rules)];
  if (options.source !== undefined) {
    const prefix = `records/${sourceIdOf(options.source)}/`;
    diagnostics = diagnostics.filter((d) => d.file.startsWith(prefix));
  }
  return summarise(workspace, rules.facts, {
    factsOf: rules.factsOf,
    ...(options.source !== undefined ? { source: options.source } : {}),
    ...(options.by ? { by: options.by } : {}),
    problems: countBySeverity(diagnostics),
  });
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
  };
}
