// The one way a command counts problems: the loader's, every rule's, and git
// history's. validate, status and papers call this, so they agree.

import type { ItemFacts } from '../derive/facts.js';
import type { Diagnostic } from '../records/diagnostic.js';
import type { Workspace } from '../records/model.js';
import { historyFacts } from '../history/due-moves.js';
import { readHistory, type History } from '../history/source.js';
import { ruleContext, runRules } from '../rules/index.js';
import type { RuleContext } from '../rules/rule.js';

export interface WorkspaceProblems {
  /** Unplaced: see `placeDiagnostics`. */
  diagnostics: Diagnostic[];
  /** The rules' context, for the caller to reuse. */
  rules: RuleContext;
  /** Each item's facts, in the order of `workspace.items`, for the caller to reuse. */
  itemFacts: ItemFacts[];
  /** One sentence for stderr, e.g. that git history could only be partly read. */
  note?: string;
}

/**
 * Every problem in a loaded workspace. `history`, when given, is
 * `readHistory(root)` started earlier, so git runs while the files are read.
 */
export async function workspaceProblems(workspace: Workspace, today: string, history: Promise<History> = readHistory(workspace.root)): Promise<WorkspaceProblems> {
  const { facts, note } = await historyFacts({ root: workspace.root, extraFields: workspace.config.extraFields, itemPaths: workspace.items.map((i) => i.path) }, history);
  const rules = ruleContext(workspace, today, facts);
  const { diagnostics, itemFacts } = runRules(workspace, rules);
  return { diagnostics: [...workspace.diagnostics, ...diagnostics], rules, itemFacts, ...(note ? { note } : {}) };
}

export { readHistory };

