// The text of a new item file, in the key order of the records contract.

import type { StageId } from '../records/model.js';
import { dateScalar, scalar } from './scalar.js';

export interface NewItem {
  title: string;
  /** A whole number, or a label such as "2a" (import keeps the tracker's own). */
  number: number | string;
  ref?: string;
  kind?: string;
  theme?: string;
  owners: string[];
  response?: string;
  due?: string;
  reportBack?: string;
  stage: StageId;
  tags?: string[];
  /** The item's text, in Markdown. */
  text: string;
}

export function newItemText(item: NewItem): string {
  const lines = ['---', `title: ${scalar(item.title)}`, `number: ${scalar(item.number)}`];
  if (item.ref !== undefined) lines.push(`ref: ${scalar(item.ref)}`);
  if (item.kind !== undefined) lines.push(`kind: ${scalar(item.kind)}`);
  if (item.theme !== undefined) lines.push(`theme: ${scalar(item.theme)}`);
  if (item.owners.length > 0) lines.push(`owners: [${item.owners.map((o) => scalar(o, true)).join(', ')}]`);
  if (item.response !== undefined) lines.push(`response: ${scalar(item.response)}`);
  if (item.due !== undefined) lines.push(`due: ${dateScalar(item.due)}`);
  if (item.reportBack !== undefined) lines.push(`report_back: ${dateScalar(item.reportBack)}`);
  lines.push(`stage: ${scalar(item.stage)}`);
  if (item.tags !== undefined && item.tags.length > 0) lines.push(`tags: [${item.tags.map((t) => scalar(t, true)).join(', ')}]`);
  lines.push('---');
  const body = item.text.replace(/\r\n?/g, '\n').trim();
  return `${lines.join('\n')}\n${body === '' ? '' : `${body}\n`}`;
}
