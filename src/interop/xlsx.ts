// XLSX with exceljs, loaded only by export and import. Dates stay text
// (YYYY-MM-DD), never Excel dates, so no time zone can shift them.

import type { Cell as ExcelCell, CellValue, Workbook } from 'exceljs';
import type { Cell } from './columns.js';
import { neutralised } from './csv-text.js';
import { sheetOf, type Sheet } from './sheet.js';

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
  return Buffer.from(await workbook.xlsx.writeBuffer());
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
  return ''; // An error cell such as #N/A.
}

/** The first worksheet; throws when the bytes are not a workbook. */
export async function readXlsx(bytes: Uint8Array): Promise<Sheet | undefined> {
  const workbook = await newWorkbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) return undefined;
  const rows: { row: number; cells: string[] }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell: ExcelCell, col: number) => {
      cells[col - 1] = cellText(cell.value).trim();
    });
    rows.push({ row: row.number, cells: Array.from(cells, (c) => c ?? '') });
  });
  return sheetOf(rows);
}
