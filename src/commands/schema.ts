// JSON Schema of the config, source and item frontmatter, for editors.

import { join, resolve } from 'node:path';
import * as z from 'zod';
import { findWorkspaceRoot, loadConfig, resolveWorkspaceRoot } from '../records/config.js';
import { KEY_DESCRIPTIONS, type KeyPlace } from '../records/key-descriptions.js';
import { configSchema, itemSchema, meetingsSchema, sourceSchema } from '../records/schema.js';
import { makeFolder } from '../write/file.js';
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

/** A JSON Schema node, as far as finding the objects in it needs. */
export type SchemaNode = { properties?: Record<string, SchemaNode>; items?: SchemaNode; anyOf?: SchemaNode[]; required?: string[]; description?: string };

/** An object schema inside a property, through nullable, list and one-of wrappers. */
function objectIn(node: SchemaNode | undefined): SchemaNode | undefined {
  if (!node) return undefined;
  if (node.properties) return node;
  for (const option of node.anyOf ?? []) {
    const found = objectIn(option);
    if (found) return found;
  }
  return objectIn(node.items);
}

/** Each place keys are written (the config, a body, an update, …) and its object in the schemas. */
export function keyPlaces(schemas: Pick<SchemaResult, 'config' | 'source' | 'item' | 'meetings'>): Map<KeyPlace, SchemaNode> {
  const config = schemas.config as SchemaNode;
  const source = schemas.source as SchemaNode;
  const item = schemas.item as SchemaNode;
  const found: [KeyPlace, SchemaNode | undefined][] = [
    ['config', config],
    ['body', objectIn(config.properties?.['bodies'])],
    ['person', objectIn(config.properties?.['people'])],
    ['report', objectIn(config.properties?.['report'])],
    ['stage', objectIn(config.properties?.['stages'])],
    ['source', source],
    ['attendee', objectIn(source.properties?.['attendees'])],
    ['item', item],
    ['update', objectIn(item.properties?.['updates'])],
    ['meeting', objectIn(schemas.meetings as SchemaNode)],
  ];
  return new Map(found.filter((entry): entry is [KeyPlace, SchemaNode] => entry[1] !== undefined));
}

/** Every key gets what docs/format.md says it holds, for an editor's hover. */
function describeKeys(schemas: SchemaResult): void {
  for (const [place, node] of keyPlaces(schemas)) {
    for (const [key, property] of Object.entries(node.properties ?? {})) {
      const description = KEY_DESCRIPTIONS[place][key];
      if (description !== undefined) property.description = description;
    }
  }
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
  describeKeys(result);
  if (options.out === undefined) return result;
  const dir = resolve(cwd, options.out);
  makeFolder(dir, options.out);
  const files = Object.entries(FILES).map(([key, file]) => ({
    path: join(dir, file),
    bytes: `${JSON.stringify(result[key as keyof typeof FILES], null, 2)}\n`,
    shown: join(options.out!, file),
  }));
  await writeFiles(files);
  return { ...result, written: files.map((f) => f.shown) };
}
