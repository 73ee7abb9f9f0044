// How every command opens a workspace: one loader, one set of rules.

import { compareDiagnostics, type Diagnostic } from '../records/diagnostic.js';
import type { Workspace } from '../records/model.js';
import { cachedParser, type CacheStats } from '../records/cache.js';
import { cacheEnabled } from '../records/cache-keys.js';
import { loadWorkspace, listRecordFiles, type RecordTree } from '../records/workspace.js';
import { ruleContext, runRules } from '../rules/index.js';
import { locateDiagnostics } from '../records/locate.js';

/** Read a workspace, from .track/cache/ where files are unchanged (TRACK_NO_CACHE=1 reads every file). */
/** `stats`, when given, counts the records read from the cache and from their files. */
export function openWorkspace(root: string, tree?: RecordTree, stats?: CacheStats): Workspace {
  return loadWorkspace(root, { ...(cacheEnabled() ? { parseRecords: cachedParser(stats) } : {}), ...(tree ? { tree } : {}) });
}


/**
 * Every problem in a loaded workspace: what the loader found plus every rule.
 * Unplaced: `placeDiagnostics` adds lines and columns, which `status` never needs.
 */
export function checkWorkspace(workspace: Workspace, today: string): Diagnostic[] {
  return [...workspace.diagnostics, ...runRules(ruleContext(workspace, today))];
}

/** Add line and column to every diagnostic and sort them in file order. */
export function placeDiagnostics(workspace: Workspace, diagnostics: Diagnostic[]): Diagnostic[] {
  return locateDiagnostics(workspace.root, diagnostics, workspace.frontmatter).sort(compareDiagnostics);
}

export { listRecordFiles };
