// status, list, show and export with --as-of: the same facts as the records stood on a date.

import { describe, expect, it } from 'vitest';
import { exportItems } from '../src/commands/export.js';
import { list } from '../src/commands/list.js';
import { show } from '../src/commands/show.js';
import { status, statusJson } from '../src/commands/status.js';
import { item, runTrack, SOURCE, workspace } from './helpers.js';

const MEETINGS = `- date: 2008-04-15
  body: leeds-pct
  title: PCT Board
- date: 2008-09-20
  body: leeds-pct
  title: PCT Board
`;

const root = workspace({
  'meetings.yaml': MEETINGS,
  'records/cd/source.md': SOURCE,
  'records/cd/r1.md': item(`
title: Strategy
number: 1
owners: [leeds-pct]
stage: 2
due: 2008-10-31
updates:
  - date: 2008-03-10
    stage: 4
    note: Started.
  - date: 2008-05-02
    note: Funding came late.
    new_due: 2008-10-31
    previous_due: 2008-06-30
    reason: Funding came late
  - date: 2008-07-20
    proposed_stage: 2
    note: Done, we think.
  - date: 2008-09-15
    stage: 2
    note: Agreed achieved.
`),
  'records/cd/r2.md': item(`
title: Network
number: 2
owners: [leeds-pct]
stage: 4
due: 2008-06-30
updates:
  - date: 2008-03-10
    stage: 4
    note: Under way.
`),
  'records/cd/r3.md': item(`
title: Assessed late
number: 3
owners: [leeds-pct]
stage: 4
updates:
  - date: 2008-06-01
    stage: 4
    note: First look.
`),
});
const TODAY = '2009-01-01';

describe('--as-of', () => {
  it('list: stage, due and flags as they stood on the date', async () => {
    const rows = (await list({ root, today: TODAY, filters: {}, asOf: '2008-04-15' })).rows;
    const r1 = rows.find((r) => r.item.id === 'cd/r1')!;
    expect(r1.item.stage).toBe(4);
    expect(r1.item.due).toBe('2008-06-30'); // the previous_due of the move made after the date
    expect(r1.item.updates.map((u) => u.date)).toEqual(['2008-03-10']);
    expect(r1.facts).toMatchObject({ open: true, awaitingConfirmation: false, lastUpdate: '2008-03-10' });
    const r3 = rows.find((r) => r.item.id === 'cd/r3')!;
    // Agreed only later: the scale's last stage, as records.md defines it.
    expect(r3.item.stage).toBe(6);
    expect(r3.facts.stage?.id).toBe(6);
    const august = (await list({ root, today: TODAY, filters: { overdue: true }, asOf: '2008-08-01' })).rows.map((r) => r.item.id);
    expect(august).toEqual(['cd/r2']);
    const awaiting = (await list({ root, today: TODAY, filters: {}, asOf: '2008-08-01' })).rows.find((r) => r.item.id === 'cd/r1')!;
    expect(awaiting.facts).toMatchObject({ awaitingConfirmation: true, proposedStage: 2 });
    const now = (await list({ root, today: TODAY, filters: {} })).rows.find((r) => r.item.id === 'cd/r1')!;
    expect(now.facts).toMatchObject({ open: false, awaitingConfirmation: false });
  });

  it('status: counts and "since the last meeting" at the date', async () => {
    const summary = await status({ root, today: TODAY, asOf: '2008-09-20' });
    expect(summary.today).toBe('2008-09-20');
    expect(summary.closed).toBe(1);
    const json = statusJson(summary);
    expect(json.since_last_meeting).toMatchObject({
      date: '2008-09-20',
      previous: { date: '2008-04-15', title: 'PCT Board' },
      closed: ['cd/r1'],
      // r3's first assessment: a change from no agreed stage (from: null), not from the placeholder.
      stage_changes: [{ id: 'cd/r3', from: null, to: 4, date: '2008-06-01' }, { id: 'cd/r1', from: 4, to: 2, date: '2008-09-15' }],
      due_moves: [{ id: 'cd/r1', from: '2008-06-30', to: '2008-10-31', reason: 'Funding came late' }],
      newly_overdue: ['cd/r2'],
      awaiting_confirmation: [],
    });
    const april = await status({ root, today: TODAY, asOf: '2008-04-15' });
    expect(april.closed).toBe(0);
    expect(april.byStage.find((s) => s.id === 6)).toMatchObject({ label: 'Not for review this session', count: 1 });
    expect(april.byStage.find((s) => s.id === 'unknown')).toBeUndefined();
  });

  it('show: the item as it stood, and a clear refusal before its source existed', async () => {
    const result = await show({ root, today: TODAY, id: 'r1', asOf: '2008-08-01' });
    expect(result.item.updates).toHaveLength(3);
    expect(result.facts).toMatchObject({ awaitingConfirmation: true, open: true });
    await expect(show({ root, today: TODAY, id: 'r1', asOf: '2007-01-01' })).rejects.toThrow(/did not exist yet on 1 January 2007/);
  });

  it('export: one row per item as it stood', async () => {
    const rows = (await exportItems({ root, today: TODAY, asOf: '2008-04-15' })).rows;
    expect(rows.find((r) => r.json.id === 'cd/r1')!.json).toMatchObject({ stage: { id: 4 }, closed: false });
  });

  it('the CLI refuses an impossible --as-of date with exit 2', async () => {
    const r = await runTrack(['status', '--as-of', '2008-02-30'], { cwd: root });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--as-of/);
  });
});
