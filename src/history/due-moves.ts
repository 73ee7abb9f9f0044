// What git knows that a rule needs: every commit that moved an item's `due`,
// with the item's updates as they stood then (rules/due-moved.ts judges them).
// One `git log --raw` pass and one `git cat-file --batch` for the whole workspace.

import type { TrackDate } from '../records/dates.js';
import type { Item, Update, Workspace } from '../records/model.js';
import { topLevelLine } from '../records/frontmatter.js';
import { readObjects } from './blobs.js';
import { readCommits, recordsPathspec, type Commit, type FileChange } from './commits.js';
import { GitUnavailable, openRepository, type Repository } from './git.js';

/** A commit that changed an item's `due` from one date to another. */
export interface DueMove {
  item: Item;
  from: TrackDate;
  to: TrackDate;
  commit: Pick<Commit, 'hash' | 'author' | 'authorDate'>;
  /** The item's updates as that commit left them. */
  updatesThen: readonly Update[];
}

/** The facts from git history that rules read (through `RuleContext.history`). */
export interface HistoryFacts {
  dueMoves: readonly DueMove[];
}

export interface HistoryCheck {
  facts: HistoryFacts;
  /** One sentence for stderr when history was only partly read, or not at all. */
  note?: string;
}

const NO_FACTS: HistoryFacts = { dueMoves: [] };

type ParseVersion = typeof import('./versions.js').parseVersion;

interface Move {
  item: Item;
  commit: Commit;
  change: FileChange & { oldBlob: string; newBlob: string };
}

/** The history as git gives it, or why there is none to check. */
export type History = { repo: Repository; commits: Commit[] } | { none: true; note?: string };

/** The workspace's history as git has it, read only when asked for. */
export interface HistorySource {
  /**
   * Names the history: two sources with the same key give the same history
   * (git's HEAD commit, whether the clone is shallow). Undefined when git
   * failed in a way a later run may not.
   */
  key: string | undefined;
  read(): Promise<History>;
}

/**
 * Where the workspace's history stands: one quick `git rev-parse`; the log
 * itself is read by `read()`. Nothing here needs the records, so a caller
 * starts it first and git runs while the files are read.
 */
export async function historySource(root: string): Promise<HistorySource> {
  let repo: Repository;
  try {
    repo = await openRepository(root);
  } catch (error) {
    // Without git or a repository there is no history to check: validate carries on.
    const none: History = error instanceof GitUnavailable ? { none: true } : { none: true, note: historyUnread(error) };
    const lasting = error instanceof GitUnavailable && error.reason !== 'failed';
    return { key: lasting ? `no git history (${error.reason})` : undefined, read: async () => none };
  }
  let read: Promise<History> | undefined;
  return {
    key: `git ${repo.head || 'no commits'}${repo.shallow ? ' shallow' : ''}`,
    read: () =>
      (read ??= readCommits(repo, ['HEAD'], recordsPathspec(repo), ['--no-merges']).then(
        (commits): History => ({ repo, commits }),
        (error: unknown): History => ({ none: true, note: historyUnread(error) }),
      )),
  };
}

/** The workspace's history, as git gives it, or why there is none to check. Costs one failed `git` call outside a repository. */
export async function readHistory(root: string): Promise<History> {
  return (await historySource(root)).read();
}

/** The workspace's history facts (`history`, when given, is `readHistory` already under way). */
export async function historyFacts(workspace: Workspace, history: Promise<History> = readHistory(workspace.root)): Promise<HistoryCheck> {
  const read = await history;
  if ('none' in read) return { facts: NO_FACTS, ...(read.note ? { note: read.note } : {}) };
  const { repo, commits } = read;
  try {
    const moves = candidateMoves(workspace, commits);
    const blobs = await readObjects(workspace.root, moves.flatMap((m) => [m.change.oldBlob, m.change.newBlob]));
    // Most commits leave the due line alone: compare it before parsing anything.
    const touched = moves.filter((move) => dueLineChanged(move, blobs));
    // Reading old versions needs the record parser (and zod): loaded only when a due line did change.
    const { parseVersion } = touched.length > 0 ? await import('./versions.js') : { parseVersion: undefined };
    const dueMoves = parseVersion ? touched.flatMap((move) => dueMove(move, blobs, workspace.config.extraFields, parseVersion)) : [];
    return {
      facts: { dueMoves },
      ...(repo.shallow ? { note: 'This is a shallow git clone, so the due-moved-silently check saw only part of the history: fetch it whole with "git fetch --unshallow" (in GitHub Actions: fetch-depth: 0).' } : {}),
    };
  } catch (error) {
    return { facts: NO_FACTS, note: historyUnread(error) };
  }
}

function historyUnread(error: unknown): string {
  const detail = error instanceof Error ? error.message : String(error);
  return `The git history could not be read (${detail}), so the due-moved-silently check was skipped.`;
}

/** Every commit that changed the contents of a file that is now an item, followed through renames. */
function candidateMoves(workspace: Workspace, commits: readonly Commit[]): Move[] {
  const itemByPath = new Map(workspace.items.map((i) => [i.path, i]));
  // A path at some point in history → the item's path now; walked newest first.
  const now = new Map<string, string>([...itemByPath.keys()].map((p) => [p, p]));
  const moves: Move[] = [];
  for (const commit of commits) {
    for (const change of commit.files) {
      const current = now.get(change.path);
      if (current === undefined) continue;
      if (change.status === 'R') now.set(change.oldPath, current);
      if (change.status === 'A') now.delete(change.path);
      const { oldBlob, newBlob } = change;
      if ((change.status === 'M' || change.status === 'R') && oldBlob && newBlob && oldBlob !== newBlob) {
        moves.push({ item: itemByPath.get(current)!, commit, change: { ...change, oldBlob, newBlob } });
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
  return [{ item: move.item, from, to, commit: { hash, author, authorDate }, updatesThen: now.item.updates }];
}
