// The status dashboard (src/derive/summary.ts) as template data: the same
// numbers `track status` prints, with items as the report model's items.

import type { Summary, SummaryEntry } from '../derive/summary.js';
import type { ItemModel } from './model.js';

export interface SummaryModel {
  today: string;
  total: number;
  open: number;
  closed: number;
  by_stage: { id: string | number; label: string; closed: boolean; count: number }[];
  overdue: ItemModel[];
  stale: ItemModel[];
  unassigned: ItemModel[];
  response_overdue: ItemModel[];
  awaiting_confirmation: ItemModel[];
  due_next_meeting: ItemModel[];
  /** Null when the caller did not count them. */
  problems: { errors: number; warnings: number } | null;
  unreadable: string[];
}

export function summaryModel(summary: Summary, items: ReadonlyMap<string, ItemModel>): SummaryModel {
  const list = (entries: SummaryEntry[]) => entries.map((e) => items.get(e.item.id)!);
  return {
    today: summary.today,
    total: summary.total,
    open: summary.open,
    closed: summary.closed,
    by_stage: summary.byStage.map((s) => ({ id: s.id, label: s.label, closed: s.closed, count: s.count })),
    overdue: list(summary.overdue),
    stale: list(summary.stale),
    unassigned: list(summary.unassigned),
    response_overdue: list(summary.responseOverdue),
    awaiting_confirmation: list(summary.awaitingConfirmation),
    due_next_meeting: list(summary.dueNextMeeting),
    problems: summary.problems ?? null,
    unreadable: summary.unreadable,
  };
}
