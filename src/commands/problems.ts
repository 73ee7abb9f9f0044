// The one way a command counts problems: the loader's, every rule's, and git
// history's. validate, status and papers call this, so they agree.

import type { ItemFacts } from '../derive/facts.js';
import { compareDiagnostics, type Diagnostic } from '../records/diagnostic.js';
import type { Frontmatter, Source, Workspace } from '../records/model.js';
import type { Store, SweptGroup } from '../records/store/index.js';
import type { RecordFileRef } from '../records/tree.js';
import { historyFacts } from '../history/due-moves.js';
import { readHistory, type History } from '../history/source.js';
import { RuleRun, ruleContext, runRules } from '../rules/index.js';
import type { IndexedItem, RuleContext } from '../rules/rule.js';

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

/**
 * How a caller places problems by line (validate: `locateDiagnostics`, which
 * loads a YAML parser, so it is handed in): given where records' frontmatter
 * is, a function that fills in each problem's line and column.
 */
export type Placer = (frontmatter: Frontmatter) => (diagnostics: Diagnostic[]) => Diagnostic[];

/** Every problem, placed by line, with the records counted and any note about git history. */
export interface PlacedProblems {
  diagnostics: Diagnostic[];
  /** Record files read (sources, items, and files that could not be read). */
  records: number;
  note?: string;
}

/**
 * Every problem of the workspace in `store`, placed by line by `placer`,
 * found as the records are read a group at a time: no record is held once its
 * group is checked, so a big workspace is never in memory whole. The same
 * problems as `workspaceProblems` of the loaded workspace, in file order.
 */
export async function placedProblems(store: Store, today: string, history: Promise<History>, placer: Placer): Promise<PlacedProblems> {
  const { tree } = store;
  const { config, meetings } = await store.settings();
  if (!sourcesFirst(tree.files)) {
    // An item listed before its source (folders whose names differ only in case): its facts need the source, so the workspace is loaded whole.
    const workspace = await store.load();
    const problems = await workspaceProblems(workspace, today, history);
    const diagnostics = placer(workspace.frontmatter)(problems.diagnostics).sort(compareDiagnostics);
    return { diagnostics, records: tree.files.length, ...(problems.note ? { note: problems.note } : {}) };
  }
  const items = tree.files.flatMap((f) => (f.kind === 'item' ? [f.path] : []));
  const { facts, note } = await historyFacts({ root: store.root, extraFields: config.extraFields, itemPaths: items }, history);
  const sources = new Map<string, Source>();
  const run = new RuleRun(ruleContext({ config, meetings: meetings.meetings, sources: [] }, today, facts, sources));
  // Each group's problems and items by where they are in the tree, as a group may be given twice (see Store.sweep).
  const found: Diagnostic[][] = [];
  const indexed: IndexedItem[] = new Array(tree.files.length);
  // Where a record's frontmatter is: in the group being checked, then (for the rules across items) where the store keeps it.
  const where: { group?: SweptGroup; at?: Map<string, number>; kept?: Frontmatter } = {};
  const place = placer({
    get: (path) => {
      const k = where.at?.get(path);
      return k !== undefined ? where.group!.frontmatter(k) : where.kept?.get(path);
    },
  });
  const swept = await store.sweep((g) => {
    const problems: Diagnostic[] = [];
    g.records.forEach((record, k) => {
      problems.push(...record.diagnostics);
      if (record.source) sources.set(record.source.id, record.source);
      else if (record.item) {
        run.checkItem(record.item);
        const { id, source, path, number, related } = record.item;
        indexed[g.start + k] = { id, source, path, number, related };
      }
    });
    problems.push(...run.take());
    // Placed while the group's frontmatter is at hand.
    where.group = g;
    where.at = new Map(g.records.map((r, k) => [r.path, k]));
    found[g.start] = place(problems);
  });
  where.group = where.at = undefined;
  where.kept = swept.frontmatter;
  run.checkAll(indexed.filter((i) => i !== undefined));
  const rest = place([...tree.diagnostics, ...meetings.diagnostics, ...run.take()]);
  return { diagnostics: [...found.flat(), ...rest].sort(compareDiagnostics), records: tree.files.length, ...(note ? { note } : {}) };
}

/** Whether every folder's source.md is listed before the items that belong to it, as the store's listing has them. */
function sourcesFirst(files: readonly RecordFileRef[]): boolean {
  const all = new Set(files.flatMap((f) => (f.kind === 'source' ? [f.id] : [])));
  const seen = new Set<string>();
  for (const f of files) {
    if (f.kind === 'source') seen.add(f.id);
    else if (all.has(f.source) && !seen.has(f.source)) return false;
  }
  return true;
}
