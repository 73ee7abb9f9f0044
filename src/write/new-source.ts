// The text of a new source.md, in the key order of the records contract.

import { dateScalar, scalar } from './scalar.js';

export interface NewSource {
  title: string;
  kind: string;
  madeBy?: string;
  date: string;
}

export function newSourceText(source: NewSource): string {
  const lines = ['---', `title: ${scalar(source.title)}`, `kind: ${scalar(source.kind)}`];
  if (source.madeBy !== undefined) lines.push(`made_by: ${scalar(source.madeBy)}`);
  lines.push(`date: ${dateScalar(source.date)}`, '---', '');
  return lines.join('\n');
}
