// validate checks the records group by group as the store reads them, never
// holding the workspace whole: it must find exactly what checking the whole
// loaded workspace finds, at the same places, however the groups fall.

import { existsSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { validate } from '../src/commands/validate.js';
import { readHistory, workspaceProblems } from '../src/commands/problems.js';
import { placeDiagnostics, SourceLines } from '../src/records/locate.js';
import { readChunkedHeader } from '../src/records/store/chunked.js';
import { CACHE_DIR, loadWorkspace, Store } from '../src/records/store/index.js';
import { collectGarbage, item, SOURCE, workspace } from './helpers.js';
import { duplicateNumber } from '../src/rules/links.js';
import { ruleContext } from '../src/rules/index.js';
import { loadConfig } from '../src/records/config.js';

const TODAY = '2009-02-01';
const OTHER_DAY = '2009-03-01';

/** The problems of the whole loaded workspace, placed: what validate gave before it checked group by group. */
async function wholeProblems(root: string, today: string) {
  const ws = await loadWorkspace(root, { cache: false });
  const problems = await workspaceProblems(ws, today, readHistory(root));
  return placeDiagnostics(problems.diagnostics, new SourceLines(root, ws.frontmatter));
}

/** A workspace whose files (the config too) look a minute old, so the cache trusts them. */
function settled(files: Record<string, string>): string {
  const root = workspace(files);
  const past = new Date(Date.now() - 60_000);
  for (const path of ['track.config.yaml', ...Object.keys(files)]) utimesSync(join(root, path), past, past);
  return root;
}

/**
 * Three sources and some 230 items, so several groups of the store (64
 * records each): problems of one item, a number used twice in different
 * groups, links to items in later groups (good) and to nothing (bad), a file
 * that is not YAML, a quoted title over two lines, a stage off the scale.
 */
function manyGroups(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const [s, count] of [['aa', 100], ['bb', 90], ['cc', 40]] as const) {
    files[`records/${s}/source.md`] = SOURCE.replace('2007-06-14', s === 'bb' ? '2008-01-10' : '2007-06-14');
    for (let n = 1; n <= count; n++) {
      const lines = [`title: Item ${n} of ${s}`, `number: ${s === 'aa' && n === 90 ? 5 : n}`, 'kind: recommendation'];
      if (n % 5 !== 0) lines.push(`owners: [${n % 11 === 0 ? 'nobody-known' : 'leeds-pct'}]`);
      if (n % 3 === 0) lines.push(`due: 2008-${String((n % 12) + 1).padStart(2, '0')}`);
      if (n % 4 === 0) lines.push('response: accepted');
      if (n % 7 === 0) lines.push(`related: [${s === 'aa' ? 'cc/r30' : 'r1'}, ${n % 14 === 0 ? 'nowhere' : `${s}/r${count}`}]`);
      lines.push(`stage: ${n % 13 === 0 ? 9 : (n % 5) + 1}`);
      if (n % 2 === 0) lines.push('updates:', `  - date: 2008-0${(n % 9) + 1}-10`, `    ${n % 6 === 0 ? 'proposed_stage' : 'stage'}: ${(n % 5) + 1}`, '    note: Progress.');
      files[`records/${s}/r${n}.md`] = item(lines.join('\n'));
    }
  }
  files['records/bb/r45.md'] = '---\ntitle: [unclosed\nstage: 3\n---\n';
  files['records/cc/r20.md'] = item('title: "a long\nstage: 3"');
  return files;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('validate, group by group', () => {
  it('finds what checking the whole workspace finds, at the same places, without loading it whole', async () => {
    const root = settled(manyGroups());
    const load = vi.spyOn(Store.prototype, 'load');
    const cold = await validate({ root, today: TODAY });
    expect(load).not.toHaveBeenCalled();
    const rules = new Set(cold.diagnostics.map((d) => d.rule));
    for (const rule of ['duplicate-number', 'unknown-related', 'unknown-owner', 'unknown-stage', 'yaml-syntax', 'missing-key', 'overdue', 'stale', 'unassigned']) expect(rules).toContain(rule);
    expect(cold.diagnostics).toEqual(await wholeProblems(root, TODAY));
    // Another day: the records come from the cache, group by group, and the problems are worked out again.
    load.mockClear();
    const warm = await validate({ root, today: OTHER_DAY });
    expect(load).not.toHaveBeenCalled();
    expect(warm.diagnostics).toEqual(await wholeProblems(root, OTHER_DAY));
    expect(warm.diagnostics).not.toEqual(cold.diagnostics);
    // The number used twice is reported at the second in the workspace's order, with the first named.
    expect(cold.diagnostics.filter((d) => d.rule === 'duplicate-number').map((d) => [d.file, d.message])).toEqual([['records/aa/r90.md', 'number 5 is already used by aa/r5 in the same source']]);
    // Links to items in groups not yet read are good; only "nowhere" names nothing.
    expect(new Set(cold.diagnostics.filter((d) => d.rule === 'unknown-related').map((d) => d.message))).toEqual(new Set(['the related id "nowhere" names no item']));
  });

  it('gives every group to the checker once, in order, never more than a group at a time', async () => {
    const root = settled(manyGroups());
    await validate({ root, today: TODAY });
    for (const cached of [false, true]) {
      const store = new Store(root, { cache: cached });
      const starts: number[] = [];
      let largest = 0;
      await store.sweep((g) => {
        starts.push(g.start);
        largest = Math.max(largest, g.records.length);
      });
      expect(starts).toEqual(starts.map((_, i) => i * 64));
      expect(largest).toBe(64);
      expect(starts.length).toBe(Math.ceil(store.tree.files.length / 64));
    }
  });

  it("checks an item listed before its folder's source (folders whose names differ only in case) with that source's date", async () => {
    // "CD" is listed before "cd": its items belong to the source in cd/, which dates them (an item with no update is stale from it).
    const root = settled({
      'records/CD/r1.md': item('title: No news\nnumber: 1\nowners: [leeds-pct]\nstage: 4'),
      'records/cd/source.md': SOURCE,
      'records/cd/r2.md': item('title: Also no news\nnumber: 2\nowners: [leeds-pct]\nstage: 4'),
    });
    const { diagnostics } = await validate({ root, today: TODAY });
    expect(diagnostics).toEqual(await wholeProblems(root, TODAY));
    expect(diagnostics.filter((d) => d.rule === 'stale').map((d) => d.file)).toEqual(['records/CD/r1.md', 'records/cd/r2.md']);
  });

  it('finds the same problems when a group of the cache turns out damaged halfway (the groups are read again from the files)', async () => {
    // Every file readable, so the warm run loads no parser: the damage is found only as the second group is taken from the cache.
    const root = settled({ ...manyGroups(), 'records/bb/r45.md': item('title: Readable\nstage: 3') });
    await validate({ root, today: TODAY });
    const file = join(root, CACHE_DIR, 'store.v8');
    const { chunkEnds } = readChunkedHeader(file, () => true)!.header;
    const bytes = readFileSync(file);
    // Spoil the start of the second group's records (chunk 2, after the first group's records and frontmatter, and the four-byte magic number), keeping the length and the header.
    bytes.fill(0x7f, 4 + chunkEnds[1]!, 4 + chunkEnds[1]! + 100);
    writeFileSync(file, bytes);
    // Another day, so nothing remembered serves: the first group is checked from the cache before the damage is found.
    const starts: number[] = [];
    const sweep = Store.prototype.sweep;
    vi.spyOn(Store.prototype, 'sweep').mockImplementation(function (this: Store, visit) {
      return sweep.call(this, (g) => {
        starts.push(g.start);
        visit(g);
      });
    });
    const again = await validate({ root, today: OTHER_DAY });
    expect(again.diagnostics).toEqual(await wholeProblems(root, OTHER_DAY));
    // Given the first group twice: from the cache, then from its files once the damage was found.
    expect(starts.slice(0, 3)).toEqual([0, 0, 64]);
  });

  it('gives a checker\'s failure to the caller, and keeps no cache made halfway', async () => {
    const root = settled(manyGroups());
    const visited: number[] = [];
    const failing = new Store(root, {}).sweep((g) => {
      visited.push(g.start);
      if (g.start === 64) throw new Error('the checker failed');
    });
    await expect(failing).rejects.toThrow('the checker failed');
    expect(visited).toEqual([0, 64]);
    // Nothing in the cache's folder: no store, and no temporary file left behind.
    expect(existsSync(join(root, CACHE_DIR)) ? readdirSync(join(root, CACHE_DIR)) : []).toEqual([]);
  });

  it('names the first of a number in the workspace\'s order, in whatever order the files were read', () => {
    const at = (id: string, number: number) => ({ id: `cd/${id}`, source: 'cd', path: `records/cd/${id}.md`, number, related: [] });
    const ctx = ruleContext({ config: loadConfig(workspace({})), meetings: [], sources: [] }, TODAY);
    const found = duplicateNumber.checkAll!([at('r10', 7), at('r9', 7), at('r1', 3), at('r2', 7)], ctx);
    expect(found.map((d) => [d.file, d.message])).toEqual([
      ['records/cd/r9.md', 'number 7 is already used by cd/r2 in the same source'],
      ['records/cd/r10.md', 'number 7 is already used by cd/r2 in the same source'],
    ]);
  });
});

describe('a loaded workspace', () => {
  it('holds each record as the cache gives it back, not the whole text of its file', async () => {
    // A title or an id the parser cuts from a file's text may share all of that text's memory; a record kept must not.
    const files: Record<string, string> = { 'records/cd/source.md': SOURCE };
    for (let n = 1; n <= 30; n++) files[`records/cd/r${n}.md`] = item(`title: A title long enough to be cut from the file
# ${'x'.repeat(1_000_000)}
stage: 2`);
    const root = settled(files);
    collectGarbage();
    const before = process.memoryUsage().heapUsed;
    const cold = await loadWorkspace(root);
    collectGarbage();
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(10_000_000);
    expect(cold.items).toHaveLength(30);
    expect(cold.items[6]!.title).toBe('A title long enough to be cut from the file');
    // And it is the workspace a warm run loads.
    const warm = await loadWorkspace(root);
    expect([warm.items, warm.sources, warm.diagnostics]).toEqual([cold.items, cold.sources, cold.diagnostics]);
  });
});
