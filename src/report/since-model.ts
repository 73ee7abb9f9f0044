// "Since the last meeting" (derive/since.ts) as template data, with items as
// the report model's items, so a paper lists them by number and title.

import type { SinceLastMeeting } from '../derive/since.js';
import type { TrackDate } from '../records/dates.js';
import type { Stage } from '../records/model.js';
import { recordLine } from './record-text.js';
import { stageModel, stageOf, type ItemModel, type StageModel } from './model.js';

export interface SinceModel {
  /** The date of the previous meeting, or null when there is none (then everything up to the paper's date counts). */
  from: TrackDate | null;
  to: TrackDate;
  closed: ItemModel[];
  stage_changes: { item: ItemModel; date: TrackDate; from: StageModel | null; to: StageModel }[];
  due_moves: { item: ItemModel; date: TrackDate; from: TrackDate | null; to: TrackDate; reason: string }[];
  awaiting_confirmation: { item: ItemModel; date: TrackDate; proposed: StageModel }[];
  newly_overdue: ItemModel[];
  new_items: ItemModel[];
  /** Whether anything at all is listed. */
  any: boolean;
  /** Whether what is listed comes from more than one source: each entry then names its source, as numbers repeat. */
  across_sources: boolean;
}

export function sinceModel(since: SinceLastMeeting, items: ReadonlyMap<string, ItemModel>, stages: readonly Stage[]): SinceModel {
  // Items the paper does not cover (another source) are left out.
  const known = <T extends { item: { id: string } }>(list: T[]) => list.filter((e) => items.has(e.item.id));
  const models = (list: { id: string }[]) => list.flatMap((i) => (items.has(i.id) ? [items.get(i.id)!] : []));
  const model: SinceModel = {
    from: since.previous?.date ?? null,
    to: since.date,
    closed: models(since.closed),
    stage_changes: known(since.stageChanges).map((c) => ({ item: items.get(c.item.id)!, date: c.date, from: c.from ? stageModel(c.from) : null, to: stageOf(stages, c.to.id)! })),
    due_moves: known(since.dueMoves).map((m) => ({ item: items.get(m.item.id)!, date: m.date, from: m.from ?? null, to: m.to, reason: recordLine(m.reason) })),
    awaiting_confirmation: known(since.awaitingConfirmation).map((p) => ({ item: items.get(p.item.id)!, date: p.date, proposed: stageOf(stages, p.proposed)! })),
    newly_overdue: models(since.newlyOverdue),
    new_items: models(since.newItems),
    any: false,
    across_sources: false,
  };
  const listed = [...model.closed, ...model.stage_changes.map((c) => c.item), ...model.due_moves.map((m) => m.item), ...model.awaiting_confirmation.map((p) => p.item), ...model.newly_overdue, ...model.new_items];
  model.across_sources = new Set(listed.map((i) => i.source)).size > 1;
  model.any = model.closed.length + model.stage_changes.length + model.due_moves.length + model.awaiting_confirmation.length + model.newly_overdue.length + model.new_items.length > 0;
  return model;
}
