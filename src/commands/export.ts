// `track export`: every item, one row each, with the derived facts, as the
// same JSON objects `track list --json` gives.

import { itemJson } from '../derive/item-json.js';
import type { Item } from '../records/model.js';
import type { ExportRow } from '../interop/columns.js';
import { list } from './list.js';

export interface ExportOptions {
  root: string;
  today: string;
}

export interface ExportResult {
  rows: ExportRow[];
  /** Workspace-relative paths of record files that could not be read. */
  unreadable: string[];
}

/** The newest update's note: the last in the file, as facts.ts takes the last update. */
function lastNote(item: Item): string | null {
  return item.updates.at(-1)?.note.trim() ?? null;
}

export async function exportItems(options: ExportOptions): Promise<ExportResult> {
  const result = await list({ root: options.root, today: options.today, filters: {} });
  return {
    rows: result.rows.map((r) => ({ json: itemJson(r.item, r.facts, result.registers), lastUpdateNote: lastNote(r.item) })),
    unreadable: result.unreadable,
  };
}
