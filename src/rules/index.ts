// Every rule id, in one place. The loader's own rules (reading, YAML, schema,
// layout) are listed here for the docs; the rest run over the loaded model.

import { factContext, itemFacts, type ItemFacts } from '../derive/facts.js';
import type { Diagnostic, Severity } from '../records/diagnostic.js';
import type { Item, Workspace } from '../records/model.js';
import { buildRegisters } from '../records/registers.js';
import { duplicateNumber, unknownOwner, unknownRelated } from './links.js';
import type { Rule, RuleContext } from './rule.js';
import { dueMismatch, futureUpdate, newDueWithoutReason, previousDueMismatch, stageAndProposed, stageMismatch, unknownStage, updateOrder } from './updates.js';
import { awaitingConfirmation, overdue, responseOverdue, stale, unassigned } from './warnings.js';

export const RULES: readonly Rule[] = [
  unknownStage,
  duplicateNumber,
  unknownRelated,
  unknownOwner,
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
];

/** Rules the loader applies while reading files; documented beside the others. */
export const READING_RULES: readonly { id: string; severity: Severity; description: string }[] = [
  { id: 'unreadable', severity: 'error', description: 'A file cannot be read (missing, a folder, or no permission).' },
  { id: 'encoding', severity: 'error', description: 'A file is not valid UTF-8 text.' },
  { id: 'merge-conflict', severity: 'error', description: 'A file holds git merge-conflict markers (<<<<<<<, =======, >>>>>>>).' },
  { id: 'no-frontmatter', severity: 'error', description: 'A record does not start with YAML frontmatter between two "---" lines.' },
  { id: 'frontmatter-language', severity: 'error', description: 'Frontmatter in a language other than YAML (such as ---js): refused, never run.' },
  { id: 'yaml-syntax', severity: 'error', description: 'The YAML cannot be parsed.' },
  { id: 'duplicate-key', severity: 'error', description: 'A key appears twice in one mapping.' },
  { id: 'yaml-tag', severity: 'error', description: 'A custom YAML tag (!something) is used.' },
  { id: 'yaml-alias', severity: 'error', description: 'Too many YAML aliases: a likely attempt to exhaust memory.' },
  { id: 'missing-key', severity: 'error', description: 'A required key is missing.' },
  { id: 'wrong-type', severity: 'error', description: 'A value has the wrong type (text, number, list).' },
  { id: 'invalid-value', severity: 'error', description: 'A value is not one of those allowed (kind, response, …).' },
  { id: 'unknown-key', severity: 'error', description: 'A key is not in the record format nor in extra_fields; the hint suggests the nearest.' },
  { id: 'invalid-date', severity: 'error', description: 'A date is not YYYY-MM-DD or YYYY-MM, or is impossible (2008-02-30).' },
  { id: 'bad-name', severity: 'error', description: 'A file or folder name under records/ is outside [a-z0-9][a-z0-9-]*.' },
  { id: 'no-source', severity: 'error', description: 'A folder of items has no source.md.' },
  { id: 'misplaced-file', severity: 'error', description: 'A record file is where track does not read it (records/ itself, or a sub-folder of a source).' },
];

export function ruleContext(workspace: Workspace, today: string): RuleContext {
  const facts = factContext(workspace, today);
  const itemFactsList: ItemFacts[] = [];
  const itemsById = new Map<string, Item>();
  for (const item of workspace.items) {
    itemFactsList.push(itemFacts(item, facts));
    itemsById.set(item.id, item);
  }
  return { workspace, facts, itemFacts: itemFactsList, itemsById, registers: buildRegisters(workspace.config) };
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
