import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { schema } from '../src/commands/schema.js';
import { DATE_PATTERN } from '../src/records/schema.js';
import { exitFor } from '../src/cli/errors.js';
import { workspace } from './helpers.js';

describe('track schema', () => {
  it('gives the JSON Schema of config, source, item and meetings', async () => {
    const result = await schema({ cwd: workspace({}) });
    const schemas = JSON.parse(JSON.stringify(result)) as Record<string, { properties: Record<string, unknown>; required: string[]; additionalProperties: boolean }>;
    expect(Object.keys(schemas)).toEqual(['config', 'source', 'item', 'meetings']);
    expect(schemas['item']!.required).toEqual(['title', 'stage']);
    expect(schemas['item']!.additionalProperties).toBe(false);
    expect(schemas['item']!.properties['due']).toEqual({
      anyOf: [{ type: 'string', pattern: DATE_PATTERN }, { type: 'null' }],
      description: 'The target date; when an update moves it (new_due), due is the newest new_due.',
    });
    expect(schemas['source']!.required).toEqual(['title', 'date']);
    expect(schemas['config']!.required).toEqual(['organisation']);
  });

  it("allows the workspace's extra_fields on items, and writes files with --out", async () => {
    const root = workspace({ 'track.config.yaml': 'organisation: X\nextra_fields: [ward]\n' });
    const r = await schema({ cwd: join(root, 'records'), out: '../schemas' });
    expect(r.written).toContain(join('../schemas', 'item.schema.json'));
    const item = JSON.parse(readFileSync(join(root, 'schemas', 'item.schema.json'), 'utf8')) as { properties: Record<string, unknown> };
    expect(Object.keys(item.properties)).toContain('ward');
  });

  it('gives the date pattern to dates alone: stage ids and numbers such as "on-track" or "4a" stay open', async () => {
    const schemas = JSON.parse(JSON.stringify(await schema({ cwd: workspace({}) }))) as Record<string, unknown>;
    const patterned: string[] = [];
    const walk = (node: unknown, path: string) => {
      if (typeof node !== 'object' || node === null) return;
      const o = node as Record<string, unknown>;
      if (o['pattern'] === DATE_PATTERN) patterned.push(path);
      if (Array.isArray(node)) node.forEach((v) => walk(v, path));
      else for (const [k, v] of Object.entries(o)) walk(v, k === 'properties' || k === 'anyOf' || k === 'items' ? path : `${path}.${k}`);
    };
    walk(schemas, '');
    expect(patterned.sort()).toEqual(['.item.due', '.item.report_back', '.item.updates.date', '.item.updates.new_due', '.item.updates.previous_due', '.meetings.date', '.source.date']);
  });
});

describe('schema --out through a file', () => {
  it('says the path holds a file, exits 2 and writes nothing', async () => {
    const root = workspace({ 'afile': 'x\n' });
    const error = await schema({ cwd: root, out: 'afile/schemas' }).catch((e: unknown) => e);
    expect(exitFor(error)).toMatchObject({ code: 2, message: 'Cannot make the folder afile/schemas: part of its path is a file, not a folder, so nothing was written; check the path.' });
    expect(existsSync(join(root, 'afile/schemas'))).toBe(false);
  });
});
