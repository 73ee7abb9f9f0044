// A spreadsheet as import reads it: the header row and the rows under it,
// every cell as text, with row numbers as the spreadsheet shows them.

export interface SheetRow {
  /** 1-based, as the spreadsheet shows it (the header is usually row 1). */
  row: number;
  cells: string[];
}

export interface Sheet {
  headers: string[];
  rows: SheetRow[];
}

/** The first row with any text is the header; blank rows under it are dropped. */
export function sheetOf(rows: readonly SheetRow[]): Sheet | undefined {
  const filled = rows.filter((r) => r.cells.some((c) => c.trim() !== ''));
  const [header, ...body] = filled;
  if (!header) return undefined;
  return { headers: header.cells.map((c) => c.trim()), rows: body };
}
