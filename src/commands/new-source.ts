// `track new-source`: records/ID/source.md, for the report, inquiry or
// meeting whose items are to be tracked.

import { join } from 'node:path';
import { BadOption, Refusal, UnknownOptionValue, UnusableInput } from '../errors.js';
import { checkDateOption } from '../records/dates.js';
import { SOURCE_KINDS } from '../records/model.js';
import { buildRegisters } from '../records/registers.js';
import { RECORDS_DIR } from '../records/tree.js';
import { createFile, makeFolder } from '../write/file.js';
import { newSourceText } from '../write/new-source.js';
import { loadWorkspace } from '../records/store/index.js';

export interface NewSourceOptions {
  root: string;
  today: string;
  id: string;
  title: string;
  /** Default "report". */
  kind?: string;
  madeBy?: string;
  /** Default today. */
  date?: string;
}

export interface NewSourceResult {
  id: string;
  /** Workspace-relative path of source.md. */
  path: string;
}

export async function newSource(options: NewSourceOptions): Promise<NewSourceResult> {
  const id = options.id.trim().replace(/^records\//, '').replace(/\/$/, '');
  if (!/^[a-z0-9][a-z0-9-]*$/.test(id)) {
    throw new UnusableInput(`"${options.id}" cannot be a source id: use lower-case letters, digits and hyphens, starting with a letter or digit (for example leeds-cd-2007).`);
  }
  if (options.title.trim() === '') throw new BadOption('title', options.title, (flag) => `The title is empty: give it with ${flag('title')} "…".`);
  const kind = options.kind ?? 'report';
  if (!(SOURCE_KINDS as readonly string[]).includes(kind)) {
    throw new BadOption('kind', kind, (flag) => `${flag('kind')} ${kind} is not a kind of source: expected one of: ${SOURCE_KINDS.join(', ')}.`);
  }
  checkDateOption('date', options.date, true);
  const workspace = await loadWorkspace(options.root);
  let madeBy = options.madeBy?.trim();
  if (madeBy !== undefined) {
    const registers = buildRegisters(workspace.config);
    const known = registers.idOf(madeBy);
    if (known !== undefined) madeBy = known;
    else if (!registers.empty) throw new UnknownOptionValue('madeBy', madeBy, (flag) => `${flag('madeBy')} ${madeBy} is not in the bodies or people of track.config.yaml: add it there (or as an alias) first.`);
  }
  const path = `${RECORDS_DIR}/${id}/source.md`;
  const text = newSourceText({ title: options.title.trim(), kind, date: options.date ?? options.today, ...(madeBy !== undefined ? { madeBy } : {}) });
  makeFolder(join(options.root, RECORDS_DIR, id), `${RECORDS_DIR}/${id}`);
  if (!createFile(join(options.root, path), text, { shown: path })) throw new Refusal(`${path} already exists; it was left as it was.`);
  return { id, path };
}
