// A window of history: where it starts and ends (a date or a git revision),
// and the record files that differ between the two ends.
//
// Dates are calendar days on the committer's own clock (the time zone recorded
// in each commit), never this machine's: "--since 2008-04-15" starts at the
// first commit made on or after 15 April 2008 where it was made.

import { BadOption } from '../errors.js';
import { checkDateOption, endDay, isTrackDate, startDay } from '../records/dates.js';
import { RECORDS_DIR } from '../records/tree.js';
import { parseRaw, type FileChange } from './commits.js';
import { git, GitError, type Repository } from './git.js';

/** One end of a window, as the user gave it and as git resolved it. */
export interface Bound {
  /** What was asked: "2008-04-15", "v1.0", "a1b2c3d". */
  given: string;
  kind: 'date' | 'ref';
  /** The commit the window starts after (since) or ends at (until); undefined: before the first commit. */
  commit?: string;
}

export interface WindowDiff {
  since: Bound;
  /** Undefined: the window runs to the working tree, uncommitted edits included. */
  until?: Bound;
  files: FileChange[];
  /** Workspace-relative paths whose working copy differs from HEAD (only when until is undefined). */
  uncommitted: Set<string>;
}

const DATE_LIKE = /^\d{4}-\d{2}(-\d{2})?$/;

/** The commits of HEAD's first-parent line, newest first, with their committer day. */
async function mainLine(repo: Repository): Promise<{ hash: string; day: string }[]> {
  if (!repo.hasCommits) return [];
  const out = await git(repo.root, ['log', '--first-parent', '--format=%H %cd', '--date=format:%Y-%m-%d', 'HEAD']);
  return out
    .split('\n')
    .filter(Boolean)
    .map((line) => ({ hash: line.slice(0, line.indexOf(' ')), day: line.slice(line.indexOf(' ') + 1) }));
}

async function resolveRef(repo: Repository, value: string, option: 'since' | 'until'): Promise<string> {
  const bad = () =>
    new BadOption(option, value, (flag) => `${flag(option)} "${value}" is neither a date (YYYY-MM-DD) nor a git revision (a tag, branch or commit) in this repository: check the spelling, or run "git tag" to see the tags.`);
  if (value.startsWith('-') || !repo.hasCommits) throw bad();
  try {
    return (await git(repo.root, ['rev-parse', '--verify', '-q', '--end-of-options', `${value}^{commit}`])).trim();
  } catch (error) {
    if (error instanceof GitError) throw bad();
    throw error;
  }
}

/** Resolve --since (first: the window starts after the newest commit made before it) and --until. */
export async function resolveBound(repo: Repository, value: string, which: 'since' | 'until', line: () => Promise<{ hash: string; day: string }[]>): Promise<Bound> {
  if (!DATE_LIKE.test(value)) return { given: value, kind: 'ref', commit: await resolveRef(repo, value, which) };
  checkDateOption(which, value);
  // A month counts from its first day (since) or to its last (until).
  const day = value.length === 7 ? (which === 'since' ? `${value}-01` : `${value}-31`) : value;
  const commits = await line();
  const match = which === 'since' ? commits.find((c) => c.day < day) : commits.find((c) => c.day <= day);
  return { given: value, kind: 'date', ...(match ? { commit: match.hash } : {}) };
}

let emptyTree: string | undefined;
async function emptyTreeOf(repo: Repository): Promise<string> {
  emptyTree ??= (await git(repo.root, ['hash-object', '-t', 'tree', '--stdin'], '')).trim();
  return emptyTree;
}

/** The two ends of a window, resolved to commits. */
export interface Window {
  since: Bound;
  /** Undefined: the window runs to the working tree. */
  until?: Bound;
}

export async function resolveWindow(repo: Repository, since: string, until: string | undefined): Promise<Window> {
  let commits: Promise<{ hash: string; day: string }[]> | undefined;
  const line = () => (commits ??= mainLine(repo));
  // Two dates the wrong way round make a window with nothing in it, which git would read as files deleted.
  if (until !== undefined && isTrackDate(since) && isTrackDate(until) && endDay(until) < startDay(since)) {
    throw new BadOption('until', until, (flag) => `${flag('until')} ${until} is before ${flag('since')} ${since}: the end of the window must be on or after its start.`);
  }
  const start = await resolveBound(repo, since, 'since', line);
  const end = until === undefined ? undefined : await resolveBound(repo, until, 'until', line);
  return { since: start, ...(end ? { until: end } : {}) };
}

/** The git log range of a window's commits; empty when the window holds none. */
export function windowRange(window: Window): string[] {
  const end = window.until ? window.until.commit : 'HEAD';
  if (end === undefined) return [];
  return window.since.commit ? [`${window.since.commit}..${end}`] : [end];
}

/** The record files that differ between the two ends of a window (renames as git sees them). */
export async function windowDiff(repo: Repository, window: Window): Promise<WindowDiff> {
  const { since: start, until: end } = window;
  const base = start.commit ?? (await emptyTreeOf(repo));
  const diffArgs = ['-c', 'core.quotePath=false', 'diff', '-z', '--raw', '-M', '--no-abbrev', '--no-color', '--no-ext-diff'];
  const paths = ['--', RECORDS_DIR];
  if (end) {
    const to = end.commit ?? (await emptyTreeOf(repo));
    const files = parseRaw(await git(repo.root, [...diffArgs, base, to, ...paths]), repo);
    return { since: start, until: end, files, uncommitted: new Set() };
  }
  const [diff, untracked, dirty] = await Promise.all([
    git(repo.root, [...diffArgs, base, ...paths]),
    git(repo.root, ['-c', 'core.quotePath=false', 'ls-files', '-z', '--others', '--exclude-standard', ...paths]),
    repo.hasCommits ? git(repo.root, ['-c', 'core.quotePath=false', 'diff', '-z', '--name-only', '--no-renames', 'HEAD', ...paths]) : Promise.resolve(''),
  ]);
  const files = parseRaw(diff, repo);
  const uncommitted = new Set<string>();
  const fromRoot = (p: string) => (repo.prefix && p.startsWith(repo.prefix) ? p.slice(repo.prefix.length) : p);
  for (const p of dirty.split('\0').filter(Boolean)) uncommitted.add(fromRoot(p));
  for (const p of untracked.split('\0').filter(Boolean)) {
    // ls-files names paths relative to where it runs: the workspace root.
    files.push({ status: 'A', oldPath: p, path: p });
    uncommitted.add(p);
  }
  // The working side is read from disk, not from git's (possibly stale) blob hashes.
  for (const f of files) delete f.newBlob;
  return { since: start, until: undefined, files, uncommitted };
}

/**
 * Pair a deletion and an addition into one rename when the window's commits
 * renamed the one into the other: across a long window the contents may have
 * changed too much for git's similarity check to see it.
 */
export function pairRenames(files: FileChange[], commits: readonly { files: readonly FileChange[] }[]): FileChange[] {
  const origin = new Map<string, string>();
  for (let i = commits.length - 1; i >= 0; i--) {
    for (const f of commits[i]!.files) {
      if (f.status === 'R' && f.oldPath !== f.path) origin.set(f.path, origin.get(f.oldPath) ?? f.oldPath);
      else if (f.status === 'A') origin.delete(f.path);
    }
  }
  const deleted = new Map(files.filter((f) => f.status === 'D').map((f) => [f.path, f]));
  const paired = new Set<FileChange>();
  const out: FileChange[] = [];
  for (const f of files) {
    const from = f.status === 'A' ? origin.get(f.path) : undefined;
    const gone = from === undefined ? undefined : deleted.get(from);
    if (gone && !paired.has(gone)) {
      paired.add(gone);
      out.push({ status: 'R', oldPath: gone.path, path: f.path, ...(gone.oldBlob ? { oldBlob: gone.oldBlob } : {}), ...(f.newBlob ? { newBlob: f.newBlob } : {}) });
    } else {
      out.push(f);
    }
  }
  return out.filter((f) => !paired.has(f));
}
