// docs/format.md, the officers' reference, lists every key the schemas allow,
// in the table for its place (config, body, item, update, …).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { keyPlaces, schema, type SchemaNode } from '../src/commands/schema.js';
import { KEY_DESCRIPTIONS, type KeyPlace } from '../src/records/key-descriptions.js';
import { PROJECT_ROOT } from './helpers.js';

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

describe('docs/format.md', () => {
  it('documents every key of every record, in the table for its place, marked required as the schema has it', async () => {
    const tables = docTables();
    expect([...tables.keys()].sort()).toEqual(['attendee', 'body', 'config', 'item', 'meeting', 'person', 'report', 'source', 'stage', 'update']);
    for (const [place, node] of keyPlaces(await schema())) {
      const documented = tables.get(place)!;
      for (const key of Object.keys(node.properties!)) {
        expect(documented.has(key), `docs/format.md documents the ${place} key "${key}"`).toBe(true);
        expect(documented.get(key)!.required, `${place} key "${key}" is required`).toBe((node.required ?? []).includes(key));
      }
    }
  });

  it("gives every key of the schemas docs/format.md's words as its description, for an editor's hover", async () => {
    const tables = docTables();
    for (const [place, node] of keyPlaces(await schema({ extraFields: [] }))) {
      for (const [key, property] of Object.entries(node.properties as Record<string, SchemaNode>)) {
        expect(property.description, `the ${place} key "${key}"`).toBe(tables.get(place)!.get(key)!.description);
      }
    }
    // And the module holds nothing the docs do not say.
    for (const [place, keys] of Object.entries(KEY_DESCRIPTIONS)) {
      for (const [key, description] of Object.entries(keys)) expect(tables.get(place as KeyPlace)?.get(key)?.description, `${place}.${key}`).toBe(description);
    }
  });

  it('is what the README links to for the format, not a path outside the repository', () => {
    const readme = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8');
    expect(readme).toContain('(docs/format.md)');
    expect(readme).not.toMatch(/\.\.\/shared\//);
  });
});

describe("track schema's date pattern", () => {
  it('refuses months and days that do not exist, as far as a pattern can', async () => {
    const { DATE_PATTERN } = await import('../src/records/schema.js');
    const pattern = new RegExp(DATE_PATTERN);
    for (const good of ['2008-03-10', '2008-04', '2008-12-31', '2008-02-29', '2008-04-30', '1999-11-30', '2024-01']) expect(pattern.test(good), good).toBe(true);
    for (const bad of ['2008-02-30', '2008-13-01', '0000-00-00', '2008-00', '2008-04-31', '2008-11-31', '2008-06-00', '2008-1-01', '08-03-10', '2008-03-10x']) expect(pattern.test(bad), bad).toBe(false);
    const item = (await schema({ extraFields: [] })).item as { properties: Record<string, { anyOf?: { pattern?: string }[]; pattern?: string }> };
    const due = item.properties['due']!;
    expect([due.pattern, ...(due.anyOf ?? []).map((o) => o.pattern)]).toContain(DATE_PATTERN);
  });
});
