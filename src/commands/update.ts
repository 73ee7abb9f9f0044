// `track update`: one progress update appended to each item named, with the
// stage agreed (or proposed) and a moved target date with its reason.

import { ExitError } from '../errors.js';
import { dateProblem } from '../records/dates.js';
import { resolveId } from '../records/ids.js';
import type { Item, StageId, Workspace } from '../records/model.js';
import { findStage, stageChoices } from '../records/stages.js';
import type { ItemEdit, UpdateEntry } from '../write/edit.js';
import { writeItemEdits } from '../write/items.js';
import { loadWorkspace } from '../records/store/index.js';

export interface UpdateOptions {
  root: string;
  today: string;
  ids: string[];
  note: string;
  stage?: string;
  proposedStage?: string;
  /** Default: today. */
  date?: string;
  by?: string;
  newDue?: string;
  reason?: string;
}

export interface UpdateResult {
  /** The items updated, in the order named. */
  updated: { id: string; path: string }[];
}

function checkDate(flag: string, value: string, allowMonth: boolean): void {
  const problem = dateProblem(value, allowMonth);
  if (problem) throw new ExitError(2, `${flag} ${problem.message}: ${problem.hint}.`);
}

function stageOf(workspace: Workspace, flag: string, value: string | undefined): StageId | undefined {
  if (value === undefined) return undefined;
  const stage = findStage(workspace.config.stages, value);
  if (!stage) throw new ExitError(1, `${flag} ${value} is not on the stage scale of track.config.yaml: expected one of: ${stageChoices(workspace.config.stages)}.`);
  return stage.id;
}

/** The flag combinations that are usage mistakes (exit 2), checked before the workspace is read. */
export function checkUpdateFlags(options: Omit<UpdateOptions, 'root' | 'today'>): void {
  if (options.ids.length === 0) throw new ExitError(2, 'Name at least one item to update, for example "track update r1 --note …".');
  if (options.stage !== undefined && options.proposedStage !== undefined) {
    throw new ExitError(2, 'Give --stage (the stage the board agreed) or --proposed-stage (the stage the owner reports), not both.');
  }
  if (options.reason !== undefined && options.newDue === undefined) {
    throw new ExitError(2, '--reason explains a moved target date: give it with --new-due DATE.');
  }
  if (options.note.trim() === '') throw new ExitError(2, 'The update has no text: give it with --note TEXT, --note-file FILE or on standard input.');
  if (options.date !== undefined) checkDate('--date', options.date, false);
  if (options.newDue !== undefined) checkDate('--new-due', options.newDue, true);
}

export async function update(options: UpdateOptions): Promise<UpdateResult> {
  checkUpdateFlags(options);
  const workspace = await loadWorkspace(options.root);
  const stage = stageOf(workspace, '--stage', options.stage);
  const proposedStage = stageOf(workspace, '--proposed-stage', options.proposedStage);
  if (options.newDue !== undefined && !options.reason?.trim()) {
    throw new ExitError(1, `A moved target date needs a reason: add --reason "why the date moved" beside --new-due ${options.newDue}. Nothing was written.`);
  }
  // Every id is resolved before anything is written: a typo never leaves half the items updated.
  const items: Item[] = [];
  for (const id of options.ids) {
    const item = resolveId(workspace.items, id, workspace.unreadable);
    if (!items.includes(item)) items.push(item);
  }
  const entry: UpdateEntry = {
    date: options.date ?? options.today,
    note: options.note,
    ...(stage !== undefined ? { stage } : {}),
    ...(proposedStage !== undefined ? { proposedStage } : {}),
    ...(options.by !== undefined ? { by: options.by } : {}),
    ...(options.newDue !== undefined ? { newDue: options.newDue, reason: options.reason! } : {}),
  };
  const edit: ItemEdit = {
    update: entry,
    ...(stage !== undefined ? { stage } : {}),
    ...(options.newDue !== undefined ? { due: options.newDue } : {}),
  };
  await writeItemEdits(workspace, options.today, items.map((item) => ({ item, edit })));
  return { updated: items.map((i) => ({ id: i.id, path: i.path })) };
}
