// Changes in plain words, for the text output of `log` and `changes`.

import { formatUkDate, isTrackDate } from '../records/dates.js';
import type { ItemChange, StageRef, UpdateRef } from './diff.js';

const NOTE_WIDTH = 80;

export function stageText(stage: StageRef | null): string {
  if (!stage) return 'none';
  return stage.label ? `${String(stage.id)} (${stage.label})` : `${String(stage.id)} (not on the stage scale)`;
}

export function dateText(date: string | null | undefined): string {
  return date ? (isTrackDate(date) ? formatUkDate(date) : date) : 'none';
}

/** The first line of a note, cut to fit one line. */
export function firstLine(note: string): string {
  const line = note.trim().split('\n')[0]?.trim() ?? '';
  return line.length > NOTE_WIDTH ? `${line.slice(0, NOTE_WIDTH - 1).trimEnd()}…` : line;
}

export function updateText(update: UpdateRef): string {
  const marks = [
    update.stage !== undefined ? `stage ${String(update.stage)}` : '',
    update.proposed_stage !== undefined ? `proposed stage ${String(update.proposed_stage)}` : '',
    update.new_due !== undefined ? `new target date ${dateText(update.new_due)}` : '',
    update.by !== undefined ? `by ${update.by}` : '',
  ].filter(Boolean);
  const note = firstLine(update.note);
  return `${dateText(update.date)}${marks.length ? ` (${marks.join(', ')})` : ''}${note ? `: ${note}` : ''}`;
}

const FIELD_NAMES: Record<string, string> = { report_back: 'report back', number: 'number', title: 'title', response: 'response' };

function valueText(value: unknown): string {
  if (value === null || value === undefined) return 'none';
  if (Array.isArray(value)) return value.length ? value.join(', ') : 'none';
  if (typeof value === 'string') return isTrackDate(value) ? formatUkDate(value) : `"${value}"`;
  return String(value);
}

export function describeChange(change: ItemChange): string {
  switch (change.kind) {
    case 'created':
      return `created at stage ${stageText(change.stage)}${change.due ? `, due ${dateText(change.due)}` : ''}`;
    case 'deleted':
      return 'deleted';
    case 'renamed':
      return `renamed from ${change.from} to ${change.to}`;
    case 'stage':
      if (!change.from) return `stage set to ${stageText(change.to)}`;
      return `stage ${stageText(change.from)} → ${stageText(change.to)}`;
    case 'due':
      if (!change.from) return `target date set to ${dateText(change.to)}`;
      if (!change.to) return `target date removed (was ${dateText(change.from)})`;
      return `target date moved from ${dateText(change.from)} to ${dateText(change.to)}${change.reason ? ` (reason: ${firstLine(change.reason)})` : ' with no reason given'}`;
    case 'update-added':
      return `update added, ${updateText(change.update)}`;
    case 'update-removed':
      return `update removed, ${updateText(change.update)}`;
    case 'update-edited':
      return `update edited, ${updateText(change.update)}`;
    case 'owners': {
      const parts = [change.added.length ? `added ${change.added.join(', ')}` : '', change.removed.length ? `removed ${change.removed.join(', ')}` : ''];
      return `owners ${parts.filter(Boolean).join('; ')}`;
    }
    case 'field':
      return `${FIELD_NAMES[change.field] ?? change.field} changed from ${valueText(change.from)} to ${valueText(change.to)}`;
    case 'text':
      return 'the text of the item edited';
    case 'unreadable':
      return `the file could not be read in this version: ${change.problem}`;
  }
}
