// What git knows that a rule needs: every commit that moved an item's `due`,
// with the item's updates as they stood then (rules/due-moved.ts judges them).
// One `git log --raw` pass and one `git cat-file --batch` for the whole workspace.

import type { TrackDate } from '../records/dates.js';
import type { Update } from '../records/model.js';
import { topLevelLine } from '../records/frontmatter.js';
import { readObjects } from './blobs.js';
import type { Commit, FileChange } from './commits.js';
import { historyUnread, readHistory, type History } from './source.js';

/** A commit that changed an item's `due` from one date to another. */
export interface DueMove {
  /** The item's file as it is now (workspace-relative), followed through renames. */
  path: string;
  from: TrackDate;
  to: TrackDate;
  commit: Pick<Commit, 'hash' | 'author' | 'authorDate'>;
  /** The item's updates as that commit left them. */
  updatesThen: readonly Update[];
}

/** The facts from git history that rules read (through `RuleContext.history`). */
export interface HistoryFacts {
  /** The moves of the item in one file, newest first. */
  dueMovesOf(path: string): readonly DueMove[];
}

export interface HistoryCheck {
  facts: HistoryFacts;
  /** One sentence for stderr when history was only partly read, or not at all. */
  note?: string;
}

const NO_FACTS: HistoryFacts = { dueMovesOf: () => [] };

function factsOf(dueMoves: readonly DueMove[]): HistoryFacts {
  const byPath = new Map<string, DueMove[]>();
  for (const move of dueMoves) {
    const list = byPath.get(move.path);
    if (list) list.push(move);
    else byPath.set(move.path, [move]);
  }
  return { dueMovesOf: (path) => byPath.get(path) ?? [] };
}

type ParseVersion = typeof import('./versions.js').parseVersion;

interface Move {
  /** The file as it is now. */
  path: string;
  commit: Commit;
  change: FileChange & { oldBlob: string; newBlob: string };
}

/** What finding the moves needs of a workspace: where it is, what its config allows, and the paths of its item files. */
export interface HistoryScope {
  root: string;
  extraFields: readonly string[];
  /** Workspace-relative paths of the item files as they are now (a path that is not an item's finds nothing). */
  itemPaths: Iterable<string>;
}

/** The workspace's history facts (`history`, when given, is `readHistory` already under way). */
export async function historyFacts(scope: HistoryScope, history: Promise<History> = readHistory(scope.root)): Promise<HistoryCheck> {
  const read = await history;
  if ('none' in read) return { facts: NO_FACTS, ...(read.note ? { note: read.note } : {}) };
  const { repo, commits } = read;
  try {
    const moves = candidateMoves(scope.itemPaths, commits);
    const blobs = await readObjects(scope.root, moves.flatMap((m) => [m.change.oldBlob, m.change.newBlob]));
    // Most commits leave the due line alone: compare it before parsing anything.
    const touched = moves.filter((move) => dueLineChanged(move, blobs));
    // Reading old versions needs the record parser (and zod): loaded only when a due line did change.
    const { parseVersion } = touched.length > 0 ? await import('./versions.js') : { parseVersion: undefined };
    const dueMoves = parseVersion ? touched.flatMap((move) => dueMove(move, blobs, scope.extraFields, parseVersion)) : [];
    return {
      facts: factsOf(dueMoves),
      ...(repo.shallow ? { note: 'This is a shallow git clone, so the due-moved-silently check saw only part of the history: fetch it whole with "git fetch --unshallow" (in GitHub Actions: fetch-depth: 0).' } : {}),
    };
  } catch (error) {
    return { facts: NO_FACTS, note: historyUnread(error) };
  }
}


/** Every commit that changed the contents of a file that is now an item, followed through renames. */
function candidateMoves(itemPaths: Iterable<string>, commits: readonly Commit[]): Move[] {
  // A path at some point in history → the item's path now; walked newest first.
  const now = new Map<string, string>();
  for (const path of itemPaths) now.set(path, path);
  const moves: Move[] = [];
  for (const commit of commits) {
    for (const change of commit.files) {
      const current = now.get(change.path);
      if (current === undefined) continue;
      if (change.status === 'R') now.set(change.oldPath, current);
      if (change.status === 'A') now.delete(change.path);
      const { oldBlob, newBlob } = change;
      if ((change.status === 'M' || change.status === 'R') && oldBlob && newBlob && oldBlob !== newBlob) {
        moves.push({ path: current, commit, change: { ...change, oldBlob, newBlob } });
      }
    }
  }
  return moves;
}

function dueLineChanged(move: Move, blobs: Map<string, Buffer | undefined>): boolean {
  const before = blobs.get(move.change.oldBlob);
  const after = blobs.get(move.change.newBlob);
  return before !== undefined && after !== undefined && topLevelLine(before.toString('utf8'), 'due') !== topLevelLine(after.toString('utf8'), 'due');
}

function dueMove(move: Move, blobs: Map<string, Buffer | undefined>, extraFields: readonly string[], parseVersion: ParseVersion): DueMove[] {
  const before = blobs.get(move.change.oldBlob);
  const after = blobs.get(move.change.newBlob);
  if (!before || !after) return [];
  const old = parseVersion(before, move.change.oldPath, extraFields);
  const now = parseVersion(after, move.change.path, extraFields);
  if (!('item' in old) || !('item' in now)) return [];
  const from = old.item.due;
  const to = now.item.due;
  if (from === undefined || to === undefined || from === to) return [];
  const { hash, author, authorDate } = move.commit;
  return [{ path: move.path, from, to, commit: { hash, author, authorDate }, updatesThen: now.item.updates }];
}
