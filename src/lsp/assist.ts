// Completion and hover in a record's frontmatter: keys, stage ids, owners,
// meeting dates; an owner's name and body. Pure functions of the text, the
// cursor and the workspace, so they are tested without a server.

import { buildRegisters } from '../records/registers.js';
import type { Workspace } from '../records/model.js';
import { ITEM_KEYS, sourceSchema, updateSchema } from '../records/schema.js';

export type RecordKind = 'item' | 'source';

export interface Suggestion {
  label: string;
  /** 'key' | 'stage' | 'owner' | 'date': the client's icon. */
  kind: 'key' | 'stage' | 'owner' | 'date';
  detail?: string;
  insertText?: string;
}

const OWNER_KEYS = new Set(['owners', 'by', 'made_by', 'presented_to', 'signed_by', 'author', 'body']);
const STAGE_KEYS = new Set(['stage', 'proposed_stage']);
const DATE_KEYS = new Set(['due', 'report_back', 'new_due', 'previous_due', 'date']);
const UPDATE_KEYS = Object.keys(updateSchema.shape);
const SOURCE_KEYS = Object.keys(sourceSchema.shape);

/** Whether line `line` (0-based) is inside the frontmatter of `lines`. */
function inFrontmatter(lines: readonly string[], line: number): boolean {
  if (lines[0]?.trimEnd() !== '---' || line === 0) return false;
  for (let i = 1; i < lines.length; i++) if (/^---\s*$/.test(lines[i]!)) return line < i;
  return true;
}

const indentOf = (text: string) => /^\s*/.exec(text)![0].length;

/** The key a line's value belongs to: its own ("stage: 2"), or, for a list entry ("  - pct"), its parent's. */
function keyOf(lines: readonly string[], line: number): string | undefined {
  const own = /^\s*(?:- )?([a-z_]+):/.exec(lines[line]!)?.[1];
  if (own) return own;
  if (!/^\s*- /.test(lines[line]!)) return undefined;
  const indent = indentOf(lines[line]!);
  for (let i = line - 1; i > 0; i--) {
    const parent = /^(\s*)(?:- )?([a-z_]+):\s*$/.exec(lines[i]!);
    if (parent && parent[1]!.length <= indent) return parent[2];
    if (lines[i]!.trim() !== '' && indentOf(lines[i]!) < indent) return undefined;
  }
  return undefined;
}

/** Inside an entry of `updates:` (indented under it). */
function inUpdates(lines: readonly string[], line: number): boolean {
  if (indentOf(lines[line]!) === 0) return false;
  for (let i = line - 1; i > 0; i--) {
    if (indentOf(lines[i]!) === 0 && lines[i]!.trim() !== '') return /^updates:/.test(lines[i]!);
  }
  return false;
}

function owners(workspace: Workspace): Suggestion[] {
  const out: Suggestion[] = [];
  for (const body of workspace.config.bodies) {
    out.push({ label: body.id, kind: 'owner', detail: body.name });
    for (const name of [body.name, ...body.aliases]) out.push({ label: name, kind: 'owner', detail: `${body.name} (${body.id})`, insertText: /[:#,[\]{}]/.test(name) ? JSON.stringify(name) : name });
  }
  for (const person of workspace.config.people) {
    out.push({ label: person.id, kind: 'owner', detail: person.name });
    for (const name of [person.name, ...person.aliases]) out.push({ label: name, kind: 'owner', detail: `${person.name} (${person.id})`, insertText: /[:#,[\]{}]/.test(name) ? JSON.stringify(name) : name });
  }
  return out;
}

/** What may be typed at (line, character) of a record's text. */
export function suggest(text: string, line: number, character: number, kind: RecordKind, workspace: Workspace): Suggestion[] {
  const lines = text.split(/\r?\n/);
  if (line >= lines.length || !inFrontmatter(lines, line)) return [];
  const before = lines[line]!.slice(0, character);
  if (/^\s*(?:- )?[a-z_]*$/.test(before) && !(/^\s*- /.test(before) && keyOf(lines, line) !== undefined && !inUpdates(lines, line))) {
    const keys = inUpdates(lines, line) ? UPDATE_KEYS : kind === 'source' ? SOURCE_KEYS : [...ITEM_KEYS, ...workspace.config.extraFields];
    return keys.map((key) => ({ label: key, kind: 'key', insertText: `${key}: ` }));
  }
  const key = keyOf(lines, line);
  if (key === undefined) return [];
  if (STAGE_KEYS.has(key)) return workspace.config.stages.map((s) => ({ label: String(s.id), kind: 'stage', detail: s.label + (s.closed ? ' (closed)' : '') }));
  if (OWNER_KEYS.has(key)) return owners(workspace);
  if (DATE_KEYS.has(key)) return workspace.meetings.map((m) => ({ label: m.date, kind: 'date', detail: `${m.title ?? 'meeting'}${m.tentative ? ' (tbc)' : ''}` }));
  return [];
}

/** The owner named under the cursor, as Markdown: its name, and its body (or, for a person, their role and body). */
export function describeOwner(text: string, line: number, character: number, workspace: Workspace): string | undefined {
  const lines = text.split(/\r?\n/);
  if (line >= lines.length || !inFrontmatter(lines, line)) return undefined;
  const key = keyOf(lines, line);
  if (key === undefined || !OWNER_KEYS.has(key)) return undefined;
  const current = lines[line]!;
  // The name under the cursor: between the separators of a YAML value or flow list.
  const valueStart = current.indexOf(':') >= 0 && /^\s*(?:- )?[a-z_]+:/.test(current) ? current.indexOf(':') + 1 : current.indexOf('-') + 1;
  if (character < valueStart) return undefined;
  let start = character;
  let end = character;
  while (start > valueStart && !/[[\],]/.test(current[start - 1]!)) start--;
  while (end < current.length && !/[[\],#]/.test(current[end]!)) end++;
  const name = current.slice(start, end).trim().replace(/^["']|["']$/g, '');
  if (name === '') return undefined;
  const registers = buildRegisters(workspace.config);
  const party = registers.resolve(name);
  if (!party) return `**${name}** is not in the bodies or people of track.config.yaml.`;
  if (party.kind === 'body') return `**${party.body.name}**\n\nbody \`${party.body.id}\``;
  const person = party.person;
  const body = person.body ? registers.displayName(person.body) : undefined;
  return `**${person.name}**${person.role ? `, ${person.role}` : ''}\n\n${body ? `${body}, ` : ''}person \`${person.id}\``;
}
