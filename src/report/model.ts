// The one report model every template (and every renderer: md, html, pdf,
// docx, charts) gets: the records as they stood on the paper's date, their
// facts judged at that date, what changed since the last meeting, the meeting
// and who signs. Keys are snake_case, as in the records, and every key is
// always present (null when there is no value), so strict variables only
// catch real misspellings. Record text is already safe Markdown here.

import { asOfGaps, NOT_YET_ASSESSED, onOrBefore, workspaceAsOf } from '../derive/as-of.js';
import { factContext, itemFacts, newestUpdate, type FactContext, type ItemFacts } from '../derive/facts.js';
import { sinceLastMeeting, type SinceLastMeeting } from '../derive/since.js';
import { itemsOfSource, summarise, sourceIdOf } from '../derive/summary.js';
import { formatUkDate, type TrackDate } from '../records/dates.js';
import { Refusal } from '../errors.js';
import type { Attendee, Item, Meeting, Source, Stage, StageId, Update, Workspace } from '../records/model.js';
import { buildRegisters, type Registers } from '../records/registers.js';
import { bodyOfSources, paperDate } from './paper-date.js';
import { recordLine, recordMarkdown } from './record-text.js';
import { sinceModel, type SinceModel } from './since-model.js';
import { summaryModel, type SummaryModel } from './summary-model.js';
import { overdueAgeChart, progressChart, stageMixChart, type ChartModel } from './charts/model.js';
import { meetingDatesUpTo, progressAt, type ProgressSeries } from '../derive/progress.js';

export { selectMeeting } from './paper-date.js';

export interface ReportOptions {
  today: TrackDate;
  /** Only this source (id or an unambiguous trailing part). */
  source?: string;
  /** The meeting the paper is for, by its date in meetings.yaml; else the next meeting of the body it goes to. */
  meeting?: TrackDate;
  /** Validation problems, for the status summary. */
  problems?: { errors: number; warnings: number };
  /** Record files the paper would draw on and could not read: named at its top. */
  missing?: { path: string; problem: string }[];
}

export interface StageModel { id: StageId | null; label: string; short: string; closed: boolean }
export interface Party { id: string; name: string }
/** A meeting's attendee: a party with a role and whether they chaired. */
export interface AttendeeModel extends Party { role: string | null; body_name: string | null; chair: boolean }

export interface UpdateModel {
  date: TrackDate; stage: StageModel | null; proposed_stage: StageModel | null;
  by: string | null; by_name: string | null; note: string;
  new_due: TrackDate | null; previous_due: TrackDate | null; reason: string | null; evidence: readonly string[];
}

/** What changed for one item since the last meeting; every key present. */
export interface ItemSince {
  closed: boolean; new: boolean; newly_overdue: boolean;
  stage_change: { date: TrackDate; from: StageModel | null; to: StageModel } | null;
  due_move: { date: TrackDate; from: TrackDate | null; to: TrackDate; reason: string } | null;
  proposal: { date: TrackDate; proposed: StageModel } | null;
}

export interface ItemModel {
  id: string; source: string; source_title: string; path: string; number: string | null; ref: string | null; label: string; title: string; kind: string;
  theme: string | null; owners: Party[]; owner_names: string[]; approach: string | null; response: string | null;
  due: TrackDate | null; report_back: TrackDate | null; stage: StageModel; assessed: boolean;
  open: boolean; closed: boolean; overdue: boolean; days_overdue: number | null; stale: boolean;
  unassigned: boolean; response_overdue: boolean; awaiting_confirmation: boolean;
  proposed_stage: StageModel | null; due_for_meeting: boolean; last_update: TrackDate | null;
  latest: UpdateModel | null; updates: UpdateModel[]; related: readonly string[]; tags: readonly string[];
  extra: Record<string, unknown>; body: string;
  /** Closed at the previous meeting already: reported then, not again. */
  closed_before: boolean;
  since: ItemSince;
}

/** Items reported together because their latest update is the same text ("1 & 2"). */
export interface UpdateGroup { numbers: string[]; items: ItemModel[]; latest: UpdateModel | null }
export interface ThemeModel { name: string | null; items: ItemModel[] }

export interface SourceModel {
  id: string; path: string; title: string; kind: string; made_by: string | null; made_by_name: string | null;
  /** Whom the paper is for, as the source writes it ("PCT Board"); else the maker's name. */
  presented_to: string | null;
  date: TrackDate | null; url: string | null; attendees: AttendeeModel[]; chair: AttendeeModel | null; body: string; context: string;
  /** The context before its first heading: the opening words of a paper. */
  intro: string;
  /** The body's own top heading when it has one (notes keep their own title), else the title. */
  heading: string;
  items: ItemModel[]; themes: ThemeModel[];
  /** The items to report on: all but those closed before the previous meeting. */
  reported: ItemModel[];
  update_groups: UpdateGroup[];
  /** Who signs papers about this source: its signed_by, else the workspace's report.author. */
  signatory: AuthorModel | null;
  /** This source's own charts. */
  charts: PaperCharts;
  since: SinceModel;
}

/** The charts a template can place with the `chart` filter. */
export interface PaperCharts { stage_mix: ChartModel; overdue_age: ChartModel; progress: ChartModel }

export interface MeetingModel { date: TrackDate; title: string | null; body: string | null; body_name: string | null; tentative: boolean }
export interface AuthorModel { id: string; name: string; role: string | null; body: string | null; body_name: string | null; email: string | null; phone: string | null }

export interface ReportModel {
  organisation: string; today: TrackDate;
  /** The paper's date, and the date every fact in it is as of: the meeting's, else today. */
  date: TrackDate;
  meeting: MeetingModel | null;
  previous_meeting: MeetingModel | null;
  author: AuthorModel | null;
  sources: SourceModel[];
  /** The one source, when the paper covers exactly one. */
  source: SourceModel | null;
  items: ItemModel[]; stages: (StageModel & { count: number })[]; summary: SummaryModel;
  /** The paper's charts, over all its items. */
  charts: PaperCharts;
  since: SinceModel;
  /** Record files left out because they could not be read (with --allow-incomplete); empty for a complete paper. */
  missing: { path: string; problem: string }[];
  /** Why the paper is dated today rather than a meeting's date; null when it is for a meeting. */
  notice: string | null;
}

const KIND_LABEL: Record<string, string> = { recommendation: 'Recommendation', action: 'Action', objective: 'Objective' };
const naturalOrder = new Intl.Collator('en', { numeric: true }).compare;

export function buildReportModel(workspace: Workspace, options: ReportOptions): ReportModel {
  const registers = buildRegisters(workspace.config);
  const sourceId = options.source !== undefined ? resolveSource(workspace, options.source) : undefined;
  const onlySource = sourceId !== undefined ? workspace.sources.find((s) => s.id === sourceId) : undefined;
  // The body the paper goes to: its source's; across sources, theirs when they all go to one, else any body.
  const withItems = new Set(workspace.items.map((i) => i.source));
  const covered = onlySource ? [onlySource] : workspace.sources.filter((s) => withItems.has(s.id));
  const body = bodyOfSources(covered, registers);
  const when = paperDate(workspace.meetings, options.today, options.meeting, body, body !== undefined ? registers.displayName(body) : undefined);
  const date = when.date;
  const meeting = when.meeting;
  if (onlySource?.date !== undefined && !onOrBefore(onlySource.date, date)) {
    const { id, date: dated } = onlySource;
    throw new Refusal((flag) => `${id} is dated ${formatUkDate(dated)}, after the paper's date (${formatUkDate(date)}): it has nothing to report then. Give a later ${flag('meeting')}.`);
  }

  const then = workspaceAsOf(workspace, date);
  const base = factContext(then, date);
  // The paper's meeting takes the next meeting's place, so "due for the meeting" is the one fact.
  const ctx: FactContext = { ...base, ...(meeting ? { nextMeeting: meeting } : {}) };
  if (!meeting) delete ctx.nextMeeting;
  const scoped = sourceId === undefined ? workspace : { ...workspace, items: workspace.items.filter((i) => i.source === sourceId) };
  const since = sinceLastMeeting(scoped, date, body);
  const stages = workspace.config.stages;
  const sourceTitles = new Map(then.sources.map((s) => [s.id, recordLine(s.title)]));
  const items = itemsOfSource(then, sourceId)
    .map((item) => itemModel(item, itemFacts(item, ctx), stages, registers, since, sourceTitles.get(item.source) ?? item.source))
    .sort((a, b) => (a.source === b.source ? naturalOrder(a.number ?? a.id, b.number ?? b.id) : 0));
  const bySource = new Map<string, ItemModel[]>();
  for (const item of items) {
    const list = bySource.get(item.source);
    if (list) list.push(item);
    else bySource.set(item.source, [item]);
  }
  // Progress looks back over every meeting: worked out only when a template places it.
  const progressDates = meetingDatesUpTo(workspace.meetings, date);
  let series: ProgressSeries | undefined;
  const progressOf = (source: string | undefined, count: number) => () => {
    series ??= progressAt(workspace, progressDates, sourceId);
    const points = source === undefined ? series.all : series.bySource.get(source) ?? [];
    return progressChart(points, count, date, workspace.meetings.length);
  };
  const charts = (list: ItemModel[], source?: string): PaperCharts => {
    const made: Omit<PaperCharts, 'progress'> = {
      stage_mix: stageMixChart(list, workspace.config.stages, date),
      overdue_age: overdueAgeChart(list, date),
    };
    let progress: ChartModel | undefined;
    const build = progressOf(source, list.length);
    return Object.defineProperty(made, 'progress', { enumerable: true, get: () => (progress ??= build()) }) as PaperCharts;
  };
  const author = authorModel(workspace.config.report.author, registers);
  const sources = then.sources
    .filter((s) => sourceId === undefined || s.id === sourceId)
    .map((s) => sourceModel(s, bySource.get(s.id) ?? [], registers, author, since, stages, charts));
  const byStage = new Map<string, number>();
  for (const item of items) byStage.set(String(item.stage.id), (byStage.get(String(item.stage.id)) ?? 0) + 1);
  const summary = summarise(then, ctx, { ...(sourceId ? { source: sourceId } : {}), ...(options.problems ? { problems: options.problems } : {}) });
  const byId = new Map(items.map((i) => [i.id, i]));
  return {
    organisation: recordLine(workspace.config.organisation),
    today: options.today,
    date,
    meeting: meeting ? meetingModel(meeting, registers) : null,
    previous_meeting: since.previous ? meetingModel(since.previous, registers) : null,
    author,
    sources,
    source: sources.length === 1 ? sources[0]! : null,
    items,
    stages: stages.map((s) => ({ ...stageModel(s), count: byStage.get(String(s.id)) ?? 0 })),
    summary: summaryModel(summary, byId),
    since: sinceModel(since, byId, stages),
    missing: options.missing ?? [],
    notice: when.notice ?? null,
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
  if (matches.length > 1) throw new Refusal(`The source "${query}" is ambiguous: it could be ${matches.join(', ')}. Give more of its name.`);
  itemsOfSource(workspace, q); // an unknown source: a Refusal listing the sources there are
  return q;
}

export function stageModel(stage: Stage): StageModel {
  return { id: stage.id, label: recordLine(stage.label), short: recordLine(stage.short ?? stage.label), closed: stage.closed };
}

const NOT_ASSESSED: StageModel = { id: null, label: 'Not yet assessed', short: NOT_YET_ASSESSED, closed: false };

export function stageOf(stages: readonly Stage[], id: StageId | undefined): StageModel | null {
  if (id === undefined) return null;
  const stage = stages.find((s) => String(s.id).toLowerCase() === String(id).toLowerCase());
  return stage ? stageModel(stage) : { id, label: recordLine(String(id)), short: recordLine(String(id)), closed: false };
}

function party(name: string, registers: Registers): Party {
  const id = registers.idOf(name) ?? name;
  return { id, name: recordLine(registers.displayName(name)) };
}

function updateModel(update: Update, stages: readonly Stage[], registers: Registers): UpdateModel {
  return {
    date: update.date,
    stage: stageOf(stages, update.stage),
    proposed_stage: stageOf(stages, update.proposedStage),
    by: update.by ?? null,
    by_name: update.by !== undefined ? recordLine(registers.displayName(update.by)) : null,
    note: recordMarkdown(update.note),
    new_due: update.newDue ?? null,
    previous_due: update.previousDue ?? null,
    reason: update.reason !== undefined ? recordLine(update.reason) : null,
    evidence: update.evidence,
  };
}

function itemSince(item: Item, since: SinceLastMeeting, stages: readonly Stage[]): ItemSince {
  const change = since.stageChanges.filter((c) => c.item.id === item.id).at(-1);
  const move = since.dueMoves.filter((m) => m.item.id === item.id).at(-1);
  const proposal = since.awaitingConfirmation.find((p) => p.item.id === item.id);
  return {
    closed: since.closed.some((i) => i.id === item.id),
    new: since.newItems.some((i) => i.id === item.id),
    newly_overdue: since.newlyOverdue.some((i) => i.id === item.id),
    stage_change: change ? { date: change.date, from: change.from ? stageModel(change.from) : null, to: stageOf(stages, change.to.id)! } : null,
    due_move: move ? { date: move.date, from: move.from ?? null, to: move.to, reason: recordLine(move.reason) } : null,
    proposal: proposal ? { date: proposal.date, proposed: stageOf(stages, proposal.proposed)! } : null,
  };
}

function itemModel(item: Item, facts: ItemFacts, stages: readonly Stage[], registers: Registers, since: SinceLastMeeting, sourceTitle: string): ItemModel {
  const updates = item.updates.map((u) => updateModel(u, stages, registers));
  const owners = item.owners.map((o) => party(o, registers));
  const number = item.number !== undefined ? recordLine(String(item.number)) : null;
  const assessed = !asOfGaps(item)?.notYetAssessed;
  return {
    id: item.id, source: item.source, source_title: sourceTitle, path: item.path, number, ref: item.ref !== undefined ? recordLine(item.ref) : null,
    label: `${KIND_LABEL[item.kind] ?? 'Item'} ${number ?? recordLine(item.title)}`,
    title: recordLine(item.title), kind: item.kind, theme: item.theme !== undefined ? recordLine(item.theme) : null,
    owners, owner_names: owners.map((o) => o.name), approach: item.approach !== undefined ? recordMarkdown(item.approach) : null,
    response: item.response ?? null, due: item.due ?? null, report_back: item.reportBack ?? null,
    stage: assessed ? (stageOf(stages, item.stage) ?? { id: null, label: 'No stage', short: 'no stage', closed: false }) : NOT_ASSESSED,
    assessed,
    open: facts.open, closed: !facts.open, overdue: facts.overdue, days_overdue: facts.daysOverdue ?? null,
    stale: facts.stale, unassigned: facts.unassigned, response_overdue: facts.responseOverdue,
    awaiting_confirmation: facts.awaitingConfirmation, proposed_stage: stageOf(stages, facts.proposedStage),
    due_for_meeting: facts.dueForNextMeeting, last_update: facts.lastUpdate ?? null,
    latest: updates[newestUpdate(item.updates)] ?? null, updates, related: item.related, tags: item.tags,
    extra: item.extra, body: recordMarkdown(item.body),
    closed_before: since.closedBefore.has(item.id),
    since: itemSince(item, since, stages),
  };
}

function attendeeModel(attendee: Attendee, registers: Registers): AttendeeModel {
  if (typeof attendee === 'string') {
    const found = registers.resolve(attendee);
    const person = found?.kind === 'person' ? found.person : undefined;
    return {
      ...party(attendee, registers), role: person?.role !== undefined ? recordLine(person.role) : null,
      body_name: person?.body !== undefined ? recordLine(registers.displayName(person.body)) : null, chair: false,
    };
  }
  // A name the people register knows brings its role and body, unless the entry gives its own.
  const found = registers.resolve(attendee.name);
  const person = found?.kind === 'person' ? found.person : undefined;
  const role = attendee.role ?? person?.role;
  const body = attendee.body ?? person?.body;
  return {
    ...party(attendee.name, registers), role: role !== undefined ? recordLine(role) : null,
    body_name: body !== undefined ? recordLine(registers.displayName(body)) : null, chair: attendee.chair === true,
  };
}

function sourceModel(
  source: Source, items: ItemModel[], registers: Registers, author: AuthorModel | null, since: SinceLastMeeting, stages: readonly Stage[],
  charts: (items: ItemModel[], source: string) => PaperCharts,
): SourceModel {
  const attendees = source.attendees.map((a) => attendeeModel(a, registers));
  const context = recordMarkdown(sourceContext(source.body));
  const reported = items.filter((i) => !i.closed_before);
  const ids = new Set(items.map((i) => i.id));
  const own = { ...since, closed: since.closed.filter((i) => ids.has(i.id)), stageChanges: since.stageChanges.filter((c) => ids.has(c.item.id)),
    dueMoves: since.dueMoves.filter((m) => ids.has(m.item.id)), awaitingConfirmation: since.awaitingConfirmation.filter((p) => ids.has(p.item.id)),
    newlyOverdue: since.newlyOverdue.filter((i) => ids.has(i.id)), newItems: since.newItems.filter((i) => ids.has(i.id)) };
  return {
    id: source.id, path: source.path, title: recordLine(source.title), kind: source.kind,
    made_by: source.madeBy ?? null, made_by_name: source.madeBy !== undefined ? recordLine(registers.displayName(source.madeBy)) : null,
    presented_to: presentedTo(source, registers),
    date: source.date ?? null, url: source.url ?? null, attendees, chair: attendees.find((a) => a.chair) ?? null,
    body: recordMarkdown(source.body.trim()), context, intro: (context.split(/^#{1,6}\s/m)[0] ?? '').trim(), items,
    heading: recordLine(/^#\s+(.+)$/m.exec(source.body.trim().split('\n')[0] ?? '')?.[1] ?? source.title),
    themes: themes(items), reported, update_groups: updateGroups(reported),
    signatory: source.signedBy !== undefined ? authorModel(source.signedBy, registers) : author,
    since: sinceModel(own, new Map(items.map((i) => [i.id, i])), stages),
    charts: charts(items, source.id),
  };
}

/** Whom papers about a source are for: a register id by its name; a name or alias as the source writes it ("PCT Board"); else the maker. */
function presentedTo(source: Source, registers: Registers): string | null {
  const to = source.presentedTo ?? source.madeBy;
  if (to === undefined) return null;
  const isId = registers.idOf(to) === to.trim().toLowerCase();
  return recordLine(isId || source.presentedTo === undefined ? registers.displayName(to) : to);
}

/** The source's body without its own title heading (the paper has its own) nor a leading "General" heading. */
export function sourceContext(body: string): string {
  return body.trim().replace(/^#\s[^\n]*\n+/, '').replace(/^#{1,6}\s+General\s*\n+/i, '').trim();
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
      existing.numbers.push(item.number ?? item.title);
      continue;
    }
    const group: UpdateGroup = { numbers: [item.number ?? item.title], items: [item], latest: item.latest };
    groups.push(group);
    if (key !== undefined) byNote.set(key, group);
  }
  return groups;
}

function meetingModel(meeting: Meeting, registers: Registers): MeetingModel {
  return {
    date: meeting.date, title: meeting.title !== undefined ? recordLine(meeting.title) : null, body: meeting.body ?? null,
    body_name: meeting.body !== undefined ? recordLine(registers.displayName(meeting.body)) : null, tentative: meeting.tentative,
  };
}

function authorModel(author: string | undefined, registers: Registers): AuthorModel | null {
  if (author === undefined) return null;
  const found = registers.resolve(author);
  if (found?.kind !== 'person') return { id: author, name: recordLine(registers.displayName(author)), role: null, body: null, body_name: null, email: null, phone: null };
  const p = found.person;
  return {
    id: p.id, name: recordLine(p.name), role: p.role !== undefined ? recordLine(p.role) : null, body: p.body ?? null,
    body_name: p.body !== undefined ? recordLine(registers.displayName(p.body)) : null, email: p.email ?? null, phone: p.phone ?? null,
  };
}
