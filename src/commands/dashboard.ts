// Computing the dashboard of `track status` from the records (see status.ts
// for when a remembered answer is used instead).

import { sourceIdOf, summarise, type Summary, type SummaryEntry } from '../derive/summary.js';
import { itemWithoutText, type CacheStats } from '../records/cache.js';
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
