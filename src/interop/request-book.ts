// The workbook `track request` sends an owner: the columns of the contract
// (cli.md, "The update round"), track's part shaded and locked, the owner's
// part white with a drop-down of stage labels, and who it is for kept on a
// hidden sheet so `track collect` knows whose answers these are.

import type { Workbook, Worksheet } from 'exceljs';
import { neutralised } from './csv-text.js';
import { SETTINGS_SHEET, WORKBOOK_DATE } from './xlsx.js';
import { withFixedTimes } from './zip-time.js';

/** Filled in by track. */
export const TRACK_COLUMNS = ['Id', 'No.', 'Recommendation', 'Stage', 'Due', 'Last update'] as const;
/** For the owner. */
export const OWNER_COLUMNS = ['Progress', 'Proposed stage', 'New target date', 'Reason for new date'] as const;
export const REQUEST_COLUMNS = [...TRACK_COLUMNS, ...OWNER_COLUMNS] as const;

export interface RequestRow {
  id: string;
  number: string;
  title: string;
  /** The stage's label, as the drop-down offers it. */
  stage: string;
  due: string;
  lastUpdate: string;
}

export interface RequestBook {
  /** "Progress update for the Scrutiny Board, 15 April 2008" */
  title: string;
  /** "For Leeds Primary Care Trust: please fill in the white columns and return this workbook by 1 April 2008." */
  subtitle: string;
  stageLabels: readonly string[];
  rows: readonly RequestRow[];
  /** Kept on the hidden sheet: owner, meeting, reply_by, made. */
  settings: readonly (readonly [string, string])[];
}

const WIDTHS = [26, 6, 60, 32, 16, 16, 60, 32, 16, 40];
const SHADE = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } } as const;
const HEADING_SHADE = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } } as const;
/** The row the headings are on: a title and a line of instructions above, then a blank row. */
export const HEADING_ROW = 4;

function settingsSheet(workbook: Workbook, book: RequestBook): string {
  const sheet = workbook.addWorksheet(SETTINGS_SHEET, { state: 'hidden' });
  book.settings.forEach(([key, value], i) => {
    sheet.getCell(i + 1, 1).value = key;
    sheet.getCell(i + 1, 2).value = value;
  });
  book.stageLabels.forEach((label, i) => {
    sheet.getCell(i + 1, 4).value = label;
  });
  return `${SETTINGS_SHEET}!$D$1:$D$${Math.max(1, book.stageLabels.length)}`;
}

function fillRows(sheet: Worksheet, book: RequestBook, stageList: string): void {
  book.rows.forEach((r, i) => {
    const row = sheet.getRow(HEADING_ROW + 1 + i);
    row.values = [r.id, r.number, r.title, r.stage, r.due, r.lastUpdate].map(neutralised);
    for (let col = 1; col <= REQUEST_COLUMNS.length; col++) {
      const cell = row.getCell(col);
      cell.alignment = { vertical: 'top', wrapText: col === 3 || col === 7 || col === 10 };
      if (col <= TRACK_COLUMNS.length) cell.fill = SHADE;
      else cell.protection = { locked: false };
    }
    row.getCell(TRACK_COLUMNS.length + 2).dataValidation = {
      type: 'list',
      allowBlank: true,
      formulae: [stageList],
      // A warning, not a stop: an owner may type the stage's id instead.
      showErrorMessage: true,
      errorStyle: 'warning',
      errorTitle: 'Proposed stage',
      error: 'Choose a stage from the list (or type its number).',
    };
  });
}

/** The workbook's bytes: the same book gives the same bytes. */
export async function requestWorkbook(book: RequestBook): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'track';
  workbook.lastModifiedBy = 'track';
  workbook.created = WORKBOOK_DATE;
  workbook.modified = WORKBOOK_DATE;
  const sheet = workbook.addWorksheet('Updates', {
    views: [{ state: 'frozen', ySplit: HEADING_ROW }],
    // Printed, it is one page wide on A4 landscape, headings repeated on each page.
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${HEADING_ROW}:${HEADING_ROW}` },
  });
  const stageList = settingsSheet(workbook, book);
  sheet.getCell(1, 1).value = neutralised(book.title);
  sheet.getCell(1, 1).font = { bold: true, size: 14 };
  sheet.getCell(2, 1).value = neutralised(book.subtitle);
  const heading = sheet.getRow(HEADING_ROW);
  heading.values = [...REQUEST_COLUMNS];
  heading.font = { bold: true };
  for (let col = 1; col <= REQUEST_COLUMNS.length; col++) {
    heading.getCell(col).fill = col <= TRACK_COLUMNS.length ? SHADE : HEADING_SHADE;
    heading.getCell(col).alignment = { vertical: 'top', wrapText: true };
  }
  WIDTHS.forEach((width, i) => {
    sheet.getColumn(i + 1).width = width;
  });
  fillRows(sheet, book, stageList);
  // Locked without a password: it keeps track's columns from being typed over by mistake, not from a determined owner.
  await sheet.protect('', { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true });
  return withFixedTimes(Buffer.from(await workbook.xlsx.writeBuffer()));
}
