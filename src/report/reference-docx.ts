// A workspace's house style for Word papers: templates/reference.docx, whose
// styles (headings, body text, tables) the paper takes, as pandoc's
// reference-doc does. Anything that is not a Word document stops the run.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { UnusableInput } from '../errors.js';

export const REFERENCE_DOCX = 'templates/reference.docx';

/** The styles of the workspace's reference document, or undefined when it has none. */
export function readReferenceStyles(root: string): { styles: string } | undefined {
  const path = join(root, REFERENCE_DOCX);
  if (!existsSync(path)) return undefined;
  const notWord = (why: string) =>
    new UnusableInput(`${REFERENCE_DOCX} is not a Word document (${why}): save the house style from Word as "Word Document (.docx)", or remove the file to use track's own styles.`);
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new UnusableInput(`${REFERENCE_DOCX} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'unknown error'}): check that it is a file you may read.`);
  }
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, { filter: (f) => f.name === 'word/styles.xml' || f.name === '[Content_Types].xml' });
  } catch {
    throw notWord('it is not a .docx package');
  }
  const types = files['[Content_Types].xml'];
  const styles = files['word/styles.xml'];
  if (!types || !styles) throw notWord('it has no Word styles');
  const text = new TextDecoder('utf-8', { fatal: false }).decode(styles);
  if (!/<w:styles[\s>]/.test(text)) throw notWord('its styles part is not Word\'s');
  return { styles: text };
}
