// Computing the dashboard of `track status` from the records (see status.ts
// for when a remembered answer is used instead).

import { sourceIdOf, summarise, type Summary } from '../derive/summary.js';
import type { CacheStats } from '../records/cache.js';
import { countBySeverity } from '../records/diagnostic.js';
import type { RecordTree } from '../records/tree.js';
import { ruleContext, runRules } from '../rules/index.js';
import { openWorkspace } from './open.js';
import type { StatusOptions } from './status.js';
import { slimSummary } from './status-memo.js';

/** The dashboard, and how many records had to be read from their files (not the cache). */
export async function summariseDashboard(options: StatusOptions, tree: RecordTree): Promise<{ summary: Summary; parsed: number }> {
  const stats: CacheStats = { hits: 0, parsed: 0 };
  const workspace = await openWorkspace(options.root, tree, stats);
  // The rules' context computes each item's facts once; the summary reuses them.
  const rules = ruleContext(workspace, options.today);
  let diagnostics = [...workspace.diagnostics, ...runRules(rules)];
  if (options.source !== undefined) {
    const prefix = `records/${sourceIdOf(options.source)}/`;
    diagnostics = diagnostics.filter((d) => d.file.startsWith(prefix));
  }
  const summary = summarise(workspace, rules.facts, {
    itemFacts: rules.itemFacts,
    ...(options.source !== undefined ? { source: options.source } : {}),
    ...(options.by ? { by: options.by } : {}),
    problems: countBySeverity(diagnostics),
  });
  return { summary: slimSummary(summary), parsed: stats.parsed };
}
