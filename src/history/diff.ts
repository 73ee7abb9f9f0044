// What changed in meaning between two versions of an item: stage, target
// date, updates, owners, fields. Never a text diff.

import type { Item, Stage, StageId, Update } from '../records/model.js';
import { findStage } from '../records/stages.js';
import type { ItemVersion } from './versions.js';

export interface StageRef {
  id: StageId;
  /** Undefined-free for JSON: null when the stage is not on the current scale. */
  label: string | null;
  closed: boolean;
}

export interface UpdateRef {
  date: string;
  note: string;
  stage?: StageId;
  proposed_stage?: StageId;
  new_due?: string;
  reason?: string;
  by?: string;
}

export type ItemChange =
  | { kind: 'created'; title: string; stage: StageRef | null; due: string | null }
  | { kind: 'deleted'; title: string | null }
  | { kind: 'renamed'; from: string; to: string }
  | { kind: 'stage'; from: StageRef | null; to: StageRef | null }
  | { kind: 'due'; from: string | null; to: string | null; reason: string | null }
  | { kind: 'update-added'; update: UpdateRef }
  | { kind: 'update-removed'; update: UpdateRef }
  | { kind: 'update-edited'; update: UpdateRef }
  | { kind: 'owners'; added: string[]; removed: string[] }
  | { kind: 'field'; field: string; from: unknown; to: unknown }
  | { kind: 'text' }
  | { kind: 'unreadable'; problem: string };

export function stageRef(stages: readonly Stage[], id: StageId | undefined): StageRef | null {
  if (id === undefined) return null;
  const stage = findStage(stages, id);
  return { id: stage?.id ?? id, label: stage?.label ?? null, closed: stage?.closed ?? false };
}

export function updateRef(u: Update): UpdateRef {
  return {
    date: u.date,
    note: u.note,
    ...(u.stage !== undefined ? { stage: u.stage } : {}),
    ...(u.proposedStage !== undefined ? { proposed_stage: u.proposedStage } : {}),
    ...(u.newDue !== undefined ? { new_due: u.newDue } : {}),
    ...(u.reason !== undefined ? { reason: u.reason } : {}),
    ...(u.by !== undefined ? { by: u.by } : {}),
  };
}

/** The reason given for the item's current due date: the newest update that set it. */
export function dueReason(item: Item): string | null {
  const update = [...item.updates].reverse().find((u) => u.newDue !== undefined && u.newDue === item.due && u.reason?.trim());
  return update?.reason?.trim() ?? null;
}

const SIMPLE_FIELDS = [
  ['title', (i: Item) => i.title],
  ['response', (i: Item) => i.response],
  ['report_back', (i: Item) => i.reportBack],
  ['theme', (i: Item) => i.theme],
  ['number', (i: Item) => i.number],
  ['kind', (i: Item) => i.kind],
  ['tags', (i: Item) => i.tags],
  ['related', (i: Item) => i.related],
] as const;

/** The changes from `before` to `after`; either may be absent (created, deleted). */
export function diffVersions(before: ItemVersion | undefined, after: ItemVersion | undefined, stages: readonly Stage[]): ItemChange[] {
  if (after && 'problem' in after) return [{ kind: 'unreadable', problem: after.problem }];
  const old = before && 'item' in before ? before.item : undefined;
  const now = after?.item;
  if (!now) return before ? [{ kind: 'deleted', title: old?.title ?? null }] : [];
  if (!before) return [{ kind: 'created', title: now.title, stage: stageRef(stages, now.stage), due: now.due ?? null }];
  // An old version that could not be read: describe the new one as if created.
  if (!old) return [{ kind: 'created', title: now.title, stage: stageRef(stages, now.stage), due: now.due ?? null }];
  return diffItems(old, now, stages);
}

export function diffItems(old: Item, now: Item, stages: readonly Stage[]): ItemChange[] {
  const changes: ItemChange[] = [];
  if (String(old.stage) !== String(now.stage)) changes.push({ kind: 'stage', from: stageRef(stages, old.stage), to: stageRef(stages, now.stage) });
  if (old.due !== now.due) changes.push({ kind: 'due', from: old.due ?? null, to: now.due ?? null, reason: now.due ? dueReason(now) : null });
  changes.push(...diffUpdates(old.updates, now.updates));
  const added = now.owners.filter((o) => !old.owners.includes(o));
  const removed = old.owners.filter((o) => !now.owners.includes(o));
  if (added.length + removed.length > 0) changes.push({ kind: 'owners', added, removed });
  for (const [field, get] of SIMPLE_FIELDS) {
    const from = get(old);
    const to = get(now);
    if (JSON.stringify(from) !== JSON.stringify(to)) changes.push({ kind: 'field', field, from: from ?? null, to: to ?? null });
  }
  if (old.body.trim() !== now.body.trim()) changes.push({ kind: 'text' });
  return changes;
}

const updateKey = (u: Update): string =>
  [u.date, u.stage, u.proposedStage, u.by, u.newDue, u.reason, u.note, u.evidence.join('\n')].map((v) => (v === undefined ? '\u0001' : String(v))).join('\u0000');

/** Updates added, removed or edited; one removed and one added on the same date is an edit. */
function diffUpdates(oldUpdates: Update[], nowUpdates: Update[]): ItemChange[] {
  // The common case is updates appended at the end: skip the shared start cheaply.
  let same = 0;
  while (same < oldUpdates.length && same < nowUpdates.length && updateKey(oldUpdates[same]!) === updateKey(nowUpdates[same]!)) same++;
  const old = oldUpdates.slice(same);
  const now = nowUpdates.slice(same);
  const key = updateKey;
  const remaining = new Map<string, number>();
  for (const u of old) remaining.set(key(u), (remaining.get(key(u)) ?? 0) + 1);
  const added: Update[] = [];
  for (const u of now) {
    const left = remaining.get(key(u)) ?? 0;
    if (left > 0) remaining.set(key(u), left - 1);
    else added.push(u);
  }
  const removed = old.filter((u) => {
    const left = remaining.get(key(u)) ?? 0;
    if (left === 0) return false;
    remaining.set(key(u), left - 1);
    return true;
  });
  const changes: ItemChange[] = [];
  for (const u of added) {
    const edited = removed.findIndex((r) => r.date === u.date);
    if (edited !== -1) {
      removed.splice(edited, 1);
      changes.push({ kind: 'update-edited', update: updateRef(u) });
    } else {
      changes.push({ kind: 'update-added', update: updateRef(u) });
    }
  }
  for (const u of removed) changes.push({ kind: 'update-removed', update: updateRef(u) });
  return changes;
}
