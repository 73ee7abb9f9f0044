// The one writer of record files: lock, read, edit, validate, then write
// atomically; all files of one command or none.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Refusal } from '../errors.js';
import type { Candidate, CandidateCheck } from '../records/candidate.js';
import type { Diagnostic } from '../records/diagnostic.js';
import type { Item, Workspace } from '../records/model.js';
import { editItem, RefusedEdit, type ItemEdit } from './edit.js';
import { isReadOnly, writeTarget } from './file.js';
import { lockFile } from './lock.js';
import { Transaction, writeFiles, type FileToWrite } from './transaction.js';
import { decodeRecord, encodeRecord } from './text.js';

export interface PlannedEdit {
  item: Item;
  edit: ItemEdit;
}

const NOTHING = 'Nothing was written.';

/**
 * Apply each edit to its item's file (several edits of one item in the order
 * given), and write `alsoWrite` (a manifest beside the records) in the same
 * transaction; returns the paths written, in the order given. `check` (from
 * rules/candidates.ts) sees the new texts under the lock: any error refuses them all.
 */
export async function writeItemEdits(workspace: Workspace, check: CandidateCheck, plans: readonly PlannedEdit[], alsoWrite: readonly FileToWrite[] = []): Promise<string[]> {
  const byPath = new Map<string, { item: Item; edits: ItemEdit[] }>();
  for (const { item, edit } of plans) {
    const entry = byPath.get(item.path);
    if (entry) entry.edits.push(edit);
    else byPath.set(item.path, { item, edits: [edit] });
  }
  const sorted = [...byPath.values()].sort((a, b) => (a.item.path < b.item.path ? -1 : a.item.path > b.item.path ? 1 : 0));
  for (const { item } of sorted) {
    const abs = join(workspace.root, item.path);
    // A link that leaves the workspace, or a FIFO or device, is refused before it is read.
    const target = writeTarget(abs, { shown: item.path, within: workspace.root });
    if (target.kind === 'special') throw new Refusal(`${item.path} is not a regular file, so it cannot be updated. ${NOTHING}`);
    if (!existsSync(abs)) throw new Refusal(`${item.path} no longer exists. ${NOTHING}`);
    if (isReadOnly(abs)) {
      throw new Refusal(`${item.path} is read-only, so it cannot be updated. ${NOTHING} Make it writable (for example "chmod u+w ${item.path}") and run the command again.`);
    }
  }
  const releases: (() => void)[] = [];
  try {
    // Locks are taken in path order, so two commands naming the same items never wait on each other forever.
    for (const { item } of sorted) releases.push(await lockFile(join(workspace.root, item.path), item.path));
    const candidates = sorted.map(({ item, edits }) => candidateFor(workspace.root, item, edits));
    const errors = check(candidates.map((c) => c.candidate));
    if (errors.length > 0) throw new Refusal(`Refused: ${describeErrors(errors)}. ${NOTHING}`);
    const tx = new Transaction({ within: workspace.root });
    for (const c of candidates) tx.stage({ path: join(workspace.root, c.candidate.path), bytes: c.bytes, shown: c.candidate.path });
    for (const file of alsoWrite) tx.stage(file);
    tx.commit();
  } finally {
    for (const release of releases) release();
  }
  return plans.map((p) => p.item.path);
}

function candidateFor(root: string, item: Item, edits: readonly ItemEdit[]): { candidate: Candidate; bytes: Buffer } {
  let bytes: Buffer;
  try {
    // Read only now, under the lock: another process may have just written it.
    bytes = readFileSync(join(root, item.path));
  } catch (error) {
    throw new Refusal(`Cannot read ${item.path} (${(error as NodeJS.ErrnoException).code ?? 'error'}). ${NOTHING}`);
  }
  const record = decodeRecord(bytes);
  if (!record) throw new Refusal(`Cannot update ${item.path}: it is not valid UTF-8 text. ${NOTHING}`);
  let after: string;
  try {
    after = record.text;
    for (const edit of edits) after = editItem({ ...record, text: after }, edit);
  } catch (error) {
    if (error instanceof RefusedEdit) throw new Refusal(`Cannot update ${item.path}: ${error.message}. ${NOTHING}`);
    throw error;
  }
  const candidate = { path: item.path, id: item.id, source: item.source, before: record.text, after };
  return { candidate, bytes: encodeRecord({ text: after, bom: record.bom }) };
}

/** Create a new item file after validating it; refuses to replace an existing file. */
export async function createItemFile(workspace: Workspace, check: CandidateCheck, candidate: Omit<Candidate, 'before'>): Promise<void> {
  await createItemFiles(workspace, check, [candidate]);
}

/** Create several new item files, validated together; all or none, even on Ctrl-C. */
export async function createItemFiles(workspace: Workspace, check: CandidateCheck, candidates: readonly Omit<Candidate, 'before'>[]): Promise<void> {
  const errors = check(candidates);
  if (errors.length > 0) throw new Refusal(`Refused: ${describeErrors(errors)}. ${NOTHING}`);
  const files = candidates.map((c) => ({ path: join(workspace.root, c.path), bytes: encodeRecord({ text: c.after, bom: false }), shown: c.path, create: true }));
  await writeFiles(files, { within: workspace.root });
}

/** "the update would make records/a/r1.md invalid: …" as one sentence per file. */
function describeErrors(errors: readonly Diagnostic[]): string {
  const byFile = new Map<string, string[]>();
  for (const d of errors) byFile.set(d.file, [...(byFile.get(d.file) ?? []), d.message]);
  return [...byFile].map(([file, messages]) => `${file} would become invalid: ${messages.join('; ')}`).join('. ');
}
