// Filtering and sorting items (`track list`): repeated filters of one kind
// are OR, different kinds AND. Facts come from facts.ts only.

import { compareDates, dateProblem, endDay, startDay, type TrackDate } from '../records/dates.js';
import { ITEM_KINDS, type Item, type Workspace } from '../records/model.js';
import type { Registers } from '../records/registers.js';
import { stageChoices, stageFromInput, stageKey } from '../records/stages.js';
import { itemFacts, type FactContext, type ItemFacts } from './facts.js';
import { sourceIdOf } from './summary.js';

export interface ItemFilters {
  stage?: string[];
  owner?: string[];
  source?: string[];
  theme?: string[];
  tag?: string[];
  kind?: string[];
  /** --open and --closed together mean either. */
  open?: boolean;
  closed?: boolean;
  overdue?: boolean;
  stale?: boolean;
  unassigned?: boolean;
  /** Items whose `due` (a month counts as its last day) falls before this date. */
  dueBefore?: TrackDate;
}

/**
 * A filter or sort value that names nothing: a value, not wording. The CLI
 * says which flag it came from and sets the exit code.
 */
export class BadFilter extends Error {
  constructor(
    /** Which filter: the `ItemFilters` key, or "sort". */
    readonly filter: 'stage' | 'source' | 'kind' | 'dueBefore' | 'sort',
    readonly value: string,
    /** What would have done, or why the value is wrong, in words. */
    readonly expected: string,
  ) {
    super(`${filter} ${value}: ${expected}`);
    this.name = 'BadFilter';
  }
}

export interface ItemRow {
  item: Item;
  facts: ItemFacts;
}

export const SORT_FIELDS = ['id', 'source', 'number', 'title', 'kind', 'theme', 'stage', 'owner', 'response', 'due', 'report_back', 'last_update', 'overdue'] as const;
export type SortField = (typeof SORT_FIELDS)[number];

const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');
const naturalOrder = new Intl.Collator('en', { numeric: true }).compare;

/** The rows that pass every filter, in id order. A bad filter value throws `BadFilter`. */
export function queryItems(workspace: Workspace, ctx: FactContext, registers: Registers, filters: ItemFilters): ItemRow[] {
  const tests = filterTests(workspace, ctx, registers, filters);
  const rows: ItemRow[] = [];
  for (const item of workspace.items) {
    const facts = itemFacts(item, ctx);
    if (tests.every((test) => test(item, facts))) rows.push({ item, facts });
  }
  return rows;
}

type Test = (item: Item, facts: ItemFacts) => boolean;

function filterTests(workspace: Workspace, ctx: FactContext, registers: Registers, f: ItemFilters): Test[] {
  const tests: Test[] = [];
  const some = (values: string[] | undefined, make: (value: string) => Test) => {
    if (!values || values.length === 0) return;
    const each = values.map(make);
    tests.push((item, facts) => each.some((t) => t(item, facts)));
  };
  some(f.stage, (value) => {
    const stage = stageFromInput(ctx.stages, value);
    if (!stage) throw new BadFilter('stage', value, stageChoices(ctx.stages));
    const key = stageKey(stage.id);
    return (item) => item.stage !== undefined && stageKey(item.stage) === key;
  });
  some(f.owner, (value) => {
    // An owner is known by its register id; a name no register knows, by its text.
    const wanted = ownerKey(registers, value);
    return (item) => item.owners.some((o) => ownerKey(registers, o) === wanted);
  });
  some(f.source, (value) => {
    const id = sourceIdOf(value);
    if (!workspace.sources.some((s) => s.id === id) && !workspace.items.some((i) => i.source === id)) {
      throw new BadFilter('source', value, 'no source has this id');
    }
    return (item) => item.source === id;
  });
  some(f.theme, (value) => (item) => item.theme !== undefined && norm(item.theme) === norm(value));
  some(f.tag, (value) => (item) => item.tags.some((t) => norm(t) === norm(value)));
  some(f.kind, (value) => {
    if (!(ITEM_KINDS as readonly string[]).includes(value)) throw new BadFilter('kind', value, ITEM_KINDS.join(', '));
    return (item) => item.kind === value;
  });
  if (f.open || f.closed) tests.push((_, facts) => (facts.open ? f.open === true : f.closed === true));
  if (f.overdue) tests.push((_, facts) => facts.overdue);
  if (f.stale) tests.push((_, facts) => facts.stale);
  if (f.unassigned) tests.push((_, facts) => facts.unassigned);
  if (f.dueBefore !== undefined) {
    const problem = dateProblem(f.dueBefore);
    if (problem) throw new BadFilter('dueBefore', f.dueBefore, `${problem.message}: ${problem.hint}`);
    const limit = startDay(f.dueBefore);
    tests.push((item) => item.due !== undefined && endDay(item.due) < limit);
  }
  return tests;
}

/** The id of the body or person a name resolves to, else the name itself. */
export function ownerKey(registers: Registers, name: string): string {
  const party = registers.resolve(name);
  if (!party) return `name:${norm(name)}`;
  return party.kind === 'body' ? `body:${party.body.id}` : `person:${party.person.id}`;
}

/** A sort field as typed ("due", "-due" for newest first, "report-back"); anything else throws `BadFilter`. */
export function parseSort(value: string): { field: SortField; descending: boolean } {
  const descending = value.startsWith('-');
  const field = value.replace(/^-/, '').trim().toLowerCase().replace(/-/g, '_');
  if (!(SORT_FIELDS as readonly string[]).includes(field)) {
    throw new BadFilter('sort', value, SORT_FIELDS.join(', '));
  }
  return { field: field as SortField, descending };
}

/** Sort rows by a field; items without a value come last, ties keep id order. */
export function sortRows(rows: ItemRow[], sort: { field: SortField; descending: boolean }, ctx: FactContext, registers: Registers): ItemRow[] {
  const stageOrder = new Map(ctx.stages.map((s, i) => [stageKey(s.id), i]));
  const value = (row: ItemRow): string | number | undefined => {
    const { item, facts } = row;
    switch (sort.field) {
      case 'id': return item.id;
      case 'source': return item.source;
      case 'number': return item.number === undefined ? undefined : String(item.number);
      case 'title': return item.title;
      case 'kind': return item.kind;
      case 'theme': return item.theme;
      case 'stage': return item.stage === undefined ? undefined : stageOrder.get(stageKey(item.stage)) ?? stageOrder.size;
      case 'owner': return item.owners[0] === undefined ? undefined : registers.displayName(item.owners[0]);
      case 'response': return item.response;
      case 'due': return item.due;
      case 'report_back': return item.reportBack;
      case 'last_update': return facts.lastUpdate;
      case 'overdue': return facts.daysOverdue;
    }
  };
  const isDate = sort.field === 'due' || sort.field === 'report_back' || sort.field === 'last_update';
  const compare = (a: string | number, b: string | number): number =>
    typeof a === 'number' && typeof b === 'number' ? a - b : isDate ? compareDates(String(a), String(b)) : naturalOrder(String(a), String(b));
  const sign = sort.descending ? -1 : 1;
  return rows
    .map((row) => ({ row, key: value(row) }))
    .sort((a, b) => {
      if (a.key === undefined || b.key === undefined) return a.key === b.key ? 0 : a.key === undefined ? 1 : -1;
      return sign * compare(a.key, b.key);
    })
    .map(({ row }) => row);
}
