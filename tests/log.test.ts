import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { item, runTrack, workspace } from './helpers.js';
import { DONE_UPDATE, r1, scriptedHistory } from './git-repo.js';

describe('track log', () => {
  const repo = scriptedHistory();

  it('tells the history in meaning, oldest first, across a branch, a revert and a rename', async () => {
    const result = await runTrack(['log', 'r1-strategy'], { cwd: repo.root });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const text = result.stdout.replaceAll(/\b[0-9a-f]{7}\b/g, (h) => Object.entries(repo.commits).find(([, full]) => full.startsWith(h))?.[0] ?? h);
    expect(text).toMatchInlineSnapshot(`
      "leeds-cd-2007/r1-strategy  Cohesive community development strategy

      add  10 January 2008  Ann Clerk
        created at stage 4 (Not achieved – progress made acceptable, continue monitoring), due 30 June 2008
      achieved  11 March 2008  Bob Officer
        stage 4 (Not achieved – progress made acceptable, continue monitoring) → 2 (Achieved)
        update added, 10 March 2008 (stage 2, by leeds-pct): As both the Leeds PCT Strategy and the Leeds Strategic Plan are near completion,
      owners  20 March 2008  Dee Author
        owners added adult-social-services
      moved  1 May 2008  Cat Chair
        target date moved from 30 June 2008 to 31 December 2008 with no reason given
      revert  2 May 2008  Bob Officer
        target date moved from 31 December 2008 to 30 June 2008 with no reason given
      rename  1 June 2008  Ann Clerk
        renamed from leeds-cd-2007/r1 to leeds-cd-2007/r1-strategy
      "
    `);
  });

  it('shows edits not yet committed last, as uncommitted', async () => {
    const dirty = scriptedHistory();
    dirty.write(
      'records/leeds-cd-2007/r2.md',
      `---\ntitle: Health and wellbeing workers\nnumber: 2\nowners: [adult-social-services]\nstage: 2\nupdates:\n  - date: 2008-03-24\n    proposed_stage: 2\n    note: The workers are funded.\n  - date: 2008-04-15\n    stage: 2\n    note: Agreed by the board.\n---\nThat Adult Social Services funds health and wellbeing workers.\n`,
    );
    const result = await runTrack(['log', 'leeds-cd-2007/r2'], { cwd: dirty.root });
    expect(result.code).toBe(0);
    expect(result.stdout.split('uncommitted\n')[1]).toMatchInlineSnapshot(`
      "  stage 4 (Not achieved – progress made acceptable, continue monitoring) → 2 (Achieved)
        update added, 15 April 2008 (stage 2): Agreed by the board.
      "
    `);
  });

  it('gives JSON with schemaVersion, full hashes and typed changes', async () => {
    const result = await runTrack(['log', 'r1-strategy', '--json'], { cwd: repo.root });
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json.schemaVersion).toBe(1);
    expect(json.id).toBe('leeds-cd-2007/r1-strategy');
    expect(json.entries.map((e: { commit: string }) => e.commit)).toEqual([
      repo.commits['add'], repo.commits['achieved'], repo.commits['owners'], repo.commits['moved'], repo.commits['revert'], repo.commits['rename'],
    ]);
    expect(json.entries[1]).toMatchInlineSnapshot(`
      {
        "author": "Bob Officer",
        "changes": [
          {
            "from": {
              "closed": false,
              "id": 4,
              "label": "Not achieved – progress made acceptable, continue monitoring",
            },
            "kind": "stage",
            "to": {
              "closed": true,
              "id": 2,
              "label": "Achieved",
            },
          },
          {
            "kind": "update-added",
            "update": {
              "by": "leeds-pct",
              "date": "2008-03-10",
              "note": "As both the Leeds PCT Strategy and the Leeds Strategic Plan are near completion,
      the strategy is in place.
      ",
              "stage": 2,
            },
          },
        ],
        "commit": "4548d6afd1951c5219a6175f711edf4730881eb5",
        "date": "2008-03-11",
        "uncommitted": false,
      }
    `);
    expect(json.entries[3].changes).toEqual([{ kind: 'due', from: '2008-06-30', to: '2008-12-31', reason: null }]);
    expect(json.entries[5].changes).toEqual([{ kind: 'renamed', from: 'leeds-cd-2007/r1', to: 'leeds-cd-2007/r1-strategy' }]);
  });

  it('names an unknown id with exit 1', async () => {
    const result = await runTrack(['log', 'r99'], { cwd: repo.root });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('No item has the id "r99"');
  });

  it('says in one sentence that a folder is not a git repository (exit 2)', async () => {
    const root = workspace({ 'records/s/source.md': '---\ntitle: S\nkind: review\ndate: 2007-06-14\n---\n', 'records/s/r1.md': item('title: T\nowners: [leeds-pct]\nstage: 4') });
    const result = await runTrack(['log', 'r1'], { cwd: root, env: { GIT_CEILING_DIRECTORIES: tmpdir() } });
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('is not in a git repository');
    // The rest of track works without git.
    expect((await runTrack(['validate'], { cwd: root })).code).toBe(0);
  });

  it('says in one sentence that git is not installed (exit 2)', async () => {
    const root = workspace({ 'records/s/source.md': '---\ntitle: S\nkind: review\ndate: 2007-06-14\n---\n', 'records/s/r1.md': r1({ updates: DONE_UPDATE, stage: 2 }) });
    const noGit = mkdtempSync(join(tmpdir(), 'track-no-git-'));
    const result = await runTrack(['log', 'r1'], { cwd: root, env: { PATH: noGit } });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatchInlineSnapshot(`
      "track log needs git, which is not installed (or not on the PATH): install git, or use "track show" and "track status", which work without it.
      "
    `);
    expect((await runTrack(['validate'], { cwd: root, env: { PATH: noGit } })).code).toBe(0);
  });

  it('warns that a shallow clone has incomplete history, and carries on', async () => {
    const clone = mkdtempSync(join(tmpdir(), 'track-shallow-'));
    repo.git('clone', '-q', '--depth', '1', `file://${repo.root}`, clone);
    const result = await runTrack(['log', 'r1-strategy'], { cwd: clone });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('shallow git clone');
    expect(result.stderr).toContain('fetch-depth: 0');
    expect(result.stdout).toContain('created at stage 2 (Achieved)');
  });
});
