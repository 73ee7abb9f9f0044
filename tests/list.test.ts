// `track list`: every filter and sorting in-process through the command
// function; the formats, exit codes and wording through the built CLI.

import { describe, expect, it } from 'vitest';
import { list } from '../src/commands/list.js';
import type { ItemFilters } from '../src/derive/query.js';
import { item, runTrack } from './helpers.js';
import { TODAY, tracker } from './status-fixture.js';

const LISTS = ['stage', 'owner', 'source', 'theme', 'tag', 'kind'] as const;
const FLAGS = ['open', 'closed', 'overdue', 'stale', 'unassigned'] as const;

/** The ids `track list` gives for these flags, as the CLI would map them to options. */
const ids = async (root: string, ...args: string[]) => {
  const filters: ItemFilters = {};
  let sort: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const flag = args[i]!.slice(2);
    if ((FLAGS as readonly string[]).includes(flag)) filters[flag as (typeof FLAGS)[number]] = true;
    else if ((LISTS as readonly string[]).includes(flag)) (filters[flag as (typeof LISTS)[number]] ??= []).push(args[++i]!);
    else if (flag === 'due-before') filters.dueBefore = args[++i]!;
    else if (flag === 'sort') sort = args[++i]!;
    else throw new Error(`no such flag in this test: ${flag}`);
  }
  const result = await list({ root, today: TODAY, filters, ...(sort !== undefined ? { sort } : {}) });
  return result.rows.map((r) => r.item.id);
};

describe('track list', () => {
  const root = tracker();

  it('lists items in natural order: r2 before r10, numbers of any length', async () => {
    const natural = tracker({
      'records/cd/r10.md': item('title: Ten\nstage: 4'),
      'records/cd/r9.md': item('title: Nine\nstage: 4'),
      'records/cd/r0010a.md': item('title: Ten a\nstage: 4'),
      'records/cd/r1234567890123.md': item('title: Long\nstage: 4'),
      'records/cd/r123456789012.md': item('title: Long\nstage: 4'),
    });
    expect(await ids(natural)).toEqual(['cd/r1', 'cd/r2', 'cd/r3', 'cd/r4', 'cd/r9', 'cd/r10', 'cd/r0010a', 'cd/r123456789012', 'cd/r1234567890123', 'old/a1']);
  });

  it('filters; one kind repeated is OR, different kinds AND', async () => {
    expect(await ids(root)).toEqual(['cd/r1', 'cd/r2', 'cd/r3', 'cd/r4', 'old/a1']);
    expect(await ids(root, '--stage', '2')).toEqual(['cd/r1']);
    expect(await ids(root, '--stage', '2', '--stage', '6')).toEqual(['cd/r1', 'old/a1']);
    expect(await ids(root, '--theme', 'strategy', '--stage', '4')).toEqual(['cd/r2']);
    expect(await ids(root, '--source', 'old')).toEqual(['old/a1']);
    expect(await ids(root, '--tag', 'network')).toEqual(['cd/r2']);
    expect(await ids(root, '--kind', 'action')).toEqual(['old/a1']);
    expect(await ids(root, '--open')).toEqual(['cd/r2', 'cd/r3', 'cd/r4', 'old/a1']);
    expect(await ids(root, '--closed')).toEqual(['cd/r1']);
    expect(await ids(root, '--open', '--closed')).toHaveLength(5);
    expect(await ids(root, '--overdue')).toEqual(['cd/r2', 'old/a1']);
    expect(await ids(root, '--stale', '--source', 'cd')).toEqual(['cd/r2', 'cd/r3']);
    expect(await ids(root, '--unassigned')).toEqual(['cd/r3']);
    // A month counts as its last day: February 2008 is before 1 March, not before 29 February.
    expect(await ids(root, '--due-before', '2008-03-01')).toEqual(['cd/r2', 'old/a1']);
    expect(await ids(root, '--due-before', '2008-02-29')).toEqual(['old/a1']);
  });

  it('--owner matches ids, names and aliases, whatever the file wrote', async () => {
    for (const owner of ['leeds-pct', 'Leeds Primary Care Trust', 'pct', 'Leeds PCT']) expect(await ids(root, '--owner', owner)).toEqual(['cd/r1', 'cd/r2']);
    expect(await ids(root, '--owner', 'f-jassat', '--owner', 'Adult Social Services')).toEqual(['cd/r1', 'cd/r4', 'old/a1']);
    expect(await ids(root, '--owner', 'nobody at all')).toEqual([]);
  });

  it('--sort by a field, "-" for the reverse; items without the value come last', async () => {
    expect(await ids(root, '--sort', 'due')).toEqual(['old/a1', 'cd/r2', 'cd/r3', 'cd/r1', 'cd/r4']);
    expect(await ids(root, '--sort', '-due')).toEqual(['cd/r3', 'cd/r2', 'old/a1', 'cd/r1', 'cd/r4']);
    expect(await ids(root, '--sort', 'stage')).toEqual(['cd/r1', 'cd/r2', 'cd/r3', 'cd/r4', 'old/a1']);
    expect((await ids(root, '--sort', 'title'))[0]).toBe('cd/r3');
  });

  it('refuses a bad filter or sort with exit 2 and one sentence', async () => {
    const bad = async (...args: string[]) => {
      const r = await runTrack(['list', '--today', TODAY, ...args], { cwd: root });
      return [r.code, r.stderr];
    };
    expect(await bad('--stage', '9')).toEqual([2, '--stage 9 is not on the stage scale of track.config.yaml: expected one of: 1, 2, 3, 4, 5, 6.\n']);
    expect(await bad('--kind', 'wish')).toEqual([2, '--kind wish is not a kind of item: expected one of recommendation, action, objective.\n']);
    expect(await bad('--due-before', '2008-02-30')).toEqual([2, '--due-before "2008-02-30" is not a real date: February 2008 has 29 days: check the day; write it as YYYY-MM-DD or YYYY-MM.\n']);
    expect((await bad('--sort', 'colour'))[0]).toBe(2);
    expect(await bad('--source', 'nope')).toEqual([1, 'No source has the id "nope". Run "track status" to see the sources.\n']);
  });

  it('prints a table that fits the width, plain when piped', async () => {
    const r = await runTrack(['list', '--today', TODAY], { cwd: root });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatchInlineSnapshot(`
      "Id      Title                     Stage  Owner                    Due
      cd/r1   Cohesive community deve…  2      Leeds Primary Care Tru…
      cd/r2   Network of community wo…  4      Leeds Primary Care Tru…  February 2008     overdue stale
      cd/r3   =HYPERLINK("http://x"),…  4      (unassigned)             20 March 2008     stale unassigned
      cd/r4   Healthy living centres    4      Feisal Jassat                              awaiting
      old/a1  An old action             6      Adult Social Services    30 November 2007  overdue stale
      5 items
      "
    `);
    expect(Math.max(...r.stdout.split('\n').map((l) => l.length))).toBeLessThanOrEqual(100);
  });

  it('--json gives every documented key, null for absent values', async () => {
    const r = await runTrack(['list', '--today', TODAY, '--json', '--stage', '4'], { cwd: root });
    const rows = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(rows.map((row) => row['id'])).toEqual(['cd/r2', 'cd/r3', 'cd/r4']);
    expect((await runTrack(['list', '--today', TODAY, '--format', 'json', '--stage', '4'], { cwd: root })).stdout).toBe(r.stdout);
    expect(rows[0]).toMatchInlineSnapshot(`
      {
        "approach": null,
        "awaiting_confirmation": false,
        "closed": false,
        "days_overdue": 20,
        "days_since_update": 280,
        "due": "2008-02",
        "due_for_next_meeting": true,
        "id": "cd/r2",
        "kind": "recommendation",
        "last_update": null,
        "number": 2,
        "open": true,
        "overdue": true,
        "owner_names": [
          "Leeds Primary Care Trust",
        ],
        "owners": [
          "PCT",
        ],
        "path": "records/cd/r2.md",
        "proposed_stage": null,
        "ref": null,
        "related": [],
        "report_back": "2008-04",
        "response": "accepted",
        "response_overdue": false,
        "source": "cd",
        "stage": {
          "closed": false,
          "id": 4,
          "label": "Not achieved – progress made acceptable, continue monitoring",
        },
        "stale": true,
        "tags": [
          "network",
        ],
        "theme": "Strategy",
        "title": "Network of community workers",
        "unassigned": false,
        "updates_count": 0,
      }
    `);
  });

  it('--format csv quotes by RFC 4180 and neutralises formulas', async () => {
    const r = await runTrack(['list', '--today', TODAY, '--format', 'csv', '--unassigned'], { cwd: root });
    expect(r.stdout.split('\r\n')).toMatchInlineSnapshot(`
      [
        "id,source,number,title,kind,theme,stage_id,stage_label,stage_closed,owners,owner_names,response,due,report_back,tags,related,open,closed,overdue,days_overdue,stale,days_since_update,unassigned,response_overdue,awaiting_confirmation,proposed_stage,due_for_next_meeting,last_update,last_update_note,updates_count,path,ref,approach",
        "cd/r3,cd,3,"'=HYPERLINK(""http://x""), a title, with commas",recommendation,,4,"Not achieved – progress made acceptable, continue monitoring",false,,,,2008-03-20,,,,true,false,false,,true,280,true,true,false,,false,,,0,records/cd/r3.md,,",
        "",
      ]
    `);
  });

  it('--format csv has the columns of track export, row for row', async () => {
    const listed = await runTrack(['list', '--today', TODAY, '--format', 'csv'], { cwd: root });
    const exported = await runTrack(['export', '--today', TODAY, '--format', 'csv'], { cwd: root });
    expect(listed.stdout).toBe(exported.stdout);
  });

  it('says files could not be read, and exits 1, whatever the format', async () => {
    const broken = tracker({ 'records/cd/r9.md': 'no frontmatter\n' });
    for (const format of ['table', 'json', 'csv', 'ids']) {
      const r = await runTrack(['list', '--today', TODAY, '--format', format], { cwd: broken });
      expect([r.code, r.stderr]).toEqual([1, '1 file could not be read — run track validate\n']);
    }
  });
});
