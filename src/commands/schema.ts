// JSON Schema of the config, source and item frontmatter, for editors.

import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as z from 'zod';
import { findWorkspaceRoot, loadConfig, resolveWorkspaceRoot } from '../records/config.js';
import { configSchema, itemSchema, meetingsSchema, sourceSchema } from '../records/schema.js';
import { writeFiles } from '../write/transaction.js';

export interface SchemaOptions {
  /** The config's extra_fields, allowed on items (given, or read from the workspace). */
  extraFields?: readonly string[];
  /**
   * Where to look for a workspace whose extra_fields to allow: `dir` is
   * exactly that workspace (--dir), else the nearest one up from `cwd`; none
   * found is fine, as the schema is then the contract's.
   */
  dir?: string;
  cwd?: string;
  /** Write one file per schema into this folder (relative to `cwd`), rather than only return them. */
  out?: string;
}

export type SchemaResult = Record<'config' | 'source' | 'item' | 'meetings', object> & {
  /** The files written, as given under `out`. */
  written?: string[];
};

const FILES = { config: 'track.config.schema.json', source: 'source.schema.json', item: 'item.schema.json', meetings: 'meetings.schema.json' } as const;

function jsonSchema(schema: z.ZodType, title: string): object {
  // Record dates carry their pattern as metadata (see records/schema.ts).
  const out = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return { ...out, title };
}

export async function schema(options: SchemaOptions = {}): Promise<SchemaResult> {
  const cwd = options.cwd ?? process.cwd();
  let extraFields = options.extraFields;
  if (extraFields === undefined) {
    // Outside a workspace the schema is the contract's; inside, items also allow extra_fields.
    const root = options.dir !== undefined ? resolveWorkspaceRoot(options.dir, cwd) : findWorkspaceRoot(cwd);
    extraFields = root ? loadConfig(root).extraFields : [];
  }
  const result: SchemaResult = {
    config: jsonSchema(configSchema, 'track.config.yaml'),
    source: jsonSchema(sourceSchema, 'source.md frontmatter'),
    item: jsonSchema(itemSchema(extraFields), 'item frontmatter'),
    meetings: jsonSchema(meetingsSchema, 'meetings.yaml'),
  };
  if (options.out === undefined) return result;
  const dir = resolve(cwd, options.out);
  mkdirSync(dir, { recursive: true });
  const files = Object.entries(FILES).map(([key, file]) => ({
    path: join(dir, file),
    bytes: `${JSON.stringify(result[key as keyof typeof FILES], null, 2)}\n`,
    shown: join(options.out!, file),
  }));
  await writeFiles(files);
  return { ...result, written: files.map((f) => f.shown) };
}
