// `track log ID`: one item's history from git, oldest first, in meaning.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveId } from '../records/ids.js';
import { readObjects } from '../history/blobs.js';
import { readCommits, shortHash } from '../history/commits.js';
import { diffVersions, type ItemChange } from '../history/diff.js';
import { requireRepository, shallowWarning } from '../history/git.js';
import { itemIdOf, parseVersion, type ItemVersion } from '../history/versions.js';
import { loadWorkspace } from '../records/store/index.js';

export interface LogOptions {
  root: string;
  id: string;
}

export interface LogEntry {
  /** The full hash; null for edits not yet committed. */
  commit: string | null;
  /** "a1b2c3d", or "uncommitted". */
  short: string;
  /** Author date YYYY-MM-DD; null for uncommitted edits. */
  date: string | null;
  author: string | null;
  changes: ItemChange[];
}

export interface LogResult {
  id: string;
  title: string;
  path: string;
  entries: LogEntry[];
  /** Said once on stderr: e.g. that a shallow clone's history is incomplete. */
  warnings: string[];
}

export async function log(options: LogOptions): Promise<LogResult> {
  const workspace = await loadWorkspace(options.root);
  const item = resolveId(workspace.items, options.id, workspace.unreadable, workspace.diagnostics);
  const repo = await requireRepository(options.root, 'log');
  const { stages, extraFields } = workspace.config;
  const commits = (await readCommits(repo, ['HEAD'], [item.path], ['--follow'])).reverse();
  const blobs = await readObjects(
    options.root,
    commits.flatMap((c) => c.files.flatMap((f) => [f.oldBlob, f.newBlob]).filter((b): b is string => b !== undefined)),
  );
  const version = (blob: string | undefined, path: string): ItemVersion | undefined => {
    const bytes = blob === undefined ? undefined : blobs.get(blob);
    return bytes === undefined ? undefined : parseVersion(bytes, path, extraFields);
  };

  const entries: LogEntry[] = [];
  let lastBlob: Buffer | undefined;
  for (const commit of commits) {
    const file = commit.files[0];
    if (!file) continue;
    const changes: ItemChange[] = [];
    if (file.status === 'R' && file.oldPath !== file.path) {
      changes.push({ kind: 'renamed', from: itemIdOf(file.oldPath) ?? file.oldPath, to: itemIdOf(file.path) ?? file.path });
    }
    const sameContent = file.oldBlob !== undefined && file.oldBlob === file.newBlob;
    if (!sameContent) changes.push(...diffVersions(version(file.oldBlob, file.oldPath), version(file.newBlob, file.path), stages));
    entries.push({ commit: commit.hash, short: shortHash(commit.hash), date: commit.authorDate, author: commit.author, changes });
    lastBlob = file.newBlob === undefined ? undefined : blobs.get(file.newBlob);
  }

  const working = readWorking(join(options.root, item.path));
  if (working && (!lastBlob || !working.equals(lastBlob))) {
    const before = lastBlob ? parseVersion(lastBlob, item.path, extraFields) : undefined;
    const changes = diffVersions(before, parseVersion(working, item.path, extraFields), stages);
    entries.push({ commit: null, short: 'uncommitted', date: null, author: null, changes });
  }
  return { id: item.id, title: item.title, path: item.path, entries, warnings: repo.shallow ? [shallowWarning('log')] : [] };
}

function readWorking(absPath: string): Buffer | undefined {
  try {
    return readFileSync(absPath);
  } catch {
    return undefined;
  }
}
