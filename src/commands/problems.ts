// The one way a command counts problems: the loader's, every rule's, and git
// history's. validate, status and papers call this, so they agree.

import type { Diagnostic } from '../records/diagnostic.js';
import type { Workspace } from '../records/model.js';
import { historyFacts } from '../history/due-moves.js';
import { readHistory, type History } from '../history/source.js';
import { checkWorkspace, ruleContext } from '../rules/index.js';
import type { RuleContext } from '../rules/rule.js';

export interface WorkspaceProblems {
  /** Unplaced: see `placeDiagnostics`. */
  diagnostics: Diagnostic[];
  /** The rules' context, with each item's facts, for the caller to reuse. */
  rules: RuleContext;
  /** One sentence for stderr, e.g. that git history could only be partly read. */
  note?: string;
}

/**
 * Every problem in a loaded workspace. `history`, when given, is
 * `readHistory(root)` started earlier, so git runs while the files are read.
 */
export async function workspaceProblems(workspace: Workspace, today: string, history: Promise<History> = readHistory(workspace.root)): Promise<WorkspaceProblems> {
  const { facts, note } = await historyFacts(workspace, history);
  const rules = ruleContext(workspace, today, facts);
  return { diagnostics: checkWorkspace(rules), rules, ...(note ? { note } : {}) };
}

export { readHistory };
