// Computing the dashboard of `track status` from the records (see status.ts
// for when a remembered answer is used instead).

import { workspaceAsOf } from '../derive/as-of.js';
import { sinceLastMeeting, sinceSummary } from '../derive/since.js';
import { itemsOfSource, sourceIdOf, summarise, type Summary } from '../derive/summary.js';
import type { CacheStats } from '../records/cache.js';
import { countBySeverity } from '../records/diagnostic.js';
import type { RecordTree } from '../records/tree.js';
import { factContext } from '../derive/facts.js';
import type { Workspace } from '../records/model.js';
import { openWorkspace } from './open.js';
import { readHistory, workspaceProblems } from './problems.js';
import type { StatusOptions } from './status.js';
import { slimSummary } from './status-memo.js';

/** The dashboard, and how many records had to be read from their files (not the cache). */
export async function summariseDashboard(options: StatusOptions, tree: RecordTree): Promise<{ summary: Summary; parsed: number }> {
  const stats: CacheStats = { hits: 0, parsed: 0 };
  const history = readHistory(options.root);
  const workspace = await openWorkspace(options.root, tree, stats);
  // The rules' context computes each item's facts once; the summary reuses them.
  const problems = await workspaceProblems(workspace, options.today, history);
  const rules = problems.rules;
  let diagnostics = problems.diagnostics;
  const date = options.asOf ?? options.today;
  const then = options.asOf !== undefined ? workspaceAsOf(workspace, options.asOf) : workspace;
  if (options.source !== undefined) {
    const prefix = `records/${sourceIdOf(options.source)}/`;
    diagnostics = diagnostics.filter((d) => d.file.startsWith(prefix));
  }
  const summary = summarise(then, then === workspace ? rules.facts : factContext(then, date), {
    ...(then === workspace ? { itemFacts: rules.itemFacts } : {}),
    ...(options.source !== undefined ? { source: options.source } : {}),
    ...(options.by ? { by: options.by } : {}),
    problems: countBySeverity(diagnostics),
  });
  summary.sinceLastMeeting = sinceSummary(sinceLastMeeting(sourceWorkspace(workspace, options.source), date));
  return { summary: slimSummary(summary), parsed: stats.parsed };
}

/** The workspace narrowed to one source, for "since the last meeting" of that source alone. */
function sourceWorkspace(workspace: Workspace, source: string | undefined): Workspace {
  if (source === undefined) return workspace;
  const id = sourceIdOf(source);
  return { ...workspace, items: itemsOfSource(workspace, source), sources: workspace.sources.filter((s) => s.id === id) };
}
