// docs/format.md, the officers' reference, lists every key the schemas allow,
// in the table for its place (config, body, item, update, …).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { schema } from '../src/commands/schema.js';
import { PROJECT_ROOT } from './helpers.js';

type Node = { properties?: Record<string, Node>; items?: Node; anyOf?: Node[]; required?: string[] };

/** The tables of docs/format.md: table name → key → [required, description]. */
export function docTables(): Map<string, Map<string, { required: boolean; description: string }>> {
  const text = readFileSync(join(PROJECT_ROOT, 'docs', 'format.md'), 'utf8');
  const tables = new Map<string, Map<string, { required: boolean; description: string }>>();
  for (const match of text.matchAll(/<!-- keys: ([a-z]+) -->\n\| key \| required \| what it holds \|\n\| --- \| --- \| --- \|\n((?:\|.*\|\n)+)/g)) {
    const rows = new Map<string, { required: boolean; description: string }>();
    for (const line of match[2]!.trimEnd().split('\n')) {
      const [, key, required, description] = /^\| `([a-z_]+)` \| (yes|no) \| (.+) \|$/.exec(line) ?? [];
      expect(key, `a row of the ${match[1]} table: ${line}`).toBeDefined();
      rows.set(key!, { required: required === 'yes', description: description! });
    }
    tables.set(match[1]!, rows);
  }
  return tables;
}

/** An object schema inside a property, through nullable, list and one-of wrappers. */
function objectIn(node: Node | undefined): Node | undefined {
  if (!node) return undefined;
  if (node.properties) return node;
  for (const option of node.anyOf ?? []) {
    const found = objectIn(option);
    if (found) return found;
  }
  return objectIn(node.items);
}

export async function schemaObjects(): Promise<Map<string, Node>> {
  const s = (await schema()) as unknown as Record<string, Node>;
  const config = s['config']!;
  const source = s['source']!;
  const item = s['item']!;
  const found = new Map<string, Node | undefined>([
    ['config', config],
    ['body', objectIn(config.properties!['bodies'])],
    ['person', objectIn(config.properties!['people'])],
    ['report', objectIn(config.properties!['report'])],
    ['stage', objectIn(config.properties!['stages'])],
    ['source', source],
    ['attendee', objectIn(source.properties!['attendees'])],
    ['item', item],
    ['update', objectIn(item.properties!['updates'])],
    ['meeting', objectIn(s['meetings'])],
  ]);
  return new Map([...found].filter((entry): entry is [string, Node] => entry[1] !== undefined));
}

describe('docs/format.md', () => {
  it('documents every key of every record, in the table for its place, marked required as the schema has it', async () => {
    const tables = docTables();
    expect([...tables.keys()].sort()).toEqual(['attendee', 'body', 'config', 'item', 'meeting', 'person', 'report', 'source', 'stage', 'update']);
    for (const [place, node] of await schemaObjects()) {
      const documented = tables.get(place)!;
      for (const key of Object.keys(node.properties!)) {
        expect(documented.has(key), `docs/format.md documents the ${place} key "${key}"`).toBe(true);
        expect(documented.get(key)!.required, `${place} key "${key}" is required`).toBe((node.required ?? []).includes(key));
      }
    }
  });

  it('is what the README links to for the format, not a path outside the repository', () => {
    const readme = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8');
    expect(readme).toContain('(docs/format.md)');
    expect(readme).not.toMatch(/\.\.\/shared\//);
  });
});
