// What the store remembers beyond the records: results worked out from the
// whole workspace, given back only while every input is as it was (the files,
// the day, git's HEAD, the options), and single items read without the rest.

import { readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readChunkedHeader, type ChunkedHeader } from '../src/records/store/chunked.js';
import { describe, expect, it } from 'vitest';
import { openStore, type StoreStats } from '../src/records/store/index.js';
import { validate } from '../src/commands/validate.js';
import { status } from '../src/commands/status.js';
import { show, showJson } from '../src/commands/show.js';
import { item, SOURCE, workspace } from './helpers.js';
import { ScriptedRepo } from './git-repo.js';

/** Every file under `root` (but .git and the cache) made a minute old, so the store trusts it. */
function settle(root: string): string {
  const past = new Date(Date.now() - 60_000);
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === '.git' || entry.name === '.track') continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else utimesSync(path, past, past);
    }
  };
  walk(root);
  return root;
}

const R1 = item('title: Strategy\nnumber: 1\nowners: [leeds-pct]\ndue: 2008-06-30\nstage: 4\nrelated: [r2]');
const R2 = item('title: Network\nnumber: 2\nowners: [PCT]\nstage: 2');
const R3 = item('title: Later\nnumber: 1\nowners: [PCT]\nstage: 4\nrelated: [cd/r1]');
const LATER = SOURCE.replace('date: 2007-06-14', 'date: 2008-03-01').replace('Community Development', 'Later Inquiry');
const files = { 'records/cd/source.md': SOURCE, 'records/cd/r1.md': R1, 'records/cd/r2.md': R2, 'records/later/source.md': LATER, 'records/later/r1.md': R3 };

async function counted(root: string, key: string, value: unknown) {
  let calls = 0;
  const stats: StoreStats = { read: 0, cached: 0 };
  const store = await openStore(root, { stats });
  const result = await store.remember(key, async () => {
    calls++;
    await store.load();
    return value;
  });
  return { result, calls, stats };
}

describe('remembered results', () => {
  it('are worked out once while the inputs stay as they were, and again when any changes', async () => {
    const root = settle(workspace(files));
    expect((await counted(root, 'k', { n: 1 })).calls).toBe(1);
    const again = await counted(root, 'k', { n: 2 });
    expect(again).toMatchObject({ calls: 0, result: { n: 1 } });
    // Nothing was read or decoded: the remembered result alone.
    expect(again.stats).toEqual({ read: 0, cached: 0, remembered: 1, listed: true });
    // Another key is another result.
    expect((await counted(root, 'other', 3)).calls).toBe(1);
    expect((await counted(root, 'k', 4)).result).toEqual({ n: 1 });

    // A record changed, even keeping its size and time (cp -p): worked out again.
    const path = join(root, 'records/cd/r2.md');
    const { mtime } = statSync(path);
    writeFileSync(path, R2.replace('stage: 2', 'stage: 3'));
    utimesSync(path, mtime, mtime);
    expect(await counted(root, 'k', 5)).toMatchObject({ calls: 1, result: 5 });
    expect(await counted(root, 'k', 6)).toMatchObject({ calls: 0, result: 5 });

    // The config changed.
    const config = join(root, 'track.config.yaml');
    writeFileSync(config, `${readFileSync(config, 'utf8')}stale_after_days: 30\n`);
    settle(root);
    expect(await counted(root, 'k', 7)).toMatchObject({ calls: 1, result: 7 });

    // A record added, then one removed.
    writeFileSync(join(root, 'records/cd/r4.md'), R2);
    settle(root);
    expect(await counted(root, 'k', 8)).toMatchObject({ calls: 1, result: 8 });
  });

  it('keep only the newest few, the one just asked for first', async () => {
    const root = settle(workspace(files));
    for (const key of ['a', 'b', 'c', 'd', 'e']) expect((await counted(root, key, key)).calls).toBe(1);
    expect(await counted(root, 'e', 'again')).toMatchObject({ calls: 0, result: 'e' });
    expect(await counted(root, 'b', 'again')).toMatchObject({ calls: 0, result: 'b' });
    // The oldest went when the fifth came.
    expect(await counted(root, 'a', 'again')).toMatchObject({ calls: 1, result: 'again' });
  });

  it('are worked out again when the file keeping them is damaged, and the others kept stay good', async () => {
    const root = settle(workspace(files));
    const results = join(root, '.track/cache/results.v8');
    for (const key of ['a', 'b']) expect((await counted(root, key, { key, list: [1, 2, 3] })).calls).toBe(1);
    // Newest first: b's chunk, then a's. Spoil b's bytes.
    const kept = readChunkedHeader<ChunkedHeader & { keys: string[] }>(results, () => true)!;
    expect(kept.header.keys).toEqual(['b', 'a']);
    const bytes = readFileSync(results);
    bytes.fill(0x7f, 4 + 2, 4 + kept.header.chunkEnds[0]! - 2);
    writeFileSync(results, bytes);
    expect(await counted(root, 'b', 'worked out')).toMatchObject({ calls: 1, result: 'worked out' });
    expect(await counted(root, 'a', 'again')).toMatchObject({ calls: 0, result: { key: 'a', list: [1, 2, 3] } });
    // Cut short: not a results file at all; each is worked out again.
    writeFileSync(results, readFileSync(results).subarray(0, 100));
    expect(await counted(root, 'a', 'again')).toMatchObject({ calls: 1, result: 'again' });
  });

  it('keep a long list (a result that is one, or a field of one) in runs, and give it back whole', async () => {
    const root = settle(workspace(files));
    const results = join(root, '.track/cache/results.v8');
    const problems = Array.from({ length: 5000 }, (_, i) => ({ file: `records/cd/r${i}.md`, line: i, message: `problem ${i}`, hint: i % 2 ? undefined : 'a hint' }));
    const lines = Array.from({ length: 2049 }, (_, i): [string, number, string] => [`records/cd/r${i}.md`, i, `line ${i}`]);
    const value = { problems, records: 5000, lines, short: [1, 2, 3], note: 'kept' };
    expect((await counted(root, 'big', value)).calls).toBe(1);
    expect((await counted(root, 'list', problems)).calls).toBe(1);
    const kept = readChunkedHeader<ChunkedHeader & { keys: string[]; parts: number[] }>(results, () => true)!;
    // Newest first: the list in three runs of 2,048 after its head; then the object, its two long fields in three and two.
    expect(kept.header.keys).toEqual(['list', 'big']);
    expect(kept.header.parts).toEqual([4, 6]);
    expect(await counted(root, 'big', 'again')).toMatchObject({ calls: 0, result: value });
    expect((await counted(root, 'list', 'again')).result).toEqual(problems);
    // A run spoilt: that result is worked out again; the other stays good.
    const bytes = readFileSync(results);
    bytes.fill(0x7f, 4 + kept.header.chunkEnds[1]! + 2, 4 + kept.header.chunkEnds[2]! - 2);
    writeFileSync(results, bytes);
    expect(await counted(root, 'list', 'worked out')).toMatchObject({ calls: 1, result: 'worked out' });
    expect(await counted(root, 'big', 'again')).toMatchObject({ calls: 0, result: value });
  });

  it('hold validate\'s and status\'s results: both are plain data the store can keep', async () => {
    const root = settle(workspace(files));
    await validate({ root, today: '2008-06-02' });
    await status({ root, today: '2008-06-02' });
    const kept = readChunkedHeader<ChunkedHeader & { keys: string[] }>(join(root, '.track/cache/results.v8'), () => true);
    expect(kept?.header.keys.map((key) => key.split(' ')[0]).sort()).toEqual(['status', 'validate']);
  });

  it('are never remembered while a file may still be changing (written in the last moments)', async () => {
    const root = workspace(files);
    expect((await counted(root, 'k', 1)).calls).toBe(1);
    expect((await counted(root, 'k', 2)).calls).toBe(1);
  });

  it('a remembered validate follows the day and git: a commit that moves a date silently is seen though no file changed', async () => {
    const repo = new ScriptedRepo(files);
    repo.commit('Ann Clerk', '2008-01-10', 'add');
    settle(repo.root);
    const before = await validate({ root: repo.root, today: '2008-06-02' });
    expect(before.diagnostics.filter((d) => d.rule === 'overdue')).toEqual([]);
    // Another day: r1 is past its due date.
    const later = await validate({ root: repo.root, today: '2008-07-15' });
    expect(later.diagnostics.filter((d) => d.rule === 'overdue').map((d) => d.file)).toEqual(['records/cd/r1.md']);
    expect(await validate({ root: repo.root, today: '2008-06-02' })).toEqual(before);

    // The date moves in the working copy: no commit moved it yet.
    repo.write('records/cd/r1.md', R1.replace('due: 2008-06-30', 'due: 2008-12-31'));
    settle(repo.root);
    const edited = await validate({ root: repo.root, today: '2008-06-02' });
    expect(edited.diagnostics.filter((d) => d.rule === 'due-moved-silently')).toEqual([]);
    expect((await status({ root: repo.root, today: '2008-06-02' })).problems).toEqual({ errors: 0, warnings: edited.warnings });
    // Committing it touches no record file, but HEAD moves: the silent move is an error now.
    repo.commit('Cat Chair', '2008-05-01', 'move');
    const committed = await validate({ root: repo.root, today: '2008-06-02' });
    expect(committed.diagnostics.filter((d) => d.rule === 'due-moved-silently').map((d) => `${d.file}:${d.line}`)).toEqual(['records/cd/r1.md:5']);
    expect((await status({ root: repo.root, today: '2008-06-02' })).problems).toEqual({ errors: 1, warnings: committed.warnings });
  });

  it('a remembered validate sees a change to the tree no record file shows: a file outside any source folder', async () => {
    const root = settle(workspace(files));
    expect((await validate({ root, today: '2008-06-02' })).diagnostics.filter((d) => d.rule === 'misplaced-file')).toEqual([]);
    await validate({ root, today: '2008-06-02' });
    // Only the new file is made old: touching the others would change their stamps.
    const stray = join(root, 'records/stray.md');
    writeFileSync(stray, R2);
    utimesSync(stray, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
    const after = await validate({ root, today: '2008-06-02' });
    expect(after.diagnostics.filter((d) => d.rule === 'misplaced-file').map((d) => d.file)).toEqual(['records/stray.md']);
  });

  it('a remembered validate prints the same lines as the run that worked it out', async () => {
    const root = settle(workspace({ ...files, 'records/cd/r5.md': item('title: Nobody\nnumber: 5\nstage: 4\nrelated: [cd/r99]') }));
    const first = await validate({ root, today: '2008-06-02' });
    const second = await validate({ root, today: '2008-06-02' });
    expect(second.diagnostics).toEqual(first.diagnostics);
    const shown = (r: typeof first) => r.diagnostics.map((d) => r.sources.line(d.file, d.line));
    expect(shown(second)).toEqual(shown(first));
    expect(shown(second)).toContain('related: [cd/r99]');
  });
});

describe('one item from a warm store', () => {
  it('reads only the records it shows, and shows what a full load shows', async () => {
    const root = settle(workspace(files));
    const cold = await show({ root, today: '2008-06-02', id: 'cd/r1' });
    const stats: StoreStats = { read: 0, cached: 0 };
    const store = await openStore(root, { stats });
    const index = await store.index();
    expect(index.items.map((r) => r.id)).toEqual(['cd/r1', 'cd/r2', 'later/r1']);
    expect(index.sources.map((s) => [s.id, s.date])).toEqual([['cd', '2007-06-14'], ['later', '2008-03-01']]);
    const some = await store.some(['records/cd/r2.md']);
    expect(some.items.map((i) => i.id)).toEqual(['cd/r2']);
    expect(stats).toEqual({ read: 0, cached: 1, listed: true });

    const warm = await show({ root, today: '2008-06-02', id: 'cd/r1' });
    expect(showJson(warm)).toEqual(showJson(cold));
    expect(showJson(warm).links).toEqual({ related: [{ ref: 'r2', id: 'cd/r2', title: 'Network' }], related_by: [{ id: 'later/r1', title: 'Later' }] });
    // As of a date before the later source, the item that links to it did not exist yet.
    const then = showJson(await show({ root, today: '2008-06-02', id: 'cd/r1', asOf: '2008-01-01' }));
    expect(then.links.related_by).toEqual([]);
    await expect(show({ root, today: '2008-06-02', id: 'later/r1', asOf: '2008-01-01' })).rejects.toThrow('later/r1 did not exist yet on 1 January 2008');
  });

  it('after an edit, reads only the changed files, and shows what a full load shows', async () => {
    const root = settle(workspace(files));
    await show({ root, today: '2008-06-02', id: 'cd/r1' });
    // Edited in place: the later item no longer names cd/r1; a new item does; cd/r2 is renamed.
    const old = new Date(Date.now() - 30_000);
    const edit = (path: string, text: string) => {
      writeFileSync(join(root, path), text);
      utimesSync(join(root, path), old, old);
    };
    edit('records/later/r1.md', item('title: Later\nnumber: 1\nstage: 4'));
    edit('records/cd/r3.md', item('title: Newer\nnumber: 3\nstage: 4\nrelated: [r1]'));
    edit('records/cd/r2.md', item('title: Network of networks\nnumber: 2\nowners: [PCT]\nstage: 2'));
    const stats: StoreStats = { read: 0, cached: 0 };
    const store = await openStore(root, { stats });
    expect((await store.index()).items.map((r) => r.id)).toEqual(['cd/r1', 'cd/r2', 'cd/r3', 'later/r1']);
    expect((await store.some(['records/cd/r1.md', 'records/cd/r3.md'])).items.map((i) => [i.id, i.title])).toEqual([['cd/r1', 'Strategy'], ['cd/r3', 'Newer']]);
    // The three changed files are read, and of the rest only the item asked for.
    expect(stats).toEqual({ read: 3, cached: 1, listed: true });
    const warm = showJson(await show({ root, today: '2008-06-02', id: 'cd/r1' }));
    expect(warm.links).toEqual({ related: [{ ref: 'r2', id: 'cd/r2', title: 'Network of networks' }], related_by: [{ id: 'cd/r3', title: 'Newer' }] });
    process.env['TRACK_NO_CACHE'] = '1';
    try {
      expect(warm).toEqual(showJson(await show({ root, today: '2008-06-02', id: 'cd/r1' })));
    } finally {
      delete process.env['TRACK_NO_CACHE'];
    }
  });

  it('reads the files when a chunk of the cache is damaged, and still shows the right item', async () => {
    const root = settle(workspace(files));
    const good = showJson(await show({ root, today: '2008-06-02', id: 'cd/r1' }));
    const cacheFile = join(root, '.track/cache/store.v8');
    const bytes = readFileSync(cacheFile);
    // The chunks start after the four-byte magic number: spoil them, keeping the length and the header.
    bytes.fill(0x7f, 4, 64);
    writeFileSync(cacheFile, bytes);
    expect(showJson(await show({ root, today: '2008-06-02', id: 'cd/r1' }))).toEqual(good);
  });
});
