// One record file's text (source.md or an item) into the model plus its own
// problems. Pure: its result depends only on the text and the config's
// extra_fields, so it can be cached. Reading is read.ts; the store (store/) decides what to read.

import type { Diagnostic } from './diagnostic.js';
import { findConflictMarker, parseYaml, splitFrontmatter, YamlLocator } from './frontmatter.js';
import { NO_EXTRA, NONE, type Attendee, type Item, type Source, type Update } from './model.js';
import { markdownDiagnostics } from './markdown-limits.js';
import { placeProblems, problemToDiagnostic, type TextRead } from './read.js';
import { asList, check, ITEM_KEYS, itemSchema, sourceSchema, updateSchema, type ItemData, type SourceData, type UpdateData } from './schema.js';
import type { z } from 'zod';

export interface ParsedRecord {
  /** Workspace-relative path, with forward slashes. */
  path: string;
  /** Undefined when the file could not be read at all. */
  source?: Source;
  item?: Item;
  /** Problems in this file alone, placed by line and column. */
  diagnostics: readonly Diagnostic[];
  /**
   * The frontmatter text the record was parsed from, kept in memory only (the
   * cache never stores it), so placing a problem later needs no second read.
   */
  yaml?: string;
}

type Frontmatter = { data: Record<string, unknown>; body: string; yaml: string };

function readFrontmatter(read: TextRead, path: string): Frontmatter | { diagnostic: Diagnostic } {
  if ('diagnostic' in read) return read;
  return frontmatterOf(read.text, path);
}

function frontmatterOf(text: string, path: string): Frontmatter | { diagnostic: Diagnostic } {
  const split = splitFrontmatter(text);
  if ('problem' in split) return { diagnostic: problemToDiagnostic(path, split.problem) };
  // With its last line break the parser need not copy the text to add one; a
  // mistake is placed without it, so an unclosed quote points at its own line.
  let parsed = parseYaml(split.parts.yamlWithBreak);
  if ('problem' in parsed) parsed = parseYaml(split.parts.yaml);
  if ('problem' in parsed) return { diagnostic: problemToDiagnostic(path, parsed.problem) };
  const data = parsed.data ?? {};
  if (typeof data !== 'object' || Array.isArray(data)) {
    return {
      diagnostic: problemToDiagnostic(path, {
        rule: 'wrong-type',
        message: 'the frontmatter should be a set of "key: value" lines',
        hint: 'write one key per line, such as "title: Cohesive community development strategy"',
        line: 2,
        column: 1,
      }),
    };
  }
  return { data: data as Record<string, unknown>, body: split.parts.body, yaml: split.parts.yaml };
}

/**
 * Check `data` against `schema`; when it fails, keep every field that passes
 * on its own, so one bad key never hides the rest of the record.
 */
function checkLenient<T>(
  schema: z.ZodType<T>,
  fields: Record<string, z.ZodType>,
  fm: Frontmatter,
  path: string,
): { value: Partial<T>; diagnostics: readonly Diagnostic[] } {
  const checked = check(schema, fm.data);
  if ('value' in checked) return { value: checked.value, diagnostics: NONE };
  const diagnostics = placeProblems(path, checked.problems, new YamlLocator(fm.yaml));
  const value: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(fm.data)) {
    // Object.hasOwn: a "__proto__" key must not find Object.prototype.
    if (!Object.hasOwn(fields, key)) continue;
    const field = fields[key]!;
    const result = field.safeParse(raw);
    if (result.success) value[key] = result.data;
    else if (key === 'updates' && Array.isArray(raw)) value[key] = salvageUpdates(raw);
  }
  return { value: value as Partial<T>, diagnostics };
}

/** The updates that can be read; once one is dropped, those after it keep their place in the file. */
function salvageUpdates(raw: unknown[]): SalvagedUpdate[] {
  const updates: SalvagedUpdate[] = [];
  raw.forEach((u, position) => {
    const update = salvageUpdate(u);
    if (!update) return;
    if (position !== updates.length) update.position = position;
    updates.push(update);
  });
  return updates;
}

type SalvagedUpdate = UpdateData & { position?: number };

function salvageUpdate(raw: unknown): SalvagedUpdate | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const update: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(updateSchema.shape)) {
    const result = (field as z.ZodType).safeParse((raw as Record<string, unknown>)[key]);
    if (result.success) update[key] = result.data;
  }
  if (typeof update['date'] !== 'string') return undefined;
  update['note'] ??= '';
  return update as UpdateData;
}


// Optional keys are set only when present (an absent key, not `undefined`), by
// assignment rather than spreads: the loader makes these by the hundred thousand.

function toUpdate(u: SalvagedUpdate): Update {
  const update: Update = { date: u.date, note: u.note, evidence: asList(u.evidence) };
  if (u.stage != null) update.stage = u.stage;
  if (u.proposed_stage != null) update.proposedStage = u.proposed_stage;
  if (u.by != null) update.by = u.by;
  if (u.new_due != null) update.newDue = u.new_due;
  if (u.previous_due != null) update.previousDue = u.previous_due;
  if (u.reason != null) update.reason = u.reason;
  if (u.position !== undefined) update.position = u.position;
  return update;
}

const CONTRACT_ITEM_KEYS = new Set(ITEM_KEYS);

/** An item from its file's text (see read.ts). */
export function parseItem(read: TextRead, path: string, id: string, source: string, extraFields: readonly string[]): ParsedRecord {
  return itemFrom(readFrontmatter(read, path), path, id, source, extraFields);
}

/** An item from text already in hand, such as a file's contents at an old git commit. */
export function parseItemText(text: string, path: string, id: string, source: string, extraFields: readonly string[]): ParsedRecord {
  const conflict = findConflictMarker(text);
  if (conflict) {
    const problem = { rule: 'merge-conflict', message: 'the file holds git merge-conflict markers', ...conflict };
    return { path, diagnostics: [problemToDiagnostic(path, problem)] };
  }
  return itemFrom(frontmatterOf(text.replace(/^\uFEFF/, ''), path), path, id, source, extraFields);
}

function itemFrom(fm: Frontmatter | { diagnostic: Diagnostic }, path: string, id: string, source: string, extraFields: readonly string[]): ParsedRecord {
  if ('diagnostic' in fm) return { path, diagnostics: [fm.diagnostic] };
  const schema = itemSchema(extraFields);
  const { value: d, diagnostics } = checkLenient(schema as unknown as z.ZodType<ItemData>, schema.shape, fm, path);
  let extra: Record<string, unknown> | undefined;
  for (const key of extraFields) if (!CONTRACT_ITEM_KEYS.has(key) && d[key] !== undefined) (extra ??= {})[key] = d[key];
  const item: Item = {
    id,
    source,
    path,
    title: d.title ?? id,
    kind: d.kind ?? 'recommendation',
    owners: asList(d.owners),
    related: asList(d.related),
    tags: asList(d.tags),
    updates: (d.updates ?? []).map(toUpdate),
    extra: extra ?? NO_EXTRA,
    body: fm.body,
  };
  if (d.number != null) item.number = d.number;
  if (d.ref != null) item.ref = d.ref;
  if (d.approach != null) item.approach = d.approach;
  if (d.theme != null) item.theme = d.theme;
  if (d.response != null) item.response = d.response;
  if (d.due != null) item.due = d.due;
  if (d.report_back != null) item.reportBack = d.report_back;
  if (d.stage != null) item.stage = d.stage;
  const texts = item.updates.flatMap((u, i) => [
    { path: ['updates', u.position ?? i, 'note'], text: u.note },
    ...(u.reason !== undefined ? [{ path: ['updates', u.position ?? i, 'reason'], text: u.reason }] : []),
  ]);
  const unrenderable = markdownDiagnostics(path, fm.yaml, fm.body, texts);
  return { path, item, diagnostics: unrenderable.length > 0 ? [...diagnostics, ...unrenderable] : diagnostics, yaml: fm.yaml };
}

type AttendeeData = NonNullable<SourceData['attendees']>[number];

function toAttendee(a: AttendeeData): Attendee {
  if (typeof a === 'string') return a;
  const attendee: Attendee = { name: a.name };
  if (a.role != null) attendee.role = a.role;
  if (a.body != null) attendee.body = a.body;
  if (a.chair) attendee.chair = true;
  return attendee;
}

/** A source from its file's text (see read.ts). */
export function parseSource(read: TextRead, path: string, id: string): ParsedRecord {
  const fm = readFrontmatter(read, path);
  if ('diagnostic' in fm) return { path, diagnostics: [fm.diagnostic] };
  const { value: d, diagnostics } = checkLenient<SourceData>(sourceSchema, sourceSchema.shape, fm, path);
  const source: Source = {
    id,
    path,
    title: d.title ?? id,
    kind: d.kind ?? 'other',
    attendees: d.attendees ? d.attendees.map(toAttendee) : NONE,
    body: fm.body,
  };
  if (d.made_by != null) source.madeBy = d.made_by;
  if (d.date != null) source.date = d.date;
  if (d.url != null) source.url = d.url;
  if (d.presented_to != null) source.presentedTo = d.presented_to;
  if (d.signed_by != null) source.signedBy = d.signed_by;
  const unrenderable = markdownDiagnostics(path, fm.yaml, fm.body, []);
  return { path, source, diagnostics: unrenderable.length > 0 ? [...diagnostics, ...unrenderable] : diagnostics, yaml: fm.yaml };
}
