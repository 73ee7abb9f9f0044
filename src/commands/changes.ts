// `track changes --since DATE|REF [--until DATE|REF]`: what moved in a window,
// comparing each changed item at the start with the same item at the end.
// Only the files git says differ are read, so a big workspace costs little.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UnusableInput } from '../errors.js';
import { loadConfig } from '../records/config.js';
import { endDay, formatUkDate, startDay, type TrackDate } from '../records/dates.js';
import type { Meeting } from '../records/model.js';
import { loadMeetings } from '../records/workspace.js';
import { readObjects } from '../history/blobs.js';
import { readCommits, recordsPathspec, shortHash, type Commit } from '../history/commits.js';
import { requireRepository, shallowWarning } from '../history/git.js';
import { isItemPath } from '../history/versions.js';
import { pairRenames, resolveWindow, windowDiff, windowRange, type Bound } from '../history/window.js';
import { classify, type ChangeSet } from '../history/changeset.js';

export interface ChangesOptions {
  root: string;
  today: TrackDate;
  /** A date (YYYY-MM-DD or YYYY-MM) or a git revision; default: the last meeting before today. */
  since?: string;
  until?: string;
}

export interface ChangesResult extends ChangeSet {
  since: Bound & { meeting?: Meeting };
  until: Bound | null;
  /** Commits in the window that touched records/. */
  commits: number;
  /** Whether uncommitted edits are included (the window runs to the working tree and there are some). */
  uncommitted: boolean;
  warnings: string[];
}

/** The most recent meeting before today: where "since the last meeting" starts. */
export function lastMeeting(meetings: readonly Meeting[], today: TrackDate): Meeting | undefined {
  const day = startDay(today);
  let last: Meeting | undefined;
  for (const m of meetings) {
    if (endDay(m.date) >= day) continue;
    if (!last || startDay(m.date) > startDay(last.date)) last = m;
  }
  return last;
}

export async function changes(options: ChangesOptions): Promise<ChangesResult> {
  const config = loadConfig(options.root);
  let meeting: Meeting | undefined;
  let since = options.since;
  if (since === undefined) {
    meeting = lastMeeting(loadMeetings(options.root).meetings, options.today);
    if (!meeting) {
      throw new UnusableInput((flag) => `There is no meeting before ${formatUkDate(options.today)} in meetings.yaml to count changes from: give ${flag('since')} with a date (YYYY-MM-DD) or a git revision (a tag, branch or commit).`);
    }
    since = meeting.date;
  }
  const repo = await requireRepository(options.root, 'changes');
  const window = await resolveWindow(repo, since, options.until);
  const range = windowRange(window);
  // The log (for renames and who changed what) runs beside the diff and the reading of old versions.
  const [commits, { diff, blobs }] = await Promise.all([
    range.length && repo.hasCommits ? readCommits(repo, range, recordsPathspec(repo)) : Promise.resolve([]),
    windowDiff(repo, window).then(async (diff) => {
      diff.files = diff.files.filter((f) => isItemPath(f.path) || isItemPath(f.oldPath));
      const names = diff.files.flatMap((f) => [f.oldBlob, f.newBlob]).filter((b): b is string => b !== undefined);
      return { diff, blobs: await readObjects(options.root, names) };
    }),
  ]);
  const files = pairRenames(diff.files, commits);
  const lastCommit = new Map<string, Commit>();
  for (const commit of commits) for (const f of commit.files) if (!lastCommit.has(f.path)) lastCommit.set(f.path, commit);

  const readWorking = (path: string): Buffer | undefined => {
    try {
      return readFileSync(join(options.root, path));
    } catch {
      return undefined;
    }
  };
  const set = classify(files, {
    stages: config.stages,
    extraFields: config.extraFields,
    before: (f) => (f.oldBlob ? blobs.get(f.oldBlob) : undefined),
    after: (f) => (diff.until ? (f.newBlob ? blobs.get(f.newBlob) : undefined) : f.status === 'D' ? undefined : readWorking(f.path)),
    uncommitted: (path) => diff.uncommitted.has(path),
    commit: (path) => {
      const c = lastCommit.get(path);
      return c ? { commit: c.hash, short: shortHash(c.hash), date: c.commitDate, author: c.author } : null;
    },
  });
  return {
    ...set,
    since: { ...window.since, ...(meeting ? { meeting } : {}) },
    until: window.until ?? null,
    commits: commits.filter((c) => c.files.length > 0).length,
    uncommitted: diff.uncommitted.size > 0,
    warnings: repo.shallow ? [shallowWarning('changes')] : [],
  };
}
