// Computing the dashboard of `track status` from the records (see status.ts
// for when a remembered answer is used instead).

import { sourceIdOf, summarise, type Summary, type SummaryEntry } from '../derive/summary.js';
import type { CacheStats } from '../records/cache.js';
import type { Item } from '../records/model.js';
import { countBySeverity } from '../records/diagnostic.js';
import type { RecordTree } from '../records/tree.js';
import { ruleContext, runRules } from '../rules/index.js';
import { openWorkspace } from './open.js';
import type { StatusOptions } from './status.js';

/** The dashboard, and how many records had to be read from their files (not the cache). */
export function summariseDashboard(options: StatusOptions, tree: RecordTree): { summary: Summary; parsed: number } {
  const stats: CacheStats = { hits: 0, parsed: 0 };
  const workspace = openWorkspace(options.root, tree, stats);
  // The rules' context computes each item's facts once; the summary reuses them.
  const rules = ruleContext(workspace, options.today);
  let diagnostics = [...workspace.diagnostics, ...runRules(rules)];
  if (options.source !== undefined) {
    const prefix = `records/${sourceIdOf(options.source)}/`;
    diagnostics = diagnostics.filter((d) => d.file.startsWith(prefix));
  }
  const summary = summarise(workspace, rules.facts, {
    factsOf: rules.factsOf,
    ...(options.source !== undefined ? { source: options.source } : {}),
    ...(options.by ? { by: options.by } : {}),
    problems: countBySeverity(diagnostics),
  });
  return { summary: dashboard(summary), parsed: stats.parsed };
}

/**
 * What the dashboard shows of each listed item: who and what it is and its
 * dates, not its text, updates, tags or links (the facts carry the last
 * update). Small enough to remember for a tracker of 100,000 items.
 */
function dashboard(summary: Summary): Summary {
  const slim = (item: Item): Item => ({
    id: item.id,
    source: item.source,
    path: item.path,
    title: item.title,
    kind: item.kind,
    owners: item.owners,
    related: [],
    tags: [],
    updates: [],
    extra: {},
    body: '',
    ...(item.number !== undefined ? { number: item.number } : {}),
    ...(item.stage !== undefined ? { stage: item.stage } : {}),
    ...(item.due !== undefined ? { due: item.due } : {}),
    ...(item.reportBack !== undefined ? { reportBack: item.reportBack } : {}),
  });
  const strip = (entries: SummaryEntry[]) => entries.map((e) => ({ ...e, item: slim(e.item) }));
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
