// `track collect`: what owners sent back, as updates. Every row of every
// file is checked first; any problem and nothing is written. A row already
// collected is passed over, so collecting a workbook twice adds nothing.

import { basename, extname, join } from 'node:path';
import { Refusal, UnusableInput } from '../errors.js';
import { checkDateOption } from '../records/dates.js';
import { factContext, itemFacts } from '../derive/facts.js';
import { formatUkDate, type TrackDate } from '../records/dates.js';
import { matchId } from '../records/ids.js';
import type { Item, Stage, Update, Workspace } from '../records/model.js';
import { buildRegisters, type Registers } from '../records/registers.js';
import { readRequests, requestsText, REQUESTS_FILE, type RequestEntry, type RequestManifest } from '../records/requests.js';
import { stageKey } from '../records/stages.js';
import { readSpreadsheet } from '../interop/read.js';
import { REQUEST_COLUMNS } from '../interop/request-book.js';
import { stageFromCell } from '../interop/rows.js';
import { sheetOf, type SheetRow } from '../interop/sheet.js';
import { readSheetDate } from '../interop/uk-dates.js';
import type { UpdateEntry } from '../write/edit.js';
import { writeItemEdits, type PlannedEdit } from '../write/items.js';
import { checkCandidates } from '../rules/candidates.js';
import { writeFiles, type FileToWrite } from '../write/transaction.js';
import { loadWorkspace } from '../records/store/index.js';
import { ownerId } from './round.js';
import { sameMeeting } from '../derive/replies.js';

export interface CollectOptions {
  root: string;
  today: string;
  /** Each file as the officer named it, and its absolute path. */
  files: { file: string; path: string }[];
  /** The date of every update; default today. */
  date?: string;
  dryRun: boolean;
}

export interface CollectedUpdate {
  id: string;
  path: string;
  owner: string;
  file: string;
  row: number;
  proposedStage?: string | number;
  newDue?: string;
}

export interface CollectResult {
  /** The updates added (or, with dryRun, that would be), in file and row order. */
  updates: CollectedUpdate[];
  /** Rows passed over because their update is already in the records. */
  alreadyCollected: number;
  dryRun: boolean;
}

interface Problem {
  file: string;
  row: number;
  column: number;
  message: string;
}

type Column = (typeof REQUEST_COLUMNS)[number];
const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');
const isHeading = (cells: readonly string[]) => cells.some((c) => norm(c) === 'id') && cells.some((c) => norm(c) === 'progress');
const sameText = (a: string, b: string) => a.replace(/\s+/g, ' ').trim() === b.replace(/\s+/g, ' ').trim();

interface Planned {
  item: Item;
  entry: UpdateEntry;
  collected: CollectedUpdate;
}

/** The request a returned file answers: its owner, the meeting it was for and the day it was made (when known). */
interface Answered {
  owner: string;
  meeting?: TrackDate;
  made?: TrackDate;
}

class Round {
  readonly problems: Problem[] = [];
  readonly planned: Planned[] = [];
  alreadyCollected = 0;
  /** Each item's target date as the rows so far leave it, so a second move in one run replaces the first. */
  private readonly due = new Map<Item, string | undefined>();
  private readonly registers: Registers;
  private readonly facts: ReturnType<typeof factContext>;

  constructor(
    private readonly workspace: Workspace,
    private readonly date: TrackDate,
    private readonly requests: readonly RequestEntry[],
  ) {
    this.registers = buildRegisters(workspace.config);
    this.facts = factContext(workspace, date);
  }

  async readFile(file: string, path: string): Promise<Answered | undefined> {
    const content = await readSpreadsheet(file, path);
    const sheet = sheetOf(content.rows, isHeading);
    const problem = (row: number, column: number, message: string): void => {
      this.problems.push({ file, row, column, message });
    };
    if (!sheet || !isHeading(sheet.headers)) {
      problem(1, 1, `has no heading row with the columns ${REQUEST_COLUMNS.map((c) => `"${c}"`).join(', ')}: send the owner the workbook "track request" made and collect that`);
      return undefined;
    }
    const columns = new Map<Column, number>();
    for (const name of REQUEST_COLUMNS) {
      const at = sheet.headers.findIndex((h) => norm(h) === norm(name));
      if (at === -1) problem(sheet.headerRow, 1, `has no "${name}" column: the heading row needs ${REQUEST_COLUMNS.map((c) => `"${c}"`).join(', ')}`);
      else columns.set(name, at);
    }
    if (columns.size < REQUEST_COLUMNS.length) return undefined;
    const owner = this.ownerOf(content.settings.get('owner'), path);
    if (owner === undefined) {
      problem(1, 1, `cannot tell whose workbook this is: "track request" names each workbook after its owner (leeds-pct.xlsx); save it under that name, as .xlsx or .csv`);
      return undefined;
    }
    const answered = this.answered(owner, content.settings);
    const seen = new Map<Item, number>();
    for (const row of sheet.rows) this.readRow(file, answered, row, columns, seen);
    return answered;
  }

  /**
   * The request a file answers: as its hidden settings say; a file without
   * them (a CSV) answers the owner's latest request, when there was one.
   */
  private answered(owner: string, settings: ReadonlyMap<string, string>): Answered {
    const meeting = settings.get('meeting');
    const made = settings.get('made');
    if (meeting !== undefined && meeting !== '') return { owner, meeting, ...(made ? { made } : {}) };
    const latest = this.requests.filter((r) => r.owner === owner).sort((a, b) => (a.made < b.made ? -1 : a.made > b.made ? 1 : 0)).pop();
    return latest ? { owner, meeting: latest.meeting, made: latest.made } : { owner };
  }

  /** The owner a workbook was made for: its hidden settings, else its file name (a CSV keeps only that). */
  private ownerOf(setting: string | undefined, path: string): string | undefined {
    if (setting !== undefined && setting !== '') return ownerId(this.registers, setting);
    const name = basename(path, extname(path)).replace(/ \(\d+\)$/, '');
    const key = ownerId(this.registers, name);
    const known = this.workspace.items.some((i) => i.owners.some((o) => ownerId(this.registers, o) === key));
    return known ? key : undefined;
  }

  private readRow(file: string, answered: Answered, row: SheetRow, columns: Map<Column, number>, seen: Map<Item, number>): void {
    const { owner } = answered;
    const cell = (name: Column) => (row.cells[columns.get(name)!] ?? '').trim();
    const problem = (name: Column, message: string): void => {
      this.problems.push({ file, row: row.row, column: columns.get(name)! + 1, message });
    };
    for (const error of row.errors ?? []) {
      this.problems.push({ file, row: row.row, column: error.column, message: `the cell shows the spreadsheet error ${error.text}, not a value: type the value in instead` });
    }
    const note = cell('Progress');
    const proposed = cell('Proposed stage');
    const newDate = cell('New target date');
    const reason = cell('Reason for new date');
    const hasErrors = (row.errors?.length ?? 0) > 0;
    if (note === '' && proposed === '' && newDate === '' && reason === '' && !hasErrors) return; // Nothing to say on this item.
    const idText = cell('Id');
    if (idText === '') return problem('Id', 'the row has an answer but no Id: put back the Id of the item it is about');
    const match = matchId(this.workspace.items, idText);
    if (!('item' in match) && match.candidates.length > 1) {
      const shown = match.candidates.slice(0, 5).map((i) => i.id).join(', ');
      return problem('Id', `${idText} could be any of ${shown}${match.candidates.length > 5 ? ` and ${match.candidates.length - 5} more` : ''}: put back the whole Id from the workbook "track request" made`);
    }
    if (!('item' in match)) {
      const unreadable = this.workspace.unreadable.some((p) => p.replace(/^records\//, '').replace(/\.md$/, '') === idText.toLowerCase());
      return problem('Id', unreadable ? `${idText} cannot be read: fix its record first ("track validate")` : `${idText} is not an item in the records: check the Id against the workbook "track request" made`);
    }
    const { item } = match;
    if (!item.owners.some((o) => ownerId(this.registers, o) === owner)) {
      return problem('Id', `${item.id} is not owned by ${this.registers.displayName(owner)}: its owners are ${item.owners.join(', ') || 'none'}`);
    }
    const twice = seen.get(item);
    if (twice !== undefined) return problem('Id', `${item.id} is answered twice in this file (rows ${twice} and ${row.row}): keep one row for it`);
    seen.set(item, row.row);
    if (hasErrors) return;
    if (note === '') problem('Progress', 'Progress is empty: say what has been done, beside the proposed stage or new date');
    let stage: Stage | undefined;
    if (proposed !== '') {
      stage = stageFromCell(this.workspace.config.stages, proposed);
      if (!stage) problem('Proposed stage', `"${proposed}" is not a stage: choose one of ${this.workspace.config.stages.map((s) => `"${s.label}"`).join(', ')} (or its number)`);
    }
    let newDue: string | undefined;
    if (newDate !== '') {
      const read = readSheetDate(newDate);
      if ('problem' in read) problem('New target date', read.problem);
      else newDue = read.date;
      if (reason === '') problem('Reason for new date', 'a new target date needs a reason: say why the date moved');
    } else if (reason !== '') problem('New target date', 'there is a reason for a new date but no new target date');
    if (note === '' || (proposed !== '' && !stage) || (newDate !== '' && (newDue === undefined || reason === ''))) return;
    const entry: UpdateEntry = {
      date: this.date,
      by: owner,
      note,
      ...(stage ? { proposedStage: stage.id } : {}),
      ...(newDue !== undefined ? { newDue, reason, ...this.previousDue(item) } : {}),
    };
    // Collected before: this reply already in the records since its request was made, or in another file of this run.
    const since = (u: Update) => answered.made === undefined || u.date >= answered.made || u.date === entry.date;
    if (item.updates.some((u) => since(u) && saysTheSame(u, entry)) || this.planned.some((p) => p.item === item && saysTheSame(p.entry, entry))) {
      this.alreadyCollected++;
      return;
    }
    const changed = this.changes(item, cell('Stage'), cell('Due'), cell('Last update'));
    if (changed) return problem('Id', `${item.id} has changed since this workbook was made: ${changed}; ask ${this.registers.displayName(owner)} to check the answer against the item as it is now, or make the update with "track update"`);
    if (newDue !== undefined) this.due.set(item, newDue);
    const collected: CollectedUpdate = { id: item.id, path: item.path, owner, file, row: row.row, ...(stage ? { proposedStage: stage.id } : {}), ...(newDue !== undefined ? { newDue } : {}) };
    this.planned.push({ item, entry, collected });
  }

  private previousDue(item: Item): { previousDue?: string } {
    const due = this.due.has(item) ? this.due.get(item) : item.due;
    return due !== undefined ? { previousDue: due } : {};
  }

  /**
   * What has changed on the item since the workbook showed it, in words;
   * undefined when nothing has. Owners' own replies since (a joint owner's
   * answer, collected first) are not changes.
   */
  private changes(item: Item, stageCell: string, dueCell: string, lastCell: string): string | undefined {
    const facts = itemFacts(item, this.facts);
    const found: string[] = [];
    if (stageCell !== '') {
      const was = stageFromCell(this.workspace.config.stages, stageCell);
      if (was && facts.stage && stageKey(was.id) !== stageKey(facts.stage.id)) found.push(`its stage is now ${facts.stage.id} (${facts.stage.label}), not ${was.label}`);
    }
    const wasDue = dueCell === '' ? undefined : readSheetDate(dueCell);
    const dueThen = wasDue && 'date' in wasDue ? wasDue.date : undefined;
    const owners = new Set(item.owners.map((o) => ownerId(this.registers, o)));
    const byOwner = (u: Update) => u.by !== undefined && owners.has(ownerId(this.registers, u.by));
    // A joint owner's reply, collected first, that moved the date from what the workbook showed is not a change.
    const movedByOwner = item.updates.some((u) => byOwner(u) && u.newDue !== undefined && u.newDue === item.due && u.previousDue === dueThen);
    if ((dueCell === '' || dueThen !== undefined) && dueThen !== item.due && !this.due.has(item) && !movedByOwner) {
      found.push(item.due ? `its target date is now ${formatUkDate(item.due)}${dueThen ? `, not ${formatUkDate(dueThen)}` : ''}` : 'its target date has been removed');
    }
    const lastThen = lastCell === '' ? undefined : readSheetDate(lastCell);
    const lastDate = lastThen && 'date' in lastThen ? lastThen.date : undefined;
    const since = item.updates.filter((u) => (lastDate === undefined || u.date > lastDate) && !(u.stage === undefined && byOwner(u)));
    if (lastCell === '' || lastDate !== undefined) {
      const newest = since[since.length - 1];
      if (newest) found.push(`an update of ${formatUkDate(newest.date)} has been added`);
    }
    return found.length > 0 ? found.join(', and ') : undefined;
  }
}

/** What an update says, and who said it: as the records have it, or as a row of this run would write it. */
type Said = Pick<Update, 'by' | 'note' | 'proposedStage' | 'newDue'>;

/** Two updates that say the same, by the same owner: the row was collected before. */
function saysTheSame(a: Said, b: Said): boolean {
  return (
    a.by !== undefined && a.by === b.by && sameText(a.note, b.note) &&
    String(a.proposedStage ?? '') === String(b.proposedStage ?? '') && (a.newDue ?? '') === (b.newDue ?? '')
  );
}

function problemsText(problems: Problem[]): string {
  const lines = [...problems].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.row - b.row || a.column - b.column)).map((p) => `${p.file}:${p.row}:${p.column} ${p.message}`);
  const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
  return `${lines.join('\n')}\n${count}; nothing was written. Correct the workbooks (or ask their owners to) and collect them again.`;
}

export async function collect(options: CollectOptions): Promise<CollectResult> {
  if (options.files.length === 0) throw new UnusableInput('Name the returned workbooks to collect, for example "track collect replies/*.xlsx".');
  checkDateOption('date', options.date, false);
  const workspace = await loadWorkspace(options.root);
  const requests = readRequests(options.root);
  const round = new Round(workspace, options.date ?? options.today, requests.requests);
  const answered: Answered[] = [];
  for (const { file, path } of options.files) {
    const one = await round.readFile(file, path);
    if (one !== undefined) answered.push(one);
  }
  if (round.problems.length > 0) throw new Refusal(problemsText(round.problems));
  const updates = round.planned.map((p) => p.collected);
  if (!options.dryRun) {
    const plans: PlannedEdit[] = round.planned.map(({ item, entry }) => ({ item, edit: { update: entry, ...(entry.newDue !== undefined ? { due: entry.newDue } : {}) } }));
    const manifest = returnedManifest(options.root, requests, answered, options.today);
    if (plans.length > 0) await writeItemEdits(workspace, checkCandidates(workspace, options.today), plans, manifest);
    else if (manifest.length > 0) await writeFiles(manifest, { within: options.root });
  }
  return { updates, alreadyCollected: round.alreadyCollected, dryRun: options.dryRun };
}

/**
 * The manifest with the requests the files answer marked returned (each
 * owner's for the meeting its file was made for; a file that does not say,
 * every open one of its owner's), to write with the updates; none when
 * nothing changes.
 */
function returnedManifest(root: string, manifest: RequestManifest, answered: readonly Answered[], date: TrackDate): FileToWrite[] {
  let changed = false;
  for (const r of manifest.requests) {
    if (r.returned === undefined && answered.some((a) => a.owner === r.owner && (a.meeting === undefined || sameMeeting(a.meeting, r.meeting)))) {
      r.returned = date;
      changed = true;
    }
  }
  return changed ? [{ path: join(root, REQUESTS_FILE), shown: REQUESTS_FILE, bytes: requestsText(manifest) }] : [];
}
