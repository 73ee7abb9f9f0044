#!/usr/bin/env node
// The floor `track` is measured against: the least a bare Node script must do
// to read a workspace's records. It lists records/*/*.md, reads each file,
// cuts out the frontmatter by string search, parses it with js-yaml and checks
// it against a zod schema of the record format. Nothing cached, nothing
// skipped, nothing made slow on purpose.
//
//   node bench/floor.mjs DIR [--mode validate|status|read] [--today YYYY-MM-DD]
//
// --mode read is a bare read: it lists and reads every record file, and parses
// nothing (the least any command that looks at every file must do).

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const args = process.argv.slice(2);
let dir;
let mode = 'validate';
let today = process.env.TRACK_TODAY || '2026-11-23';
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--mode') mode = args[++i];
  else if (args[i] === '--today') today = args[++i];
  else if (!dir) dir = args[i];
}
if (!dir || !['validate', 'status', 'read'].includes(mode)) {
  console.error('usage: node bench/floor.mjs DIR [--mode validate|status|read] [--today YYYY-MM-DD]');
  process.exit(2);
}

if (mode === 'read') {
  // A bare read loads no parser: list the record files and read each.
  let read = 0;
  const records = join(dir, 'records');
  for (const folder of readdirSync(records, { withFileTypes: true })) {
    if (!folder.isDirectory()) continue;
    const folderPath = join(records, folder.name);
    for (const name of readdirSync(folderPath)) {
      if (!name.endsWith('.md')) continue;
      readFileSync(join(folderPath, name), 'utf8');
      read++;
    }
  }
  console.log(`${read} files read`);
  process.exit(0);
}

const { default: yaml } = await import('js-yaml');
const { z } = await import('zod');

// ---------------------------------------------------------------- schemas

const date = z.string().regex(/^\d{4}-\d{2}(-\d{2})?$/);
const names = z.union([z.string(), z.array(z.string())]);
const stage = z.union([z.number().int(), z.string().min(1)]);

const update = z.strictObject({
  date,
  stage: stage.nullish(),
  proposed_stage: stage.nullish(),
  by: z.string().nullish(),
  note: z.string(),
  new_due: date.nullish(),
  reason: z.string().nullish(),
  evidence: names.nullish(),
});

const item = z.strictObject({
  title: z.string(),
  number: z.union([z.number().int().nonnegative(), z.string().min(1)]).nullish(),
  kind: z.enum(['recommendation', 'action', 'objective']).nullish(),
  theme: z.string().nullish(),
  owners: names.nullish(),
  response: z.enum(['accepted', 'partially-accepted', 'rejected', 'noted', 'pending']).nullish(),
  due: date.nullish(),
  report_back: date.nullish(),
  stage,
  related: names.nullish(),
  tags: names.nullish(),
  updates: z.array(update).nullish(),
});

const source = z.strictObject({
  title: z.string(),
  kind: z.enum(['scrutiny-inquiry', 'board-decision', 'review', 'audit', 'meeting', 'report', 'other']).nullish(),
  made_by: z.string().nullish(),
  date,
  url: z.string().nullish(),
  attendees: names.nullish(),
});

// ---------------------------------------------------------------- read

/** The frontmatter text between the first two `---` lines, or undefined. */
function frontmatter(text) {
  if (!text.startsWith('---')) return undefined;
  const start = text.indexOf('\n') + 1;
  if (start === 0) return undefined;
  const end = text.indexOf('\n---', start - 1);
  if (end < 0) return undefined;
  return text.slice(start, end + 1);
}

const records = join(dir, 'records');
let files = 0;
let failures = 0;
const shown = [];
const items = [];

for (const folder of readdirSync(records, { withFileTypes: true })) {
  if (!folder.isDirectory()) continue;
  const folderPath = join(records, folder.name);
  for (const name of readdirSync(folderPath)) {
    if (!name.endsWith('.md')) continue;
    const path = join(folderPath, name);
    files++;
    const fm = frontmatter(readFileSync(path, 'utf8'));
    let data;
    try {
      data = fm === undefined ? undefined : yaml.load(fm, { schema: yaml.CORE_SCHEMA });
    } catch (err) {
      failures++;
      if (shown.length < 5) shown.push(`${path}: ${err.message.split('\n')[0]}`);
      continue;
    }
    const result = (name === 'source.md' ? source : item).safeParse(data);
    if (!result.success) {
      failures++;
      if (shown.length < 5) shown.push(`${path}: ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      continue;
    }
    if (name !== 'source.md') items.push(result.data);
  }
}

for (const line of shown) console.error(line);

if (mode === 'validate') {
  console.log(`${files} files, ${failures} zod failures`);
} else {
  // The leeds scale closes stages 1 and 2. A month-precision due date counts
  // as its last day, so it is overdue once its month is before today's.
  const closed = new Set(['1', '2']);
  const month = today.slice(0, 7);
  const byStage = {};
  let open = 0;
  let overdue = 0;
  for (const it of items) {
    const key = String(it.stage);
    byStage[key] = (byStage[key] ?? 0) + 1;
    if (closed.has(key)) continue;
    open++;
    const due = it.due;
    if (due && (due.length === 7 ? due < month : due < today)) overdue++;
  }
  console.log(JSON.stringify({ today, files, failures, total: items.length, open, closed: items.length - open, by_stage: byStage, overdue }));
}
