// Reading a CSV file saved by a spreadsheet: UTF-8 (with or without a BOM),
// UTF-16 with its BOM ("Unicode text"), else Windows-1252 as Excel on Windows
// saves it; comma, semicolon or tab.

import { parse } from 'csv-parse/sync';
import { cellValue, type SheetRow } from './sheet.js';

// Windows-1252's bytes 0x80-0x9F (dashes, curly quotes, the euro sign): Node 20's decoder reads them as
// Latin-1's control characters, so they are put right here; the five bytes the code page leaves unused stay.
const CP1252 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

function decode(bytes: Uint8Array): string {
  // "Unicode text" as Excel saves it: UTF-16 with its byte-order mark.
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes).replace(/[\u0080-\u009f]/g, (c) => CP1252[c.charCodeAt(0) - 0x80]!);
  }
}

/** The separator the header line uses most, outside quotes. */
function delimiterOf(text: string): string {
  const firstLine = text.split(/\r?\n/, 1)[0]!.replace(/"[^"]*"/g, '');
  const counts = [',', ';', '\t'].map((d) => [d, firstLine.split(d).length - 1] as const);
  return counts.reduce((best, c) => (c[1] > best[1] ? c : best))[0];
}

/** Throws csv-parse's error on text it cannot read (an unclosed quote, say). */
export function readCsv(bytes: Uint8Array): SheetRow[] {
  const text = decode(bytes).replace(/^\ufeff/, '');
  const records = parse(text, { delimiter: delimiterOf(text), relax_column_count: true, skip_empty_lines: false }) as string[][];
  // One record is one spreadsheet row, blank ones included, so row numbers match what a spreadsheet shows.
  return records.map((cells, i) => ({ row: i + 1, cells: cells.map(cellValue) }));
}
