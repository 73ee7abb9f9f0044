// `track new`: the next item of a source, numbered after the highest number there.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { BadOption, Refusal, UnknownOptionValue } from '../errors.js';
import { checkDateOption } from '../records/dates.js';
import { ITEM_KINDS, type Stage, type StageId, type Workspace } from '../records/model.js';
import { STAGE_PRESETS, stageChoices, stageFromInput } from '../records/stages.js';
import { RECORDS_DIR } from '../records/tree.js';
import { createItemFile } from '../write/items.js';
import { checkCandidates } from '../rules/candidates.js';
import { newItemText } from '../write/new-item.js';
import { loadWorkspace } from '../records/store/index.js';

export interface NewOptions {
  root: string;
  today: string;
  source: string;
  title: string;
  owners?: string[];
  due?: string;
  stage?: string;
  theme?: string;
  kind?: string;
  /** The item's text, in Markdown. */
  text: string;
}

export interface NewResult {
  id: string;
  /** Workspace-relative path of the new file. */
  path: string;
  number: number;
}

/** The highest whole number used in a source plus one; labels such as 2a do not count. */
export function nextNumber(workspace: Workspace, source: string): number {
  let max = 0;
  for (const item of workspace.items) {
    if (item.source !== source) continue;
    const n = typeof item.number === 'number' ? item.number : /^\d+$/.test(String(item.number ?? '')) ? Number(item.number) : 0;
    max = Math.max(max, n);
  }
  return max + 1;
}

/** Where a new item starts: Leeds's "not for review this session", else the first open stage. */
export function defaultStage(stages: readonly Stage[]): StageId {
  const leeds = JSON.stringify(stages) === JSON.stringify(STAGE_PRESETS.leeds);
  if (leeds) return 6;
  return (stages.find((s) => !s.closed) ?? stages[0]!).id;
}

function checkOptions(options: NewOptions, workspace: Workspace): StageId {
  if (options.title.trim() === '') throw new BadOption('title', options.title, (flag) => `The title is empty: give it with ${flag('title')} "…".`);
  checkDateOption('due', options.due);
  const kind = options.kind;
  if (kind !== undefined && !(ITEM_KINDS as readonly string[]).includes(kind)) {
    throw new BadOption('kind', kind, (flag) => `${flag('kind')} ${kind} is not a kind of item: expected one of: ${ITEM_KINDS.join(', ')}.`);
  }
  const given = options.stage;
  if (given === undefined) return defaultStage(workspace.config.stages);
  const stage = stageFromInput(workspace.config.stages, given);
  if (!stage) throw new UnknownOptionValue('stage', given, (flag) => `${flag('stage')} ${given} is not on the stage scale of track.config.yaml: expected one of: ${stageChoices(workspace.config.stages)}.`);
  return stage.id;
}

export async function newItem(options: NewOptions): Promise<NewResult> {
  const workspace = await loadWorkspace(options.root);
  const source = options.source.trim().toLowerCase().replace(/^records\//, '').replace(/\/$/, '');
  const folder = `${RECORDS_DIR}/${source}`;
  if (!workspace.sources.some((s) => s.id === source)) {
    const known = workspace.sources.map((s) => s.id).join(', ') || 'none yet';
    const why = existsSync(join(options.root, folder)) ? `${folder} has no readable source.md` : `there is no folder ${folder}`;
    throw new Refusal(`No source "${options.source}": ${why}. The sources are: ${known}. Make the folder with a source.md first.`);
  }
  const stage = checkOptions(options, workspace);
  let number = nextNumber(workspace, source);
  while (existsSync(join(options.root, folder, `r${number}.md`))) number++;
  const path = `${folder}/r${number}.md`;
  const text = newItemText({
    title: options.title.trim(),
    number,
    owners: options.owners ?? [],
    stage,
    text: options.text,
    ...(options.kind !== undefined ? { kind: options.kind } : {}),
    ...(options.theme !== undefined ? { theme: options.theme } : {}),
    ...(options.due !== undefined ? { due: options.due } : {}),
  });
  const id = `${source}/r${number}`;
  await createItemFile(workspace, checkCandidates(workspace, options.today), { path, id, source, after: text });
  return { id, path, number };
}
