import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { surelyOutsideGit } from '../src/history/git.js';
import { historySource, readHistory } from '../src/history/source.js';
import { parseLog } from '../src/history/commits.js';
import { diffItems } from '../src/history/diff.js';
import { pairRenames } from '../src/history/window.js';
import { parseVersion } from '../src/history/versions.js';
import { STAGE_PRESETS } from '../src/records/stages.js';
import { validate } from '../src/commands/validate.js';
import { status } from '../src/commands/status.js';
import { report } from '../src/commands/report.js';
import { DONE_UPDATE, r1, ScriptedRepo } from './git-repo.js';

const stages = STAGE_PRESETS.leeds;
const version = (text: string, path = 'records/s/r1.md') => {
  const v = parseVersion(Buffer.from(text), path, []);
  if (!('item' in v)) throw new Error(v.problem);
  return v.item;
};

describe('reading git log output', () => {
  it('parses commits, renames and blobs from -z --raw output, inside a workspace below the repository root', () => {
    const out =
      '\x1eaaa\x1fppp\x1fAnn Clerk\x1f2008-01-10\x1f2008-01-11\0\n' +
      ':100644 100644 1111 2222 M\0board/records/s/r1.md\0' +
      ':100644 100644 3333 3333 R100\0board/records/s/r2.md\0board/records/s/r2a.md\0' +
      ':000000 100644 0000 4444 A\0other/x.md\0' +
      '\x1ebbb\x1f\x1fBob\x1f2008-01-01\x1f2008-01-01\0\n:000000 100644 0000 5555 A\0board/records/s/r1.md\0';
    expect(parseLog(out, { prefix: 'board/' })).toEqual([
      {
        hash: 'aaa', parents: ['ppp'], author: 'Ann Clerk', authorDate: '2008-01-10', commitDate: '2008-01-11',
        files: [
          { status: 'M', oldPath: 'records/s/r1.md', path: 'records/s/r1.md', oldBlob: '1111', newBlob: '2222' },
          { status: 'R', oldPath: 'records/s/r2.md', path: 'records/s/r2a.md', oldBlob: '3333', newBlob: '3333' },
        ],
      },
      { hash: 'bbb', parents: [], author: 'Bob', authorDate: '2008-01-01', commitDate: '2008-01-01', files: [{ status: 'A', oldPath: 'records/s/r1.md', path: 'records/s/r1.md', newBlob: '5555' }] },
    ]);
  });

  it('pairs a deletion and an addition into a rename when a commit in the window renamed them', () => {
    const files = [
      { status: 'D' as const, oldPath: 'records/s/r1.md', path: 'records/s/r1.md', oldBlob: 'old' },
      { status: 'A' as const, oldPath: 'records/s/r9.md', path: 'records/s/r9.md', newBlob: 'new' },
      { status: 'A' as const, oldPath: 'records/s/r3.md', path: 'records/s/r3.md', newBlob: 'r3' },
    ];
    const commits = [
      { files: [{ status: 'R' as const, oldPath: 'records/s/r2.md', path: 'records/s/r9.md' }] },
      { files: [{ status: 'R' as const, oldPath: 'records/s/r1.md', path: 'records/s/r2.md' }] },
    ];
    expect(pairRenames(files, commits)).toEqual([
      { status: 'R', oldPath: 'records/s/r1.md', path: 'records/s/r9.md', oldBlob: 'old', newBlob: 'new' },
      files[2],
    ]);
  });
});

describe('the meaning of a change', () => {
  it('names stage, due, updates, owners and fields, not lines', () => {
    const before = version(r1());
    const after = version(r1({ stage: 2, due: '2008-12-31', owners: '[adult-social-services]', updates: `${DONE_UPDATE}  - date: 2008-04-01\n    new_due: 2008-12-31\n    reason: Waiting for the Strategic Plan.\n    note: Moved.\n` }));
    expect(diffItems(before, after, stages)).toMatchInlineSnapshot(`
      [
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
          "from": "2008-06-30",
          "kind": "due",
          "reason": "Waiting for the Strategic Plan.",
          "to": "2008-12-31",
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
        {
          "kind": "update-added",
          "update": {
            "date": "2008-04-01",
            "new_due": "2008-12-31",
            "note": "Moved.",
            "reason": "Waiting for the Strategic Plan.",
          },
        },
        {
          "added": [
            "adult-social-services",
          ],
          "kind": "owners",
          "removed": [
            "leeds-pct",
          ],
        },
      ]
    `);
  });

  it('sees an edited update as edited, and a removed one as removed', () => {
    const two = `${DONE_UPDATE}  - date: 2008-04-01\n    note: Second.\n`;
    const before = version(r1({ stage: 2, updates: two }));
    const edited = version(r1({ stage: 2, updates: two.replace('Second.', 'Second, corrected.') }));
    expect(diffItems(before, edited, stages).map((c) => c.kind)).toEqual(['update-edited']);
    const removed = version(r1({ stage: 2, updates: DONE_UPDATE }));
    expect(diffItems(before, removed, stages).map((c) => c.kind)).toEqual(['update-removed']);
  });
});

describe('due-moved-silently', () => {
  const SOURCE = '---\ntitle: S\nkind: review\ndate: 2007-06-14\n---\n';
  const base = () => new ScriptedRepo({ 'records/s/source.md': SOURCE, 'records/s/r1.md': r1({ stage: 2, updates: DONE_UPDATE }) });
  const TODAY = '2008-06-02';
  const lines = async (root: string) => (await validate({ root, today: TODAY })).diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.rule} ${d.message}`);
  const silent = async (root: string) => (await lines(root)).filter((l) => l.includes('due-moved-silently'));

  it('reports a moved target date that no update explains, followed through a rename', async () => {
    const repo = base();
    repo.commit('Ann Clerk', '2008-01-10', 'add');
    repo.write('records/s/r1.md', r1({ stage: 2, updates: DONE_UPDATE, due: '2008-12-31' }));
    const moved = repo.commit('Cat Chair', '2008-05-01', 'move');
    repo.as('Ann Clerk', '2008-06-01', 'mv', 'records/s/r1.md', 'records/s/r7.md');
    repo.commit('Ann Clerk', '2008-06-01', 'rename');
    const result = await validate({ root: repo.root, today: TODAY });
    expect(result.ok).toBe(false);
    expect(await silent(repo.root)).toEqual([`records/s/r7.md:6:6 error due-moved-silently the target date moved from 30 June 2008 to 31 December 2008 in commit ${moved.slice(0, 7)} with no reason (Cat Chair, 1 May 2008)`]);
    // status and papers count the same problems as validate.
    const summary = await status({ root: repo.root, today: TODAY });
    expect(summary.problems).toEqual({ errors: result.errors, warnings: result.warnings });
    expect(summary.problems?.errors).toBe(1);
    const paper = await report({ root: repo.root, today: TODAY, template: 'status-summary', format: 'md' });
    expect(paper.problems).toEqual({ errors: result.errors, warnings: result.warnings });
  });

  it('accepts a move explained by an update, then or later', async () => {
    const explained = base();
    explained.commit('Ann Clerk', '2008-01-10', 'add');
    const why = `${DONE_UPDATE}  - date: 2008-04-30\n    new_due: 2008-12-31\n    reason: The plan was delayed.\n    note: Moved.\n`;
    explained.write('records/s/r1.md', r1({ stage: 2, updates: why, due: '2008-12-31' }));
    explained.commit('Cat Chair', '2008-05-01', 'move with a reason');
    expect(await silent(explained.root)).toEqual([]);

    const later = base();
    later.commit('Ann Clerk', '2008-01-10', 'add');
    later.write('records/s/r1.md', r1({ stage: 2, updates: DONE_UPDATE, due: '2008-12-31' }));
    later.commit('Cat Chair', '2008-05-01', 'silent move');
    expect(await silent(later.root)).toHaveLength(1);
    later.write('records/s/r1.md', r1({ stage: 2, updates: why, due: '2008-12-31' }));
    later.commit('Cat Chair', '2008-05-20', 'record the reason');
    expect(await silent(later.root)).toEqual([]);
  });

  it('costs nothing and says nothing without git history', async () => {
    const repo = base();
    const result = await validate({ root: repo.root, today: TODAY });
    expect(result.note).toBeUndefined();
    expect(result.ok).toBe(true);
  });
});

describe('a workspace outside git', () => {
  /** A workspace two folders down a new temporary folder. */
  const fresh = (): string => {
    const root = join(mkdtempSync(join(tmpdir(), 'track-nogit-')), 'a', 'board');
    mkdirSync(root, { recursive: true });
    return root;
  };
  const repositories: ((where: string) => void)[] = [
    (where) => mkdirSync(join(where, '.git')),
    // A linked worktree or a submodule: .git is a file.
    (where) => writeFileSync(join(where, '.git'), 'gitdir: /elsewhere\n'),
    // A bare repository's layout.
    (where) => {
      for (const d of ['objects', 'refs']) mkdirSync(join(where, d));
      writeFileSync(join(where, 'HEAD'), 'ref: refs/heads/main\n');
    },
  ];

  it('is told without running git, and nothing that git could find is missed', () => {
    for (const make of repositories) {
      const root = fresh();
      expect(surelyOutsideGit(root)).toBe(true);
      // Found in the folder itself or any above it.
      make(join(root, '..', '..'));
      expect(surelyOutsideGit(root)).toBe(false);
    }
    const saved = process.env['GIT_DIR'];
    process.env['GIT_DIR'] = '/some/repo.git';
    try {
      expect(surelyOutsideGit(fresh())).toBe(false);
    } finally {
      if (saved === undefined) delete process.env['GIT_DIR'];
      else process.env['GIT_DIR'] = saved;
    }
  });

  it('has no history, found with no git process (none is on the PATH here)', async () => {
    const root = fresh();
    const path = process.env['PATH'];
    process.env['PATH'] = '';
    try {
      // Had git been run, it would have been missing: "no-git".
      expect((await historySource(root)).key).toBe('no git history (not-a-repository)');
      expect(await readHistory(root)).toEqual({ none: true });
    } finally {
      process.env['PATH'] = path;
    }
  });
});
