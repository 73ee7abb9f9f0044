// The flat columns of `track export --format csv|xlsx`, derived from the one
// JSON shape of an item (item-json.ts), so the three formats never disagree.

import { newestUpdate, type ItemFacts } from '../derive/facts.js';
import { itemJson, type ItemJson } from '../derive/item-json.js';
import type { Item } from '../records/model.js';
import type { Registers } from '../records/registers.js';

export type Cell = string | number | boolean | null;

/** An item as JSON plus what a flat row adds: the newest update's note. */
export interface ExportRow {
  json: ItemJson;
  lastUpdateNote: string | null;
}

const STAGE_KEYS = ['id', 'label', 'closed'] as const;

// Every key of ItemJson: a key added there fails the type-check here until it has a column. Keys added
// after the first release go at the end, so that no column a spreadsheet or script reads by place moves.
const JSON_KEYS = Object.keys({
  id: 1, source: 1, number: 1, title: 1, kind: 1, theme: 1, stage: 1, owners: 1, owner_names: 1, response: 1, due: 1, report_back: 1,
  tags: 1, related: 1, open: 1, closed: 1, overdue: 1, days_overdue: 1, stale: 1, days_since_update: 1, unassigned: 1,
  response_overdue: 1, awaiting_confirmation: 1, proposed_stage: 1, due_for_next_meeting: 1, last_update: 1, updates_count: 1, path: 1,
  ref: 1, approach: 1,
} satisfies Record<keyof ItemJson, 1>) as (keyof ItemJson)[];

/** Column names in that order; the stage becomes three columns, the newest note follows last_update. */
export const EXPORT_COLUMNS: readonly string[] = JSON_KEYS.flatMap((key) => {
  if (key === 'stage') return STAGE_KEYS.map((k) => `stage_${k}`);
  if (key === 'last_update') return ['last_update', 'last_update_note'];
  return [key];
});

function flat(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.join('; ');
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return JSON.stringify(value);
}

/** The row of an item: its JSON and its newest update's note (newest as facts.ts takes it). */
export function exportRow(item: Item, facts: ItemFacts, registers: Registers): ExportRow {
  return { json: itemJson(item, facts, registers), lastUpdateNote: item.updates[newestUpdate(item.updates)]?.note.trim() ?? null };
}

/** One row of cells, in the order of exportColumns. */
export function exportCells(row: ExportRow): Cell[] {
  const { json } = row;
  return JSON_KEYS.flatMap((key): Cell[] => {
    if (key === 'stage') return STAGE_KEYS.map((k) => (json.stage === null ? null : json.stage[k]));
    if (key === 'last_update') return [json.last_update, row.lastUpdateNote];
    return [flat(json[key])];
  });
}

/** Header and rows; an empty export still has its header. */
export function exportTable(rows: readonly ExportRow[]): Cell[][] {
  return [[...EXPORT_COLUMNS], ...rows.map(exportCells)];
}
