// The rules that run over the loaded model, and the one way to run them:
// `checkWorkspace` gives every problem (the loader's, the rules', git
// history's) for validate, status, papers and writes alike. Every rule id,
// the loader's too, is listed in catalogue.ts.

import { factContext, itemFacts, type ItemFacts } from '../derive/facts.js';
import type { Diagnostic } from '../records/diagnostic.js';
import type { HistoryFacts } from '../history/due-moves.js';
import { dueMovedSilently } from './due-moved.js';
import type { Item, Workspace } from '../records/model.js';
import { buildRegisters } from '../records/registers.js';
import { ambiguousOwner, duplicateNumber, unknownOwner, unknownRelated } from './links.js';
import type { Rule, RuleContext } from './rule.js';
import { dueMismatch, futureUpdate, newDueWithoutReason, previousDueMismatch, stageAndProposed, stageMismatch, unknownStage, updateOrder } from './updates.js';
import { awaitingConfirmation, overdue, responseOverdue, stale, unassigned } from './warnings.js';

export const RULES: readonly Rule[] = [
  unknownStage,
  duplicateNumber,
  unknownRelated,
  unknownOwner,
  ambiguousOwner,
  stageMismatch,
  updateOrder,
  stageAndProposed,
  newDueWithoutReason,
  dueMismatch,
  previousDueMismatch,
  unassigned,
  stale,
  overdue,
  futureUpdate,
  responseOverdue,
  awaitingConfirmation,
  dueMovedSilently,
];

export function ruleContext(workspace: Workspace, today: string, history?: HistoryFacts): RuleContext {
  const facts = factContext(workspace, today);
  const itemFactsList: ItemFacts[] = [];
  const itemsById = new Map<string, Item>();
  for (const item of workspace.items) {
    itemFactsList.push(itemFacts(item, facts));
    itemsById.set(item.id, item);
  }
  return { workspace, facts, itemFacts: itemFactsList, itemsById, registers: buildRegisters(workspace.config), ...(history ? { history } : {}) };
}

/**
 * Run every rule over a loaded workspace; the diagnostics are not yet placed
 * by line. They come rule by rule, in the order of RULES.
 */
export function runRules(ctx: RuleContext): Diagnostic[] {
  const found = RULES.map(() => [] as Diagnostic[]);
  const itemRules: { check: NonNullable<Rule['checkItem']>; out: Diagnostic[] }[] = [];
  RULES.forEach((rule, r) => {
    if (rule.checkItem) itemRules.push({ check: rule.checkItem, out: found[r]! });
    else found[r]!.push(...rule.check(ctx));
  });
  const items = ctx.workspace.items;
  for (let i = 0; i < items.length; i++) {
    for (let r = 0; r < itemRules.length; r++) itemRules[r]!.check(items[i]!, ctx.itemFacts[i]!, ctx, itemRules[r]!.out);
  }
  return found.flat();
}

/**
 * Every problem in a loaded workspace: what the loader found, then every rule
 * (with git history's facts when given). Unplaced: `placeDiagnostics` adds
 * lines and columns, which counting them never needs.
 */
export function checkWorkspace(ctx: RuleContext): Diagnostic[] {
  return [...ctx.workspace.diagnostics, ...runRules(ctx)];
}
