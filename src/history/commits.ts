// One `git log --raw` pass over records/: every commit with the record files
// it touched and the blob of each before and after, so old versions are read
// by hash, in one batch, with no further git process per file.

import { git, workspacePath, type Repository } from './git.js';
import { RECORDS_DIR } from '../records/tree.js';

export interface FileChange {
  /** A added, M modified, D deleted, R renamed (maybe modified too), T type changed. */
  status: 'A' | 'M' | 'D' | 'R' | 'T';
  /** Workspace-relative path before the commit (the old name of a rename). */
  oldPath: string;
  /** Workspace-relative path after the commit. */
  path: string;
  /** Blob hash before; undefined for an added file. */
  oldBlob?: string;
  /** Blob hash after; undefined for a deleted file. */
  newBlob?: string;
}

export interface Commit {
  hash: string;
  parents: string[];
  author: string;
  /** The author date, YYYY-MM-DD, on the author's own calendar (the zone recorded in the commit). */
  authorDate: string;
  /** The committer date, YYYY-MM-DD, on the committer's own calendar: what --since compares. */
  commitDate: string;
  files: FileChange[];
}

const ZERO = /^0+$/;
const FORMAT = '%x1e%H%x1f%P%x1f%an%x1f%ad%x1f%cd';

/**
 * Commits newest first (git's order) touching records/, with `revisions` and
 * `extra` passed to git log (a range, --follow, a path). Merges list no files:
 * what they bring in is listed under the commits that made it.
 */
export async function readCommits(repo: Repository, revisions: string[], paths: string[] = [RECORDS_DIR], extra: string[] = []): Promise<Commit[]> {
  if (!repo.hasCommits) return [];
  const out = await git(repo.root, [
    '-c', 'core.quotePath=false', 'log', '-z', `--format=${FORMAT}`, '--date=format:%Y-%m-%d',
    '--raw', '-M', '--no-abbrev', '--no-color', '--no-ext-diff', ...extra, ...revisions, '--', ...paths,
  ]);
  const commits = parseLog(out, repo);
  // Without a pathspec git lists every file: keep the records.
  if (paths.length === 0) for (const c of commits) c.files = c.files.filter((f) => f.path.startsWith(`${RECORDS_DIR}/`) || f.oldPath.startsWith(`${RECORDS_DIR}/`));
  return commits;
}

/**
 * The pathspec for a whole-workspace log: none when the workspace is the whole
 * repository (git then skips a second tree walk per commit, about twice as fast).
 */
export function recordsPathspec(repo: Repository): string[] {
  return repo.prefix === '' ? [] : [RECORDS_DIR];
}

/** Parse `git log -z --raw` output in FORMAT. */
export function parseLog(out: string, repo: Pick<Repository, 'prefix'>): Commit[] {
  const commits: Commit[] = [];
  for (const record of out.split('\x1e')) {
    if (record === '') continue;
    const headerEnd = record.indexOf('\0');
    const header = headerEnd === -1 ? record : record.slice(0, headerEnd);
    const [hash = '', parents = '', author = '', authorDate = '', commitDate = ''] = header.trim().split('\x1f');
    const commit: Commit = { hash, parents: parents.split(' ').filter(Boolean), author, authorDate, commitDate, files: [] };
    if (headerEnd !== -1) commit.files = parseRaw(record.slice(headerEnd + 1), repo);
    commits.push(commit);
  }
  return commits;
}

/** Parse `--raw -z` entries (":old-mode new-mode old-blob new-blob status\0path\0[path\0]"). */
export function parseRaw(text: string, repo: Pick<Repository, 'prefix'>): FileChange[] {
  const files: FileChange[] = [];
  const tokens = text.split('\0');
  for (let i = 0; i < tokens.length; i++) {
    const meta = tokens[i]!.replace(/^\n/, '');
    if (!meta.startsWith(':')) continue;
    const [, , oldBlob = '', newBlob = '', statusField = ''] = meta.slice(1).split(' ');
    const status = statusField.charAt(0);
    const first = tokens[++i] ?? '';
    const second = status === 'R' || status === 'C' ? (tokens[++i] ?? '') : first;
    const oldPath = workspacePath(repo, first);
    const path = workspacePath(repo, second);
    if (oldPath === undefined || path === undefined) continue;
    // A copy is, for an item, a new file.
    const copy = status === 'C';
    files.push({
      status: copy ? 'A' : (status as FileChange['status']),
      oldPath: copy ? path : oldPath,
      path,
      ...(ZERO.test(oldBlob) || copy ? {} : { oldBlob }),
      ...(ZERO.test(newBlob) ? {} : { newBlob }),
    });
  }
  return files;
}

/** "a1b2c3d": the short form shown to people. */
export function shortHash(hash: string): string {
  return hash.slice(0, 7);
}
