// A record as it stood on a date (records.md v2, "A record as it stood on a
// date"), from the records alone: no git. Every command with --as-of and every
// paper for a meeting reads the workspace through workspaceAsOf, then takes
// its facts from facts.ts with today = that date, so "overdue", "stale" and
// "awaiting confirmation" are judged at it.

import { endDay, startDay, type TrackDate } from '../records/dates.js';
import type { Item, Stage, StageId, Update, Workspace } from '../records/model.js';

/** What a paper says of an item whose stage on the date cannot be known. */
export const NOT_YET_ASSESSED = 'not yet assessed';

/** What could not be known of an item on the date: never guessed, always said. */
export interface AsOfGaps {
  /**
   * The item had no agreed stage yet, and its starting stage is not written
   * down: its `stage` is then the scale's last (records.md), and a paper says
   * "not yet assessed" rather than print that stage as if it had been agreed.
   */
  notYetAssessed: boolean;
  /** The target date then is not known: a later move does not say what it replaced. */
  dueUnknown: boolean;
}

const gaps = new WeakMap<Item, AsOfGaps>();

/** What `itemAsOf` could not know of an item it made; undefined for an item as it stands now. */
export function asOfGaps(item: Item): AsOfGaps | undefined {
  return gaps.get(item);
}

/**
 * Whether a source or meeting dated `when` had come by `date` (a month
 * `date` reaches to its last day; a source dated by month is there from the
 * month's first, so a paper for a meeting that month has it).
 */
export function onOrBefore(when: TrackDate, date: TrackDate): boolean {
  return startDay(when) <= endDay(date);
}

/**
 * Whether an update dated `when` had been made by `date`. A month-precision
 * update counts as made on the month's last day, as a due date does for
 * "overdue": "April 2008" is not yet known on 2 April.
 */
export function madeBy(when: TrackDate, date: TrackDate): boolean {
  return endDay(when) <= endDay(date);
}

/**
 * The stage an item started at, where the records say: its `stage` when no
 * update has ever agreed one. Undefined once an update has (what it was
 * before is not written down; records.md lets the scale's last stage stand in).
 */
export function writtenStartingStage(item: Item): StageId | undefined {
  return item.updates.some((u) => u.stage !== undefined) ? undefined : item.stage;
}

/**
 * The item as it stood on `date`: updates dated after it do not exist; its
 * stage is the newest agreed one on or before it, else its starting stage;
 * its due date is the `previous_due` of the first move after it, else `due`.
 * Where the starting stage is not written down (the item has agreed updates,
 * all after the date), `stage` is the last of `stages` as records.md defines
 * it (absent without a scale), and `asOfGaps(item).notYetAssessed` says so.
 */
export function itemAsOf(item: Item, date: TrackDate, stages: readonly Stage[] = []): Item {
  const kept: Update[] = [];
  const later: Update[] = [];
  for (const update of item.updates) (madeBy(update.date, date) ? kept : later).push(update);
  if (later.length === 0) return item;

  const projected: Item = { ...item, updates: kept };
  const found: AsOfGaps = { notYetAssessed: false, dueUnknown: false };

  const agreed = newest(kept, (u) => u.stage !== undefined);
  if (agreed) projected.stage = agreed.stage!;
  else if (item.updates.some((u) => u.stage !== undefined)) {
    // Every agreed stage came later: what it was before is not written down.
    const last = stages.at(-1);
    if (last) projected.stage = last.id;
    else delete projected.stage;
    found.notYetAssessed = true;
  }
  // else: no agreed update at all, so the item's `stage` is its starting stage.

  const firstMove = oldest(later, (u) => u.newDue !== undefined);
  if (firstMove) {
    if (firstMove.previousDue !== undefined) projected.due = firstMove.previousDue;
    else {
      // A move written before `previous_due` existed: the newest earlier move still tells the date.
      const lastMove = newest(kept, (u) => u.newDue !== undefined);
      if (lastMove) projected.due = lastMove.newDue!;
      else {
        delete projected.due;
        found.dueUnknown = true;
      }
    }
  }
  gaps.set(projected, found);
  return projected;
}

/**
 * The workspace as it stood on `date`: every item as it stood then, and no
 * item of a source made after it (it did not exist yet). Diagnostics,
 * unreadable files, meetings and the config are today's: they are about the files.
 */
export function workspaceAsOf(workspace: Workspace, date: TrackDate): Workspace {
  const madeAfter = new Set(workspace.sources.filter((s) => s.date !== undefined && !onOrBefore(s.date, date)).map((s) => s.id));
  const items: Item[] = [];
  const stages = workspace.config.stages;
  for (const item of workspace.items) if (!madeAfter.has(item.source)) items.push(itemAsOf(item, date, stages));
  return { ...workspace, sources: workspace.sources.filter((s) => !madeAfter.has(s.id)), items };
}

function newest(updates: readonly Update[], test: (u: Update) => boolean): Update | undefined {
  let found: Update | undefined;
  for (const u of updates) if (test(u) && (!found || startDay(u.date) >= startDay(found.date))) found = u;
  return found;
}

function oldest(updates: readonly Update[], test: (u: Update) => boolean): Update | undefined {
  let found: Update | undefined;
  for (const u of updates) if (test(u) && (!found || startDay(u.date) < startDay(found.date))) found = u;
  return found;
}
