// `track export`: every item, one row each, with the derived facts, as the
// same JSON objects `track list --json` gives.

import { exportRow, type ExportRow } from '../interop/columns.js';
import { list } from './list.js';

export interface ExportOptions {
  root: string;
  today: string;
  /** The records as they stood on this date. */
  asOf?: string;
}

export interface ExportResult {
  rows: ExportRow[];
  /** Workspace-relative paths of record files that could not be read. */
  unreadable: string[];
}

export async function exportItems(options: ExportOptions): Promise<ExportResult> {
  const result = await list({ root: options.root, today: options.today, filters: {}, ...(options.asOf !== undefined ? { asOf: options.asOf } : {}) });
  return {
    rows: result.rows.map((r) => exportRow(r.item, r.facts, result.registers)),
    unreadable: result.unreadable,
  };
}
