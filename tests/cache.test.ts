// The store's cache: unchanged files are never opened again; changed ones
// are, however they changed; a corrupt or foreign cache file is ignored and
// rebuilt; what comes back is exactly what reading gave.

import { chmodSync, copyFileSync, cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decoder, Encoder } from '../src/records/store/codec.js';
import { CACHE_DIR, loadWorkspace, type StoreStats } from '../src/records/store/index.js';
import { NO_EXTRA, NONE } from '../src/records/model.js';
import { validate } from '../src/commands/validate.js';
import { item, PROJECT_ROOT, SOURCE, workspace } from './helpers.js';

const STORE = 'store.v8';

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
  const stats: StoreStats = { read: 0, cached: 0 };
  const ws = await loadWorkspace(root, { stats });
  return { ws, stats: { hits: stats.cached, parsed: stats.read } };
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
    expect(existsSync(join(root, CACHE_DIR, STORE))).toBe(true);
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
    const cacheFile = join(root, CACHE_DIR, STORE);
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
  ])('ignores a cache of the right version whose values are out of order: %s', async (_name, tamper) => {
    const root = settled(files);
    await load(root);
    const cacheFile = join(root, CACHE_DIR, STORE);
    // The file: a magic number, the chunks of records (here one), the header, its length, the magic number.
    const file = readFileSync(cacheFile);
    const length = file.readUInt32LE(file.length - 8);
    const header = deserialize(file.subarray(file.length - 8 - length, file.length - 8)) as { chunkEnds: Float64Array };
    const chunk = deserialize(file.subarray(4, 4 + header.chunkEnds[0]!)) as { values: unknown[] };
    const tampered = serialize({ ...chunk, values: tamper(chunk.values) });
    const newHeader = serialize({ ...header, chunkEnds: Float64Array.of(tampered.length) });
    const trail = Buffer.alloc(8);
    trail.writeUInt32LE(newHeader.length, 0);
    trail.writeUInt32LE(file.readUInt32LE(0), 4);
    writeFileSync(cacheFile, Buffer.concat([file.subarray(0, 4), tampered, newHeader, trail]));
    const { ws, stats } = await load(root);
    expect(stats).toEqual({ hits: 0, parsed: 3 });
    expect(ws.items.map((i) => i.title)).toEqual(['Strategy', 'Network']);
    expect((await load(root)).stats).toEqual({ hits: 3, parsed: 0 });
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


describe('the fingerprint', () => {
  it('sees an edit that keeps the size and the time (cp -p, rsync -t): the ctime moves', async () => {
    const root = settled(files);
    await load(root);
    const path = join(root, 'records/cd/r1.md');
    const before = statSync(path);
    // Same length, other stage; then the old time put back, as cp -p would.
    const other = join(mkdtempSync(join(tmpdir(), 'track-cp-')), 'r1.md');
    writeFileSync(other, R1.replace('stage: 4', 'stage: 3'));
    expect(statSync(other).size).toBe(before.size);
    copyFileSync(other, path);
    utimesSync(path, before.atime, before.mtime);
    expect(statSync(path).mtimeMs).toBe(before.mtimeMs);
    const { ws, stats } = await load(root);
    expect(stats).toEqual({ hits: 2, parsed: 1 });
    expect(ws.items.find((i) => i.id === 'cd/r1')?.stage).toBe(3);
  });

  it('sees a file replaced by a rename (rsync, editors that save by rename): the inode moves', async () => {
    const root = settled(files);
    await load(root);
    const path = join(root, 'records/cd/r2.md');
    const before = statSync(path);
    const temp = join(root, 'records/cd/.r2.tmp');
    writeFileSync(temp, R2.replace('stage: 2', 'stage: 1'));
    utimesSync(temp, before.atime, before.mtime);
    renameSync(temp, path);
    const { ws, stats } = await load(root);
    expect(stats).toEqual({ hits: 2, parsed: 1 });
    expect(ws.items.find((i) => i.id === 'cd/r2')?.stage).toBe(1);
  });

  it('follows a workspace copied to another folder (the config path is where it is now)', async () => {
    const root = settled(files);
    await load(root);
    const copy = mkdtempSync(join(tmpdir(), 'track-moved-'));
    cpSync(root, copy, { recursive: true, preserveTimestamps: true });
    const { ws } = await load(copy);
    expect(ws.root).toBe(copy);
    expect(ws.config.path).toBe(join(copy, 'track.config.yaml'));
  });
});

describe('the listing of the record folders', () => {
  /** A workspace whose files and folders all look a minute old, so the store keeps their listing too. */
  function settledFolders(files: Record<string, string>, folders: string[]): string {
    const root = settled(files);
    const past = new Date(Date.now() - 60_000);
    for (const folder of folders) utimesSync(join(root, folder), past, past);
    return root;
  }
  async function listing(root: string) {
    const stats: StoreStats = { read: 0, cached: 0 };
    const ws = await loadWorkspace(root, { stats });
    return { listed: stats.listed, ids: [...ws.items.map((i) => i.id), ...ws.sources.map((s) => s.id)], diagnostics: ws.diagnostics.map((d) => [d.file, d.rule]) };
  }
  async function uncached(root: string) {
    process.env['TRACK_NO_CACHE'] = '1';
    try {
      return await listing(root);
    } finally {
      delete process.env['TRACK_NO_CACHE'];
    }
  }
  const folders = ['records', 'records/cd'];

  it('is kept while no folder changes, and a file added, removed or renamed, or a new source, is seen as without the cache', async () => {
    const root = settledFolders(files, folders);
    expect((await listing(root)).listed).toBe(true);
    expect(await listing(root)).toMatchObject({ listed: false, ids: ['cd/r1', 'cd/r2', 'cd'] });
    const changes: [string, () => void][] = [
      ['a file added', () => writeFileSync(join(root, 'records/cd/r3.md'), R2.replace('number: 2', 'number: 3'))],
      ['a file removed', () => rmSync(join(root, 'records/cd/r2.md'))],
      ['a file renamed', () => renameSync(join(root, 'records/cd/r1.md'), join(root, 'records/cd/r7.md'))],
      ['a source folder added', () => cpSync(join(root, 'records/cd'), join(root, 'records/hr'), { recursive: true })],
      ['a record put straight into records/', () => writeFileSync(join(root, 'records/stray.md'), R1)],
    ];
    for (const [what, change] of changes) {
      const before = await uncached(root);
      change();
      const after = await listing(root);
      expect(after.listed, what).toBe(true);
      expect(after, what).toEqual({ ...(await uncached(root)), listed: true });
      expect({ ...after, listed: undefined }, what).not.toEqual({ ...before, listed: undefined });
      // Settled again, the new listing is kept.
      for (const folder of [...folders, ...(existsSync(join(root, 'records/hr')) ? ['records/hr'] : [])]) utimesSync(join(root, folder), new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
      await listing(root);
      expect((await listing(root)).listed, what).toBe(false);
    }
  });

  it('after any run of changes to files and folders, with time passing between some, loads what a run without the cache loads', async () => {
    const item = (n: number, title = `Item ${n}`) => R1.replace('number: 1', `number: ${n}`).replace('title: Strategy', `title: ${title}`);
    /** Every file and folder under records/ made to look a minute old, as time passing would. */
    const settle = (root: string) => {
      const past = new Date(Date.now() - 60_000);
      const walk = (dir: string): void => {
        for (const entry of readdirSync(dir, { withFileTypes: true })) {
          if (entry.isDirectory()) walk(join(dir, entry.name));
          if (!entry.isSymbolicLink()) utimesSync(join(dir, entry.name), past, past);
        }
        utimesSync(dir, past, past);
      };
      walk(join(root, 'records'));
    };
    const itemsIn = (root: string, folder: string) => (existsSync(join(root, 'records', folder)) ? readdirSync(join(root, 'records', folder)).filter((n) => /^r\d+\.md$/.test(n)) : []);
    type Change = (root: string, n: number) => void;
    const changes: Record<string, Change> = {
      settle: (root) => settle(root),
      add: (root, n) => writeFileSync(join(root, `records/cd/r${100 + n}.md`), item(100 + n)),
      remove: (root, n) => {
        const names = itemsIn(root, 'cd');
        if (names.length > 0) rmSync(join(root, 'records/cd', names[n % names.length]!));
      },
      rename: (root, n) => {
        const names = itemsIn(root, 'cd');
        if (names.length > 0) renameSync(join(root, 'records/cd', names[n % names.length]!), join(root, `records/cd/r${200 + n}.md`));
      },
      'edit in place': (root, n) => {
        const names = itemsIn(root, 'cd');
        if (names.length > 0) writeFileSync(join(root, 'records/cd', names[n % names.length]!), item(300 + n, `Edited ${n}`));
      },
      'break in place': (root, n) => {
        const names = itemsIn(root, 'cd');
        if (names.length > 0) writeFileSync(join(root, 'records/cd', names[n % names.length]!), '---\ntitle: [broken\n---\n');
      },
      'new source': (root, n) => {
        mkdirSync(join(root, `records/s${n}`), { recursive: true });
        writeFileSync(join(root, `records/s${n}/source.md`), SOURCE);
        writeFileSync(join(root, `records/s${n}/r1.md`), item(1));
      },
      'sub-folder without records': (root) => {
        mkdirSync(join(root, 'records/cd/notes'), { recursive: true });
        writeFileSync(join(root, 'records/cd/notes/readme.txt'), 'notes');
      },
      'sub-folder record': (root, n) => {
        mkdirSync(join(root, 'records/cd/notes'), { recursive: true });
        writeFileSync(join(root, `records/cd/notes/r${n}.md`), item(n));
      },
      'sub-folder emptied': (root) => rmSync(join(root, 'records/cd/notes'), { recursive: true, force: true }),
      'stray record': (root, n) => writeFileSync(join(root, `records/stray${n}.md`), item(n)),
      link: (root, n) => {
        const names = itemsIn(root, 'cd');
        // lstat, not exists: a link whose file was renamed away dangles, and is still there.
        const at = join(root, `records/cd/r${400 + n}.md`);
        if (names.length > 0 && lstatSync(at, { throwIfNoEntry: false }) === undefined) symlinkSync(names[n % names.length]!, at);
      },
    };
    const names = Object.keys(changes);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.constantFrom(...names), fc.nat(20)), { minLength: 1, maxLength: 10 }), async (run) => {
        const root = settledFolders(files, folders);
        await listing(root);
        for (const [name, n] of run) {
          changes[name]!(root, n);
          const { listed: _listed, ...got } = await listing(root);
          const { listed: _none, ...want } = await uncached(root);
          expect(got, run.map(([c, k]) => `${c} ${k}`).join(', ')).toEqual(want);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('reads a folder that holds a sub-folder every run: a record put in the sub-folder changes no folder it lists', async () => {
    const root = settledFolders({ ...files, 'records/cd/notes/readme.txt': 'notes' }, [...folders, 'records/cd/notes']);
    await listing(root);
    expect((await listing(root)).listed).toBe(true);
    const cd = statSync(join(root, 'records/cd'));
    writeFileSync(join(root, 'records/cd/notes/r9.md'), R1);
    // The case a kept listing would miss: the source folder's own times did not move.
    expect(statSync(join(root, 'records/cd'))).toMatchObject({ mtimeMs: cd.mtimeMs, ctimeMs: cd.ctimeMs, size: cd.size, ino: cd.ino });
    expect((await listing(root)).diagnostics).toContainEqual(['records/cd/notes', 'misplaced-file']);
  });

  it('does not keep the listing of a folder changed in the last moments (its time may not move on the next change)', async () => {
    const root = settledFolders(files, ['records']);
    await listing(root);
    expect((await listing(root)).listed).toBe(true);
  });
});

describe('a warm run', () => {
  it('opens no record file, and validate prints the same problems at the same places', async () => {
    const bad = item('title: Strategy\nnumber: 1\nowners: [nobody-known]\nstage: 4\nupdates:\n  - date: 2008-03-10\n    stage: 3\n    note: x');
    const root = settled({ ...files, 'records/cd/r1.md': bad, 'records/cd/r3.md': item('title: "a long\nstage: 3"') });
    const cold = await validate({ root, today: '2008-04-01' });
    expect((await load(root)).stats.parsed).toBe(0);
    // Unreadable to anyone but root, and moved aside: a warm run must not need them.
    for (const name of ['r1.md', 'r2.md', 'r3.md']) chmodSync(join(root, 'records/cd', name), 0);
    const warm = await validate({ root, today: '2008-04-01' });
    expect(warm.diagnostics).toEqual(cold.diagnostics);
    expect(warm.diagnostics.length).toBeGreaterThan(2);
    const { ws, stats } = await load(root);
    expect(stats).toEqual({ hits: 4, parsed: 0 });
    expect(ws.frontmatter.get('records/cd/r1.md')).toContain('nobody-known');
    // "the key stage is missing" is placed at the record, not inside the quoted title.
    expect(cold.diagnostics.filter((d) => d.file === 'records/cd/r3.md' && d.rule === 'missing-key').map((d) => [d.line, d.column, d.message])).toEqual([[1, 1, 'the key "stage" is missing']]);
  });
});

describe('a workspace of many groups', () => {
  // More records than one group of the cache holds (64), so that one edit leaves most groups as they were.
  const many: Record<string, string> = { 'records/cd/source.md': SOURCE };
  for (let n = 1; n <= 150; n++) many[`records/cd/r${n}.md`] = item(`title: Item ${n}\nnumber: ${n}\nowners: [${n % 7 === 0 ? 'nobody-known' : 'leeds-pct'}]\nstage: 4`);
  const edit = (root: string, n: number) => {
    const path = join(root, `records/cd/r${n}.md`);
    writeFileSync(path, readFileSync(path, 'utf8').replace(`title: Item ${n}`, `title: Item ${n}, edited`).replace(/owners: \[.*\]/, 'owners: [also-nobody]'));
    utimesSync(path, new Date(Date.now() - 30_000), new Date(Date.now() - 30_000));
  };
  const uncached = async (root: string) => {
    process.env['TRACK_NO_CACHE'] = '1';
    try {
      return await validate({ root, today: '2008-04-01' });
    } finally {
      delete process.env['TRACK_NO_CACHE'];
    }
  };

  it('reads only the edited file, and places every problem as a run without the cache does', async () => {
    const root = settled(many);
    await validate({ root, today: '2008-04-01' });
    edit(root, 100);
    const { stats } = await load(root);
    expect(stats).toEqual({ hits: 150, parsed: 1 });
    const warm = await validate({ root, today: '2008-04-01' });
    const cold = await uncached(root);
    expect(warm.diagnostics.length).toBeGreaterThan(20);
    expect(warm.diagnostics.some((d) => d.file === 'records/cd/r100.md' && d.message.includes('also-nobody'))).toBe(true);
    // Every problem at its line and column, from the frontmatter the store kept (unchanged groups' as they were).
    expect(warm.diagnostics).toEqual(cold.diagnostics);
    expect(warm.sources.keptLines()).toEqual(cold.sources.keptLines());
    // The frontmatter of a file not read again comes from the store, also in a group that was made again.
    const { ws } = await load(root);
    expect(ws.frontmatter.get('records/cd/r5.md')).toContain('title: Item 5');
    expect(ws.frontmatter.get('records/cd/r99.md')).toContain('title: Item 99');
  });

  it('reads every file again when the cache is damaged and no file changed (no parser was loaded yet)', async () => {
    const root = settled(many);
    const past = new Date(Date.now() - 60_000);
    utimesSync(join(root, 'track.config.yaml'), past, past);
    const good = (await load(root)).ws;
    const file = join(root, CACHE_DIR, STORE);
    const bytes = readFileSync(file);
    bytes.fill(0x7f, 4, 200);
    writeFileSync(file, bytes);
    // A stray file changes the tree's problems, so the store is made again, though every record is as cached.
    writeFileSync(join(root, 'records/stray.md'), 'stray');
    const again = await load(root);
    expect(again.stats.parsed).toBe(151);
    expect(again.ws.items).toEqual(good.items);
  });

  it('reads the files again when a group of the cache is damaged, and loads the same workspace', async () => {
    const root = settled(many);
    const good = (await load(root)).ws;
    const file = join(root, CACHE_DIR, STORE);
    const bytes = readFileSync(file);
    // The first group's records start after the four-byte magic number: spoil them, keeping the length and the header.
    bytes.fill(0x7f, 4, 200);
    writeFileSync(file, bytes);
    // An edit in another group (files go in name order: r99 is in the last), so the store is made again from the damaged one.
    edit(root, 99);
    const again = await load(root);
    expect(again.stats.parsed).toBeGreaterThanOrEqual(65);
    expect(again.ws.items.length).toBe(150);
    const r1 = (ws: typeof good) => ws.items.find((i) => i.id === 'cd/r1');
    expect(r1(again.ws)).toEqual(r1(good));
    expect(again.ws.items.find((i) => i.id === 'cd/r99')!.title).toBe('Item 99, edited');
    // And the store it wrote is whole again.
    expect((await load(root)).stats).toEqual({ hits: 151, parsed: 0 });
  });
});

describe('the cache keeps the model whole', () => {
  it('a loaded workspace comes back from the cache equal, every field of every record', async () => {
    // The project's own records: every kind of record, every v2 field the examples use.
    const root = mkdtempSync(join(tmpdir(), 'track-roundtrip-'));
    for (const name of ['track.config.yaml', 'meetings.yaml', 'records']) cpSync(join(PROJECT_ROOT, name), join(root, name), { recursive: true });
    const past = new Date(Date.now() - 60_000);
    const { readdirSync } = await import('node:fs');
    for (const f of readdirSync(root, { recursive: true, encoding: 'utf8' })) utimesSync(join(root, f), past, past);
    const cold = await load(root);
    const warm = await load(root);
    expect(warm.stats.parsed).toBe(0);
    const plain = ({ frontmatter: _f, ...ws }: typeof cold.ws) => ws;
    expect(plain(warm.ws)).toStrictEqual(plain(cold.ws));
  });

  // Whatever the model gains, the codec keeps: it knows no field by name.
  const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
    any: fc.oneof(
      { depthSize: 'small' },
      fc.string(),
      fc.double(),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.constant(NONE),
      fc.constant(NO_EXTRA),
      fc.array(tie('any'), { maxLength: 4 }),
      fc.dictionary(fc.oneof(fc.string(), fc.constantFrom('path', 'toString', 'valueOf')), tie('any'), { maxKeys: 4, noNullPrototype: true }),
    ),
  })).any;

  it('gives back any plain value equal, the shared empty values still shared', () => {
    fc.assert(
      fc.property(fc.array(value, { maxLength: 5 }), (values) => {
        const encoder = new Encoder();
        for (const v of values) encoder.put(v);
        // Through v8's serialiser, as the store writes it.
        const decoder = new Decoder(deserialize(serialize(encoder.encoded)) as Encoder['encoded']);
        const back = values.map(() => decoder.take());
        expect(decoder.done).toBe(true);
        expect(back).toStrictEqual(values);
        values.forEach((v, i) => {
          if (v === NONE || v === NO_EXTRA) expect(back[i]).toBe(v);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('tells apart objects whose keys would run together', () => {
    const encoder = new Encoder();
    encoder.put([{ 'a\u0000b': 1 }, { a: 1, b: 2 }]);
    expect(new Decoder(encoder.encoded).take()).toStrictEqual([{ 'a\u0000b': 1 }, { a: 1, b: 2 }]);
  });

  it('keeps a "__proto__" key read from YAML as data', () => {
    const encoder = new Encoder();
    encoder.put(JSON.parse('{"__proto__": {"polluted": true}, "a": 1}'));
    const back = new Decoder(encoder.encoded).take() as Record<string, unknown>;
    expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
    expect(Object.keys(back)).toEqual(['__proto__', 'a']);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('refuses what it could not give back, rather than drop it', () => {
    expect(() => new Encoder().put({ when: new Date(0) })).toThrow(/cannot keep/);
    expect(() => new Encoder().put(new Map())).toThrow(/cannot keep/);
  });
});
