// The dashboard before a meeting as plain data: what `track status` prints and
// the `status-summary` board paper renders. Facts come from facts.ts only.

import { Refusal } from '../errors.js';
import type { Item, Meeting, Stage, StageId, Workspace } from '../records/model.js';
import { buildRegisters, type Registers } from '../records/registers.js';
import { stageKey } from '../records/stages.js';
import type { TrackDate } from '../records/dates.js';
import type { RequestEntry } from '../records/requests.js';
import { itemFacts, type FactContext, type ItemFacts } from './facts.js';
import type { SinceSummary } from './since.js';

export type SummaryGrouping = 'stage' | 'owner' | 'theme' | 'source';

export interface SummaryOptions {
  /** Only the items of this source (its folder name). */
  source?: string;
  /** How `groups` are formed; `byStage` is always given. */
  by?: SummaryGrouping;
  /** Validation problems, counted by the caller (the rules are not run here). */
  problems?: { errors: number; warnings: number };
  /** The facts of each of the workspace's items, in order, when already worked out (by the rules' context). */
  itemFacts?: readonly ItemFacts[];
}

/** What a short list shows of an item: the rest is in `track show`. */
export type ItemBrief = Pick<Item, 'id' | 'path' | 'source' | 'title' | 'owners' | 'due' | 'reportBack' | 'stage'>;

/** One item in a short list: enough for "id, title, owner, how late". */
export interface SummaryEntry {
  item: ItemBrief;
  facts: ItemFacts;
  /** Owners by their register names, as an officer knows them. */
  ownerNames: string[];
}

export interface StageCount {
  /** The stage id; for items whose stage is missing or not on the scale, the text "unknown". */
  id: StageId;
  label: string;
  closed: boolean;
  colour?: string;
  count: number;
}

export interface GroupCount {
  /** A stage id, owner id (or the name as written), theme, or source id; "" for none. */
  key: string;
  label: string;
  total: number;
  open: number;
  closed: number;
  overdue: number;
}

export interface Summary {
  today: TrackDate;
  /** Owners asked for progress for the next meeting who have not replied (from the request manifest, not the records). */
  awaitingReplies?: RequestEntry[];
  /** The source the summary is limited to, when one was asked for. */
  source?: string;
  by: SummaryGrouping;
  total: number;
  open: number;
  closed: number;
  /** Every stage of the scale in order (zero counts kept), then "unknown" when any item has no known stage. */
  byStage: StageCount[];
  groups: GroupCount[];
  /** Most overdue first. */
  overdue: SummaryEntry[];
  /** Longest without an update first. */
  stale: SummaryEntry[];
  unassigned: SummaryEntry[];
  responseOverdue: SummaryEntry[];
  awaitingConfirmation: SummaryEntry[];
  dueNextMeeting: SummaryEntry[];
  nextMeeting?: Meeting;
  problems?: { errors: number; warnings: number };
  /** Workspace-relative paths of record files that could not be read. */
  unreadable: string[];
  /** What changed since the last meeting before `today` (records.md v2), when worked out. */
  sinceLastMeeting?: SinceSummary;
}

export const UNKNOWN_STAGE = 'unknown';
const UNKNOWN_LABEL = 'Stage missing or not on the scale';

/** The items of one source, or every item; an unknown source is a Refusal. */
export function itemsOfSource(workspace: Workspace, source: string | undefined): Item[] {
  if (source === undefined) return workspace.items;
  const id = sourceIdOf(source);
  const known = workspace.sources.some((s) => s.id === id) || workspace.items.some((i) => i.source === id);
  if (!known) {
    const ids = workspace.sources.map((s) => s.id);
    const list = ids.length > 0 ? ` The sources are: ${ids.slice(0, 20).join(', ')}${ids.length > 20 ? ', …' : ''}.` : '';
    throw new Refusal(`No source has the id "${source}".${list}`);
  }
  return workspace.items.filter((i) => i.source === id);
}

/** A source as typed ("records/cd-2007/", "CD-2007") to its folder name. */
export function sourceIdOf(source: string): string {
  return source.trim().toLowerCase().replace(/^records\//, '').replace(/\/$/, '');
}

export function summarise(workspace: Workspace, ctx: FactContext, options: SummaryOptions = {}): Summary {
  const items = itemsOfSource(workspace, options.source);
  const sourceId = options.source !== undefined ? sourceIdOf(options.source) : undefined;
  const registers = buildRegisters(workspace.config);
  const by = options.by ?? 'stage';
  const stageCounts = new Map<string, StageCount>(
    ctx.stages.map((s) => [stageKey(s.id), { ...stageCount(s), count: 0 }]),
  );
  const groups = new Map<string, GroupCount>();
  // A theme written "Health" in one record and "health" in another is one theme (as list --theme takes it), named as first written.
  const themes = new Map<string, string>();
  const lists = {
    overdue: [] as SummaryEntry[],
    stale: [] as SummaryEntry[],
    unassigned: [] as SummaryEntry[],
    responseOverdue: [] as SummaryEntry[],
    awaitingConfirmation: [] as SummaryEntry[],
    dueNextMeeting: [] as SummaryEntry[],
  };
  let open = 0;
  // By position in the workspace, the facts given line up with the items.
  for (let i = 0; i < workspace.items.length; i++) {
    const item = workspace.items[i]!;
    if (sourceId !== undefined && item.source !== sourceId) continue;
    const facts = options.itemFacts?.[i] ?? itemFacts(item, ctx);
    if (facts.open) open++;
    const key = facts.stage ? stageKey(facts.stage.id) : UNKNOWN_STAGE;
    let count = stageCounts.get(key);
    if (!count) stageCounts.set(key, (count = { id: key, label: UNKNOWN_LABEL, closed: false, count: 0 }));
    count.count++;
    // By stage (the default), the stage counted above is the group: no list of keys to make.
    if (by === 'stage') countIn(groups, key, facts.stage ? facts.stage.label : UNKNOWN_LABEL, facts);
    else for (const [groupKey, label] of groupKeys(item, by, registers, themes)) countIn(groups, groupKey, label, facts);
    const flagged = facts.overdue || facts.stale || facts.unassigned || facts.responseOverdue || facts.awaitingConfirmation || facts.dueForNextMeeting;
    if (!flagged) continue;
    const entry: SummaryEntry = { item: brief(item), facts, ownerNames: item.owners.map((o) => registers.displayName(o)) };
    if (facts.overdue) lists.overdue.push(entry);
    if (facts.stale) lists.stale.push(entry);
    if (facts.unassigned) lists.unassigned.push(entry);
    if (facts.responseOverdue) lists.responseOverdue.push(entry);
    if (facts.awaitingConfirmation) lists.awaitingConfirmation.push(entry);
    if (facts.dueForNextMeeting) lists.dueNextMeeting.push(entry);
  }
  // Array sort is stable: ties keep the items' natural id order.
  lists.overdue.sort((a, b) => b.facts.daysOverdue! - a.facts.daysOverdue!);
  lists.stale.sort((a, b) => b.facts.daysSinceUpdate! - a.facts.daysSinceUpdate!);
  return {
    today: ctx.today,
    ...(sourceId !== undefined ? { source: sourceId } : {}),
    by,
    total: items.length,
    open,
    closed: items.length - open,
    byStage: [...stageCounts.values()],
    groups: by === 'stage' ? stageGroups(stageCounts, groups) : [...groups.values()].sort(byLabel),
    ...lists,
    ...(ctx.nextMeeting ? { nextMeeting: ctx.nextMeeting } : {}),
    ...(options.problems ? { problems: options.problems } : {}),
    unreadable: options.source === undefined ? workspace.unreadable : workspace.unreadable.filter((p) => p.startsWith(`records/${sourceId}/`)),
  };
}

function countIn(groups: Map<string, GroupCount>, key: string, label: string, facts: ItemFacts): void {
  let group = groups.get(key);
  if (!group) groups.set(key, (group = { key, label, total: 0, open: 0, closed: 0, overdue: 0 }));
  group.total++;
  if (facts.open) group.open++;
  else group.closed++;
  if (facts.overdue) group.overdue++;
}

function stageCount(stage: Stage): Omit<StageCount, 'count'> {
  return { id: stage.id, label: stage.label, closed: stage.closed, ...(stage.colour ? { colour: stage.colour } : {}) };
}

/** The groups an item counts in, for any grouping but by stage: an item with two owners counts under each. */
function groupKeys(item: Item, by: Exclude<SummaryGrouping, 'stage'>, registers: Registers, themes: Map<string, string>): [string, string][] {
  switch (by) {
    case 'source':
      return [[item.source, item.source]];
    case 'theme': {
      if (!item.theme) return [['', '(no theme)']];
      const same = item.theme.trim().replace(/\s+/g, ' ').toLowerCase();
      const theme = themes.get(same) ?? (themes.set(same, item.theme), item.theme);
      return [[theme, theme]];
    }
    case 'owner': {
      if (item.owners.length === 0) return [['', '(unassigned)']];
      const seen = new Map<string, string>();
      for (const owner of item.owners) {
        const key = registers.idOf(owner) ?? owner;
        seen.set(key, registers.displayName(owner));
      }
      return [...seen];
    }
  }
}

/** Grouped by stage, the groups follow the scale's order, empty stages included. */
function stageGroups(stageCounts: Map<string, StageCount>, groups: Map<string, GroupCount>): GroupCount[] {
  return [...stageCounts].map(([key, s]) => groups.get(key) ?? { key, label: s.label, total: 0, open: 0, closed: 0, overdue: 0 });
}

const byLabel = (a: GroupCount, b: GroupCount) => (a.key === '' ? 1 : b.key === '' ? -1 : a.label.localeCompare(b.label, 'en', { numeric: true }));

function brief({ id, path, source, title, owners, due, reportBack, stage }: Item): ItemBrief {
  return { id, path, source, title, owners, ...(due !== undefined ? { due } : {}), ...(reportBack !== undefined ? { reportBack } : {}), ...(stage !== undefined ? { stage } : {}) };
}
