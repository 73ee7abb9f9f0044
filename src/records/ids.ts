// Ids from paths, and finding an item by any unambiguous trailing part of its id.

import type { Diagnostic } from './diagnostic.js';
import { Refusal } from '../errors.js';
import type { Item } from './model.js';
import { namesOfPath } from './tree.js';

export type IdMatch<T extends { id: string } = Item> = { item: T } | { candidates: T[] };

/**
 * The items an id names: an exact id wins (two files with that id are both
 * candidates); else a trailing part that starts at a "/" or "-" ("r1",
 * "cd-2007/r1"); else any trailing part.
 */
export function matchId<T extends { id: string }>(items: readonly T[], query: string): IdMatch<T> {
  const q = query.trim().toLowerCase().replace(/\\/g, '/').replace(/^records\//, '').replace(/\.md$/, '');
  const exact = items.filter((i) => i.id === q);
  // Two files whose names differ only in case ("r1.md", "R1.md") have one id: neither is picked silently.
  if (exact.length > 0) return exact.length === 1 ? { item: exact[0]! } : { candidates: exact };
  const boundary = items.filter((i) => i.id.endsWith(q) && '/-'.includes(i.id.charAt(i.id.length - q.length - 1)));
  const candidates = boundary.length > 0 ? boundary : items.filter((i) => i.id.endsWith(q));
  return candidates.length === 1 ? { item: candidates[0]! } : { candidates };
}

/**
 * The item an id names, or a Refusal naming the candidates. `unreadable`
 * (workspace-relative paths) lets an id that names a broken file say so.
 */
export function resolveId<T extends { id: string } = Item>(items: readonly T[], query: string, unreadable: readonly string[] = [], problems: readonly Diagnostic[] = []): T {
  const match = matchId(items, query);
  if ('item' in match) return match.item;
  if (match.candidates.length === 0) {
    const broken = unreadableMatch(unreadable, query);
    if (broken) {
      // The first thing wrong with it, where the loader placed it: the officer can go straight to the line.
      const first = problems.find((d) => d.file === broken && d.severity === 'error' && d.line > 0);
      const why = first ? `${broken}:${first.line}:${first.column}: ${first.message}` : `${broken} could not be read`;
      throw new Refusal(`${why}, so "${query}" cannot be used until it is fixed (run "track validate" to see every problem).`);
    }
    throw new Refusal((flag) => `No item has the id "${query}". Run "track list ${flag('format')} ids" to see the ids there are.`);
  }
  const [first] = match.candidates;
  if (match.candidates.every((i) => i.id === first!.id)) {
    const paths = match.candidates.map((i) => ('path' in i ? String((i as { path: unknown }).path) : i.id)).join(', ');
    throw new Refusal(`${match.candidates.length} record files have the id "${first!.id}" (${paths}): their names differ only in case. Rename all but one (file names are written in lower case).`);
  }
  const shown = match.candidates.slice(0, 10).map((i) => i.id).join(', ');
  const more = match.candidates.length > 10 ? ` and ${match.candidates.length - 10} more` : '';
  throw new Refusal(`The id "${query}" is ambiguous: it could be ${shown}${more}. Give more of the id.`);
}

/** Record files that could not be read, each with the id and source it would have, so that ids and links can name them. */
export function unreadableRecords(paths: readonly string[]): { id: string; source: string; path: string }[] {
  return paths.flatMap((path) => {
    const names = namesOfPath(path);
    return names?.kind === 'item' ? [{ id: names.id, source: names.source, path }] : [];
  });
}

/** The unreadable record file an id would name, matched as ids are. */
function unreadableMatch(paths: readonly string[], query: string): string | undefined {
  const match = matchId(unreadableRecords(paths), query);
  return 'item' in match ? match.item.path : undefined;
}

/**
 * Resolve an id written inside a record (`related`): an item of the same
 * source by its file name, else an item by its whole id (records.md). Not by
 * a trailing part, as ids given to commands are: "r10" with no r10 in its own
 * source is no item, never another source's r10.
 */
export function resolveRelated<T extends { id: string; source: string } = Item>(byId: ReadonlyMap<string, T>, from: { source: string }, ref: string): T | undefined {
  const q = ref.trim().toLowerCase().replace(/\\/g, '/').replace(/^records\//, '').replace(/\.md$/, '');
  return byId.get(`${from.source}/${q}`) ?? byId.get(q);
}
