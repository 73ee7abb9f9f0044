// The one JSON shape of an item, with its derived facts: `list --json`,
// `show --json` and `export --format json` all build it here, so they agree.
// Keys are snake_case as in the records; an absent value is null, never missing.

import type { TrackDate } from '../records/dates.js';
import type { Item, StageId, Update } from '../records/model.js';
import type { Registers } from '../records/registers.js';
import type { ItemFacts } from './facts.js';

export const JSON_SCHEMA_VERSION = 1;

export interface ItemJson {
  id: string;
  source: string;
  number: number | string | null;
  /** The source's own reference for the item ("SR (23/24) 01"). */
  ref: string | null;
  title: string;
  kind: string;
  theme: string | null;
  /** How the item is to be taken forward, in the source's own words. */
  approach: string | null;
  /** null when the item gives no stage; label null when the stage is not on the scale. */
  stage: { id: StageId; label: string | null; closed: boolean } | null;
  owners: readonly string[];
  /** The owners by their register names, in the same order. */
  owner_names: string[];
  response: string | null;
  due: TrackDate | null;
  report_back: TrackDate | null;
  tags: readonly string[];
  related: readonly string[];
  open: boolean;
  closed: boolean;
  overdue: boolean;
  days_overdue: number | null;
  stale: boolean;
  days_since_update: number | null;
  unassigned: boolean;
  response_overdue: boolean;
  awaiting_confirmation: boolean;
  proposed_stage: StageId | null;
  due_for_next_meeting: boolean;
  last_update: TrackDate | null;
  updates_count: number;
  path: string;
}

export interface UpdateJson {
  date: TrackDate;
  stage: StageId | null;
  proposed_stage: StageId | null;
  by: string | null;
  note: string;
  new_due: TrackDate | null;
  /** The target date the move replaced. */
  previous_due: TrackDate | null;
  reason: string | null;
  evidence: readonly string[];
}

/** One item as JSON: every field a listing needs, with the facts. */
export function itemJson(item: Item, facts: ItemFacts, registers: Registers): ItemJson {
  return {
    id: item.id,
    source: item.source,
    number: item.number ?? null,
    ref: item.ref ?? null,
    title: item.title,
    kind: item.kind,
    theme: item.theme ?? null,
    approach: item.approach ?? null,
    stage: item.stage === undefined ? null : { id: facts.stage?.id ?? item.stage, label: facts.stage?.label ?? null, closed: facts.stage?.closed ?? false },
    owners: item.owners,
    owner_names: item.owners.map((o) => registers.displayName(o)),
    response: item.response ?? null,
    due: item.due ?? null,
    report_back: item.reportBack ?? null,
    tags: item.tags,
    related: item.related,
    open: facts.open,
    closed: !facts.open,
    overdue: facts.overdue,
    days_overdue: facts.daysOverdue ?? null,
    stale: facts.stale,
    days_since_update: facts.daysSinceUpdate ?? null,
    unassigned: facts.unassigned,
    response_overdue: facts.responseOverdue,
    awaiting_confirmation: facts.awaitingConfirmation,
    proposed_stage: facts.proposedStage ?? null,
    due_for_next_meeting: facts.dueForNextMeeting,
    last_update: facts.lastUpdate ?? null,
    updates_count: item.updates.length,
    path: item.path,
  };
}

export function updateJson(update: Update): UpdateJson {
  return {
    date: update.date,
    stage: update.stage ?? null,
    proposed_stage: update.proposedStage ?? null,
    by: update.by ?? null,
    note: update.note,
    new_due: update.newDue ?? null,
    previous_due: update.previousDue ?? null,
    reason: update.reason ?? null,
    evidence: update.evidence,
  };
}
