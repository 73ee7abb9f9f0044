// Tables that fit the terminal: plain columns (no box lines, so piped output
// stays greppable), the widest flexible column truncated with an ellipsis.

import Table from 'cli-table3';
import { stripVTControlCharacters } from 'node:util';

export interface Column {
  header: string;
  /** May shrink (with an ellipsis) so the table fits; other columns keep their width. */
  flex?: boolean;
  align?: 'left' | 'right';
  /** Never wider than this, so the title column gets the room. */
  max?: number;
}

const GAP = 2;
const MIN_FLEX = 12;
const NO_LINES = {
  top: '', 'top-mid': '', 'top-left': '', 'top-right': '',
  bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '',
  left: '', 'left-mid': '', mid: '', 'mid-mid': '', right: '', 'right-mid': '',
  middle: ' '.repeat(GAP),
};

const visible = (s: string) => stripVTControlCharacters(s).length;

/** Render rows (cells may hold colour) to at most `width` columns, header first. */
export function renderTable(columns: Column[], rows: string[][], options: { width: number; header?: (s: string) => string }): string {
  const natural = columns.map((c, i) => Math.min(c.max ?? Infinity, rows.reduce((w, r) => Math.max(w, visible(r[i] ?? '')), visible(c.header))));
  const widths = fitWidths(columns, natural, options.width);
  const table = new Table({
    head: columns.map((c) => (options.header ? options.header(c.header) : c.header)),
    chars: NO_LINES,
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0, compact: true },
    colWidths: widths,
    colAligns: columns.map((c) => c.align ?? 'left'),
    wordWrap: false,
  });
  // Line breaks inside a cell would break the row; a table shows one line each.
  for (const row of rows) table.push(row.map((cell) => cell.replace(/\s*\n\s*/g, ' ')));
  return `${table.toString().split('\n').map((l) => l.trimEnd()).join('\n')}\n`;
}

/** Share the room left by the fixed columns fairly: no flexible column gets more than it needs, or less than its share. */
function fitWidths(columns: Column[], natural: number[], width: number): number[] {
  const widths = [...natural];
  const flex = columns.map((c, i) => (c.flex ? i : -1)).filter((i) => i >= 0).sort((a, b) => natural[a]! - natural[b]!);
  const fixed = widths.reduce((sum, w, i) => (columns[i]!.flex ? sum : sum + w), 0) + GAP * (widths.length - 1);
  let room = width - fixed;
  flex.forEach((i, k) => {
    const share = Math.max(MIN_FLEX, Math.floor(room / (flex.length - k)));
    widths[i] = Math.min(natural[i]!, share);
    room -= widths[i]!;
  });
  return widths;
}
