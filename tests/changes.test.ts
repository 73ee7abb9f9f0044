import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { item, runTrack, workspace } from './helpers.js';
import { scriptedHistory } from './git-repo.js';

describe('track changes', () => {
  const repo = scriptedHistory();
  const today = ['--today', '2008-07-01'];

  it('defaults to the last meeting before today and nets out reverts', async () => {
    const result = await runTrack(['changes', ...today], { cwd: repo.root });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatchInlineSnapshot(`
      "Changes from 1 March 2008 (the last meeting: Scrutiny Board (Health and Adult Social Care)) to now: 7 commits

      New items (1)
        leeds-cd-2007/r3  Community development workers, at stage 5 (Not achieved – progress made not acceptable, continue monitoring), due March 2009

      Stage changes (1)
        leeds-cd-2007/r1-strategy  4 (Not achieved – progress made acceptable, continue monitoring) → 2 (Achieved)

      Closed (1)
        leeds-cd-2007/r1-strategy  Cohesive community development strategy: 2 (Achieved)

      New updates (2)
        leeds-cd-2007/r1-strategy  10 March 2008 (stage 2, by leeds-pct): As both the Leeds PCT Strategy and the Leeds Strategic Plan are near completion,
        leeds-cd-2007/r2  24 March 2008 (proposed stage 2): The workers are funded.

      Renamed (1)
        leeds-cd-2007/r1-strategy  renamed from leeds-cd-2007/r1

      Other edits (1)
        leeds-cd-2007/r1-strategy  owners added adult-social-services

      Deleted (1)
        leeds-cd-2007/r4  A recommendation later withdrawn
      "
    `);
  });

  it('takes --since and --until as git revisions', async () => {
    const result = await runTrack(['changes', '--since', repo.commits['add']!, '--until', 'v1'], { cwd: repo.root });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatchInlineSnapshot(`
      "Changes from commit 7f9541a to v1 (208c94f): 6 commits

      Stage changes (1)
        leeds-cd-2007/r1-strategy  4 (Not achieved – progress made acceptable, continue monitoring) → 2 (Achieved)

      Closed (1)
        leeds-cd-2007/r1-strategy  Cohesive community development strategy: 2 (Achieved)

      New updates (2)
        leeds-cd-2007/r1-strategy  10 March 2008 (stage 2, by leeds-pct): As both the Leeds PCT Strategy and the Leeds Strategic Plan are near completion,
        leeds-cd-2007/r2  24 March 2008 (proposed stage 2): The workers are funded.

      Renamed (1)
        leeds-cd-2007/r1-strategy  renamed from leeds-cd-2007/r1

      Other edits (1)
        leeds-cd-2007/r1-strategy  owners added adult-social-services
      "
    `);
  });

  it('counts a date as a whole day on the committer\'s calendar', async () => {
    // 2008-05-01 is the day of the move; the revert came the next day.
    const moved = await runTrack(['changes', '--since', '2008-05-01', '--until', '2008-05-01', '--json'], { cwd: repo.root });
    expect(JSON.parse(moved.stdout).due_changes).toMatchObject([{ id: 'leeds-cd-2007/r1', from: '2008-06-30', to: '2008-12-31', reason: null }]);
    const after = await runTrack(['changes', '--since', '2008-05-02', '--until', '2008-05-02', '--json'], { cwd: repo.root });
    expect(JSON.parse(after.stdout).due_changes).toMatchObject([{ from: '2008-12-31', to: '2008-06-30' }]);
  });

  it('marks uncommitted edits and gives JSON', async () => {
    const dirty = scriptedHistory();
    dirty.write('records/leeds-cd-2007/r5.md', item('title: Not yet committed\nnumber: 5\nowners: [leeds-pct]\nstage: 4'));
    const result = await runTrack(['changes', '--since', 'v1', '--json'], { cwd: dirty.root });
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    const noCommit = (entries: { last_commit: unknown }[]) => entries.map((e) => ({ ...e, last_commit: e.last_commit ? 'a commit' : null }));
    expect({ ...json, since_commit: typeof json.since_commit, new_items: noCommit(json.new_items), deleted: noCommit(json.deleted) }).toMatchInlineSnapshot(`
      {
        "closed": [],
        "commits": 1,
        "deleted": [
          {
            "id": "leeds-cd-2007/r4",
            "last_commit": "a commit",
            "path": "records/leeds-cd-2007/r4.md",
            "title": "A recommendation later withdrawn",
            "uncommitted": false,
          },
        ],
        "due_changes": [],
        "edited": [],
        "meeting": null,
        "new_items": [
          {
            "due": "2009-03",
            "id": "leeds-cd-2007/r3",
            "last_commit": "a commit",
            "path": "records/leeds-cd-2007/r3.md",
            "stage": {
              "closed": false,
              "id": 5,
              "label": "Not achieved – progress made not acceptable, continue monitoring",
            },
            "title": "Community development workers",
            "uncommitted": false,
          },
          {
            "due": null,
            "id": "leeds-cd-2007/r5",
            "last_commit": null,
            "path": "records/leeds-cd-2007/r5.md",
            "stage": {
              "closed": false,
              "id": 4,
              "label": "Not achieved – progress made acceptable, continue monitoring",
            },
            "title": "Not yet committed",
            "uncommitted": true,
          },
        ],
        "new_updates": [],
        "renamed": [],
        "schemaVersion": 1,
        "since": "v1",
        "since_commit": "string",
        "stage_changes": [],
        "uncommitted": true,
        "unreadable": [],
        "until": null,
        "until_commit": null,
      }
    `);
  });

  it('says nothing moved when nothing did', async () => {
    const result = await runTrack(['changes', '--since', 'HEAD'], { cwd: repo.root });
    expect(result.stdout).toContain('Nothing moved.');
  });

  it('refuses a --since that is neither a date nor a revision (exit 2)', async () => {
    const result = await runTrack(['changes', '--since', 'last-tuesday'], { cwd: repo.root });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatchInlineSnapshot(`
      "--since "last-tuesday" is neither a date (YYYY-MM-DD) nor a git revision (a tag, branch or commit) in this repository: check the spelling, or run "git tag" to see the tags.
      "
    `);
    const impossible = await runTrack(['changes', '--since', '2008-02-30'], { cwd: repo.root });
    expect(impossible.code).toBe(2);
    expect(impossible.stderr).toContain('February 2008 has 29 days');
  });

  it('refuses an --until before --since (exit 2), rather than a window that shows files as deleted', async () => {
    const result = await runTrack(['changes', '--since', '2008-04-01', '--until', '2008-03-15'], { cwd: repo.root });
    expect([result.code, result.stdout, result.stderr]).toEqual([2, '', '--until 2008-03-15 is before --since 2008-04-01: the end of the window must be on or after its start.\n']);
  });

  it('asks for --since when no meeting has happened yet (exit 2)', async () => {
    const result = await runTrack(['changes', '--today', '2008-01-01'], { cwd: repo.root });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatchInlineSnapshot(`
      "There is no meeting before 1 January 2008 in meetings.yaml to count changes from: give --since with a date (YYYY-MM-DD) or a git revision (a tag, branch or commit).
      "
    `);
  });

  it('says in one sentence that the folder is not a git repository (exit 2)', async () => {
    const root = workspace({ 'records/s/source.md': '---\ntitle: S\nkind: review\ndate: 2007-06-14\n---\n' });
    const result = await runTrack(['changes', '--since', '2008-01-01'], { cwd: root, env: { GIT_CEILING_DIRECTORIES: tmpdir() } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('is not in a git repository');
  });
});
