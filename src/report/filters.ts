// Filters for board papers: dates in UK form, stage labels, owner names from
// the registers, "1 & 2" grouping, and safe Markdown table cells.

import type { Liquid } from 'liquidjs';
import { formatUkDate, isTrackDate } from '../records/dates.js';
import type { Config } from '../records/model.js';
import { buildRegisters } from '../records/registers.js';

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

/** Markdown headings moved down `levels` (so a record's "# Title" sits under the paper's own). */
export function demote(value: unknown, levels: unknown = 1): string {
  const by = Math.max(0, Math.min(5, Number(levels) || 0));
  let fenced = false;
  return text(value)
    .split('\n')
    .map((line) => {
      if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
      if (fenced) return line;
      return line.replace(/^(#{1,6})(?=\s)/, (hashes) => '#'.repeat(Math.min(6, hashes.length + by)));
    })
    .join('\n');
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
