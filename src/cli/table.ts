// Tables that fit the terminal: plain columns (no box lines, so piped output
// stays greppable), flexible columns truncated with an ellipsis. Written by
// hand: cli-table3 took 20 s to lay out 10,000 rows.

import { plainText, shownText } from './safe-text.js';

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

const visible = (s: string) => plainText(s).length;

/** Render rows (cells may hold colour) to at most `width` columns, header first. */
export function renderTable(columns: Column[], rows: string[][], options: { width: number; header?: (s: string) => string }): string {
  // Line breaks inside a cell would break the row; a table shows one line each.
  // Measured as shown: a control character from a record takes the room of its escape.
  const cells = rows.map((row) => columns.map((_, i) => shownText((row[i] ?? '').replace(/\s*\n\s*/g, ' '))));
  const natural = columns.map((c, i) => Math.min(c.max ?? Infinity, cells.reduce((w, r) => Math.max(w, visible(r[i]!)), visible(c.header))));
  const widths = fitWidths(columns, natural, options.width);
  const line = (row: string[], paint?: (s: string) => string) =>
    columns
      .map((c, i) => {
        const text = fit(row[i]!, widths[i]!);
        const pad = ' '.repeat(Math.max(0, widths[i]! - visible(text)));
        const shown = paint && text ? paint(text) : text;
        return c.align === 'right' ? pad + shown : shown + pad;
      })
      .join(' '.repeat(GAP))
      .trimEnd();
  return `${[line(columns.map((c) => c.header), options.header), ...cells.map((r) => line(r))].join('\n')}\n`;
}

/** Cut a cell to `width` with an ellipsis; a coloured cell is cut on its plain text. */
function fit(text: string, width: number): string {
  if (visible(text) <= width) return text;
  const plain = plainText(text);
  return width <= 1 ? '…'.slice(0, width) : `${plain.slice(0, width - 1).trimEnd()}…`;
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
