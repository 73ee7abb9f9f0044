// A workspace from its parts, however they were read: from the files (the
// loader) or all from the cache. One place sorts records and gathers problems.

import type { Diagnostic } from './diagnostic.js';
import type { Config, Frontmatter, Item, Meeting, Source, Workspace } from './model.js';
import type { ParsedRecord } from './parse.js';
import type { RecordTree } from './tree.js';
import { bodyIdOf, buildRegisters } from './registers.js';

/**
 * "cd/r2" before "cd/r10", and r999999999999 before r1000000000000: each run
 * of digits, without its leading zeros, is written as its length then its
 * digits, so that plain text order is number order whatever the length. The
 * length is digits too ("9" per nine digits, then the rest, 0-8), so a number
 * still sorts before a letter as it did. Built by walking the characters: a
 * regular expression calling back for every run of digits is several times
 * slower on 100,000 ids.
 */
export function naturalKey(id: string): string {
  let key = '';
  let from = 0;
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    if (c < 48 || c > 57) continue;
    let end = i + 1;
    while (end < id.length && id.charCodeAt(end) >= 48 && id.charCodeAt(end) <= 57) end++;
    key += id.slice(from, i);
    let start = i;
    while (start < end - 1 && id.charCodeAt(start) === 48) start++;
    const length = end - start;
    key += '9'.repeat(Math.floor((length - 1) / 9)) + String((length - 1) % 9) + id.slice(start, end);
    from = end;
    i = end - 1;
  }
  return from === 0 ? id : key + id.slice(from);
}

/** Sort items (or anything with an id) by id in natural order, working out each sort key once. */
export function sortById<T extends { id: string }>(items: T[]): void {
  const keyed = items.map((item) => ({ key: naturalKey(item.id), item }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  keyed.forEach(({ item }, i) => (items[i] = item));
}

export interface LoadedMeetings {
  meetings: Meeting[];
  diagnostics: Diagnostic[];
}

/** The workspace of these records; the frontmatter of those read this run is at hand, and others' where `kept` has it. */
export function assembleWorkspace(root: string, config: Config, tree: RecordTree, parsed: readonly ParsedRecord[], meetings: LoadedMeetings, kept?: Frontmatter): Workspace {
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
  sortById(items);
  sources.sort((a, b) => (a.id < b.id ? -1 : 1));
  diagnostics.push(...meetings.diagnostics);
  // A meeting's body by its id, however meetings.yaml writes it ("PCT", "Leeds Primary Care Trust"): "the same body" compares ids.
  const registers = meetings.meetings.some((m) => m.body !== undefined) ? buildRegisters(config) : undefined;
  const byId = registers ? meetings.meetings.map((m) => (m.body !== undefined ? { ...m, body: bodyIdOf(m.body, registers) } : m)) : meetings.meetings;
  return { root, config, sources, items, meetings: byId, diagnostics, unreadable, frontmatter: kept ? { get: (path) => frontmatter.get(path) ?? kept.get(path) } : frontmatter };
}
