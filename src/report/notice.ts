// The notice at the top of a paper written with --allow-incomplete: what is
// missing, by file, so no reader takes it for the whole picture.

import { recordLine } from './record-text.js';

export function incompleteNotice(missing: readonly { path: string; problem: string }[]): string {
  const lines = missing.map((m) => `> - ${recordLine(m.path)} (${recordLine(m.problem)})`);
  return [
    `> **Incomplete paper.** ${missing.length === 1 ? 'One record' : `${missing.length} records`} could not be read and ${missing.length === 1 ? 'is' : 'are'} left out of this paper:`,
    '>',
    ...lines,
    '',
  ].join('\n');
}
