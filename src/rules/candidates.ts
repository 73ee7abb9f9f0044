// Validating new file contents before they replace the old: the same loader
// and the same rules as `track validate`, compared with the file as it was.
// A command hands this check to the writer (write/items.ts).

import type { Candidate, CandidateCheck } from '../records/candidate.js';
import type { Diagnostic } from '../records/diagnostic.js';
import type { Item, Workspace } from '../records/model.js';
import { parseItemText, type ParsedRecord } from '../records/parse.js';
import { ruleContext, runRules } from './index.js';

function parseAll(workspace: Workspace, candidates: readonly Candidate[], which: 'before' | 'after'): ParsedRecord[] {
  return candidates.map((c) => {
    const text = c[which];
    return text === undefined ? { path: c.path, diagnostics: [] } : parseItemText(text, c.path, c.id, c.source, workspace.config.extraFields);
  });
}

/** Every error in the candidates' files, with the candidates in place of the workspace's items. */
function errorsWith(workspace: Workspace, today: string, candidates: readonly Candidate[], parsed: ParsedRecord[]): Diagnostic[] {
  const ids = new Set(candidates.map((c) => c.id));
  const replaced: Item[] = parsed.flatMap((p) => (p.item ? [p.item] : []));
  const items = [...workspace.items.filter((i) => !ids.has(i.id)), ...replaced];
  const files = new Set(candidates.map((c) => c.path));
  const ruled = runRules({ items }, ruleContext(workspace, today)).diagnostics;
  return [...parsed.flatMap((p) => p.diagnostics), ...ruled].filter((d) => d.severity === 'error' && files.has(d.file));
}

const keyOf = (d: Diagnostic) => `${d.file}\u0000${d.rule}\u0000${d.message}`;

/** The check for writes to `workspace` as of `today`: the errors new contents have that the old did not. */
export function checkCandidates(workspace: Workspace, today: string): CandidateCheck {
  return (candidates) => newErrors(workspace, today, candidates);
}

function newErrors(workspace: Workspace, today: string, candidates: readonly Candidate[]): Diagnostic[] {
  const before = errorsWith(workspace, today, candidates, parseAll(workspace, candidates, 'before'));
  const after = errorsWith(workspace, today, candidates, parseAll(workspace, candidates, 'after'));
  const known = new Map<string, number>();
  for (const d of before) known.set(keyOf(d), (known.get(keyOf(d)) ?? 0) + 1);
  return after.filter((d) => {
    const left = known.get(keyOf(d)) ?? 0;
    known.set(keyOf(d), left - 1);
    return left <= 0;
  });
}
