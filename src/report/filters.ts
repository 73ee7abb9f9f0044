// Filters for board papers: dates in UK form, stage labels, owner names from
// the registers, "1 & 2" grouping, and safe Markdown table cells.

import type { Liquid } from 'liquidjs';
import { formatUkDate, isTrackDate } from '../records/dates.js';
import type { Config } from '../records/model.js';
import { buildRegisters } from '../records/registers.js';
import { codeFences } from './record-text.js';

const text = (value: unknown): string => (value === null || value === undefined ? '' : String(value));

/** "10 March 2008"; a month-precision date "April 2008"; anything else as written. */
export function ukDate(value: unknown): string {
  const date = text(value);
  return isTrackDate(date) ? formatUkDate(date) : date;
}

/** "April 2008", for any record date. */
export function monthYear(value: unknown): string {
  const date = text(value).slice(0, 7);
  return isTrackDate(date) ? formatUkDate(date) : text(value);
}

/** ["1", "2"] → "1 & 2"; ["4", "5", "6"] → "4, 5 & 6". */
export function ampersandList(value: unknown): string {
  const parts = (Array.isArray(value) ? value : [value]).map(text).filter((p) => p !== '');
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} & ${parts[parts.length - 1]}`;
}

/** A value safe inside one cell of a Markdown table: one line, pipes escaped. */
export function tableCell(value: unknown): string {
  return oneLine(value).replace(/\|/g, '\\|');
}

/** Several lines as one (for a list item or table cell). */
export function oneLine(value: unknown): string {
  return text(value).replace(/\s*\n\s*/g, ' ').trim();
}

/** The first paragraph of some Markdown. */
export function firstParagraph(value: unknown): string {
  return text(value).trim().split(/\n\s*\n/)[0] ?? '';
}

/** The text under the heading called `name` (any level), up to the next heading as high; "" when there is none. */
export function section(value: unknown, name: unknown): string {
  const lines = text(value).split('\n');
  const wanted = text(name).trim().toLowerCase();
  const start = lines.findIndex((l) => /^#{1,6}\s/.test(l) && l.replace(/^#+\s+/, '').replace(/\s*#*\s*$/, '').toLowerCase() === wanted);
  if (start < 0) return '';
  const level = /^#+/.exec(lines[start]!)![0].length;
  const end = lines.findIndex((l, i) => i > start && /^#{1,6}\s/.test(l) && /^#+/.exec(l)![0].length <= level);
  return lines.slice(start + 1, end < 0 ? undefined : end).join('\n').trim();
}

/**
 * Markdown headings placed under a heading of level `level`: the text's top
 * heading becomes level + 1 and the rest keep their steps below it, so a
 * record's "# Title" or "## Update" sits under the paper's own and no level is skipped.
 */
export function demote(value: unknown, level: unknown = 1): string {
  const under = Math.max(0, Math.min(5, Number(level) || 0));
  const lines = text(value).split('\n');
  const { fenced } = codeFences(lines);
  let top = 7;
  const isHeading = lines.map((line, i) => {
    const match = !fenced[i] && /^(#{1,6})(?=\s)/.exec(line);
    if (match) top = Math.min(top, match[1]!.length);
    return match ? match[1]!.length : 0;
  });
  // Deeper headings come up too, so the text's top heading is exactly one below the paper's.
  const by = top === 7 ? 0 : under + 1 - top;
  return lines.map((line, i) => (isHeading[i] ? '#'.repeat(Math.max(1, Math.min(6, isHeading[i]! + by))) + line.slice(isHeading[i]) : line)).join('\n');
}

export function registerFilters(liquid: Liquid, config: Config): void {
  const registers = buildRegisters(config);
  const stageLabel = (value: unknown): string => {
    if (value && typeof value === 'object' && 'label' in value) return text((value as { label: unknown }).label);
    const stage = config.stages.find((s) => String(s.id).toLowerCase() === text(value).toLowerCase());
    return stage ? stage.label : text(value);
  };
  const ownerName = (value: unknown): string | string[] => {
    const one = (v: unknown) => (v && typeof v === 'object' && 'name' in v ? text((v as { name: unknown }).name) : registers.displayName(text(v)));
    return Array.isArray(value) ? value.map(one) : one(value);
  };
  liquid.registerFilter('uk_date', ukDate);
  liquid.registerFilter('month', monthYear);
  liquid.registerFilter('stage_label', stageLabel);
  liquid.registerFilter('owner_name', ownerName);
  liquid.registerFilter('owner_names', (value: unknown) => {
    const names = ownerName(Array.isArray(value) ? value : [value]) as string[];
    return names.join('; ');
  });
  liquid.registerFilter('ampersand_list', ampersandList);
  liquid.registerFilter('table_cell', tableCell);
  liquid.registerFilter('demote', demote);
  liquid.registerFilter('one_line', oneLine);
  liquid.registerFilter('first_paragraph', firstParagraph);
  liquid.registerFilter('section', section);
}
