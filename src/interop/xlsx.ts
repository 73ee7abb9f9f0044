// XLSX with exceljs, loaded only by export and import. Dates stay text
// (YYYY-MM-DD), never Excel dates, so no time zone can shift them.

import type { Cell as ExcelCell, CellValue, Workbook } from 'exceljs';
import type { Cell } from './columns.js';
import { neutralised } from './csv-text.js';
import { cellValue, type SheetRow } from './sheet.js';
import { withFixedTimes } from './zip-time.js';

/** The workbook's created and modified dates: fixed, so the same records give the same workbook. */
export const WORKBOOK_DATE = new Date(Date.UTC(2000, 0, 1));

async function newWorkbook(): Promise<Workbook> {
  const { default: ExcelJS } = await import('exceljs');
  return new ExcelJS.Workbook();
}

/** Excel holds at most this many characters in a cell; a longer one corrupts the workbook or is cut silently. */
export const EXCEL_CELL_MAX = 32_767;

/** A cell's text cut to Excel's limit, with a visible note of how much is missing (the record keeps it all). */
export function withinExcelLimit(text: string): string {
  if (text.length <= EXCEL_CELL_MAX) return text;
  const marker = (n: number) => ` […cut: ${n.toLocaleString('en-GB')} more characters in the record]`;
  let keep = EXCEL_CELL_MAX - marker(text.length).length;
  // Never split a surrogate pair.
  if (/[\ud800-\udbff]/.test(text[keep - 1] ?? '')) keep--;
  return `${text.slice(0, keep)}${marker(text.length - keep)}`;
}

/** A one-sheet workbook of `table` (header first); string cells neutralised as in CSV. */
export async function xlsxBytes(table: readonly (readonly Cell[])[], sheetName = 'Items'): Promise<Buffer> {
  const workbook = await newWorkbook();
  workbook.creator = 'track';
  workbook.lastModifiedBy = 'track';
  workbook.created = WORKBOOK_DATE;
  workbook.modified = WORKBOOK_DATE;
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  for (const row of table) sheet.addRow(row.map((c) => (typeof c === 'string' ? withinExcelLimit(neutralised(c)) : c)));
  sheet.getRow(1).font = { bold: true };
  const header = table[0] ?? [];
  sheet.columns.forEach((column, i) => {
    column.width = Math.min(60, Math.max(10, String(header[i] ?? '').length + 2));
  });
  return withFixedTimes(Buffer.from(await workbook.xlsx.writeBuffer()));
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A cell as the text an officer sees; Excel dates as YYYY-MM-DD (exceljs reads them as UTC). */
export function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
  if (typeof value !== 'object') return String(value);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('formula' in value || 'sharedFormula' in value) return cellText((value as { result?: CellValue }).result ?? null);
  if ('text' in value) return String(value.text);
  return '';
}

/** The error a cell shows (#N/A, #REF!), directly or as a formula's result; undefined for any other cell. */
function cellError(value: CellValue): string | undefined {
  if (value === null || typeof value !== 'object' || value instanceof Date) return undefined;
  if ('error' in value) return String(value.error);
  if ('formula' in value || 'sharedFormula' in value) return cellError((value as { result?: CellValue }).result ?? null);
  return undefined;
}

/** The name of the hidden sheet in which track's request workbooks keep who they were made for. */
export const SETTINGS_SHEET = 'track';

export interface XlsxContent {
  /** Every row of the first visible worksheet, cells as text. */
  rows: SheetRow[];
  /** Key and value pairs of the hidden settings sheet, when the workbook has one. */
  settings: Map<string, string>;
}

/** The one XLSX reader of import and collect. Throws when the bytes are not a workbook. */
export async function readXlsx(bytes: Uint8Array): Promise<XlsxContent | undefined> {
  const workbook = await newWorkbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = workbook.worksheets.find((w) => w.state !== 'hidden' && w.state !== 'veryHidden') ?? workbook.worksheets[0];
  if (!sheet) return undefined;
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    const errors: { column: number; text: string }[] = [];
    row.eachCell({ includeEmpty: true }, (cell: ExcelCell, col: number) => {
      const error = cellError(cell.value);
      if (error !== undefined) errors.push({ column: col, text: error });
      cells[col - 1] = cellValue(cellText(cell.value).trim());
    });
    rows.push({ row: row.number, cells: Array.from(cells, (c) => c ?? ''), ...(errors.length > 0 ? { errors } : {}) });
  });
  const settings = new Map<string, string>();
  const hidden = workbook.getWorksheet(SETTINGS_SHEET);
  if (hidden && hidden !== sheet) {
    hidden.eachRow((row) => {
      const key = cellText(row.getCell(1).value).trim();
      if (key !== '') settings.set(key, cellText(row.getCell(2).value).trim());
    });
  }
  return { rows, settings };
}
