// A record file's bytes as text that can be edited and turned back into the
// same bytes: the BOM and line endings are kept aside, never normalised.

import { frontmatterBounds } from '../records/frontmatter.js';

const BOM = [0xef, 0xbb, 0xbf];
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export interface RecordText {
  /** The text after any BOM, exactly as in the file. */
  text: string;
  bom: boolean;
  /** The line ending new lines use: the file's first one. */
  eol: '\n' | '\r\n';
}

/** Decode a file; undefined when it is not UTF-8 (the loader reports that). */
export function decodeRecord(bytes: Uint8Array): RecordText | undefined {
  const bom = BOM.every((b, i) => bytes[i] === b);
  let text: string;
  try {
    text = UTF8.decode(bom ? bytes.subarray(3) : bytes);
  } catch {
    return undefined;
  }
  return { text, bom, eol: eolOf(text) };
}

export function encodeRecord(record: Pick<RecordText, 'text' | 'bom'>): Buffer {
  const body = Buffer.from(record.text, 'utf8');
  return record.bom ? Buffer.concat([Buffer.from(BOM), body]) : body;
}

export function eolOf(text: string): '\n' | '\r\n' {
  const lf = text.indexOf('\n');
  return lf > 0 && text[lf - 1] === '\r' ? '\r\n' : '\n';
}

/** Where the YAML of a record lies in its text, found as the loader finds it. */
export interface FrontmatterRange {
  /** Offset of the first YAML line (after the opening "---" line). */
  start: number;
  /**
   * Offset of the line break before the closing "---" line: like the loader's,
   * the YAML text leaves it out (in a CRLF file it ends with the "\r").
   */
  end: number;
}

export function frontmatterRange(text: string): FrontmatterRange | undefined {
  const bounds = text.startsWith('---') ? frontmatterBounds(text) : undefined;
  if (!bounds) return undefined;
  return { start: Math.min(bounds.open + 1, bounds.close), end: bounds.close };
}
