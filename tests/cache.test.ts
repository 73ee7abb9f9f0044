// The parse cache: unchanged files are never parsed again; changed ones are;
// a corrupt or foreign cache file is ignored and rebuilt.

import { existsSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { CACHE_DIR, cachedParser, type CacheStats } from '../src/records/cache.js';
import { loadWorkspace } from '../src/records/workspace.js';
import { item, SOURCE, workspace } from './helpers.js';

const R1 = item('title: Strategy\nnumber: 1\nowners: [leeds-pct]\nstage: 4');
const R2 = item('title: Network\nnumber: 2\nowners: [PCT]\nstage: 2');

/** A workspace whose files look a minute old, so the cache trusts them. */
function settled(files: Record<string, string>): string {
  const root = workspace(files);
  const past = new Date(Date.now() - 60_000);
  for (const path of Object.keys(files)) utimesSync(join(root, path), past, past);
  return root;
}

async function load(root: string) {
  const stats: CacheStats = { hits: 0, parsed: 0 };
  const ws = await loadWorkspace(root, { parseRecords: cachedParser(stats) });
  return { ws, stats };
}

const files = { 'records/cd/source.md': SOURCE, 'records/cd/r1.md': R1, 'records/cd/r2.md': R2 };

describe('the record cache', () => {
  it('keeps bodies and update notes through a rewrite of the cache', async () => {
    const withNotes = item('title: Strategy\nnumber: 1\nowners: [leeds-pct]\nstage: 4\nupdates:\n  - date: 2008-03-10\n    stage: 4\n    note: First note.\n  - date: 2008-03-20\n    stage: 4\n    note: Second note.', 'The body text.\n');
    const root = settled({ ...files, 'records/cd/r1.md': withNotes });
    const first = (await load(root)).ws;
    // Change another file, so the next run rewrites the cache from entries that came from it.
    writeFileSync(join(root, 'records/cd/r2.md'), R2.replace('Network', 'Network of networks'));
    utimesSync(join(root, 'records/cd/r2.md'), new Date(Date.now() - 30_000), new Date(Date.now() - 30_000));
    await load(root);
    const third = await load(root);
    expect(third.stats).toEqual({ hits: 3, parsed: 0 });
    const r1 = third.ws.items.find((i) => i.id === 'cd/r1')!;
    expect(r1.body).toBe('The body text.\n');
    expect(r1.updates.map((u) => u.note)).toEqual(['First note.', 'Second note.']);
    expect(third.ws.sources[0]!.body).toBe(first.sources[0]!.body);
    expect(JSON.parse(JSON.stringify(r1))).toEqual(JSON.parse(JSON.stringify(first.items.find((i) => i.id === 'cd/r1'))));
  });

  it('parses every file once, then reads them all from the cache with the same result', async () => {
    const root = settled(files);
    const first = await load(root);
    expect(first.stats).toEqual({ hits: 0, parsed: 3 });
    expect(existsSync(join(root, CACHE_DIR, 'records.v8'))).toBe(true);
    const second = await load(root);
    expect(second.stats).toEqual({ hits: 3, parsed: 0 });
    expect(second.ws.items).toEqual(first.ws.items);
    expect(second.ws.diagnostics).toEqual(first.ws.diagnostics);
  });

  it('gives back every field of every record exactly, extra fields and problems included', async () => {
    const rich = item(
      [
        'title: Contracts',
        'number: 3a',
        'kind: action',
        'theme: Commissioning',
        'owners: [leeds-pct, Someone Else]',
        'response: partially-accepted',
        'due: 2008-06',
        'report_back: 2008-09-10',
        'stage: 4',
        'related: [cd/r1]',
        'tags: [money, contracts]',
        'ward: Armley',
        'updates:',
        '  - date: 2008-01-10',
        '    stage: 4',
        '    by: Jo Bloggs',
        '    note: Moved.',
        '    new_due: 2008-06',
        '    reason: The tender slipped.',
        '    evidence: [minutes.pdf]',
        '  - date: 2008-02-01',
        '    proposed_stage: 2',
        '    note: Done, we think.',
      ].join('\n'),
      'Body.\n',
    );
    // An update that cannot be read: the one after it keeps its place in the file.
    const skipped = item('title: Skipped\nnumber: 5\nstage: 4\nupdates:\n  - date: 2008-02-31\n    note: No such day.\n  - date: 2008-03-01\n    note: Fine.');
    const root = settled({ ...files, 'records/cd/r3.md': rich, 'records/cd/r4.md': item('title: Broken\nstage: 4\ncolour: red'), 'records/cd/r5.md': skipped });
    const config = join(root, 'track.config.yaml');
    writeFileSync(config, `${readFileSync(config, 'utf8')}extra_fields: [ward]\n`);
    utimesSync(config, new Date(Date.now() - 30_000), new Date(Date.now() - 30_000));
    const first = await load(root);
    const second = await load(root);
    expect(second.stats).toEqual({ hits: 6, parsed: 0 });
    expect(second.ws.items).toStrictEqual(first.ws.items);
    expect(second.ws.items.find((i) => i.id === 'cd/r5')?.updates.map((u) => [u.date, u.position])).toEqual([['2008-03-01', 1]]);
    expect(second.ws.sources).toStrictEqual(first.ws.sources);
    expect(second.ws.diagnostics).toStrictEqual(first.ws.diagnostics);
    // An extra field is allowed, never required: only r4's stray key is a problem.
    expect(second.ws.diagnostics.map((d) => [d.file, d.rule])).toEqual([['records/cd/r4.md', 'unknown-key'], ['records/cd/r5.md', 'invalid-date']]);
    expect(second.ws.items.find((i) => i.id === 'cd/r3')?.extra).toEqual({ ward: 'Armley' });
  });

  it('parses a file again when its size or time changes', async () => {
    const root = settled(files);
    await load(root);
    const path = join(root, 'records/cd/r1.md');
    writeFileSync(path, R1.replace('stage: 4', 'stage: 2'));
    utimesSync(path, new Date(Date.now() - 30_000), new Date(Date.now() - 30_000));
    const { ws, stats } = await load(root);
    expect(stats).toEqual({ hits: 2, parsed: 1 });
    expect(ws.items.find((i) => i.id === 'cd/r1')?.stage).toBe(2);
    // Same size, only the time differs: still read again.
    utimesSync(path, new Date(Date.now() - 20_000), new Date(Date.now() - 20_000));
    expect((await load(root)).stats).toEqual({ hits: 2, parsed: 1 });
  });

  it('does not trust a file changed in the last moments (its time may not move on the next edit)', async () => {
    const root = settled(files);
    writeFileSync(join(root, 'records/cd/r2.md'), R2);
    await load(root);
    expect((await load(root)).stats).toEqual({ hits: 2, parsed: 1 });
  });

  it.each([
    ['garbage', Buffer.from('not a cache at all')],
    ['truncated', null],
    ['empty', Buffer.alloc(0)],
  ])('ignores a %s cache file and rebuilds it', async (_name, bytes) => {
    const root = settled(files);
    await load(root);
    const cacheFile = join(root, CACHE_DIR, 'records.v8');
    const good = readFileSync(cacheFile);
    writeFileSync(cacheFile, bytes ?? good.subarray(0, Math.floor(good.length / 2)));
    const { ws, stats } = await load(root);
    expect(stats).toEqual({ hits: 0, parsed: 3 });
    expect(ws.items.map((i) => i.id)).toEqual(['cd/r1', 'cd/r2']);
    expect((await load(root)).stats).toEqual({ hits: 3, parsed: 0 });
  });

  it.each([
    ['one value too few', (v: unknown[]) => v.slice(0, -1)],
    ['one value too many', (v: unknown[]) => [...v, 'extra']],
    ['a number where a text belongs', (v: unknown[]) => [1, ...v.slice(1)]],
    ['a text where a number belongs', (v: unknown[]) => [v[0], 'big', ...v.slice(2)]],
  ])('ignores a cache of the right version whose values are out of order: %s', async (_name, tamper) => {
    const root = settled(files);
    await load(root);
    const cacheFile = join(root, CACHE_DIR, 'records.v8');
    const data = deserialize(readFileSync(cacheFile)) as { values: unknown[] };
    writeFileSync(cacheFile, serialize({ ...data, values: tamper(data.values) }));
    const { ws, stats } = await load(root);
    expect(stats).toEqual({ hits: 0, parsed: 3 });
    expect(ws.items.map((i) => i.title)).toEqual(['Strategy', 'Network']);
  });

  it('starts again when the config changes (extra_fields changes what a file means)', async () => {
    const root = settled(files);
    await load(root);
    const config = join(root, 'track.config.yaml');
    writeFileSync(config, `${readFileSync(config, 'utf8')}extra_fields: [ward]\n`);
    expect((await load(root)).stats).toEqual({ hits: 0, parsed: 3 });
  });

  it('never caches an unreadable file, and reports it the same way each run', async () => {
    const root = settled({ ...files, 'records/cd/r3.md': 'no frontmatter here\n' });
    expect((await load(root)).ws.unreadable).toEqual(['records/cd/r3.md']);
    const { ws, stats } = await load(root);
    expect(stats).toEqual({ hits: 3, parsed: 1 });
    expect(ws.unreadable).toEqual(['records/cd/r3.md']);
  });
});

describe('the status memo', () => {
  it('answers a second run on unchanged files from the memo, and recomputes when any input changes', async () => {
    const { status, statusJson } = await import('../src/commands/status.js');
    const root = settled(files);
    const past = new Date(Date.now() - 30_000);
    utimesSync(join(root, 'track.config.yaml'), past, past);
    const run = async (today = '2007-07-01') => statusJson(await status({ root, today }));
    const first = await run();
    // The first run reads every file, so it remembers nothing; the second, all from the cache, does.
    expect(existsSync(join(root, CACHE_DIR, 'status.v8'))).toBe(false);
    expect(await run()).toEqual(first);
    expect(existsSync(join(root, CACHE_DIR, 'status.v8'))).toBe(true);
    expect(await run()).toEqual(first);
    // Another day is another answer: r1 has had no update since its source, so it turns stale.
    expect(first.stale).toEqual([]);
    expect((await run('2008-04-01')).stale).toEqual(['cd/r1']);
    // An edited file is another answer, even with today unchanged.
    writeFileSync(join(root, 'records/cd/r2.md'), R2.replace('stage: 2', 'stage: 5'));
    utimesSync(join(root, 'records/cd/r2.md'), past, past);
    const edited = await run();
    expect(edited.by_stage.find((s) => s.id === 5)?.count).toBe(1);
    expect(edited.closed).toBe(first.closed - 1);
  });

  it('gives back from the memo exactly the dashboard it computed: items, facts and owner names', async () => {
    const { status } = await import('../src/commands/status.js');
    const R3 = item('title: Contracts\nnumber: 3a\nowners: [leeds-pct, Someone Else]\nstage: 4\ndue: 2007-05\nreport_back: 2007-09-10\nupdates:\n  - date: 2007-02-01\n    proposed_stage: 2\n    note: Done, we think.');
    const R4 = item('title: Unowned\nstage: 3\ndue: 2007-01-31');
    const root = settled({ ...files, 'records/cd/r3.md': R3, 'records/cd/r4.md': R4, 'meetings.yaml': '- date: 2007-09-20\n' });
    const past = new Date(Date.now() - 30_000);
    utimesSync(join(root, 'track.config.yaml'), past, past);
    await status({ root, today: '2007-07-01' });
    const computed = await status({ root, today: '2007-07-01' });
    expect(existsSync(join(root, CACHE_DIR, 'status.v8'))).toBe(true);
    const recalled = await status({ root, today: '2007-07-01' });
    expect(recalled).toStrictEqual(computed);
    // Every list and field the memo packs is exercised here.
    expect(recalled.overdue.map((e) => e.item.id)).toEqual(['cd/r4', 'cd/r3']);
    expect(recalled.awaitingConfirmation[0]?.facts.proposedStage).toBe(2);
    expect(recalled.unassigned.map((e) => e.item.id)).toEqual(['cd/r4']);
    expect(recalled.dueNextMeeting[0]?.item.reportBack).toBe('2007-09-10');
    expect(recalled.overdue[1]?.item.number).toBe('3a');
    expect(recalled.overdue[1]?.ownerNames).toHaveLength(2);
  });

  it('computes afresh when the memo has the right key but a broken shape', async () => {
    const { status, statusJson } = await import('../src/commands/status.js');
    const { serialize, deserialize } = await import('node:v8');
    const root = settled(files);
    const past = new Date(Date.now() - 30_000);
    utimesSync(join(root, 'track.config.yaml'), past, past);
    const first = statusJson(await status({ root, today: '2008-04-01' }));
    await status({ root, today: '2008-04-01' });
    const memo = join(root, CACHE_DIR, 'status.v8');
    const stored = deserialize(readFileSync(memo)) as { key: string; value: unknown };
    writeFileSync(memo, serialize({ key: stored.key, value: { head: {}, columns: null } }));
    expect(statusJson(await status({ root, today: '2008-04-01' }))).toEqual(first);
  });

  it('remembers nothing while a file has just changed', async () => {
    const { status } = await import('../src/commands/status.js');
    const root = workspace(files);
    await status({ root, today: '2008-04-01' });
    expect(existsSync(join(root, CACHE_DIR, 'status.v8'))).toBe(false);
  });
});

describe('the whole workspace from the cache', () => {
  const MEETINGS = '- date: 2007-09-20\n- date: not a date\n';

  async function open(root: string) {
    const { openWorkspace } = await import('../src/commands/open.js');
    const stats: CacheStats = { hits: 0, parsed: 0 };
    return { ws: await openWorkspace(root, undefined, stats), stats };
  }

  function settledAll(extra: Record<string, string> = {}): string {
    const root = settled({ ...files, 'meetings.yaml': MEETINGS, ...extra });
    const past = new Date(Date.now() - 60_000);
    utimesSync(join(root, 'track.config.yaml'), past, past);
    return root;
  }

  it('gives, with nothing changed, the same workspace without reading a file', async () => {
    const { cachedWorkspace, settingsStats } = await import('../src/records/cache.js');
    const { listRecordFiles } = await import('../src/records/tree.js');
    const root = settledAll();
    const first = await open(root);
    expect(first.stats.parsed).toBe(3);
    const fast = cachedWorkspace(root, listRecordFiles(root), settingsStats(root));
    expect(fast).toBeDefined();
    const second = await open(root);
    expect(second.stats).toEqual({ hits: 3, parsed: 0 });
    const { frontmatter: _a, ...a } = first.ws;
    const { frontmatter: _b, ...b } = second.ws;
    expect(b).toStrictEqual(a);
    // meetings.yaml's own problem comes back from the cache too.
    expect(second.ws.diagnostics.filter((d) => d.file === 'meetings.yaml').map((d) => d.rule)).toEqual(['invalid-date']);
  });

  it.each([
    ['the config', 'track.config.yaml', (text: string) => text.replace('organisation: Test Partnership', 'organisation: Test Partnership Board')],
    ['meetings.yaml', 'meetings.yaml', (text: string) => `${text}- date: 2007-12-06\n`],
  ])('reads the files again when %s changes', async (_name, file, edit) => {
    const root = settledAll();
    await open(root);
    const path = join(root, file);
    writeFileSync(path, edit(readFileSync(path, 'utf8')));
    const past = new Date(Date.now() - 30_000);
    utimesSync(path, past, past);
    const { ws } = await open(root);
    if (file === 'meetings.yaml') expect(ws.meetings.map((m) => m.date)).toEqual(['2007-09-20', '2007-12-06']);
    else expect(ws.config.organisation).toBe('Test Partnership Board');
    // And the run after that is whole from the cache again, with the change.
    const again = await open(root);
    expect(again.stats).toEqual({ hits: 3, parsed: 0 });
    expect(again.ws.meetings).toStrictEqual(ws.meetings);
    expect(again.ws.config).toStrictEqual(ws.config);
  });

  it('reads the cache file once a run, however many ask for it', async () => {
    const { cacheReader } = await import('../src/records/cache.js');
    const root = settledAll();
    const { ws } = await open(root);
    const read = cacheReader(root);
    const first = read(ws.config);
    expect(first.size).toBe(3);
    expect(read(ws.config)).toBe(first);
    // Another config is another key: read afresh, and nothing in it matches.
    expect(read({ ...ws.config, extraFields: ['ward'] }).size).toBe(0);
  });

  it('reads the files again when a record changes, is added or goes', async () => {
    const { cachedWorkspace, settingsStats } = await import('../src/records/cache.js');
    const { listRecordFiles } = await import('../src/records/tree.js');
    const root = settledAll();
    await open(root);
    writeFileSync(join(root, 'records/cd/r3.md'), item('title: New\nstage: 4'));
    expect(cachedWorkspace(root, listRecordFiles(root), settingsStats(root))).toBeUndefined();
    const { ws } = await open(root);
    expect(ws.items.map((i) => i.id)).toEqual(['cd/r1', 'cd/r2', 'cd/r3']);
  });

  it.each([['garbage', Buffer.from('not a cache')], ['empty', Buffer.alloc(0)]])('ignores a %s settings file and rebuilds it', async (_name, bytes) => {
    const root = settledAll();
    await open(root);
    writeFileSync(join(root, CACHE_DIR, 'settings.v8'), bytes);
    const { ws, stats } = await open(root);
    expect(stats).toEqual({ hits: 3, parsed: 0 });
    expect(ws.config.organisation).toBe('Test Partnership');
    expect(ws.meetings).toHaveLength(1);
    expect(readFileSync(join(root, CACHE_DIR, 'settings.v8')).length).toBeGreaterThan(100);
  });

  it('follows a workspace moved to another folder', async () => {
    const { cpSync, mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const root = settledAll();
    await open(root);
    const moved = join(mkdtempSync(join(tmpdir(), 'track-moved-')), 'ws');
    cpSync(root, moved, { recursive: true, preserveTimestamps: true });
    const { ws, stats } = await open(moved);
    expect(stats).toEqual({ hits: 3, parsed: 0 });
    expect(ws.root).toBe(moved);
    expect(ws.config.path).toBe(join(moved, 'track.config.yaml'));
  });

  it('does not remember a config changed in the last moments', async () => {
    const { cachedWorkspace, settingsStats } = await import('../src/records/cache.js');
    const { listRecordFiles } = await import('../src/records/tree.js');
    const root = settled(files);
    await open(root);
    await open(root);
    expect(cachedWorkspace(root, listRecordFiles(root), settingsStats(root))).toBeUndefined();
  });
});
