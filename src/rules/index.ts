// The rules that run over the model, and the one way to run them: `RuleRun`,
// fed items as they are read (validate) or all at once (`runRules`: status,
// papers, writes). Every rule id, the loader's too, is listed in catalogue.ts.

import { factContext, itemFacts, type ItemFacts } from '../derive/facts.js';
import type { Diagnostic } from '../records/diagnostic.js';
import type { HistoryFacts } from '../history/due-moves.js';
import { dueMovedSilently } from './due-moved.js';
import type { Item, Source, Workspace } from '../records/model.js';
import { buildRegisters } from '../records/registers.js';
import { ambiguousOwner, duplicateNumber, unknownOwner, unknownRelated } from './links.js';
import type { IndexedItem, Rule, RuleContext } from './rule.js';
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

/** The rules' context for a workspace's settings (its sources by id: a run that reads records group by group passes a map it fills as it goes). */
export function ruleContext(workspace: Pick<Workspace, 'config' | 'meetings' | 'sources'>, today: string, history?: HistoryFacts, sources?: ReadonlyMap<string, Source>): RuleContext {
  return { config: workspace.config, facts: factContext(workspace, today, sources), registers: buildRegisters(workspace.config), ...(history ? { history } : {}) };
}

/**
 * One run of every rule: items are given to `checkItem` one by one, in any
 * number of batches, and `checkAll` runs the rules across items once every
 * item is known. What they find is kept rule by rule (the order of RULES)
 * until `take`n.
 */
export class RuleRun {
  private readonly found: Diagnostic[][] = RULES.map(() => []);
  private readonly itemRules: { check: NonNullable<Rule['checkItem']>; out: Diagnostic[] }[] = [];

  constructor(readonly ctx: RuleContext) {
    RULES.forEach((rule, r) => {
      if (rule.checkItem) this.itemRules.push({ check: rule.checkItem, out: this.found[r]! });
    });
  }

  /** One item through every rule of one item; its facts, worked out here, are given back for the caller to reuse. */
  checkItem(item: Item): ItemFacts {
    const facts = itemFacts(item, this.ctx.facts);
    for (let r = 0; r < this.itemRules.length; r++) this.itemRules[r]!.check(item, facts, this.ctx, this.itemRules[r]!.out);
    return facts;
  }

  /** The rules across items, over every item (in any order). */
  checkAll(items: readonly IndexedItem[]): void {
    RULES.forEach((rule, r) => {
      if (rule.checkAll) this.found[r]!.push(...rule.checkAll(items, this.ctx));
    });
  }

  /** What the rules found since the last `take`, rule by rule. */
  take(): Diagnostic[] {
    const all = this.found.flat();
    for (const list of this.found) list.length = 0;
    return all;
  }
}

/** Every rule over a loaded workspace, and each item's facts (in the order of `workspace.items`); the diagnostics are not yet placed by line, and come rule by rule, in the order of RULES. */
export function runRules(workspace: Pick<Workspace, 'items'>, ctx: RuleContext): { diagnostics: Diagnostic[]; itemFacts: ItemFacts[] } {
  const run = new RuleRun(ctx);
  const itemFacts = workspace.items.map((item) => run.checkItem(item));
  run.checkAll(workspace.items);
  return { diagnostics: run.take(), itemFacts };
}
