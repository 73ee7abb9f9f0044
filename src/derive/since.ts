// "Since the last meeting" (records.md v2): what changed between the previous
// meeting and a date. One definition, used by papers and by `track status`.

import { compareDates, endDay, type TrackDate } from '../records/dates.js';
import type { Item, Meeting, Stage, StageId, Workspace } from '../records/model.js';
import { findStage } from '../records/stages.js';
import { madeBy, onOrBefore, workspaceAsOf, writtenStartingStage } from './as-of.js';
import { factContext, itemFacts, type ItemFacts } from './facts.js';

export interface StageChange {
  /** The item as it stood on the date. */
  item: Item;
  date: TrackDate;
  /** The stage before this update; undefined when not known (not yet assessed, or off the scale). */
  from?: Stage;
  /** Off the scale: the id as written. */
  to: Stage | { id: StageId; label: string; closed: false };
  by?: string;
}

export interface DueMove {
  item: Item;
  date: TrackDate;
  /** The date it replaced, when the update says (or an earlier move shows it). */
  from?: TrackDate;
  to: TrackDate;
  reason: string;
  by?: string;
}

export interface Proposal {
  item: Item;
  date: TrackDate;
  proposed: StageId;
  by?: string;
}

export interface SinceLastMeeting {
  /** The date the window ends on (the meeting's, or the day asked about). */
  date: TrackDate;
  /** The meeting before it: the same body's, else any body's; undefined when there is none. */
  previous?: Meeting;
  /** Items open at the previous meeting (or new since) and closed on the date. */
  closed: Item[];
  /** Ids of items already closed at the previous meeting: not to be reported again. */
  closedBefore: ReadonlySet<string>;
  /** Agreed stages that differ from the stage before, oldest first. */
  stageChanges: StageChange[];
  dueMoves: DueMove[];
  /** Proposals made in the window and still awaiting confirmation on the date. */
  awaitingConfirmation: Proposal[];
  /** Overdue on the date and not at the previous meeting. */
  newlyOverdue: Item[];
  /** Items of sources made in the window. */
  newItems: Item[];
}

/** The latest meeting before `date`: of `body` when it has one before, else of any body. */
export function previousMeeting(meetings: readonly Meeting[], date: TrackDate, body?: string): Meeting | undefined {
  const earlier = meetings.filter((m) => compareDates(m.date, date) < 0 && endDay(m.date) < endDay(date));
  const latest = (list: Meeting[]) => list.reduce<Meeting | undefined>((best, m) => (!best || compareDates(m.date, best.date) >= 0 ? m : best), undefined);
  return (body !== undefined ? latest(earlier.filter((m) => m.body === body)) : undefined) ?? latest(earlier);
}

/**
 * What changed after the previous meeting and on or before `date`, for a
 * paper going to `body` (undefined: any body). `workspace` is as it stands
 * now; this reads it as it stood at both ends.
 */
export function sinceLastMeeting(workspace: Workspace, date: TrackDate, body?: string): SinceLastMeeting {
  const previous = previousMeeting(workspace.meetings, date, body);
  const stages = workspace.config.stages;
  const now = workspaceAsOf(workspace, date);
  const nowCtx = factContext(now, date);
  const then = previous ? workspaceAsOf(workspace, previous.date) : undefined;
  const thenCtx = then && previous ? factContext(then, previous.date) : undefined;
  const thenById = new Map<string, { item: Item; facts: ItemFacts }>();
  if (then && thenCtx) for (const item of then.items) thenById.set(item.id, { item, facts: itemFacts(item, thenCtx) });
  // An update in the window was made by this meeting and not by the previous one; a source, came by them.
  const inWindow = (d: TrackDate) => madeBy(d, date) && (!previous || !madeBy(d, previous.date));
  const newSources = new Set(now.sources.filter((s) => s.date !== undefined && onOrBefore(s.date, date) && (!previous || !onOrBefore(s.date, previous.date))).map((s) => s.id));

  const result: SinceLastMeeting = {
    date, closed: [], closedBefore: new Set(), stageChanges: [], dueMoves: [], awaitingConfirmation: [], newlyOverdue: [], newItems: [],
    ...(previous ? { previous } : {}),
  };
  const closedBefore = new Set<string>();
  for (const item of now.items) {
    const facts = itemFacts(item, nowCtx);
    const before = thenById.get(item.id);
    if (before && !before.facts.open) closedBefore.add(item.id);
    if (!facts.open && !closedBefore.has(item.id)) result.closed.push(item);
    if (facts.overdue && !before?.facts.overdue) result.newlyOverdue.push(item);
    if (newSources.has(item.source)) result.newItems.push(item);

    // Walk the updates in order, knowing the stage and due before each.
    let stage: StageId | undefined = writtenStartingStage(item);
    let due: TrackDate | undefined = undefined;
    for (const update of item.updates) {
      if (update.stage !== undefined) {
        if (inWindow(update.date) && (stage === undefined || String(stage).toLowerCase() !== String(update.stage).toLowerCase())) {
          const from = findStage(stages, stage);
          const to = findStage(stages, update.stage) ?? { id: update.stage, label: String(update.stage), closed: false as const };
          result.stageChanges.push({ item, date: update.date, to, ...(from ? { from } : {}), ...(update.by ? { by: update.by } : {}) });
        }
        stage = update.stage;
      }
      if (update.newDue !== undefined) {
        const from = update.previousDue ?? due;
        if (inWindow(update.date)) {
          result.dueMoves.push({ item, date: update.date, to: update.newDue, reason: update.reason ?? '', ...(from ? { from } : {}), ...(update.by ? { by: update.by } : {}) });
        }
        due = update.newDue;
      }
    }
    if (facts.awaitingConfirmation && facts.proposedStage !== undefined) {
      const proposal = [...item.updates].reverse().find((u) => u.proposedStage !== undefined)!;
      if (inWindow(proposal.date)) result.awaitingConfirmation.push({ item, date: proposal.date, proposed: facts.proposedStage, ...(proposal.by ? { by: proposal.by } : {}) });
    }
  }
  result.closedBefore = closedBefore;
  result.stageChanges.sort((a, b) => compareDates(a.date, b.date));
  result.dueMoves.sort((a, b) => compareDates(a.date, b.date));
  return result;
}

/** The stage an item had before its first agreed update: its `stage` when it has none; otherwise not written down. */
/** "Since the last meeting" as plain data, by item id: what `status --json` gives as `since_last_meeting`. */
export interface SinceSummary {
  date: TrackDate;
  previous: { date: TrackDate; title: string | null; body: string | null } | null;
  closed: string[];
  stage_changes: { id: string; date: TrackDate; from: StageId | null; to: StageId }[];
  due_moves: { id: string; date: TrackDate; from: TrackDate | null; to: TrackDate; reason: string }[];
  awaiting_confirmation: { id: string; date: TrackDate; proposed: StageId }[];
  newly_overdue: string[];
  new_items: string[];
}

export function sinceSummary(since: SinceLastMeeting): SinceSummary {
  const p = since.previous;
  return {
    date: since.date,
    previous: p ? { date: p.date, title: p.title ?? null, body: p.body ?? null } : null,
    closed: since.closed.map((i) => i.id),
    stage_changes: since.stageChanges.map((c) => ({ id: c.item.id, date: c.date, from: c.from?.id ?? null, to: c.to.id })),
    due_moves: since.dueMoves.map((m) => ({ id: m.item.id, date: m.date, from: m.from ?? null, to: m.to, reason: m.reason })),
    awaiting_confirmation: since.awaitingConfirmation.map((a) => ({ id: a.item.id, date: a.date, proposed: a.proposed })),
    newly_overdue: since.newlyOverdue.map((i) => i.id),
    new_items: since.newItems.map((i) => i.id),
  };
}
