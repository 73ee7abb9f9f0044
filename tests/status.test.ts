// `track status` end to end: the dashboard, its JSON, grouping and failures.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { status, statusJson } from '../src/commands/status.js';
import { report } from '../src/commands/report.js';
import { runTrack, workspace } from './helpers.js';
import { TODAY, tracker } from './status-fixture.js';

describe('track status', () => {
  it('prints counts by stage, open and closed, the short lists and the problem count', async () => {
    const r = await runTrack(['status', '--today', TODAY], { cwd: tracker() });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatchInlineSnapshot(`
      "Status on 20 March 2008

      Stage  Label                                                                        Items
      1      Stop monitoring or determine whether any further action is required  closed      0
      2      Achieved                                                             closed      1
      3      Not achieved – obstacle                                              open        0
      4      Not achieved – progress made acceptable, continue monitoring         open        3
      5      Not achieved – progress made not acceptable, continue monitoring     open        0
      6      Not for review this session                                          open        1

      5 items: 4 open, 1 closed
      Next meeting: April 2008 (tbc), Scrutiny Board

      Overdue (2)
        Id      Title                       Owner
        old/a1  An old action               Adult Social Services     111 days late (due 30 November 2007)
        cd/r2   Network of community work…  Leeds Primary Care Trust  20 days late (due February 2008)

      Stale (3)
        Id      Title                                     Owner
        old/a1  An old action                             Adult Social Services     no update for 435 days
        cd/r2   Network of community workers              Leeds Primary Care Trust  no update for 280 days
        cd/r3   =HYPERLINK("http://x"), a title, with c…  (unassigned)              no update for 280 days

      Unassigned (1)
        Id     Title                                         Owner
        cd/r3  =HYPERLINK("http://x"), a title, with commas  (unassigned)  due 20 March 2008

      Response overdue (1)
        Id     Title                                         Owner
        cd/r3  =HYPERLINK("http://x"), a title, with commas  (unassigned)  no executive response

      Awaiting confirmation (1)
        Id     Title                   Owner
        cd/r4  Healthy living centres  Feisal Jassat  stage 2 proposed

      Due for the next meeting (1)
        Id     Title                         Owner
        cd/r2  Network of community workers  Leeds Primary Care Trust  report back April 2008

      Since the last meeting (January 2008, Workshop 4: Review): 1 closed, 1 stage change, 0 target dates moved, 1 awaiting confirmation, 1 newly overdue, 0 new items

      Validation: 0 errors, 8 warnings — run track validate for the details
      "
    `);
  });

  it('--json gives the documented keys', async () => {
    const r = await runTrack(['status', '--today', TODAY, '--json'], { cwd: tracker() });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchInlineSnapshot(`
      {
        "awaiting_confirmation": [
          "cd/r4",
        ],
        "awaiting_replies": [],
        "by": "stage",
        "by_stage": [
          {
            "closed": true,
            "count": 0,
            "id": 1,
            "label": "Stop monitoring or determine whether any further action is required",
          },
          {
            "closed": true,
            "count": 1,
            "id": 2,
            "label": "Achieved",
          },
          {
            "closed": false,
            "count": 0,
            "id": 3,
            "label": "Not achieved – obstacle",
          },
          {
            "closed": false,
            "count": 3,
            "id": 4,
            "label": "Not achieved – progress made acceptable, continue monitoring",
          },
          {
            "closed": false,
            "count": 0,
            "id": 5,
            "label": "Not achieved – progress made not acceptable, continue monitoring",
          },
          {
            "closed": false,
            "count": 1,
            "id": 6,
            "label": "Not for review this session",
          },
        ],
        "closed": 1,
        "due_next_meeting": [
          "cd/r2",
        ],
        "groups": [
          {
            "closed": 0,
            "key": "1",
            "label": "Stop monitoring or determine whether any further action is required",
            "open": 0,
            "overdue": 0,
            "total": 0,
          },
          {
            "closed": 1,
            "key": "2",
            "label": "Achieved",
            "open": 0,
            "overdue": 0,
            "total": 1,
          },
          {
            "closed": 0,
            "key": "3",
            "label": "Not achieved – obstacle",
            "open": 0,
            "overdue": 0,
            "total": 0,
          },
          {
            "closed": 0,
            "key": "4",
            "label": "Not achieved – progress made acceptable, continue monitoring",
            "open": 3,
            "overdue": 1,
            "total": 3,
          },
          {
            "closed": 0,
            "key": "5",
            "label": "Not achieved – progress made not acceptable, continue monitoring",
            "open": 0,
            "overdue": 0,
            "total": 0,
          },
          {
            "closed": 0,
            "key": "6",
            "label": "Not for review this session",
            "open": 1,
            "overdue": 1,
            "total": 1,
          },
        ],
        "next_meeting": {
          "body": "leeds-pct",
          "date": "2008-04",
          "tentative": true,
          "title": "Scrutiny Board",
        },
        "open": 4,
        "overdue": [
          "old/a1",
          "cd/r2",
        ],
        "problems": {
          "errors": 0,
          "warnings": 8,
        },
        "response_overdue": [
          "cd/r3",
        ],
        "schemaVersion": 1,
        "since_last_meeting": {
          "awaiting_confirmation": [
            {
              "date": "2008-03-01",
              "id": "cd/r4",
              "proposed": 2,
            },
          ],
          "closed": [
            "cd/r1",
          ],
          "date": "2008-03-20",
          "due_moves": [],
          "new_items": [],
          "newly_overdue": [
            "cd/r2",
          ],
          "previous": {
            "body": null,
            "date": "2008-01",
            "title": "Workshop 4: Review",
          },
          "stage_changes": [
            {
              "date": "2008-03-10",
              "from": null,
              "id": "cd/r1",
              "to": 2,
            },
          ],
        },
        "source": null,
        "stale": [
          "old/a1",
          "cd/r2",
          "cd/r3",
        ],
        "today": "2008-03-20",
        "total": 5,
        "unassigned": [
          "cd/r3",
        ],
        "unreadable": [],
      }
    `);
  });

  it('--source limits everything to one source; an unknown source exits 1', async () => {
    const root = tracker();
    const json = JSON.parse((await runTrack(['status', '--today', TODAY, '--json', '--source', 'old'], { cwd: root })).stdout);
    expect(json).toMatchObject({ source: 'old', total: 1, open: 1, closed: 0, overdue: ['old/a1'], stale: ['old/a1'], problems: { errors: 0, warnings: 2 } });
    const bad = await runTrack(['status', '--today', TODAY, '--source', 'nope'], { cwd: root });
    expect([bad.code, bad.stdout, bad.stderr]).toEqual([1, '', 'No source has the id "nope". The sources are: cd, old.\n']);
  });

  it('--by owner counts an item under each owner, by register name', async () => {
    const r = await runTrack(['status', '--today', TODAY, '--by', 'owner'], { cwd: tracker() });
    expect(r.stdout.split('\n\n')[1]).toMatchInlineSnapshot(`
      "Owner                     Open  Closed  Overdue  Total
      Adult Social Services        1       1        1      2
      Feisal Jassat                1       0        0      1
      Leeds Primary Care Trust     1       1        1      2
      (unassigned)                 1       0        0      1"
    `);
  });

  it('says files could not be read, on stderr, and exits 1, after printing the dashboard', async () => {
    const r = await runTrack(['status', '--today', TODAY], { cwd: tracker({ 'records/cd/r9.md': 'no frontmatter\n', 'records/cd/r8.md': '---\ntitle: [\n---\n' }) });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('5 items: 4 open, 1 closed');
    expect(r.stderr).toBe('2 files could not be read — run track validate\n');
    const json = await runTrack(['status', '--today', TODAY, '--json'], { cwd: tracker({ 'records/cd/r9.md': 'no frontmatter\n' }) });
    expect([json.code, JSON.parse(json.stdout).unreadable]).toEqual([1, ['records/cd/r9.md']]);
  });

  it('colours only when asked: FORCE_COLOR on, NO_COLOR and --no-color off', async () => {
    const root = tracker();
    const esc = '\u001b[';
    expect((await runTrack(['status', '--today', TODAY], { cwd: root, env: { NO_COLOR: undefined, FORCE_COLOR: '1' } })).stdout).toContain(esc);
    expect((await runTrack(['status', '--today', TODAY, '--no-color'], { cwd: root, env: { NO_COLOR: undefined, FORCE_COLOR: '1' } })).stdout).not.toContain(esc);
    expect((await runTrack(['status', '--today', TODAY], { cwd: root, env: { NO_COLOR: '1', FORCE_COLOR: '1' } })).stdout).not.toContain(esc);
    expect((await runTrack(['status', '--today', TODAY, '--json'], { cwd: root, env: { NO_COLOR: undefined, FORCE_COLOR: '1' } })).stdout).not.toContain(esc);
  });

  it('cuts a long list to ten rows and says where to see the rest', async () => {
    const many: Record<string, string> = {};
    for (let n = 10; n < 22; n++) many[`records/old/a${n}.md`] = `---\ntitle: Late action ${n}\nkind: action\nowners: [PCT]\nstage: 4\ndue: 2008-01-${n}\n---\n`;
    const root = tracker(many);
    const r = await runTrack(['status', '--today', TODAY], { cwd: root });
    expect(r.stdout).toContain('Overdue (14)');
    expect(r.stdout).toContain('  … and 4 more: track list --overdue\n');
    // Most overdue first.
    const summary = await status({ root, today: TODAY });
    expect(statusJson(summary).overdue.slice(0, 3)).toEqual(['old/a1', 'old/a10', 'old/a11']);
  });

  it.each([
    {
      what: '"since the last meeting" from the previous meeting of the body the items go to, as their paper does',
      bodies: '  - id: pct\n    name: PCT\n  - id: council\n    name: Council\n',
      source: 'made_by: council',
      item: 'owners: [pct]\nstage: 4\nupdates:\n  - date: 2026-10-01\n    stage: 4\n    note: a',
      meetings: '- date: 2026-09-01\n  body: council\n  title: Board September\n- date: 2026-10-15\n  body: pct\n  title: PCT Committee\n- date: 2026-12-07\n  body: council\n  title: Board December\n',
      since: { previous: { date: '2026-09-01', body: 'council' }, stage_changes: [{ id: 's/r1', to: 4, date: '2026-10-01' }] },
      paper: 'Board September',
    },
    {
      what: "a meeting's body by its id, name or alias, as the registers know it",
      bodies: '  - id: leeds-pct\n    name: Leeds Primary Care Trust\n    aliases: [PCT]\n  - id: council\n    name: Council\n',
      source: 'made_by: leeds-pct',
      item: 'owners: [council]\nstage: 2\nupdates:\n  - date: 2026-11-01\n    stage: 2\n    note: Done.',
      meetings: '- date: 2026-10-01\n  body: PCT\n- date: 2026-11-15\n  body: council\n- date: 2026-12-15\n  body: Leeds Primary Care Trust\n  title: PCT Board\n',
      since: { previous: { date: '2026-10-01', body: 'leeds-pct' }, closed: ['s/r1'] },
      paper: 'For PCT Board, 15 December 2026',
    },
  ])('takes $what', async ({ bodies, source, item, meetings, since, paper }) => {
    const root = workspace({
      'track.config.yaml': `organisation: X\nstages: leeds\nbodies:\n${bodies}`,
      'records/s/source.md': `---\ntitle: S\n${source}\ndate: 2026-06-01\n---\n`,
      'records/s/r1.md': `---\ntitle: T\nnumber: 1\n${item}\n---\n`,
      'meetings.yaml': meetings,
    });
    expect(statusJson(await status({ root, today: '2026-11-30' })).since_last_meeting).toMatchObject(since);
    const written = await report({ root, today: '2026-11-30', template: 'tracking-report', format: 'md', source: 's' });
    expect(written.notices).toEqual([]);
    expect(written.content).toContain(paper);
  });

  it('groups by source and theme in natural order: 2 before 10', async () => {
    const src = '---\ntitle: S\ndate: 2026-06-01\n---\n';
    const root = workspace({
      'records/s2/source.md': src, 'records/s10/source.md': src,
      'records/s10/a.md': '---\ntitle: A\nnumber: 1\ntheme: Theme 10\nowners: [leeds-pct]\nstage: 4\n---\n',
      'records/s2/b.md': '---\ntitle: B\nnumber: 2\ntheme: Theme 2\nowners: [leeds-pct]\nstage: 4\n---\n',
    });
    const groups = async (by: 'source' | 'theme') => (await status({ root, today: '2026-11-30', by })).groups.map((g) => g.label);
    expect(await groups('theme')).toEqual(['Theme 2', 'Theme 10']);
    // One theme however it is capitalised, as list --theme takes it.
    writeFileSync(join(root, 'records/s2/c.md'), '---\ntitle: C\nnumber: 3\ntheme: theme  2\nowners: [leeds-pct]\nstage: 4\n---\n');
    expect((await status({ root, today: '2026-11-30', by: 'theme' })).groups.map((g) => [g.label, g.total])).toEqual([['Theme 2', 2], ['Theme 10', 1]]);
    expect((await groups('source'))[0]).toMatch(/s2/);
  });

  it('keeps a meeting that has a key track does not know, and reports the key', async () => {
    const root = workspace({
      'records/s/source.md': '---\ntitle: S\ndate: 2026-06-01\n---\n',
      'records/s/r1.md': '---\ntitle: T\nnumber: 1\nowners: [leeds-pct]\nreport_back: 2026-12\nstage: 4\n---\n',
      'meetings.yaml': '- date: 2026-12-07\n  title: Board December\n  room: Civic Hall\n',
    });
    const json = statusJson(await status({ root, today: '2026-11-30' }));
    expect(json.next_meeting).toMatchObject({ date: '2026-12-07', title: 'Board December' });
    expect(json.due_next_meeting).toEqual(['s/r1']);
    const problems = JSON.parse((await runTrack(['validate', '--format', 'json', '--today', '2026-11-30'], { cwd: root })).stdout) as { path: string; line: number; message: string }[];
    expect(problems.filter((p) => p.path === 'meetings.yaml')).toMatchObject([{ line: 3, message: expect.stringContaining('room') }]);
  });

  it('a stage not on the scale is counted as unknown, never hidden', async () => {
    const root = tracker();
    writeFileSync(join(root, 'records/cd/r5.md'), '---\ntitle: Odd\nnumber: 5\nowners: [PCT]\nstage: 9\n---\n');
    const json = JSON.parse((await runTrack(['status', '--today', TODAY, '--json'], { cwd: root })).stdout);
    expect(json.by_stage.at(-1)).toEqual({ id: 'unknown', label: 'Stage missing or not on the scale', closed: false, count: 1 });
    expect(json.problems.errors).toBe(1);
  });
});
