// `track confirm`: the board's decision on what owners proposed. Each item
// gets an agreed update, dated the meeting and by the meeting's body, with
// the proposed stage (or, rejected, the stage it had).

import { BadOption, Refusal, UnusableInput } from '../errors.js';
import { checkDateOption } from '../records/dates.js';
import { factContext, itemFacts } from '../derive/facts.js';
import { formatUkDate } from '../records/dates.js';
import { resolveId } from '../records/ids.js';
import type { Item, Stage, StageId } from '../records/model.js';
import { buildRegisters } from '../records/registers.js';
import { findStage } from '../records/stages.js';
import type { PlannedEdit } from '../write/items.js';
import { writeItemEdits } from '../write/items.js';
import { checkCandidates } from '../rules/candidates.js';
import { loadWorkspace } from '../records/store/index.js';
import { decidingMeeting, meetingWords } from './round.js';

export interface ConfirmOptions {
  root: string;
  today: string;
  ids: string[];
  /** Every item awaiting confirmation. */
  all: boolean;
  /** The meeting that decided; default the latest in meetings.yaml on or before today. */
  meeting?: string;
  reject: boolean;
  note?: string;
}

export interface ConfirmedItem {
  id: string;
  path: string;
  proposed: StageId;
  /** The stage the item has now. */
  stage: StageId;
  rejected: boolean;
}

export interface ConfirmResult {
  meeting: { date: string; body?: string };
  items: ConfirmedItem[];
}

const stageWords = (stage: Stage | undefined, id: StageId) => (stage ? `${stage.id} (${stage.label})` : String(id));

export async function confirm(options: ConfirmOptions): Promise<ConfirmResult> {
  if (options.all === (options.ids.length > 0)) {
    throw new UnusableInput((flag) =>
      options.all ? `Give item ids or ${flag('all')}, not both.` : `Name the items whose proposals were decided, or give ${flag('all')} for every item awaiting confirmation.`,
    );
  }
  checkDateOption('meeting', options.meeting, false);
  if (options.note !== undefined && options.note.trim() === '') {
    throw new BadOption('note', options.note, (flag) => `${flag('note')} is empty: say what the board decided, or leave ${flag('note')} out.`);
  }
  const workspace = await loadWorkspace(options.root);
  const meeting = decidingMeeting(workspace, options.today, options.meeting);
  const registers = buildRegisters(workspace.config);
  const ctx = factContext(workspace, options.today);
  const { stages } = workspace.config;
  const chosen: Item[] = [];
  if (options.all) {
    chosen.push(...workspace.items.filter((i) => itemFacts(i, ctx).awaitingConfirmation));
  } else {
    for (const id of options.ids) {
      const item = resolveId(workspace.items, id, workspace.unreadable, workspace.diagnostics);
      if (!chosen.includes(item)) chosen.push(item);
    }
  }
  const problems: string[] = [];
  const plans: PlannedEdit[] = [];
  const items: ConfirmedItem[] = [];
  const words = meetingWords(meeting, registers);
  for (const item of chosen) {
    const facts = itemFacts(item, ctx);
    const proposal = [...item.updates].reverse().find((u) => u.proposedStage !== undefined);
    if (!facts.awaitingConfirmation || facts.proposedStage === undefined || !proposal) {
      problems.push(`${item.id} has no proposed stage awaiting confirmation`);
      continue;
    }
    if (proposal.date > meeting.date) {
      problems.push(`${item.id}'s proposal is dated ${formatUkDate(proposal.date)}, after the meeting on ${formatUkDate(meeting.date)}`);
      continue;
    }
    const proposed = findStage(stages, facts.proposedStage);
    const current = item.stage;
    if (current === undefined) {
      problems.push(`${item.id} has no stage of its own to keep: fix its record first ("track validate")`);
      continue;
    }
    const stage = options.reject ? current : facts.proposedStage;
    const note =
      options.note ??
      (options.reject
        ? `The proposed stage ${stageWords(proposed, facts.proposedStage)} was not agreed by ${words}; the item stays at stage ${stageWords(findStage(stages, current), current)}.`
        : `Stage ${stageWords(proposed, facts.proposedStage)} agreed by ${words}.`);
    // A later agreed update keeps the item's stage; this one goes into its place in date order.
    const laterAgreed = item.updates.some((u) => u.stage !== undefined && u.date > meeting.date);
    plans.push({
      item,
      edit: {
        update: { date: meeting.date, stage, note, ...(meeting.body !== undefined ? { by: meeting.body } : {}) },
        ...(laterAgreed ? {} : { stage }),
      },
    });
    items.push({ id: item.id, path: item.path, proposed: facts.proposedStage, stage: laterAgreed ? current : stage, rejected: options.reject });
  }
  if (problems.length > 0) throw new Refusal(`${problems.join('.\n')}.\nNothing was written.`);
  if (plans.length > 0) await writeItemEdits(workspace, checkCandidates(workspace, options.today), plans);
  return { meeting: { date: meeting.date, ...(meeting.body !== undefined ? { body: meeting.body } : {}) }, items };
}
