// Where the workspace's git history stands, and reading it: what the rules'
// history facts (due-moves.ts) are made from. Needs no record and no parser,
// so a command can ask git first and let it run while the files are read.

import { readCommits, recordsPathspec, type Commit } from './commits.js';
import { GitUnavailable, openRepository, surelyOutsideGit, type Repository } from './git.js';

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
  // Outside any repository, as git would find: no history, and no git run to say so.
  if (surelyOutsideGit(root)) return { key: 'no git history (not-a-repository)', read: async () => ({ none: true }) };
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

/** The workspace's history, as git gives it, or why there is none to check. */
export async function readHistory(root: string): Promise<History> {
  return (await historySource(root)).read();
}


export function historyUnread(error: unknown): string {
  const detail = error instanceof Error ? error.message : String(error);
  return `The git history could not be read (${detail}), so the due-moved-silently check was skipped.`;
}
