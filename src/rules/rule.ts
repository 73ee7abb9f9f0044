// What a rule is, and the context every rule reads.

import type { FactContext, ItemFacts } from '../derive/facts.js';
import type { Diagnostic, YamlPath } from '../records/diagnostic.js';
import type { Config, Item } from '../records/model.js';
import type { Registers } from '../records/registers.js';
import type { HistoryFacts } from '../history/due-moves.js';
import type { RuleInfo } from '../records/reading-rules.js';

/** What every rule reads besides the item: nothing of other items, so items can be checked as they are read. */
export interface RuleContext {
  config: Config;
  facts: FactContext;
  registers: Registers;
  /** What git history says, for the rules that need it; absent without git or when not asked for. */
  history?: HistoryFacts;
}

/** What a rule across items knows of each item. */
export type IndexedItem = Pick<Item, 'id' | 'source' | 'path' | 'number' | 'related'>;

/**
 * A rule checks either one item at a time (`RuleRun` passes every item
 * through all such rules in a single sweep, so a big workspace is walked
 * once, not once a rule, and need not be held whole), or, when it needs more
 * than one item at once, every item's id, source, file, number and links, in
 * any order (the order the files were read in).
 */
export type Rule = RuleInfo & {
  /** Its facts come from git history (`RuleContext.history`): listed apart in the docs. */
  needsHistory?: true;
} & (
    | { checkItem(item: Item, facts: ItemFacts, ctx: RuleContext, out: Diagnostic[]): void; checkAll?: never }
    | { checkAll(items: readonly IndexedItem[], ctx: RuleContext): Diagnostic[]; checkItem?: never }
  );

/** Where update `i` of an item is in its file's `updates:` list, from 0 (see `Update.position`). */
export function updateIndex(item: Item, i: number): number {
  return item.updates[i]?.position ?? i;
}

/** A diagnostic placed by a YAML path; `locateDiagnostics` adds line and column. */
export function problemAt(
  rule: Pick<Rule, 'id' | 'severity'>,
  file: string,
  path: YamlPath,
  message: string,
  hint?: string,
  target: 'key' | 'value' = 'value',
): Diagnostic {
  return {
    rule: rule.id,
    severity: rule.severity,
    file,
    line: 0,
    column: 0,
    message,
    ...(hint ? { hint } : {}),
    pointer: { path, target },
  };
}
