import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { schema } from '../../commands/schema.js';
import { findWorkspaceRoot, loadConfig } from '../../records/config.js';
import type { CliContext } from '../context.js';

const FILES = { config: 'track.config.schema.json', source: 'source.schema.json', item: 'item.schema.json', meetings: 'meetings.schema.json' } as const;

export async function run(ctx: CliContext): Promise<number> {
  // Outside a workspace the schema is the contract's; inside, items also allow extra_fields.
  const root = ctx.dir !== undefined ? ctx.root() : findWorkspaceRoot(process.cwd());
  const result = await schema({ extraFields: root ? loadConfig(root).extraFields : [] });
  const out = ctx.opts['out'] as string | undefined;
  if (out === undefined) {
    ctx.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return 0;
  }
  const dir = resolve(out);
  mkdirSync(dir, { recursive: true });
  for (const [key, file] of Object.entries(FILES)) {
    writeFileSync(join(dir, file), `${JSON.stringify(result[key as keyof typeof FILES], null, 2)}\n`);
    ctx.stderr.write(`wrote ${join(out, file)}\n`);
  }
  return 0;
}
