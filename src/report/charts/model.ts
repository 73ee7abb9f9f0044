// The charts of a paper, as part of the one report model: what each shows,
// its caption and its numbers as a table (the text alternative every format
// carries), and the series a renderer draws. Nothing here draws; nothing
// that draws computes a fact.

import { endDay, formatUkDate, startDay, type TrackDate } from '../../records/dates.js';
import { colourHex } from '../../records/colours.js';
import type { Stage } from '../../records/model.js';

export type ChartKind = 'stage_mix' | 'progress' | 'overdue_age';

export interface ChartSeries {
  name: string;
  /** #rrggbb, dark enough to see on white. */
  colour: string;
  values: number[];
  /** One colour per point (the stage mix: each stage its own colour), else null. */
  point_colours: string[] | null;
}

export interface ChartModel {
  kind: ChartKind;
  title: string;
  /** One sentence under the chart, with the facts a reader needs without the picture. */
  caption: string;
  /** Why there is nothing to draw (no items, no meetings), else null. */
  empty: string | null;
  /** The numbers as a table: its headings and rows, as text. */
  columns: string[];
  rows: string[][];
  /** What a renderer draws: one label per point, and the series. */
  categories: string[];
  series: ChartSeries[];
}

export interface ChartCharts {
  stage_mix: ChartModel;
  progress: ChartModel;
  overdue_age: ChartModel;
}

/** What a chart needs of an item: the report model's item has all of it. */
export interface ChartItem {
  stage: { id: string | number | null; label: string; closed: boolean };
  /** False for an item whose stage on the date is not known yet (as-of.ts): counted apart, not as a fault. */
  assessed?: boolean;
  open: boolean;
  overdue: boolean;
  due: TrackDate | null;
}

/** Open, closed and overdue counts as the records stood at one date. */
export interface ProgressPoint {
  date: TrackDate;
  open: number;
  closed: number;
  overdue: number;
}

/** Colours of the progress lines and the overdue bars: print-safe, and told apart by more than hue. */
export const SERIES_COLOURS = { open: '#1565c0', closed: '#2e7d32', overdue: '#c62828' } as const;
const NO_COLOUR = '#616161';
const UNKNOWN_STAGE_LABEL = 'Stage missing or not on the scale';

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
const count = (n: number) => n.toLocaleString('en-GB');

/** A stage's words on a chart axis: its short wording, else its label, cut to fit. */
export function stageAxisLabel(stage: { id: string | number | null; label: string; short?: string }): string {
  const words = stage.short ?? stage.label;
  const cut = words.length > 34 ? `${words.slice(0, 33).trimEnd()}…` : words;
  return stage.id === null ? cut : `${String(stage.id)} ${cut}`;
}

/** Items per stage, in the scale's order and the stages' colours. */
export function stageMixChart(items: readonly ChartItem[], stages: readonly Stage[], date: TrackDate): ChartModel {
  const counts = new Map<string, number>(stages.map((s) => [String(s.id).toLowerCase(), 0]));
  let unknown = 0;
  let notAssessed = 0;
  let open = 0;
  for (const item of items) {
    if (item.open) open++;
    const key = String(item.stage.id).toLowerCase();
    const n = item.stage.id === null ? undefined : counts.get(key);
    // Before its first agreed stage an item is not yet assessed: a fact of the date, not a fault in its record.
    if (item.assessed === false) notAssessed++;
    else if (n === undefined) unknown++;
    else counts.set(key, n + 1);
  }
  const rows: string[][] = [];
  const categories: string[] = [];
  const values: number[] = [];
  const colours: string[] = [];
  for (const stage of stages) {
    const n = counts.get(String(stage.id).toLowerCase())!;
    rows.push([String(stage.id), `${stage.label}${stage.closed ? ' (closed)' : ''}`, count(n)]);
    categories.push(stageAxisLabel(stage));
    values.push(n);
    colours.push((stage.colour !== undefined ? colourHex(stage.colour) : undefined) ?? NO_COLOUR);
  }
  if (notAssessed > 0) {
    rows.push(['–', 'Not yet assessed', count(notAssessed)]);
    categories.push('Not yet assessed');
    values.push(notAssessed);
    colours.push(NO_COLOUR);
  }
  if (unknown > 0) {
    rows.push(['–', UNKNOWN_STAGE_LABEL, count(unknown)]);
    categories.push('No stage on the scale');
    values.push(unknown);
    colours.push(NO_COLOUR);
  }
  const when = formatUkDate(date);
  const empty = items.length === 0 ? 'There are no items to chart.' : null;
  const caption = empty
    ? `Items by stage on ${when}: there are no items to chart.`
    : `Items by stage on ${when}: ${plural(items.length, 'item')}, ${count(open)} open and ${count(items.length - open)} closed.`;
  return {
    kind: 'stage_mix', title: 'Items by stage', caption, empty,
    columns: ['Stage', '', 'Items'], rows, categories,
    series: [{ name: 'Items', colour: NO_COLOUR, values, point_colours: colours }],
  };
}

export const AGE_BUCKETS = ['Under 3 months', '3 to 6 months', '6 to 12 months', 'Over 12 months'] as const;

/** The day `months` calendar months after a day number (clamped to the month's end, as 31 January + 1 month is 28 or 29 February). */
function addMonths(day: number, months: number): number {
  const date = new Date(day * 86_400_000);
  const y = date.getUTCFullYear();
  const m = date.getUTCMonth() + months;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return Math.floor(Date.UTC(y, m, Math.min(date.getUTCDate(), last)) / 86_400_000);
}

/** How long an open item has been past its due date on `date`: an index into AGE_BUCKETS, or -1 when it is not overdue. */
export function overdueBucket(item: ChartItem, date: TrackDate): number {
  if (!item.overdue || item.due === null) return -1;
  const due = endDay(item.due);
  const today = startDay(date);
  if (today < addMonths(due, 3)) return 0;
  if (today < addMonths(due, 6)) return 1;
  if (today < addMonths(due, 12)) return 2;
  return 3;
}

/** Open items past their due date, by how long. */
export function overdueAgeChart(items: readonly ChartItem[], date: TrackDate): ChartModel {
  const values = AGE_BUCKETS.map(() => 0);
  for (const item of items) {
    const bucket = overdueBucket(item, date);
    if (bucket >= 0) values[bucket]!++;
  }
  const overdue = values.reduce((a, b) => a + b, 0);
  const when = formatUkDate(date);
  const empty = items.length === 0 ? 'There are no items to chart.' : null;
  let caption: string;
  if (empty) caption = `Open items past their due date on ${when}: there are no items to chart.`;
  else if (overdue === 0) caption = `Open items past their due date on ${when}: none is overdue.`;
  else {
    const longest = AGE_BUCKETS.map((b, i) => (values[i]! > 0 ? `${count(values[i]!)} ${b.toLowerCase()}` : '')).filter(Boolean).join(', ');
    caption = `Open items past their due date on ${when}, by how long: ${plural(overdue, 'item')} (${longest}).`;
  }
  return {
    kind: 'overdue_age', title: 'Overdue items by time past due', caption, empty,
    columns: ['Past due', 'Items'], rows: AGE_BUCKETS.map((b, i) => [b, count(values[i]!)]),
    categories: [...AGE_BUCKETS],
    series: [{ name: 'Overdue items', colour: SERIES_COLOURS.overdue, values, point_colours: null }],
  };
}

/** Open, closed and overdue items at each date, as the records stood then. */
export function progressChart(points: readonly ProgressPoint[], itemCount: number, date: TrackDate, meetingCount: number): ChartModel {
  const when = formatUkDate(date);
  let empty: string | null = null;
  if (itemCount === 0) empty = 'There are no items to chart.';
  else if (meetingCount === 0) empty = 'meetings.yaml lists no meetings, so there are no dates to chart progress at.';
  else if (points.length === 0) empty = `No meeting in meetings.yaml falls on or before ${when}, so there are no dates to chart progress at.`;
  const shown = empty ? [] : points;
  const first = shown[0];
  const last = shown[shown.length - 1];
  const caption = empty || !first || !last
    ? `Open, closed and overdue items at each meeting: ${empty!.charAt(0).toLowerCase()}${empty!.slice(1)}`
    : `Open, closed and overdue items at each meeting from ${formatUkDate(first.date)} to ${formatUkDate(last.date)}: ` +
      `${count(last.open)} open, ${count(last.closed)} closed and ${count(last.overdue)} overdue at the last.`;
  return {
    kind: 'progress', title: 'Progress at each meeting', caption, empty,
    columns: ['Meeting', 'Open', 'Closed', 'Overdue'],
    rows: shown.map((p) => [formatUkDate(p.date), count(p.open), count(p.closed), count(p.overdue)]),
    categories: shown.map((p) => shortDate(p.date)),
    series: [
      { name: 'Open', colour: SERIES_COLOURS.open, values: shown.map((p) => p.open), point_colours: null },
      { name: 'Closed', colour: SERIES_COLOURS.closed, values: shown.map((p) => p.closed), point_colours: null },
      { name: 'Overdue', colour: SERIES_COLOURS.overdue, values: shown.map((p) => p.overdue), point_colours: null },
    ],
  };
}

const SHORT_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "15 Apr 2008", "Apr 2008": an axis label. */
function shortDate(date: TrackDate): string {
  const month = SHORT_MONTHS[Number(date.slice(5, 7)) - 1] ?? '';
  return date.length === 7 ? `${month} ${date.slice(0, 4)}` : `${Number(date.slice(8, 10))} ${month} ${date.slice(0, 4)}`;
}
