import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { schema } from '../../commands/schema.js';
import { findWorkspaceRoot, loadConfig } from '../../records/config.js';
import { writeFiles } from '../../write/transaction.js';
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
  const files = Object.entries(FILES).map(([key, file]) => ({
    path: join(dir, file),
    shown: join(out, file),
    bytes: `${JSON.stringify(result[key as keyof typeof FILES], null, 2)}\n`,
  }));
  await writeFiles(files, root ? { within: root } : {});
  for (const f of files) ctx.stderr.write(`wrote ${f.shown}\n`);
  return 0;
}
