// A spreadsheet as import and collect read it: every row with its number as
// the spreadsheet shows it, every cell as text, and the heading row found
// below any title rows.

export interface SheetRow {
  /** 1-based, as the spreadsheet shows it. */
  row: number;
  cells: string[];
  /** Cells holding a spreadsheet error (#N/A, #REF!): 1-based column and the error as shown. */
  errors?: { column: number; text: string }[];
}

export interface Sheet {
  headers: string[];
  /** The row number of the heading row. */
  headerRow: number;
  /** The rows under the heading, blank ones dropped. */
  rows: SheetRow[];
}

const filled = (r: SheetRow) => r.cells.some((c) => c.trim() !== '') || (r.errors?.length ?? 0) > 0;

/**
 * The heading row is the first row `isHeading` accepts (title rows above it
 * are passed over); with none accepted, the first row with any text.
 */
export function sheetOf(rows: readonly SheetRow[], isHeading: (cells: readonly string[]) => boolean = () => true): Sheet | undefined {
  const withText = rows.filter(filled);
  const at = Math.max(0, withText.findIndex((r) => isHeading(r.cells.map((c) => c.trim()))));
  const header = withText[at];
  if (!header) return undefined;
  return { headers: header.cells.map((c) => c.trim()), headerRow: header.row, rows: withText.slice(at + 1) };
}

const NEUTRALISED = /^'[=+\-@\t\r]/;

/** A cell as its writer meant it: export's "'=1+1" (kept from running as a formula) reads back as "=1+1". */
export function cellValue(text: string): string {
  return NEUTRALISED.test(text) ? text.slice(1) : text;
}
