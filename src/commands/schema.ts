// JSON Schema of the config, source and item frontmatter, for editors.

import * as z from 'zod';
import { configSchema, itemSchema, meetingsSchema, sourceSchema } from '../records/schema.js';

export interface SchemaOptions {
  /** The config's extra_fields, allowed on items. */
  extraFields?: readonly string[];
}

export type SchemaResult = Record<'config' | 'source' | 'item' | 'meetings', object>;

function jsonSchema(schema: z.ZodType, title: string): object {
  // Record dates carry their pattern as metadata (see records/schema.ts).
  const out = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return { ...out, title };
}

export async function schema(options: SchemaOptions = {}): Promise<SchemaResult> {
  return {
    config: jsonSchema(configSchema, 'track.config.yaml'),
    source: jsonSchema(sourceSchema, 'source.md frontmatter'),
    item: jsonSchema(itemSchema(options.extraFields ?? []), 'item frontmatter'),
    meetings: jsonSchema(meetingsSchema, 'meetings.yaml'),
  };
}
