// `track update`: one progress update appended to each item named, with the
// stage agreed (or proposed) and a moved target date with its reason.

import { BadOption, Refusal, UnknownOptionValue, UnusableInput } from '../errors.js';
import { checkDateOption, formatUkDate } from '../records/dates.js';
import { buildRegisters } from '../records/registers.js';
import { resolveId } from '../records/ids.js';
import { RESPONSES, type Item, type StageId, type Workspace } from '../records/model.js';
import { stageChoices, stageFromInput } from '../records/stages.js';
import type { ItemEdit, UpdateEntry } from '../write/edit.js';
import { writeItemEdits } from '../write/items.js';
import { checkCandidates } from '../rules/candidates.js';
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
  /** The executive response: accepted, partially-accepted, rejected, noted or pending. */
  response?: string;
  /** When progress next goes back to the board. */
  reportBack?: string;
}

export interface UpdateResult {
  /** The items updated, in the order named. */
  updated: { id: string; path: string }[];
  /** What the officer should know of an update that did less than asked (a back-dated stage a later one overrides). */
  notes: string[];
}

function stageOf(workspace: Workspace, option: 'stage' | 'proposedStage', value: string | undefined): StageId | undefined {
  if (value === undefined) return undefined;
  const stage = stageFromInput(workspace.config.stages, value);
  if (!stage) throw new UnknownOptionValue(option, value, (flag) => `${flag(option)} ${value} is not on the stage scale of track.config.yaml: expected one of: ${stageChoices(workspace.config.stages)}.`);
  return stage.id;
}

/** The option combinations that are usage mistakes (UnusableInput), checked before the workspace is read. */
export function checkUpdateFlags(options: Omit<UpdateOptions, 'root' | 'today'>): void {
  if (options.ids.length === 0) throw new UnusableInput((flag) => `Name at least one item to update, for example "track update r1 ${flag('note')} …".`);
  if (options.stage !== undefined && options.proposedStage !== undefined) {
    throw new UnusableInput((flag) => `Give ${flag('stage')} (the stage the board agreed) or ${flag('proposedStage')} (the stage the owner reports), not both.`);
  }
  if (options.reason !== undefined && options.newDue === undefined) {
    throw new BadOption('reason', options.reason, (flag) => `${flag('reason')} explains a moved target date: give it with ${flag('newDue')} DATE.`);
  }
  if (options.note.trim() === '') {
    throw new UnusableInput((flag) => `The update has no text: give it with ${flag('note')} TEXT, ${flag('noteFile')} FILE or on standard input.`);
  }
  checkDateOption('date', options.date, false);
  checkDateOption('newDue', options.newDue, true);
  checkDateOption('reportBack', options.reportBack, true);
  const response = options.response;
  if (response !== undefined && !(RESPONSES as readonly string[]).includes(responseOf(response))) {
    throw new BadOption('response', response, (flag) => `${flag('response')} ${response} is not an executive response: expected one of: ${RESPONSES.join(', ')}.`);
  }
}

/** "Partially accepted" and "partially-accepted" are the same response. */
const responseOf = (text: string) => text.trim().toLowerCase().replace(/[\s_]+/g, '-');

export async function update(options: UpdateOptions): Promise<UpdateResult> {
  checkUpdateFlags(options);
  const workspace = await loadWorkspace(options.root);
  const stage = stageOf(workspace, 'stage', options.stage);
  const proposedStage = stageOf(workspace, 'proposedStage', options.proposedStage);
  const newDue = options.newDue;
  if (newDue !== undefined && !options.reason?.trim()) {
    throw new Refusal((flag) => `A moved target date needs a reason: add ${flag('reason')} "why the date moved" beside ${flag('newDue')} ${newDue}. Nothing was written.`);
  }
  // Every id is resolved before anything is written: a typo never leaves half the items updated.
  const items: Item[] = [];
  for (const id of options.ids) {
    const item = resolveId(workspace.items, id, workspace.unreadable, workspace.diagnostics);
    if (!items.includes(item)) items.push(item);
  }
  const by = byOf(workspace, options.by);
  const date = options.date ?? options.today;
  const plans = items.map((item) => ({ item, edit: editFor(item, { ...options, ...(by !== undefined ? { by } : {}) }, date, stage, proposedStage) }));
  await writeItemEdits(workspace, checkCandidates(workspace, options.today), plans);
  const notes: string[] = [];
  for (const { item, edit } of plans) {
    if (stage === undefined || edit.stage !== undefined) continue;
    const later = item.updates.filter((u) => u.date > date && u.stage !== undefined).at(-1)!;
    notes.push(`${item.id}: stage ${String(stage)} is recorded on ${formatUkDate(date)}, but the update of ${formatUkDate(later.date)} agreed stage ${String(later.stage)} since, so the item stays at stage ${String(item.stage)}.`);
  }
  return { updated: items.map((i) => ({ id: i.id, path: i.path })), notes };
}

/** Who made the update, as the registers name them (by id); a name they do not know is refused, as for owners. */
function byOf(workspace: Workspace, by: string | undefined): string | undefined {
  const name = by?.trim();
  if (name === undefined) return undefined;
  const registers = buildRegisters(workspace.config);
  const id = registers.idOf(name);
  if (id !== undefined) return id;
  if (registers.empty) return name;
  throw new UnknownOptionValue('by', name, (flag) => `${flag('by')} ${name} is not in the bodies or people of track.config.yaml: use a registered id or name, or add it there (or as an alias) first.`);
}

/**
 * The edit for one item. A back-dated update goes into its place in date
 * order; it sets the item's stage (or due) only when no later update has
 * set it since, and a moved date always says the date it replaces.
 */
function editFor(item: Item, options: UpdateOptions, date: string, stage: StageId | undefined, proposedStage: StageId | undefined): ItemEdit {
  const later = item.updates.filter((u) => u.date > date);
  if (options.newDue !== undefined && later.some((u) => u.newDue !== undefined)) {
    const moved = later.find((u) => u.newDue !== undefined)!.date;
    throw new Refusal((flag) => `${item.id} has a later update that moves its target date (${moved}): a back-dated ${flag('newDue')} would not be the date it has now. Nothing was written.`);
  }
  const entry: UpdateEntry = {
    date,
    note: options.note,
    ...(stage !== undefined ? { stage } : {}),
    ...(proposedStage !== undefined ? { proposedStage } : {}),
    ...(options.by !== undefined ? { by: options.by } : {}),
    ...(options.newDue !== undefined ? { newDue: options.newDue, ...(item.due !== undefined ? { previousDue: item.due } : {}), reason: options.reason! } : {}),
  };
  const stageStays = later.some((u) => u.stage !== undefined);
  return {
    update: entry,
    ...(stage !== undefined && !stageStays ? { stage } : {}),
    ...(options.newDue !== undefined ? { due: options.newDue } : {}),
    ...(options.response !== undefined ? { response: responseOf(options.response) } : {}),
    ...(options.reportBack !== undefined ? { reportBack: options.reportBack } : {}),
  };
}
