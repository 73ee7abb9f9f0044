// The one report model every template gets: the records plus their derived
// facts, the meeting, the organisation and the author. Keys are snake_case,
// as in the records, and every key is always present (null when there is no
// value), so strict variables only catch real misspellings.

import { factContext, findNextMeeting, itemFacts, type FactContext, type ItemFacts } from '../derive/facts.js';
import { itemsOfSource, summarise, sourceIdOf } from '../derive/summary.js';
import { endDay, formatUkDate, startDay, type TrackDate } from '../records/dates.js';
import { ExitError } from '../errors.js';
import type { Attendee, Item, Meeting, Source, Stage, StageId, Update, Workspace } from '../records/model.js';
import { buildRegisters, type Registers } from '../records/registers.js';
import { summaryModel, type SummaryModel } from './summary-model.js';
import { overdueAgeChart, progressChart, stageMixChart, type ChartModel } from './charts/model.js';
import { meetingDatesUpTo, progressAt, type ProgressSeries } from '../derive/progress.js';

export interface ReportOptions {
  today: TrackDate;
  /** Only this source (id or an unambiguous trailing part). */
  source?: string;
  /** The meeting the paper is for, by its date in meetings.yaml; else the next meeting. */
  meeting?: TrackDate;
  /** Validation problems, for the status summary. */
  problems?: { errors: number; warnings: number };
}

export interface StageModel { id: StageId | null; label: string; closed: boolean }
export interface Party { id: string; name: string }
/** A meeting's attendee: a party with a role and whether they chaired. */
export interface AttendeeModel extends Party { role: string | null; body_name: string | null; chair: boolean }

export interface UpdateModel {
  date: TrackDate; stage: StageModel | null; proposed_stage: StageModel | null;
  by: string | null; by_name: string | null; note: string;
  new_due: TrackDate | null; reason: string | null; evidence: readonly string[];
}

export interface ItemModel {
  id: string; source: string; path: string; number: string | null; label: string; title: string; kind: string;
  theme: string | null; owners: Party[]; owner_names: string[]; response: string | null;
  due: TrackDate | null; report_back: TrackDate | null; stage: StageModel;
  open: boolean; closed: boolean; overdue: boolean; days_overdue: number | null; stale: boolean;
  unassigned: boolean; response_overdue: boolean; awaiting_confirmation: boolean;
  proposed_stage: StageModel | null; due_for_meeting: boolean; last_update: TrackDate | null;
  latest: UpdateModel | null; updates: UpdateModel[]; related: readonly string[]; tags: readonly string[];
  extra: Record<string, unknown>; body: string;
}

/** Items reported together because their latest update is the same text ("1 & 2"). */
export interface UpdateGroup { numbers: string[]; items: ItemModel[]; latest: UpdateModel | null }
export interface ThemeModel { name: string | null; items: ItemModel[] }

export interface SourceModel {
  id: string; path: string; title: string; kind: string; made_by: string | null; made_by_name: string | null;
  date: TrackDate | null; url: string | null; attendees: AttendeeModel[]; body: string; context: string;
  items: ItemModel[]; themes: ThemeModel[]; update_groups: UpdateGroup[];
  /** The one person in the register who gave every latest update, to sign an update paper; else null. */
  signatory: AuthorModel | null;
  /** This source's own charts. */
  charts: PaperCharts;
}

/** The charts a template can place with the `chart` filter. */
export interface PaperCharts { stage_mix: ChartModel; overdue_age: ChartModel; progress: ChartModel }

export interface MeetingModel { date: TrackDate; title: string | null; body: string | null; body_name: string | null; tentative: boolean }
export interface AuthorModel { id: string; name: string; role: string | null; body: string | null; body_name: string | null; email: string | null; phone: string | null }

export interface ReportModel {
  organisation: string; today: TrackDate;
  /** The paper's date: the meeting's, else today. */
  date: TrackDate;
  meeting: MeetingModel | null; author: AuthorModel | null;
  sources: SourceModel[];
  /** The one source, when the paper covers exactly one. */
  source: SourceModel | null;
  items: ItemModel[]; stages: (StageModel & { count: number })[]; summary: SummaryModel;
  /** The paper's charts, over all its items. */
  charts: PaperCharts;
}

const KIND_LABEL: Record<string, string> = { recommendation: 'Recommendation', action: 'Action', objective: 'Objective' };

export function buildReportModel(workspace: Workspace, options: ReportOptions): ReportModel {
  const registers = buildRegisters(workspace.config);
  const meeting = options.meeting !== undefined ? selectMeeting(workspace.meetings, options.meeting) : findNextMeeting(workspace.meetings, options.today);
  const base = factContext(workspace, options.today);
  // The chosen meeting takes the next meeting's place, so "due for the meeting" is the one fact.
  const ctx: FactContext = { ...base, ...(meeting ? { nextMeeting: meeting } : {}) };
  if (!meeting) delete ctx.nextMeeting;
  const sourceId = options.source !== undefined ? resolveSource(workspace, options.source) : undefined;
  const items = itemsOfSource(workspace, sourceId).map((item) => itemModel(item, itemFacts(item, ctx), workspace.config.stages, registers));
  const bySource = new Map<string, ItemModel[]>();
  for (const item of items) {
    const list = bySource.get(item.source);
    if (list) list.push(item);
    else bySource.set(item.source, [item]);
  }
  // Progress looks back over every meeting: worked out only when a template places it.
  const progressDates = meetingDatesUpTo(workspace.meetings, options.today);
  let series: ProgressSeries | undefined;
  const progressOf = (source: string | undefined, count: number) => () => {
    series ??= progressAt(workspace, progressDates, sourceId);
    const points = source === undefined ? series.all : series.bySource.get(source) ?? [];
    return progressChart(points, count, options.today, workspace.meetings.length);
  };
  const charts = (list: ItemModel[], source?: string): PaperCharts => {
    const made: Omit<PaperCharts, 'progress'> = {
      stage_mix: stageMixChart(list, workspace.config.stages, options.today),
      overdue_age: overdueAgeChart(list, options.today),
    };
    let progress: ChartModel | undefined;
    const build = progressOf(source, list.length);
    return Object.defineProperty(made, 'progress', { enumerable: true, get: () => (progress ??= build()) }) as PaperCharts;
  };
  const sources = workspace.sources
    .filter((s) => sourceId === undefined || s.id === sourceId)
    .map((s) => sourceModel(s, bySource.get(s.id) ?? [], registers, charts));
  const byStage = new Map<string, number>();
  for (const item of items) byStage.set(String(item.stage.id), (byStage.get(String(item.stage.id)) ?? 0) + 1);
  const summary = summarise(workspace, ctx, { ...(sourceId ? { source: sourceId } : {}), ...(options.problems ? { problems: options.problems } : {}) });
  return {
    organisation: workspace.config.organisation,
    today: options.today,
    date: meeting?.date ?? options.today,
    meeting: meeting ? meetingModel(meeting, registers) : null,
    author: authorModel(workspace.config.report.author, registers),
    sources,
    source: sources.length === 1 ? sources[0]! : null,
    items,
    stages: workspace.config.stages.map((s) => ({ ...stageModel(s), count: byStage.get(String(s.id)) ?? 0 })),
    summary: summaryModel(summary, new Map(items.map((i) => [i.id, i]))),
    charts: charts(items),
  };
}

/** A source by folder name or an unambiguous trailing part of it ("cd-2007"). */
export function resolveSource(workspace: Workspace, query: string): string {
  const q = sourceIdOf(query);
  const ids = [...new Set([...workspace.sources.map((s) => s.id), ...workspace.items.map((i) => i.source)])].sort();
  if (ids.includes(q)) return q;
  const matches = ids.filter((id) => id.endsWith(q) && '-'.includes(id.charAt(id.length - q.length - 1) || '-'));
  if (matches.length === 1) return matches[0]!;
  if (matches.length > 1) throw new ExitError(1, `The source "${query}" is ambiguous: it could be ${matches.join(', ')}. Give more of its name.`);
  itemsOfSource(workspace, q); // an unknown source: ExitError(1) listing the sources there are
  return q;
}

/** The meeting on a date in meetings.yaml; a day inside a month-precision meeting finds it. */
export function selectMeeting(meetings: readonly Meeting[], date: TrackDate): Meeting {
  const exact = meetings.find((m) => m.date === date);
  if (exact) return exact;
  const within = meetings.filter((m) => startDay(m.date) <= startDay(date) && endDay(date) <= endDay(m.date)
    || (date.length === 7 && m.date.startsWith(date)));
  if (within.length === 1) return within[0]!;
  const listed = meetings.map((m) => m.date).join(', ');
  const what = within.length > 1 ? `More than one meeting falls in ${formatUkDate(date)} (${within.map((m) => m.date).join(', ')}): give the day.` : `No meeting in meetings.yaml is on ${formatUkDate(date)}.`;
  throw new ExitError(1, `${what} ${listed ? `The meetings are: ${listed}.` : 'Add the meeting to meetings.yaml first.'}`);
}

function stageModel(stage: Stage): StageModel {
  return { id: stage.id, label: stage.label, closed: stage.closed };
}

function stageOf(stages: readonly Stage[], id: StageId | undefined): StageModel | null {
  if (id === undefined) return null;
  const stage = stages.find((s) => String(s.id).toLowerCase() === String(id).toLowerCase());
  return stage ? stageModel(stage) : { id, label: String(id), closed: false };
}

function party(name: string, registers: Registers): Party {
  const found = registers.resolve(name);
  const id = found ? (found.kind === 'body' ? found.body.id : found.person.id) : name;
  return { id, name: registers.displayName(name) };
}

function attendeeModel(attendee: Attendee, registers: Registers): AttendeeModel {
  if (typeof attendee === 'string') {
    const found = registers.resolve(attendee);
    const person = found?.kind === 'person' ? found.person : undefined;
    const body = person?.body;
    return { ...party(attendee, registers), role: person?.role ?? null, body_name: body ? registers.displayName(body) : null, chair: false };
  }
  return { id: attendee.name, name: attendee.name, role: attendee.role ?? null, body_name: attendee.body ? registers.displayName(attendee.body) : null, chair: attendee.chair ?? false };
}

function updateModel(update: Update, stages: readonly Stage[], registers: Registers): UpdateModel {
  return {
    date: update.date,
    stage: stageOf(stages, update.stage),
    proposed_stage: stageOf(stages, update.proposedStage),
    by: update.by ?? null,
    by_name: update.by !== undefined ? registers.displayName(update.by) : null,
    note: update.note.trim(),
    new_due: update.newDue ?? null,
    reason: update.reason ?? null,
    evidence: update.evidence,
  };
}

function itemModel(item: Item, facts: ItemFacts, stages: readonly Stage[], registers: Registers): ItemModel {
  const updates = item.updates.map((u) => updateModel(u, stages, registers));
  const owners = item.owners.map((o) => party(o, registers));
  const number = item.number !== undefined ? String(item.number) : null;
  return {
    id: item.id, source: item.source, path: item.path, number,
    label: `${KIND_LABEL[item.kind] ?? 'Item'} ${number ?? item.id.slice(item.source.length + 1)}`,
    title: item.title, kind: item.kind, theme: item.theme ?? null, owners, owner_names: owners.map((o) => o.name),
    response: item.response ?? null, due: item.due ?? null, report_back: item.reportBack ?? null,
    stage: stageOf(stages, item.stage) ?? { id: null, label: 'No stage', closed: false },
    open: facts.open, closed: !facts.open, overdue: facts.overdue, days_overdue: facts.daysOverdue ?? null,
    stale: facts.stale, unassigned: facts.unassigned, response_overdue: facts.responseOverdue,
    awaiting_confirmation: facts.awaitingConfirmation, proposed_stage: stageOf(stages, facts.proposedStage),
    due_for_meeting: facts.dueForNextMeeting, last_update: facts.lastUpdate ?? null,
    latest: updates[updates.length - 1] ?? null, updates, related: item.related, tags: item.tags,
    extra: item.extra, body: item.body.trim(),
  };
}

function sourceModel(source: Source, items: ItemModel[], registers: Registers, charts: (items: ItemModel[], source: string) => PaperCharts): SourceModel {
  return {
    id: source.id, path: source.path, title: source.title, kind: source.kind,
    made_by: source.madeBy ?? null, made_by_name: source.madeBy !== undefined ? registers.displayName(source.madeBy) : null,
    date: source.date ?? null, url: source.url ?? null, attendees: source.attendees.map((a) => attendeeModel(a, registers)),
    body: source.body.trim(), context: sourceContext(source.body), items,
    themes: themes(items), update_groups: updateGroups(items), signatory: signatory(items, registers),
    charts: charts(items, source.id),
  };
}

/** The source's body without its own title heading (the paper has its own) nor a leading "General" heading. */
export function sourceContext(body: string): string {
  return body.trim().replace(/^#\s[^\n]*\n+/, '').replace(/^#{1,6}\s+General\s*\n+/i, '').trim();
}

function signatory(items: ItemModel[], registers: Registers): AuthorModel | null {
  const by = new Set(items.flatMap((i) => (i.latest ? [i.latest.by ?? ''] : [])));
  const [only] = by;
  return by.size === 1 && only && registers.resolve(only)?.kind === 'person' ? authorModel(only, registers) : null;
}

function themes(items: ItemModel[]): ThemeModel[] {
  const byName = new Map<string | null, ItemModel[]>();
  for (const item of items) {
    const list = byName.get(item.theme);
    if (list) list.push(item);
    else byName.set(item.theme, [item]);
  }
  return [...byName].map(([name, list]) => ({ name, items: list }));
}

const sameText = (note: string) => note.replace(/\s+/g, ' ').trim();

function updateGroups(items: ItemModel[]): UpdateGroup[] {
  const groups: UpdateGroup[] = [];
  const byNote = new Map<string, UpdateGroup>();
  for (const item of items) {
    const key = item.latest ? sameText(item.latest.note) : undefined;
    const existing = key !== undefined ? byNote.get(key) : undefined;
    if (existing) {
      existing.items.push(item);
      existing.numbers.push(item.number ?? item.id);
      continue;
    }
    const group: UpdateGroup = { numbers: [item.number ?? item.id], items: [item], latest: item.latest };
    groups.push(group);
    if (key !== undefined) byNote.set(key, group);
  }
  return groups;
}

function meetingModel(meeting: Meeting, registers: Registers): MeetingModel {
  return {
    date: meeting.date, title: meeting.title ?? null, body: meeting.body ?? null,
    body_name: meeting.body !== undefined ? registers.displayName(meeting.body) : null, tentative: meeting.tentative,
  };
}

function authorModel(author: string | undefined, registers: Registers): AuthorModel | null {
  if (author === undefined) return null;
  const found = registers.resolve(author);
  if (found?.kind !== 'person') return { id: author, name: registers.displayName(author), role: null, body: null, body_name: null, email: null, phone: null };
  const p = found.person;
  return {
    id: p.id, name: p.name, role: p.role ?? null, body: p.body ?? null,
    body_name: p.body !== undefined ? registers.displayName(p.body) : null, email: p.email ?? null, phone: p.phone ?? null,
  };
}
