// Sorting the changed files of a window into what the board asks about: new
// items, stage changes, closures, new updates, moved dates, deletions.

import type { Stage } from '../records/model.js';
import type { FileChange } from './commits.js';
import { diffItems, stageRef, type ItemChange, type StageRef, type UpdateRef } from './diff.js';
import { itemIdOf, parseVersion } from './versions.js';

/** The newest commit in the window that touched an item's file; null when the change is not committed. */
export interface CommitRef {
  commit: string;
  short: string;
  date: string;
  author: string;
}

interface Entry {
  id: string;
  title: string;
  /** Whether the change is (partly) in edits not yet committed. */
  uncommitted: boolean;
  last_commit: CommitRef | null;
}

export interface ChangeSet {
  new_items: (Entry & { stage: StageRef | null; due: string | null; path: string })[];
  stage_changes: (Entry & { from: StageRef | null; to: StageRef | null })[];
  closed: (Entry & { stage: StageRef | null })[];
  new_updates: (Entry & UpdateRef)[];
  due_changes: (Entry & { from: string | null; to: string | null; reason: string | null })[];
  renamed: (Entry & { from: string })[];
  /** Any other change in meaning: owners, fields, text, updates edited or removed. */
  edited: (Entry & { changes: ItemChange[] })[];
  deleted: (Entry & { path: string })[];
  /** Items whose file at the end of the window cannot be read. */
  unreadable: (Entry & { path: string; problem: string })[];
}

export interface ClassifyInput {
  stages: readonly Stage[];
  extraFields: readonly string[];
  before(file: FileChange): Buffer | undefined;
  after(file: FileChange): Buffer | undefined;
  uncommitted(path: string): boolean;
  commit(path: string): CommitRef | null;
}

// Natural order (r2 before r10) without a collator call per comparison.
const sortKey = (path: string) => path.replace(/\d+/g, (digits) => digits.padStart(10, '0'));

export function classify(files: readonly FileChange[], input: ClassifyInput): ChangeSet {
  const set: ChangeSet = { new_items: [], stage_changes: [], closed: [], new_updates: [], due_changes: [], renamed: [], edited: [], deleted: [], unreadable: [] };
  const sorted = files.map((f) => ({ f, key: sortKey(f.path) })).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map((e) => e.f);
  for (const file of sorted) {
    const beforeBytes = itemIdOf(file.oldPath) ? input.before(file) : undefined;
    const afterBytes = itemIdOf(file.path) ? input.after(file) : undefined;
    const before = beforeBytes ? parseVersion(beforeBytes, file.oldPath, input.extraFields) : undefined;
    const after = afterBytes ? parseVersion(afterBytes, file.path, input.extraFields) : undefined;
    const id = itemIdOf(after ? file.path : file.oldPath) ?? file.path;
    const entry = (title: string | undefined): Entry => ({
      id,
      title: title ?? id,
      uncommitted: input.uncommitted(file.path) || input.uncommitted(file.oldPath),
      last_commit: input.commit(file.path),
    });
    const old = before && 'item' in before ? before.item : undefined;
    if (after && 'problem' in after) {
      set.unreadable.push({ ...entry(old?.title), path: file.path, problem: after.problem });
      continue;
    }
    const now = after?.item;
    if (!now) {
      if (before) set.deleted.push({ ...entry(old?.title), path: file.oldPath });
      continue;
    }
    if (!old) {
      set.new_items.push({ ...entry(now.title), stage: stageRef(input.stages, now.stage), due: now.due ?? null, path: file.path });
      continue;
    }
    const base = entry(now.title);
    const fromId = itemIdOf(file.oldPath);
    if (fromId && fromId !== id) set.renamed.push({ ...base, from: fromId });
    const other: ItemChange[] = [];
    for (const change of diffItems(old, now, input.stages)) {
      if (change.kind === 'stage') {
        set.stage_changes.push({ ...base, from: change.from, to: change.to });
        if (change.to?.closed && !change.from?.closed) set.closed.push({ ...base, stage: change.to });
      } else if (change.kind === 'due') {
        set.due_changes.push({ ...base, from: change.from, to: change.to, reason: change.reason });
      } else if (change.kind === 'update-added') {
        set.new_updates.push({ ...base, ...change.update });
      } else {
        other.push(change);
      }
    }
    if (other.length > 0) set.edited.push({ ...base, changes: other });
  }
  return set;
}
