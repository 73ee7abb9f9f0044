// A workspace from its parts, however they were read: from the files (the
// loader) or all from the cache. One place sorts records and gathers problems.

import type { Diagnostic } from './diagnostic.js';
import type { Config, Item, Meeting, Source, Workspace } from './model.js';
import type { ParsedRecord } from './parse.js';
import type { RecordTree } from './tree.js';

/** "cd/r2" before "cd/r10": digit runs compare as numbers. */
const naturalKey = (id: string) => id.replace(/\d+/g, (d) => d.padStart(12, '0'));

/** Sort items by id in natural order, working out each sort key once. */
function sortNaturally(items: Item[]): void {
  const keyed = items.map((item) => ({ key: naturalKey(item.id), item }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  keyed.forEach(({ item }, i) => (items[i] = item));
}

export interface LoadedMeetings {
  meetings: Meeting[];
  diagnostics: Diagnostic[];
}

export function assembleWorkspace(root: string, config: Config, tree: RecordTree, parsed: readonly ParsedRecord[], meetings: LoadedMeetings): Workspace {
  const sources: Source[] = [];
  const items: Item[] = [];
  const unreadable: string[] = [];
  const diagnostics: Diagnostic[] = [...tree.diagnostics];
  const frontmatter = new Map<string, string>();
  for (const record of parsed) {
    if (record.yaml !== undefined) frontmatter.set(record.path, record.yaml);
    if (record.source) sources.push(record.source);
    else if (record.item) items.push(record.item);
    else unreadable.push(record.path);
    diagnostics.push(...record.diagnostics);
  }
  sortNaturally(items);
  sources.sort((a, b) => (a.id < b.id ? -1 : 1));
  diagnostics.push(...meetings.diagnostics);
  return { root, config, sources, items, meetings: meetings.meetings, diagnostics, unreadable, frontmatter };
}
