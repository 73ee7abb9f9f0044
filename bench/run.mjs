#!/usr/bin/env node
// npm run bench: times track on generated workspaces, each as a ratio to the
// floor (bench/floor.mjs: read + js-yaml + zod, nothing else), as medians of
// paired runs. Prints a Markdown table for the README.
//
//   node bench/run.mjs [--sizes 1000,10000,100000] [--runs N] [--only NAME,...]
//
// Timings are whole processes, with NODE_EXTRA_CA_CERTS unset (it adds a
// fixed ~80 ms to every Node start on these machines).

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = dirname(HERE);
const WORK = join(HERE, '.work');
const TRACK = join(ROOT, 'bin', 'track.cjs');
const TODAY = '2026-11-23';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? fallback : args[i + 1];
};
const sizes = opt('sizes', '1000,10000,100000').split(',').map(Number);
const runs = Number(opt('runs', '5'));
const only = opt('only', '')?.split(',').filter(Boolean) ?? [];

const env = { ...process.env, NO_COLOR: '1' };
delete env.NODE_EXTRA_CA_CERTS;
delete env.TRACK_TODAY;

const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

/** Run a command once: wall seconds and peak memory (MiB, when /usr/bin/time is there). */
function once(cmd, cmdArgs, { cwd = ROOT, allowFail = false } = {}) {
  const started = process.hrtime.bigint();
  const result = TIME
    ? spawnSync(TIME, ['-f', '%M', cmd, ...cmdArgs], { cwd, env, encoding: 'utf8', maxBuffer: 1 << 30 })
    : spawnSync(cmd, cmdArgs, { cwd, env, encoding: 'utf8', maxBuffer: 1 << 30 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0 && !(allowFail && result.status === 1)) {
    throw new Error(`${cmd} ${cmdArgs.join(' ')} exited ${result.status}:\n${result.stderr.slice(-2000)}`);
  }
  const rss = TIME ? Number(result.stderr.trim().split('\n').at(-1)) / 1024 : NaN;
  return { seconds, rss };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function workspace(items, commits = 0, people = 0, oneSource = false) {
  const name = commits ? `ws-${items}-c${commits}` : people ? `ws-${items}-p${people}` : oneSource ? `ws-${items}-one` : `ws-${items}`;
  const dir = join(WORK, name);
  if (!existsSync(join(dir, 'track.config.yaml'))) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    process.stderr.write(`generating ${items} items${commits ? ` and ${commits} commits` : ''}${oneSource ? ' in one source' : ''}…\n`);
    const gen = ['bench/generate.mjs', '--items', String(items), '--out', dir, ...(commits ? ['--commits', String(commits)] : []), ...(people ? ['--people', String(people)] : []), ...(oneSource ? ['--one-source'] : [])];
    const r = spawnSync(process.execPath, gen, { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'inherit'] });
    if (r.status !== 0) throw new Error('generate failed');
  }
  return dir;
}

/** An item in the middle of a generated workspace, for `track show`. */
function middleItem(dir) {
  const folders = readdirSync(join(dir, 'records')).sort();
  const folder = folders[Math.floor(folders.length / 2)];
  const names = readdirSync(join(dir, 'records', folder)).filter((n) => n !== 'source.md').sort();
  return `${folder}/${names[Math.floor(names.length / 2)].slice(0, -3)}`;
}

const track = (...a) => [process.execPath, [TRACK, ...a, '--today', TODAY]];
/** track with no cache read or written (TRACK_NO_CACHE=1, through env(1) so that /usr/bin/time still measures track). */
const trackNoCache = (...a) => ['env', ['TRACK_NO_CACHE=1', process.execPath, TRACK, ...a, '--today', TODAY]];
const floor = (dir, mode) => [process.execPath, [join(HERE, 'floor.mjs'), dir, '--mode', mode, '--today', TODAY]];
const bareNode = [process.execPath, ['-e', '0']];
const clearCache = (dir) => rmSync(join(dir, '.track'), { recursive: true, force: true });

/**
 * A case: a command, optionally paired with the floor. `before` runs before
 * each timed run (e.g. clearing the cache for a cold run).
 */
function measure({ name, size, cmd, base, before, budget }) {
  const t = [];
  const f = [];
  const ratios = [];
  let rss = 0;
  // One untimed run each: file system caches warm, like an officer's second run.
  before?.();
  once(...cmd, { allowFail: true });
  if (base) once(...base);
  for (let i = 0; i < runs; i++) {
    before?.();
    const a = once(...cmd, { allowFail: true });
    t.push(a.seconds);
    rss = Math.max(rss, a.rss);
    if (base) {
      const b = once(...base);
      f.push(b.seconds);
      ratios.push(a.seconds / b.seconds);
    }
  }
  const row = {
    name,
    size,
    median: median(t),
    floor: base ? median(f) : undefined,
    ratio: base ? median(ratios) : undefined,
    rss,
    budget,
  };
  process.stderr.write(`${name} ${size}: ${row.median.toFixed(3)} s${base ? `, floor ${row.floor.toFixed(3)} s, ratio ${row.ratio.toFixed(2)}` : ''}\n`);
  return row;
}

const want = (name) => only.length === 0 || only.includes(name);
const rows = [];
const perSize = ['validate', 'status', 'show', 'report', 'changes'];

/** The cases issue 15 set targets for, on one workspace; `label` says which corpus. */
function storeCases(dir, size, label) {
  const at10k = size === 10000;
  const memory = size === 100000 ? '< 500 MiB' : '';
  const named = (name) => (label ? `${name}, ${label}` : name);
  if (want('validate')) {
    // Cold: a fresh clone in CI, no cache. Warm: any later run on the same files.
    rows.push(measure({ name: named('validate (cold)'), size, cmd: track('validate', '--dir', dir, '--format', 'json'), base: floor(dir, 'validate'), before: () => clearCache(dir), budget: at10k ? '≤ 1.3× floor' : memory }));
    // The same cold run with no cache at all: what the cache costs a cold run is the difference.
    if (at10k) rows.push(measure({ name: named('validate (cold, no cache)'), size, cmd: trackNoCache('validate', '--dir', dir, '--format', 'json'), base: floor(dir, 'validate'), before: () => clearCache(dir) }));
    rows.push(measure({ name: named('validate (warm)'), size, cmd: track('validate', '--dir', dir, '--format', 'json'), base: floor(dir, 'validate'), budget: at10k ? '≤ 0.6× floor' : memory }));
    // After an edit: one file's times move (as an editor's save would), and the rest are as cached.
    const edited = join(dir, 'records', `${middleItem(dir)}.md`);
    let edits = 0;
    const editOne = () => {
      const then = new Date(Date.now() - 60_000 - ++edits * 1000);
      utimesSync(edited, then, then);
    };
    rows.push(measure({ name: named('validate (one file changed)'), size, cmd: track('validate', '--dir', dir, '--format', 'json'), base: floor(dir, 'validate'), before: editOne }));
  }
  if (want('status')) {
    if (!label) rows.push(measure({ name: named('status (cold)'), size, cmd: track('status', '--dir', dir, '--json'), base: floor(dir, 'status'), before: () => clearCache(dir) }));
    rows.push(measure({ name: named('status (warm) ÷ a bare read'), size, cmd: track('status', '--dir', dir, '--json'), base: floor(dir, 'read'), budget: at10k ? '≤ 2× a bare read' : '' }));
  }
  if (want('show')) {
    rows.push(measure({ name: named('show one item (warm) ÷ node -e 0'), size, cmd: track('show', middleItem(dir), '--dir', dir), base: bareNode, budget: at10k ? '≤ 4× node -e 0' : '' }));
  }
}

// The corpus issue 15 measured: one source of 10,000 items with many warnings.
if ((want('validate') || want('status') || want('show')) && sizes.includes(10000)) storeCases(workspace(10000, 0, 0, true), 10000, 'one source');
for (const size of only.length > 0 && !perSize.some(want) ? [] : sizes) {
  const dir = workspace(size);
  storeCases(dir, size, '');
  if (want('report') && size === 10000) {
    rows.push(measure({ name: 'report status-summary html', size, cmd: track('report', 'status-summary', '--dir', dir, '--format', 'html', '-o', join(WORK, 'summary.html')), budget: '< 2 s' }));
  }
  if (want('changes') && size === 10000) {
    const repo = workspace(size, 500);
    const first = spawnSync('git', ['rev-list', '--max-parents=0', 'HEAD'], { cwd: repo, encoding: 'utf8' }).stdout.trim();
    rows.push(measure({ name: 'changes --since (500 commits)', size, cmd: track('changes', '--dir', repo, '--since', first, '--json'), budget: '< 2 s' }));
  }
}

if (want('pdf')) {
  // About 20 A4 pages of action plan tables.
  const dir = workspace(150);
  const pdf = join(WORK, 'paper.pdf');
  const row = measure({ name: 'report action-plan pdf', size: 150, cmd: track('report', 'action-plan', '--dir', dir, '--format', 'pdf', '-o', pdf), budget: '< 10 s (a 20-page paper)' });
  const info = spawnSync('pdfinfo', [pdf], { encoding: 'utf8' });
  const pages = /Pages:\s+(\d+)/.exec(info.stdout ?? '')?.[1];
  if (pages) row.name += ` (${pages} pages)`;
  rows.push(row);
}

if (want('round')) {
  // The update round on 10,000 items with 200 people among the owners: each
  // command against `track export --format xlsx` of the same items.
  const size = 10000;
  const dir = workspace(size, 0, 200);
  const out = join(WORK, 'requests');
  const exported = measure({ name: 'export --format xlsx', size, cmd: track('export', '--dir', dir, '--format', 'xlsx', '-o', join(WORK, 'export.xlsx')), budget: '' });
  rows.push(exported);
  const manifest = join(dir, 'track.requests.json');
  const requested = measure({ name: 'request', size, cmd: track('request', '--dir', dir, '-o', out), before: () => rmSync(out, { recursive: true, force: true }) });
  const books = readdirSync(out).filter((f) => f.endsWith('.xlsx')).sort();
  requested.name = `request (${books.length} owners)`;
  requested.budget = `< 3× export xlsx (${(requested.median / exported.median).toFixed(2)}×)`;
  rows.push(requested);
  // Each owner answers their first item, as an owner would, in exceljs.
  const { default: ExcelJS } = await import('exceljs');
  const returned = books.slice(0, 200);
  const touched = [];
  for (const book of returned) {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(out, book));
    const row = workbook.worksheets[0].getRow(5);
    row.getCell(7).value = 'Progress reported for the bench.';
    touched.push(join(dir, 'records', `${row.getCell(1).value}.md`));
    await workbook.xlsx.writeFile(join(out, book));
  }
  // Every timed run collects into the records as they were: the files it writes are put back, times and all.
  const saved = [...new Set([...touched, manifest])].map((path) => ({ path, bytes: readFileSync(path), mtime: statSync(path).mtime }));
  const restore = () => {
    for (const f of saved) {
      writeFileSync(f.path, f.bytes);
      utimesSync(f.path, f.mtime, f.mtime);
    }
  };
  const collected = measure({ name: `collect (${returned.length} workbooks)`, size, cmd: track('collect', '--dir', dir, ...returned.map((b) => join(out, b))), before: restore });
  collected.budget = `< 3× export xlsx (${(collected.median / exported.median).toFixed(2)}×)`;
  rows.push(collected);
  restore();
}

const fmt = (x, d = 2) => (x === undefined || Number.isNaN(x) ? '' : x.toFixed(d));
console.log(`Median of ${runs} paired runs, ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${TODAY} as today.\n`);
console.log('| command | items | track (s) | floor (s) | ratio | peak memory (MiB) | target |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | --- |');
for (const r of rows) {
  console.log(`| ${r.name} | ${r.size.toLocaleString('en-GB')} | ${fmt(r.median, 3)} | ${fmt(r.floor, 3)} | ${fmt(r.ratio)} | ${fmt(r.rss, 0)} | ${r.budget ?? ''} |`);
}
