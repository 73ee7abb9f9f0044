// Opening a spreadsheet an officer names (CSV or XLSX), for import and
// collect alike: one reader, one set of messages for what it cannot read.

import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { UnusableInput } from '../errors.js';
import type { SheetRow } from './sheet.js';

export interface SpreadsheetContent {
  rows: SheetRow[];
  /** A track request workbook's hidden settings (owner, meeting); empty for CSV and other workbooks. */
  settings: Map<string, string>;
  kind: 'csv' | 'xlsx';
}

/** Every row of the file; a file that cannot be read as CSV or XLSX stops with one sentence (UnusableInput). */
export async function readSpreadsheet(file: string, path: string): Promise<SpreadsheetContent> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new UnusableInput(`Cannot read ${file} (${code}): check the path, and that it is a file you may read.`);
  }
  const ext = extname(path).toLowerCase();
  const zipped = bytes[0] === 0x50 && bytes[1] === 0x4b; // "PK": an XLSX is a zip archive.
  if (ext === '.xls' || (bytes[0] === 0xd0 && bytes[1] === 0xcf)) {
    throw new UnusableInput(`${file} is an old Excel workbook (.xls): open it in Excel and save it as .xlsx or CSV, then use that.`);
  }
  if (ext === '.xlsx' || ext === '.xlsm' || zipped) {
    let content: Awaited<ReturnType<typeof import('./xlsx.js').readXlsx>>;
    try {
      content = await (await import('./xlsx.js')).readXlsx(bytes);
    } catch {
      throw new UnusableInput(`${file} is not a readable XLSX workbook: open it in Excel and save it again as .xlsx, or save it as CSV.`);
    }
    return { rows: content?.rows ?? [], settings: content?.settings ?? new Map(), kind: 'xlsx' };
  }
  if (ext !== '.csv' && ext !== '.tsv' && ext !== '.txt') {
    throw new UnusableInput(`${file} is neither CSV nor XLSX: save it from the spreadsheet as .csv or .xlsx and use that.`);
  }
  try {
    return { rows: (await import('./csv.js')).readCsv(bytes), settings: new Map(), kind: 'csv' };
  } catch (error) {
    throw new UnusableInput(`${file} cannot be read as CSV: ${(error instanceof Error ? error.message : String(error)).replace(/, value is [\s\S]*$/, '')}. Save it from the spreadsheet as CSV again.`);
  }
}
