// A record as it stood on a date, and "since the last meeting" (records.md v2).

import { describe, expect, it } from 'vitest';
import { asOfGaps, itemAsOf, workspaceAsOf } from '../src/derive/as-of.js';
import { factContext, itemFacts } from '../src/derive/facts.js';
import { previousMeeting, sinceLastMeeting } from '../src/derive/since.js';
import type { Item, Meeting, Source, Update, Workspace } from '../src/records/model.js';
import { STAGE_PRESETS } from '../src/records/stages.js';

const source = (id: string, date?: string): Source => ({ id, path: `records/${id}/source.md`, title: id, kind: 'scrutiny-inquiry', attendees: [], body: '', ...(date ? { date } : {}) });

function ws(items: Item[], meetings: Meeting[] = [], sources: Source[] = [source('cd', '2008-01-15')]): Workspace {
  return {
    root: '/nowhere',
    config: { path: '', organisation: 'Test', stages: STAGE_PRESETS.leeds, staleAfterDays: 120, responseDays: 61, bodies: [], people: [], report: {}, extraFields: [] },
    sources, items, meetings, diagnostics: [], unreadable: [], frontmatter: new Map(),
  } as Workspace;
}

function item(fields: Partial<Item> = {}): Item {
  return { id: 'cd/r1', source: 'cd', path: 'records/cd/r1.md', title: 'x', kind: 'recommendation', owners: ['pct'], response: 'accepted', stage: 4, related: [], tags: [], updates: [], extra: {}, body: '', ...fields };
}
const update = (date: string, more: Partial<Update> = {}): Update => ({ date, note: `note of ${date}`, evidence: [], ...more });

// Agreed 4 in March, due moved in May (June → October), proposed 2 in July, agreed 2 in September.
const history = item({
  stage: 2,
  due: '2008-10-31',
  updates: [
    update('2008-03-10', { stage: 4 }),
    update('2008-05-02', { newDue: '2008-10-31', previousDue: '2008-06-30', reason: 'Funding came late' }),
    update('2008-07-20', { proposedStage: 2 }),
    update('2008-09-15', { stage: 2 }),
  ],
});

describe('itemAsOf', () => {
  it('drops updates after the date and takes the newest agreed stage on or before it', () => {
    const april = itemAsOf(history, '2008-04-15');
    expect(april.updates.map((u) => u.date)).toEqual(['2008-03-10']);
    expect(april.stage).toBe(4);
    expect(april.due).toBe('2008-06-30');
    expect(itemAsOf(history, '2008-09-15').stage).toBe(2);
    expect(itemAsOf(history, '2008-09-14').stage).toBe(4);
  });

  it("counts an update dated by month only as made on the month's last day; a source dated by month is there from its first", () => {
    const monthly = item({ stage: 2, updates: [update('2008-03-10', { stage: 4 }), update('2008-04', { stage: 2 })] });
    // On 2 April, "April 2008" is not yet known: the stage is March's.
    expect(itemAsOf(monthly, '2008-04-02').updates.map((u) => u.date)).toEqual(['2008-03-10']);
    expect(itemAsOf(monthly, '2008-04-02').stage).toBe(4);
    // At a meeting dated by the same month, or after it, it is.
    expect(itemAsOf(monthly, '2008-04')).toBe(monthly);
    expect(itemAsOf(monthly, '2008-04-30')).toBe(monthly);
    const since = sinceLastMeeting(ws([monthly], [{ date: '2008-03-20', body: 'b', tentative: false }, { date: '2008-04-02', body: 'b', tentative: false }]), '2008-04-02', 'b');
    expect(since.stageChanges).toEqual([]);
    // A source of "April 2008" is in a paper for 2 April.
    expect(workspaceAsOf(ws([monthly], [], [source('cd', '2008-04')]), '2008-04-02').items).toHaveLength(1);
  });

  it('gives the item itself when nothing is after the date', () => {
    expect(itemAsOf(history, '2009-01-01')).toBe(history);
    expect(asOfGaps(history)).toBeUndefined();
  });

  it('takes the due date from the previous_due of the first move after the date', () => {
    expect(itemAsOf(history, '2008-05-01').due).toBe('2008-06-30');
    expect(itemAsOf(history, '2008-05-02').due).toBe('2008-10-31');
    const twoMoves = item({
      due: '2009-03',
      updates: [
        update('2008-05-02', { newDue: '2008-10', previousDue: '2008-06', reason: 'a' }),
        update('2008-09-01', { newDue: '2009-03', previousDue: '2008-10', reason: 'b' }),
      ],
    });
    expect(itemAsOf(twoMoves, '2008-04-01').due).toBe('2008-06');
    expect(itemAsOf(twoMoves, '2008-06-01').due).toBe('2008-10');
  });

  it('falls back to the newest earlier move when a later move does not say what it replaced, and says when it cannot know', () => {
    const old = item({ due: '2009-03', updates: [update('2008-05-02', { newDue: '2008-10', reason: 'a' }), update('2008-09-01', { newDue: '2009-03', reason: 'b' })] });
    expect(itemAsOf(old, '2008-06-01').due).toBe('2008-10');
    const before = itemAsOf(old, '2008-04-01');
    expect(before.due).toBeUndefined();
    expect(asOfGaps(before)?.dueUnknown).toBe(true);
  });

  it('keeps the starting stage of an item with no agreed update at all', () => {
    const proposedOnly = item({ stage: 3, updates: [update('2008-07-20', { proposedStage: 2 })] });
    expect(itemAsOf(proposedOnly, '2008-06-01').stage).toBe(3);
  });

  it('before the first agreed update: the scale\'s last stage (records.md), flagged "not yet assessed"', () => {
    const before = itemAsOf(history, '2008-02-01', STAGE_PRESETS.leeds);
    expect(before.stage).toBe(6);
    expect(asOfGaps(before)?.notYetAssessed).toBe(true);
    const facts = itemFacts(before, factContext(ws([before]), '2008-02-01'));
    expect(facts.stage?.id).toBe(6);
    expect(facts.open).toBe(true);
    // Without a scale there is no last stage to take: none is made up.
    expect(itemAsOf(history, '2008-02-01').stage).toBeUndefined();
    // Through the workspace, the config's scale is used.
    const [projected] = workspaceAsOf(ws([history]), '2008-02-01').items;
    expect(projected!.stage).toBe(6);
    expect(asOfGaps(projected!)?.notYetAssessed).toBe(true);
  });

  it('judges awaiting confirmation, overdue and stale at the date', () => {
    const workspace = ws([history]);
    const at = (date: string) => {
      const w = workspaceAsOf(workspace, date);
      return itemFacts(w.items[0]!, factContext(w, date));
    };
    expect(at('2008-08-01')).toMatchObject({ awaitingConfirmation: true, proposedStage: 2, overdue: false, open: true, lastUpdate: '2008-07-20' });
    expect(at('2008-09-20')).toMatchObject({ awaitingConfirmation: false, open: false });
    // Due 30 June until the move on 2 May: on 1 May it is not yet overdue; on 1 July, with the move made, still not.
    expect(at('2008-07-01').overdue).toBe(false);
    const unmoved = ws([item({ due: '2008-06-30', updates: [update('2008-03-10', { stage: 4 })] })]);
    const w = workspaceAsOf(unmoved, '2008-07-01');
    expect(itemFacts(w.items[0]!, factContext(w, '2008-07-01')).overdue).toBe(true);
    // Stale at the date: 120 days after the March update is 8 July.
    expect(at('2008-07-08').stale).toBe(false);
    const quiet = ws([item({ updates: [update('2008-03-10', { stage: 4 }), update('2008-12-01', { stage: 4 })] })]);
    const q = workspaceAsOf(quiet, '2008-07-09');
    expect(itemFacts(q.items[0]!, factContext(q, '2008-07-09')).stale).toBe(true);
  });

  it('leaves out the items of sources made after the date', () => {
    const later = item({ id: 'late/r1', source: 'late', path: 'records/late/r1.md' });
    const workspace = ws([history, later], [], [source('cd', '2008-01-15'), source('late', '2008-09-01')]);
    expect(workspaceAsOf(workspace, '2008-08-01').items.map((i) => i.id)).toEqual(['cd/r1']);
    expect(workspaceAsOf(workspace, '2008-09-01').items.map((i) => i.id)).toEqual(['cd/r1', 'late/r1']);
  });
});

describe('previousMeeting', () => {
  const meetings: Meeting[] = [
    { date: '2008-04-15', body: 'board', tentative: false },
    { date: '2008-06-10', body: 'other', tentative: false },
    { date: '2008-09-20', body: 'board', tentative: false },
  ];
  it('is the same body’s latest earlier meeting, else any body’s', () => {
    expect(previousMeeting(meetings, '2008-09-20', 'board')?.date).toBe('2008-04-15');
    expect(previousMeeting(meetings, '2008-09-20')?.date).toBe('2008-06-10');
    expect(previousMeeting(meetings, '2008-09-20', 'nobody')?.date).toBe('2008-06-10');
    expect(previousMeeting(meetings, '2008-04-15', 'board')).toBeUndefined();
  });
});

describe('sinceLastMeeting', () => {
  const meetings: Meeting[] = [
    { date: '2008-04-15', body: 'board', tentative: false },
    { date: '2008-09-20', body: 'board', tentative: false },
    { date: '2008-12-10', body: 'board', tentative: false },
  ];
  const closedEarly = item({ id: 'cd/r2', path: 'records/cd/r2.md', stage: 2, updates: [update('2008-03-01', { stage: 2 })] });
  const late = item({ id: 'cd/r3', path: 'records/cd/r3.md', stage: 4, due: '2008-08-31', updates: [update('2008-03-01', { stage: 4 })] });
  const proposal = item({ id: 'cd/r4', path: 'records/cd/r4.md', stage: 4, updates: [update('2008-03-01', { stage: 4 }), update('2008-09-01', { proposedStage: 2 }), update('2008-10-01', { proposedStage: 1 })] });
  const workspace = ws([history, closedEarly, late, proposal], meetings, [source('cd', '2008-01-15')]);

  it('reports the window after the previous meeting up to the meeting, and nothing after', () => {
    const since = sinceLastMeeting(workspace, '2008-09-20', 'board');
    expect(since.previous?.date).toBe('2008-04-15');
    expect(since.closed.map((i) => i.id)).toEqual(['cd/r1']);
    expect([...since.closedBefore]).toEqual(['cd/r2']);
    expect(since.stageChanges.map((c) => [c.item.id, c.from?.id, c.to.id, c.date])).toEqual([['cd/r1', 4, 2, '2008-09-15']]);
    expect(since.dueMoves.map((m) => [m.item.id, m.from, m.to, m.reason])).toEqual([['cd/r1', '2008-06-30', '2008-10-31', 'Funding came late']]);
    // r4's proposal of 2 on 1 September awaits; its proposal of 1 in October is after the meeting and does not exist yet.
    expect(since.awaitingConfirmation.map((p) => [p.item.id, p.proposed, p.date])).toEqual([['cd/r4', 2, '2008-09-01']]);
    expect(since.newlyOverdue.map((i) => i.id)).toEqual(['cd/r3']);
    expect(since.newItems).toEqual([]);
  });

  it('does not report again what was reported at the previous meeting', () => {
    const since = sinceLastMeeting(workspace, '2008-12-10', 'board');
    expect(since.previous?.date).toBe('2008-09-20');
    expect(since.closed).toEqual([]);
    expect([...since.closedBefore].sort()).toEqual(['cd/r1', 'cd/r2']);
    expect(since.stageChanges).toEqual([]);
    expect(since.dueMoves).toEqual([]);
    expect(since.newlyOverdue).toEqual([]);
    expect(since.awaitingConfirmation.map((p) => [p.item.id, p.proposed])).toEqual([['cd/r4', 1]]);
  });

  it('counts the items of a source made in the window as new', () => {
    const fresh = item({ id: 'new/r1', source: 'new', path: 'records/new/r1.md' });
    const w = ws([history, fresh], meetings, [source('cd', '2008-01-15'), source('new', '2008-05-01')]);
    expect(sinceLastMeeting(w, '2008-09-20', 'board').newItems.map((i) => i.id)).toEqual(['new/r1']);
    expect(sinceLastMeeting(w, '2008-04-15', 'board').newItems.map((i) => i.id)).toEqual(['cd/r1']);
  });
});
