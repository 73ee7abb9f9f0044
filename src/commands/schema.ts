// JSON Schema of the config, source and item frontmatter, for editors.

import { z } from 'zod';
import { configSchema, itemSchema, meetingsSchema, sourceSchema } from '../records/schema.js';

export interface SchemaOptions {
  /** The config's extra_fields, allowed on items. */
  extraFields?: readonly string[];
}

export type SchemaResult = Record<'config' | 'source' | 'item' | 'meetings', object>;

const DATE_PATTERN = '^\\d{4}-\\d{2}(-\\d{2})?$';

function jsonSchema(schema: z.ZodType, title: string): object {
  const out = z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'any',
    override: (ctx) => {
      const def = (ctx.zodSchema as unknown as { _zod: { def: { type: string; checks?: unknown[] } } })._zod.def;
      // Record dates are strings checked in code; give editors the shape.
      if (def.type === 'string' && def.checks?.length && !('pattern' in ctx.jsonSchema)) ctx.jsonSchema['pattern'] = DATE_PATTERN;
    },
  }) as Record<string, unknown>;
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
