// The text of a new item file, in the key order of the records contract.

import type { StageId } from '../records/model.js';
import { scalar } from './scalar.js';

export interface NewItem {
  title: string;
  number: number;
  kind?: string;
  theme?: string;
  owners: string[];
  due?: string;
  stage: StageId;
  /** The item's text, in Markdown. */
  text: string;
}

export function newItemText(item: NewItem): string {
  const lines = ['---', `title: ${scalar(item.title)}`, `number: ${item.number}`];
  if (item.kind !== undefined) lines.push(`kind: ${scalar(item.kind)}`);
  if (item.theme !== undefined) lines.push(`theme: ${scalar(item.theme)}`);
  if (item.owners.length > 0) lines.push(`owners: [${item.owners.map((o) => scalar(o, true)).join(', ')}]`);
  if (item.due !== undefined) lines.push(`due: ${scalar(item.due)}`);
  lines.push(`stage: ${scalar(item.stage)}`, '---');
  const body = item.text.replace(/\r\n?/g, '\n').trim();
  return `${lines.join('\n')}\n${body === '' ? '' : `${body}\n`}`;
}
