// What `track status` keeps of its dashboard between runs, and in what shape.
// No loader, rules or zod here: a remembered answer is read without them.
//
// A summary's lists can hold most of a big tracker (100,000 items: some
// 100,000 entries), and an object per entry with its item and facts costs a
// second to read back. So the memo keeps each listed item once, as one row of
// plain values, and each list as the row numbers of its items.

import type { Summary, SummaryEntry } from '../derive/summary.js';
import type { ItemFacts } from '../derive/facts.js';
import type { Item, ItemKind, Stage, StageId } from '../records/model.js';
import type { TrackDate } from '../records/dates.js';

const LISTS = ['overdue', 'stale', 'unassigned', 'responseOverdue', 'awaitingConfirmation', 'dueNextMeeting'] as const;
type ListName = (typeof LISTS)[number];

/**
 * What the dashboard shows of each listed item: who and what it is and its
 * dates, not its text, updates, tags or links (the facts carry the last
 * update). A computed and a remembered dashboard hold exactly this.
 */
export function slimSummary(summary: Summary): Summary {
  // Optional keys by assignment, not spreads: a big dashboard lists thousands of items.
  const slim = (item: Item): Item => {
    const kept: Item = { id: item.id, source: item.source, path: item.path, title: item.title, kind: item.kind, owners: item.owners, related: [], tags: [], updates: [], extra: {}, body: '' };
    if (item.number !== undefined) kept.number = item.number;
    if (item.stage !== undefined) kept.stage = item.stage;
    if (item.due !== undefined) kept.due = item.due;
    if (item.reportBack !== undefined) kept.reportBack = item.reportBack;
    return kept;
  };
  const slimmed = new Map<Item, Item>();
  const strip = (entries: SummaryEntry[]) =>
    entries.map((e) => {
      let item = slimmed.get(e.item);
      if (!item) slimmed.set(e.item, (item = slim(e.item)));
      return { ...e, item };
    });
  const lists = Object.fromEntries(LISTS.map((name) => [name, strip(summary[name])])) as Record<ListName, SummaryEntry[]>;
  return { ...summary, ...lists };
}

const FLAGS = ['open', 'overdue', 'stale', 'unassigned', 'responseOverdue', 'awaitingConfirmation', 'dueForNextMeeting'] as const;

/** The listed items, a column per field; `null` (or NaN, -1) where the item has none. */
interface Columns {
  id: string[];
  /** Null when it is records/<id>.md, as it nearly always is. */
  path: (string | null)[];
  title: string[];
  kind: ItemKind[];
  /** Index into `owners`: most items share their owners with many others. */
  owners: Int32Array;
  number: (number | string | null)[];
  stage: (StageId | null)[];
  due: (TrackDate | null)[];
  reportBack: (TrackDate | null)[];
  flags: Uint8Array;
  /** Index into `stages`, or -1. */
  factStage: Int32Array;
  lastUpdate: (TrackDate | null)[];
  daysOverdue: Float64Array;
  daysSinceUpdate: Float64Array;
  proposedStage: (StageId | null)[];
}

export interface PackedSummary {
  /** The summary without its lists. */
  head: Omit<Summary, ListName>;
  /** Every stage a listed item's facts name, each once. */
  stages: Stage[];
  /** Every set of owners, each once, with their names as shown. */
  owners: { ids: readonly string[]; names: string[] }[];
  columns: Columns;
  /** Each list as indexes into the columns, in order. */
  lists: Record<ListName, number[]>;
}

/** A slim summary (see slimSummary) in columns; `unpackSummary` gives it back equal. */
export function packSummary(summary: Summary): PackedSummary {
  const rowOf = new Map<Item, number>();
  const entries: SummaryEntry[] = [];
  const lists = Object.fromEntries(
    LISTS.map((name) => [
      name,
      summary[name].map((entry) => {
        let row = rowOf.get(entry.item);
        if (row === undefined) rowOf.set(entry.item, (row = entries.push(entry) - 1));
        return row;
      }),
    ]),
  ) as Record<ListName, number[]>;

  const stages: Stage[] = [];
  const stageOf = new Map<Stage, number>();
  const owners: PackedSummary['owners'] = [];
  const ownersOf = new Map<string, number>();
  const n = entries.length;
  const columns: Columns = {
    id: [],
    path: [],
    title: [],
    kind: [],
    owners: new Int32Array(n),
    number: [],
    stage: [],
    due: [],
    reportBack: [],
    flags: new Uint8Array(n),
    factStage: new Int32Array(n),
    lastUpdate: [],
    daysOverdue: new Float64Array(n),
    daysSinceUpdate: new Float64Array(n),
    proposedStage: [],
  };
  entries.forEach(({ item, facts, ownerNames }, row) => {
    columns.id.push(item.id);
    columns.path.push(item.path === `records/${item.id}.md` ? null : item.path);
    columns.title.push(item.title);
    columns.kind.push(item.kind);
    const ownersKey = JSON.stringify([item.owners, ownerNames]);
    let ownersIndex = ownersOf.get(ownersKey);
    if (ownersIndex === undefined) ownersOf.set(ownersKey, (ownersIndex = owners.push({ ids: item.owners, names: ownerNames }) - 1));
    columns.owners[row] = ownersIndex;
    columns.number.push(item.number ?? null);
    columns.stage.push(item.stage ?? null);
    columns.due.push(item.due ?? null);
    columns.reportBack.push(item.reportBack ?? null);
    let flags = 0;
    FLAGS.forEach((flag, bit) => {
      if (facts[flag]) flags |= 1 << bit;
    });
    columns.flags[row] = flags;
    let stageIndex = -1;
    if (facts.stage) {
      stageIndex = stageOf.get(facts.stage) ?? -1;
      if (stageIndex < 0) stageOf.set(facts.stage, (stageIndex = stages.push(facts.stage) - 1));
    }
    columns.factStage[row] = stageIndex;
    columns.lastUpdate.push(facts.lastUpdate ?? null);
    columns.daysOverdue[row] = facts.daysOverdue ?? NaN;
    columns.daysSinceUpdate[row] = facts.daysSinceUpdate ?? NaN;
    columns.proposedStage.push(facts.proposedStage ?? null);
  });
  const head: Partial<Summary> = { ...summary };
  for (const name of LISTS) delete head[name];
  return { head: head as Omit<Summary, ListName>, stages, owners, columns, lists };
}

export function unpackSummary(packed: PackedSummary): Summary {
  const c = packed.columns;
  const entries: SummaryEntry[] = [];
  for (let row = 0; row < c.id.length; row++) {
    const id = c.id[row]!;
    const owners = packed.owners[c.owners[row]!]!;
    const item: Item = {
      id,
      source: id.slice(0, id.indexOf('/')),
      path: c.path[row] ?? `records/${id}.md`,
      title: c.title[row]!,
      kind: c.kind[row]!,
      owners: owners.ids,
      related: [],
      tags: [],
      updates: [],
      extra: {},
      body: '',
    };
    const number = c.number[row] ?? null;
    const stage = c.stage[row] ?? null;
    const due = c.due[row] ?? null;
    const reportBack = c.reportBack[row] ?? null;
    if (number !== null) item.number = number;
    if (stage !== null) item.stage = stage;
    if (due !== null) item.due = due;
    if (reportBack !== null) item.reportBack = reportBack;
    const flags = c.flags[row]!;
    const facts = {} as ItemFacts;
    FLAGS.forEach((flag, bit) => (facts[flag] = (flags & (1 << bit)) !== 0));
    const factStage = c.factStage[row]!;
    const lastUpdate = c.lastUpdate[row] ?? null;
    const daysOverdue = c.daysOverdue[row]!;
    const daysSinceUpdate = c.daysSinceUpdate[row]!;
    const proposedStage = c.proposedStage[row] ?? null;
    if (factStage >= 0) facts.stage = packed.stages[factStage]!;
    if (lastUpdate !== null) facts.lastUpdate = lastUpdate;
    if (!Number.isNaN(daysOverdue)) facts.daysOverdue = daysOverdue;
    if (!Number.isNaN(daysSinceUpdate)) facts.daysSinceUpdate = daysSinceUpdate;
    if (proposedStage !== null) facts.proposedStage = proposedStage;
    entries.push({ item, facts, ownerNames: owners.names });
  }
  const lists = Object.fromEntries(LISTS.map((name) => [name, packed.lists[name].map((i) => entries[i]!)])) as Record<ListName, SummaryEntry[]>;
  return { ...packed.head, ...lists } as Summary;
}
