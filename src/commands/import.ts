// `track import`: items from an existing spreadsheet tracker (CSV or XLSX),
// every row checked before anything is written; then all rows or none.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { BadOption, Refusal, UnusableInput, worded, type FlagOf } from '../errors.js';
import type { ColumnMap, ImportField } from '../interop/headers.js';
import { looksLikeHeading, mapColumns } from '../interop/headers.js';
import { readSpreadsheet } from '../interop/read.js';
import { readRow, type CellProblem, type ImportedItem } from '../interop/rows.js';
import { sheetOf, type Sheet } from '../interop/sheet.js';
import type { Diagnostic } from '../records/diagnostic.js';
import type { Stage, StageId, Workspace } from '../records/model.js';
import { stageChoices, stageFromInput } from '../records/stages.js';
import { buildRegisters } from '../records/registers.js';
import { RECORDS_DIR } from '../records/tree.js';
import type { Candidate } from '../records/candidate.js';
import { checkCandidates } from '../rules/candidates.js';
import { editItem } from '../write/edit.js';
import { createItemFiles } from '../write/items.js';
import { newItemText } from '../write/new-item.js';
import { defaultStage, nextNumber } from './new.js';
import { loadWorkspace } from '../records/store/index.js';

export interface ImportOptions {
  root: string;
  today: string;
  /** The file as the officer named it, for messages. */
  file: string;
  /** The same file, absolute. */
  path: string;
  source: string;
  /** "COLUMN=FIELD" overrides of the default header mapping. */
  maps: string[];
  /** "VALUE=STAGE": the tracker's own status words as stages of the scale. */
  stageMaps?: string[];
  dryRun: boolean;
  /** Told what is being done, for a progress line. */
  onProgress?: (what: string) => void;
}

export interface ImportResult {
  /** Each new item, in row order (to be) written. */
  items: { id: string; path: string; title: string; row: number }[];
  /** Headers of columns that were not imported. */
  ignored: string[];
  dryRun: boolean;
}

async function readSheet(file: string, path: string, maps: readonly string[]): Promise<Sheet | undefined> {
  const { rows } = await readSpreadsheet(file, path);
  return sheetOf(rows, (cells) => looksLikeHeading(cells, maps));
}

function checkSource(workspace: Workspace, root: string, given: string): string {
  const source = given.trim().toLowerCase().replace(/^records\//, '').replace(/\/$/, '');
  if (workspace.sources.some((s) => s.id === source)) return source;
  const folder = `${RECORDS_DIR}/${source}`;
  const known = workspace.sources.map((s) => s.id).join(', ') || 'none yet';
  const why = existsSync(join(root, folder)) ? `${folder} has no readable source.md` : `there is no folder ${folder}`;
  throw new Refusal(`No source "${given}": ${why}. The sources are: ${known}. Make the folder with a source.md first, then import into it.`);
}

const fileName = (number: number | string) => `r${String(number).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '')}`;

interface Planned {
  item: ImportedItem;
  candidate: Omit<Candidate, 'before'>;
}

/** Numbers from the rows, else the next free ones; a number used twice is a problem of its row. */
function plan(workspace: Workspace, source: string, items: ImportedItem[], columns: ColumnMap, problems: CellProblem[]): Planned[] {
  const taken = new Map<string, string>();
  for (const i of workspace.items) if (i.source === source && i.number !== undefined) taken.set(String(i.number).toLowerCase(), i.path);
  const numberColumn = (columns.fields.number ?? 0) + 1;
  const clashes = new Set<ImportedItem>();
  for (const item of items) {
    if (item.number === undefined) continue;
    const key = String(item.number).toLowerCase();
    const by = taken.get(key);
    if (by !== undefined) {
      problems.push({ row: item.row, column: numberColumn, message: `number ${item.number} is already used by ${by}` });
      clashes.add(item);
    } else taken.set(key, `row ${item.row}`);
  }
  let next = nextNumber(workspace, source);
  const stage = defaultStage(workspace.config.stages);
  return items.map((item) => {
    if (item.number === undefined) {
      while (taken.has(String(next)) || existsSync(join(workspace.root, RECORDS_DIR, source, `${fileName(next)}.md`))) next++;
      item.number = next;
      taken.set(String(next), `row ${item.row}`);
    }
    const name = fileName(item.number);
    const path = `${RECORDS_DIR}/${source}/${name}.md`;
    if (!clashes.has(item) && existsSync(join(workspace.root, path))) problems.push({ row: item.row, column: numberColumn, message: `${path} already exists` });
    return { item, candidate: { path, id: `${source}/${name}`, source, after: itemText(item, stage) } };
  });
}

function itemText(item: ImportedItem, stage: string | number): string {
  const text = newItemText({
    title: item.title,
    number: item.number!,
    owners: item.owners,
    stage: item.stage ?? stage,
    text: item.text,
    tags: item.tags,
    ...(item.ref !== undefined ? { ref: item.ref } : {}),
    ...(item.kind !== undefined ? { kind: item.kind } : {}),
    ...(item.theme !== undefined ? { theme: item.theme } : {}),
    ...(item.response !== undefined ? { response: item.response } : {}),
    ...(item.due !== undefined ? { due: item.due } : {}),
    ...(item.reportBack !== undefined ? { reportBack: item.reportBack } : {}),
  });
  return item.update ? editItem({ text, bom: false, eol: '\n' }, { update: item.update }) : text;
}

// The record key a rule names, back to the column it came from.
const FIELD_OF_KEY: Record<string, Exclude<ImportField, 'skip'>> = {
  title: 'title', number: 'number', ref: 'ref', kind: 'kind', theme: 'theme', owners: 'owners', response: 'response', due: 'due',
  report_back: 'report_back', stage: 'stage', tags: 'tags', updates: 'update',
};

/** A problem the records' own rules find in a would-be file, placed at its row and column. */
function problemOf(d: Diagnostic, planned: Planned[], columns: ColumnMap): CellProblem {
  const p = planned.find((x) => x.candidate.path === d.file)!;
  const key = d.pointer?.path[0] ?? /^([a-z_]+):/.exec(p.candidate.after.split('\n')[d.line - 1] ?? '')?.[1];
  const field = FIELD_OF_KEY[String(key)];
  const column = field !== undefined ? columns.fields[field] : undefined;
  return { row: p.item.row, column: (column ?? 0) + 1, message: d.message };
}

/** "Ongoing=amber" into a map of status words (lower case) to stage ids; a stage not on the scale is a usage mistake. */
function parseStageMaps(stages: readonly Stage[], maps: readonly string[]): Map<string, StageId> {
  const out = new Map<string, StageId>();
  for (const map of maps) {
    const at = map.lastIndexOf('=');
    const value = at === -1 ? '' : map.slice(0, at).trim();
    if (value === '') throw new BadOption('stageMaps', map, (flag) => `${flag('stageMaps')} ${map} should read VALUE=STAGE, for example ${flag('stageMaps')} "Ongoing=4".`);
    const stage = stageFromInput(stages, map.slice(at + 1).trim());
    if (!stage) throw new BadOption('stageMaps', map, (flag) => `${flag('stageMaps')} ${map}: "${map.slice(at + 1).trim()}" is not on the stage scale of track.config.yaml: expected one of: ${stageChoices(stages)}, or a stage's label.`);
    out.set(value.toLowerCase().replace(/\s+/g, ' '), stage.id);
  }
  return out;
}

export async function importItems(options: ImportOptions): Promise<ImportResult> {
  const progress = options.onProgress ?? (() => undefined);
  progress('reading the workspace');
  const workspace = await loadWorkspace(options.root);
  const source = checkSource(workspace, options.root, options.source);
  progress(`reading ${options.file}`);
  const sheet = await readSheet(options.file, options.path, options.maps);
  if (!sheet) throw new UnusableInput(`${options.file} is empty: it needs a header row (such as "No.", "Recommendation", "Lead") and a row per item.`);
  const columns = mapColumns(sheet.headers, options.maps, options.file);
  if (sheet.rows.length === 0) throw new Refusal(`${options.file} has no rows under its header: nothing to import.`);
  progress(`checking ${sheet.rows.length} rows`);
  const stageMap = parseStageMaps(workspace.config.stages, options.stageMaps ?? []);
  const context = { columns, stages: workspace.config.stages, registers: buildRegisters(workspace.config), today: options.today, stageMap };
  const problems: CellProblem[] = [];
  const items: ImportedItem[] = [];
  for (const row of sheet.rows) {
    const read = readRow(row, context);
    problems.push(...read.problems);
    if (read.item) items.push(read.item);
  }
  const planned = plan(workspace, source, items, columns, problems);
  const check = checkCandidates(workspace, options.today);
  if (problems.length === 0) {
    for (const d of check(planned.map((p) => p.candidate))) problems.push(problemOf(d, planned, columns));
  }
  if (problems.length > 0) {
    const sorted = problems.sort((a, b) => a.row - b.row || a.column - b.column);
    const lines = (flag: FlagOf) => sorted.map((p) => `${options.file}:${p.row}:${p.column} ${worded(p.message, flag)}`).join('\n');
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    throw new Refusal((flag) => `${lines(flag)}\n${count} in ${options.file}; nothing was written. Correct the spreadsheet (or the mapping) and import again.`);
  }
  if (!options.dryRun) progress(`writing ${planned.length} items`);
  if (!options.dryRun) await createItemFiles(workspace, check, planned.map((p) => p.candidate));
  return {
    items: planned.map((p) => ({ id: p.candidate.id, path: p.candidate.path, title: p.item.title, row: p.item.row })),
    ignored: columns.ignored,
    dryRun: options.dryRun,
  };
}
