// How every command opens a workspace: one loader, one set of rules.

import { compareDiagnostics, type Diagnostic } from '../records/diagnostic.js';
import type { Workspace } from '../records/model.js';
import { cacheReader, cachedParser, cachedWorkspace, rememberSettings, settingsStats, type CacheStats } from '../records/cache.js';
import { readFiles } from '../records/read-files.js';
import { cacheEnabled, hasRecordCache } from '../records/cache-keys.js';
import { listRecordFiles, type RecordTree } from '../records/tree.js';
import { locateDiagnostics, type SourceLines } from '../records/locate.js';

/**
 * Read a workspace, from .track/cache/ where files are unchanged (TRACK_NO_CACHE=1
 * reads every file). When nothing has changed, the parsers (zod, YAML) are not
 * even loaded. `stats`, when given, counts the records read from the cache and
 * from their files.
 */
export async function openWorkspace(root: string, tree?: RecordTree, stats?: CacheStats): Promise<Workspace> {
  const files = tree ?? listRecordFiles(root);
  // Every file is to be read: start now, while the parsers load.
  const readAll = () => readFiles(files.files.map((f) => f.absPath));
  if (!cacheEnabled()) {
    const reading = readAll();
    const { loadWorkspace } = await import('../records/workspace.js');
    return await loadWorkspace(root, { tree: files, reading });
  }
  const settings = settingsStats(root);
  const read = cacheReader(root);
  const cached = cachedWorkspace(root, files, settings, stats, read);
  if (cached) return cached;
  const reading = hasRecordCache(root) ? undefined : readAll();
  const { loadWorkspace } = await import('../records/workspace.js');
  const workspace = await loadWorkspace(root, { parseRecords: cachedParser(stats, read), tree: files, ...(reading ? { reading } : {}) });
  rememberSettings(root, settings, workspace);
  return workspace;
}

/**
 * Add line and column to every diagnostic and sort them in file order.
 * `sources` keeps the lines they land on, for printing them after.
 */
export function placeDiagnostics(diagnostics: Diagnostic[], sources: SourceLines): Diagnostic[] {
  return locateDiagnostics(diagnostics, sources).sort(compareDiagnostics);
}

export { listRecordFiles };
