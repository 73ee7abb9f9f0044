// Facts computed from records: the one place they are defined, so every
// command (validate, status, list, show, reports) agrees on them.

import { endDay, startDay, type TrackDate } from '../records/dates.js';
import type { Item, Meeting, Source, Stage, StageId, Update, Workspace } from '../records/model.js';
import { findStage } from '../records/stages.js';

export interface FactContext {
  today: TrackDate;
  todayDay: number;
  staleAfterDays: number;
  responseDays: number;
  stages: readonly Stage[];
  sources: ReadonlyMap<string, Source>;
  nextMeeting?: Meeting;
}

export interface ItemFacts {
  /** Undefined when the item's stage is missing or not on the scale. */
  stage?: Stage;
  open: boolean;
  lastUpdate?: TrackDate;
  overdue: boolean;
  /** Days past `due` (its last day, for a month), when overdue. */
  daysOverdue?: number;
  stale: boolean;
  /** Days since the last update (or the source date), when known. */
  daysSinceUpdate?: number;
  unassigned: boolean;
  responseOverdue: boolean;
  awaitingConfirmation: boolean;
  /** The stage proposed and not yet confirmed, when awaiting confirmation. */
  proposedStage?: StageId;
  dueForNextMeeting: boolean;
}

/** The first meeting on or after today (a month-precision meeting counts until the month ends). */
export function findNextMeeting(meetings: readonly Meeting[], today: TrackDate): Meeting | undefined {
  const day = startDay(today);
  let next: Meeting | undefined;
  for (const m of meetings) {
    if (endDay(m.date) < day) continue;
    if (!next || startDay(m.date) < startDay(next.date)) next = m;
  }
  return next;
}

/** The facts' context; `sources` are the workspace's by id (a run that reads records group by group passes a map it fills as it goes). */
export function factContext(workspace: Pick<Workspace, 'config' | 'meetings' | 'sources'>, today: TrackDate, sources?: ReadonlyMap<string, Source>): FactContext {
  const next = findNextMeeting(workspace.meetings, today);
  return {
    today,
    todayDay: startDay(today),
    staleAfterDays: workspace.config.staleAfterDays,
    responseDays: workspace.config.responseDays,
    stages: workspace.config.stages,
    sources: sources ?? new Map(workspace.sources.map((s) => [s.id, s])),
    ...(next ? { nextMeeting: next } : {}),
  };
}

/** Whether a stage ends tracking; an unknown stage counts as open, so it is never hidden. */
export function isOpen(stage: Stage | undefined): boolean {
  return !stage?.closed;
}

/**
 * Which of the updates that pass `test` is the newest: by date (records.md:
 * "the date of the newest update"), and of two on one date the later in the
 * file. -1 when none passes. Updates out of date order are an error of their
 * own (update-order); the facts still go by date.
 */
export function newestUpdate(updates: readonly Update[], test?: (u: Update) => boolean): number {
  let found = -1;
  for (let i = 0; i < updates.length; i++) {
    const u = updates[i]!;
    if ((test === undefined || test(u)) && (found < 0 || u.date >= updates[found]!.date)) found = i;
  }
  return found;
}

const agreed = (u: Update) => u.stage !== undefined;
const proposed = (u: Update) => u.proposedStage !== undefined;

export function itemFacts(item: Item, ctx: FactContext): ItemFacts {
  const stage = findStage(ctx.stages, item.stage);
  const open = isOpen(stage);
  const updates = item.updates;

  const daysOverdue = open && item.due !== undefined ? ctx.todayDay - endDay(item.due) : undefined;
  const overdue = daysOverdue !== undefined && daysOverdue > 0;

  const newestAt = newestUpdate(updates);
  const lastUpdate = newestAt >= 0 ? updates[newestAt]!.date : undefined;
  const source = ctx.sources.get(item.source);
  const since = lastUpdate ?? source?.date;
  const daysSinceUpdate = since !== undefined ? ctx.todayDay - endDay(since) : undefined;
  const stale = open && daysSinceUpdate !== undefined && daysSinceUpdate > ctx.staleAfterDays;

  // "pending" is a response still awaited, so it counts as none.
  const responded = item.response !== undefined && item.response !== 'pending';
  const responseOverdue =
    item.kind === 'recommendation' && !responded && source?.date !== undefined && ctx.todayDay - endDay(source.date) > ctx.responseDays;

  const lastAgreed = newestUpdate(updates, agreed);
  const lastProposed = newestUpdate(updates, proposed);
  const awaitingConfirmation =
    lastProposed >= 0 && (lastAgreed < 0 || updates[lastProposed]!.date > updates[lastAgreed]!.date || (updates[lastProposed]!.date === updates[lastAgreed]!.date && lastProposed > lastAgreed));

  const meeting = ctx.nextMeeting;
  const dueForNextMeeting = open && meeting !== undefined && item.reportBack !== undefined && startDay(item.reportBack) <= endDay(meeting.date);

  // Optional facts are set only when known (absent, not undefined), as the JSON output expects.
  const facts: ItemFacts = { open, overdue, stale, unassigned: item.owners.length === 0, responseOverdue, awaitingConfirmation, dueForNextMeeting };
  if (stage) facts.stage = stage;
  if (lastUpdate !== undefined) facts.lastUpdate = lastUpdate;
  if (overdue) facts.daysOverdue = daysOverdue;
  if (daysSinceUpdate !== undefined) facts.daysSinceUpdate = daysSinceUpdate;
  if (awaitingConfirmation) facts.proposedStage = updates[lastProposed]!.proposedStage!;
  return facts;
}
