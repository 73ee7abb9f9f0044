// `track list`: items filtered and sorted, with their facts.

import { workspaceAsOf } from '../derive/as-of.js';
import { factContext } from '../derive/facts.js';
import { parseSort, queryItems, sortRows, type ItemFilters, type ItemRow } from '../derive/query.js';
import { buildRegisters, type Registers } from '../records/registers.js';
import type { Config } from '../records/model.js';
import { loadWorkspace } from '../records/store/index.js';

export interface ListOptions {
  root: string;
  today: string;
  filters: ItemFilters;
  /** A field of SORT_FIELDS, "-" in front for the reverse order. */
  sort?: string;
  /** The records as they stood on this date (records.md v2); facts judged at it. */
  asOf?: string;
}

export interface ListResult {
  rows: ItemRow[];
  registers: Registers;
  config: Config;
  /** Workspace-relative paths of record files that could not be read. */
  unreadable: string[];
}

export async function list(options: ListOptions): Promise<ListResult> {
  // Check the sort before reading anything, so a typo fails fast.
  const sort = options.sort !== undefined ? parseSort(options.sort) : undefined;
  const current = await loadWorkspace(options.root);
  const workspace = options.asOf !== undefined ? workspaceAsOf(current, options.asOf) : current;
  const ctx = factContext(workspace, options.asOf ?? options.today);
  const registers = buildRegisters(workspace.config);
  const rows = queryItems(workspace, ctx, registers, options.filters);
  return {
    rows: sort ? sortRows(rows, sort, ctx, registers) : rows,
    registers,
    config: workspace.config,
    unreadable: workspace.unreadable,
  };
}
