// Computing the dashboard of `track status` from the records.

import { workspaceAsOf } from '../derive/as-of.js';
import { sinceLastMeeting, sinceSummary } from '../derive/since.js';
import { itemsOfSource, sourceIdOf, summarise, type Summary } from '../derive/summary.js';
import { countBySeverity } from '../records/diagnostic.js';
import { factContext } from '../derive/facts.js';
import type { Workspace } from '../records/model.js';
import { workspaceProblems } from './problems.js';
import type { StatusOptions } from './status.js';
import type { History } from '../history/source.js';
import { buildRegisters } from '../records/registers.js';
import { bodyOfSources } from '../report/paper-date.js';

/** The dashboard from the loaded records, with the same problem count as `track validate`. */
export async function dashboard(options: StatusOptions, loading: Promise<Workspace>, history: Promise<History>): Promise<Summary> {
  const workspace = await loading;
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
    ...(then === workspace ? { itemFacts: problems.itemFacts } : {}),
    ...(options.source !== undefined ? { source: options.source } : {}),
    ...(options.by ? { by: options.by } : {}),
    problems: countBySeverity(diagnostics),
  });
  // The previous meeting of the body a paper about the same items goes to, as the paper has it.
  const scoped = sourceWorkspace(workspace, options.source);
  const withItems = new Set(scoped.items.map((i) => i.source));
  const covered = scoped.sources.filter((s) => withItems.has(s.id));
  summary.sinceLastMeeting = sinceSummary(sinceLastMeeting(scoped, date, bodyOfSources(covered, buildRegisters(workspace.config))));
  return summary;
}

/** The workspace narrowed to one source, for "since the last meeting" of that source alone. */
function sourceWorkspace(workspace: Workspace, source: string | undefined): Workspace {
  if (source === undefined) return workspace;
  const id = sourceIdOf(source);
  return { ...workspace, items: itemsOfSource(workspace, source), sources: workspace.sources.filter((s) => s.id === id) };
}
