// `track show ID` end to end: the whole item, links both ways, facts, JSON.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runTrack } from './helpers.js';
import { TODAY, tracker } from './status-fixture.js';

describe('track show', () => {
  const root = tracker();

  it('prints every field, the text, every update, links both ways and the facts', async () => {
    const r = await runTrack(['show', 'cd/r1', '--today', TODAY], { cwd: root });
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toMatchInlineSnapshot(`
      "cd/r1  Cohesive community development strategy
      Source:       Scrutiny Inquiry: Community Development (cd), 14 June 2007
      Number:       1
      Kind:         recommendation
      Theme:        Strategy
      Stage:        2 (Achieved) — closed
      Owners:       Leeds Primary Care Trust; Adult Social Services
      Response:     accepted
      Last update:  10 March 2008
      File:         records/cd/r1.md

      Facts: closed, nothing to flag

      Text
        That Leeds Primary Care Trust progresses a strategy.

      Updates (1)
        10 March 2008 — stage 2 (Achieved) — by Leeds Primary Care Trust
          Both strategies are near completion.

      Related
        → cd/r2  Network of community workers

      Related to this
        none
      "
    `);
    expect((await runTrack(['show', 'r2', '--today', TODAY], { cwd: root })).stdout).toContain('Related to this\n  ← cd/r1  Cohesive community development strategy\n');
  });

  it("shows the item whole: its reference, its approach, and what a moved date replaced", async () => {
    const root = tracker();
    writeFileSync(
      join(root, 'records/cd/r9.md'),
      '---\ntitle: Whole\nnumber: 9\nref: "SR (23/24) 01"\napproach: "Sub group\n  required"\nowners: [leeds-pct]\ndue: 2008-12-31\nstage: 4\n' +
        'updates:\n  - date: 2008-03-01\n    stage: 4\n    new_due: 2008-12-31\n    previous_due: 2008-06-30\n    reason: Slipped.\n    note: Later.\n---\n',
    );
    const text = (await runTrack(['show', 'cd/r9', '--today', TODAY], { cwd: root })).stdout;
    expect(text).toContain('Reference:    SR (23/24) 01\n');
    expect(text).toContain('Approach:     Sub group required\n');
    expect(text).toContain('New due date: 31 December 2008, was 30 June 2008 (Slipped.)');
    const json = JSON.parse((await runTrack(['show', 'cd/r9', '--json', '--today', TODAY], { cwd: root })).stdout);
    expect([json.ref, json.approach, json.updates[0].previous_due]).toEqual(['SR (23/24) 01', 'Sub group required', '2008-06-30']);
  });

  it('names the facts to flag', async () => {
    const r = await runTrack(['show', 'r2', '--today', TODAY], { cwd: root });
    expect(r.stdout).toContain('Facts: overdue by 20 days; stale: no update for 280 days; due for the next meeting (April 2008 (tbc), Scrutiny Board; report back April 2008)\n');
    expect((await runTrack(['show', 'r4', '--today', TODAY], { cwd: root })).stdout).toContain('proposed stage 2 (Achieved) (not yet agreed)');
  });

  it('--json carries the list keys plus text, updates and links', async () => {
    const r = await runTrack(['show', 'cd/r1', '--today', TODAY, '--json'], { cwd: root });
    expect(JSON.parse(r.stdout)).toMatchInlineSnapshot(`
      {
        "approach": null,
        "awaiting_confirmation": false,
        "body": "That Leeds Primary Care Trust progresses a strategy.
      ",
        "closed": true,
        "days_overdue": null,
        "days_since_update": 10,
        "due": null,
        "due_for_next_meeting": false,
        "extra": {},
        "id": "cd/r1",
        "kind": "recommendation",
        "last_update": "2008-03-10",
        "links": {
          "related": [
            {
              "id": "cd/r2",
              "ref": "r2",
              "title": "Network of community workers",
            },
          ],
          "related_by": [],
        },
        "number": 1,
        "open": false,
        "overdue": false,
        "owner_names": [
          "Leeds Primary Care Trust",
          "Adult Social Services",
        ],
        "owners": [
          "leeds-pct",
          "adult-social-services",
        ],
        "path": "records/cd/r1.md",
        "proposed_stage": null,
        "ref": null,
        "related": [
          "r2",
        ],
        "report_back": null,
        "response": "accepted",
        "response_overdue": false,
        "schemaVersion": 1,
        "source": "cd",
        "source_date": "2007-06-14",
        "source_title": "Scrutiny Inquiry: Community Development",
        "stage": {
          "closed": true,
          "id": 2,
          "label": "Achieved",
        },
        "stale": false,
        "tags": [],
        "theme": "Strategy",
        "title": "Cohesive community development strategy",
        "unassigned": false,
        "updates": [
          {
            "by": "leeds-pct",
            "date": "2008-03-10",
            "evidence": [],
            "new_due": null,
            "note": "Both strategies are near completion.",
            "previous_due": null,
            "proposed_stage": null,
            "reason": null,
            "stage": 2,
          },
        ],
        "updates_count": 1,
      }
    `);
  });

  it('an id that matches nothing, or several items, exits 1 with one sentence', async () => {
    expect(await runTrack(['show', 'r7', '--today', TODAY], { cwd: root })).toMatchObject({ code: 1, stdout: '', stderr: 'No item has the id "r7". Run "track list --format ids" to see the ids there are.\n' });
    const twice = tracker({ 'records/old/r1.md': '---\ntitle: Another r1\nowners: [PCT]\nstage: 4\n---\n' });
    expect(await runTrack(['show', 'r1', '--today', TODAY], { cwd: twice })).toMatchObject({ code: 1, stderr: 'The id "r1" is ambiguous: it could be cd/r1, old/r1. Give more of the id.\n' });
  });

  it('two files whose names differ only in case are one id: neither is picked, both are named', async () => {
    const root = tracker({ 'records/cd/R1.md': '---\ntitle: Upper\nnumber: 11\nowners: [PCT]\nstage: 4\n---\n' });
    const message = '2 record files have the id "cd/r1" (records/cd/R1.md, records/cd/r1.md): their names differ only in case. Rename all but one (file names are written in lower case).\n';
    expect(await runTrack(['show', 'cd/r1', '--today', TODAY], { cwd: root })).toMatchObject({ code: 1, stdout: '', stderr: message });
    expect(await runTrack(['update', 'cd/r1', '--note', 'x', '--today', TODAY], { cwd: root })).toMatchObject({ code: 1, stderr: message });
  });

  it('an id that names a file that could not be read says so, for show and update alike', async () => {
    const broken = tracker({ 'records/cd/r9.md': '---\ntitle: Half merged\n<<<<<<< HEAD\nstage: 4\n=======\nstage: 2\n>>>>>>> theirs\n---\n' });
    const then = ', so "r9" cannot be used until it is fixed (run "track validate" to see every problem).\n';
    expect(await runTrack(['show', 'r9', '--today', TODAY], { cwd: broken })).toMatchObject({ code: 1, stdout: '', stderr: `records/cd/r9.md could not be read${then}` });
    // A command that loads the records names the line too.
    expect(await runTrack(['update', 'r9', '--note', 'x', '--today', TODAY], { cwd: broken })).toMatchObject({ code: 1, stderr: `records/cd/r9.md:3:1: the file holds git merge-conflict markers${then}` });
  });
});

describe('track show beside a record that cannot be read', () => {
  it('names the broken file a link points at, and says on stderr that links from it are not shown', async () => {
    const { SOURCE, item, workspace } = await import('./helpers.js');
    const root = workspace({
      'records/cd/source.md': SOURCE,
      'records/cd/r1.md': '---\ntitle: [unclosed\nrelated: [r2]\n---\nText.\n',
      'records/cd/r2.md': item('title: Network\nnumber: 2\nstage: 2\nrelated: [r1, r9]'),
    });
    const r = await runTrack(['show', 'cd/r2', '--today', '2008-04-01'], { cwd: root });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('  → r1  (records/cd/r1.md could not be read)\n  → r9  (no such item)\n');
    expect(r.stderr).toBe('Note: 1 record file could not be read (records/cd/r1.md), so any links it holds are not shown; run "track validate" to see what is wrong.\n');
    // The JSON keeps its shape; the note is on stderr alone.
    const json = await runTrack(['show', 'cd/r2', '--json', '--today', '2008-04-01'], { cwd: root });
    expect(JSON.parse(json.stdout).links.related).toEqual([{ ref: 'r1', id: null, title: null }, { ref: 'r9', id: null, title: null }]);
    expect(json.stderr).toBe(r.stderr);
  });
});
