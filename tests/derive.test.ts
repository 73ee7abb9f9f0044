// Each derived fact at its boundaries, with a fixed today.

import { describe, expect, it } from 'vitest';
import { factContext, findNextMeeting, itemFacts } from '../src/derive/facts.js';
import type { Item, Meeting, Update, Workspace } from '../src/records/model.js';
import { STAGE_PRESETS } from '../src/records/stages.js';
import { dateProblem, endDay, startDay } from '../src/records/dates.js';

function ws(meetings: Meeting[] = [], sourceDate: string | null = '2008-01-15'): Workspace {
  return {
    root: '/nowhere',
    config: { path: '', organisation: 'Test', stages: STAGE_PRESETS.leeds, staleAfterDays: 120, responseDays: 61, bodies: [], people: [], report: {}, extraFields: [] },
    sources: [{ id: 'cd', path: 'records/cd/source.md', title: 'Inquiry', kind: 'scrutiny-inquiry', attendees: [], body: '', ...(sourceDate ? { date: sourceDate } : {}) }],
    items: [],
    meetings,
    diagnostics: [],
    unreadable: [],
    frontmatter: new Map(),
  } as Workspace;
}

function item(fields: Partial<Item> = {}): Item {
  return { id: 'cd/r1', source: 'cd', path: 'records/cd/r1.md', title: 'x', kind: 'recommendation', owners: ['pct'], response: 'accepted', stage: 4, related: [], tags: [], updates: [], extra: {}, body: '', ...fields };
}

const update = (date: string, more: Partial<Update> = {}): Update => ({ date, note: 'n', evidence: [], ...more });
const facts = (today: string, it: Partial<Item>, workspace = ws()) => itemFacts(item(it), factContext(workspace, today));

describe('overdue', () => {
  it('is not overdue on its due day, and one day late the day after', () => {
    expect(facts('2008-06-30', { due: '2008-06-30' }).overdue).toBe(false);
    expect(facts('2008-07-01', { due: '2008-06-30' })).toMatchObject({ overdue: true, daysOverdue: 1 });
  });

  it('counts a month-precision due date as the month end', () => {
    expect(facts('2008-04-30', { due: '2008-04' }).overdue).toBe(false);
    expect(facts('2008-05-01', { due: '2008-04' })).toMatchObject({ overdue: true, daysOverdue: 1 });
    expect(facts('2008-03-01', { due: '2008-02' }).overdue).toBe(true);
    expect(facts('2008-02-29', { due: '2008-02' }).overdue).toBe(false);
  });

  it('never flags a closed item, nor one without a due date', () => {
    expect(facts('2009-01-01', { due: '2008-04', stage: 2 }).overdue).toBe(false);
    expect(facts('2009-01-01', {}).overdue).toBe(false);
  });
});

describe('stale', () => {
  it('turns stale after stale_after_days without an update, counting from the source date when there is none', () => {
    // 2008-01-15 + 120 days = 2008-05-14.
    expect(facts('2008-05-14', {})).toMatchObject({ stale: false, daysSinceUpdate: 120 });
    expect(facts('2008-05-15', {})).toMatchObject({ stale: true, daysSinceUpdate: 121 });
    expect(facts('2008-05-15', {}).lastUpdate).toBeUndefined();
  });

  it('counts from the newest update', () => {
    expect(facts('2008-05-15', { updates: [update('2008-03-01')] })).toMatchObject({ stale: false, lastUpdate: '2008-03-01', daysSinceUpdate: 75 });
  });

  it('is never stale after a future-dated update', () => {
    expect(facts('2008-05-15', { updates: [update('2008-06-01')] })).toMatchObject({ stale: false, daysSinceUpdate: -17 });
  });

  it('is unknown (not stale) with no update and no source date', () => {
    expect(facts('2010-01-01', {}, ws([], null))).toMatchObject({ stale: false });
  });
});

describe('unassigned, response overdue, awaiting confirmation', () => {
  it('an item with no owners is unassigned', () => {
    expect(facts('2008-02-01', { owners: [] }).unassigned).toBe(true);
    expect(facts('2008-02-01', {}).unassigned).toBe(false);
  });

  it('a recommendation without a response is overdue more than response_days after its source', () => {
    // 2008-01-15 + 61 days = 2008-03-16.
    expect(facts('2008-03-16', { response: undefined }).responseOverdue).toBe(false);
    expect(facts('2008-03-17', { response: undefined }).responseOverdue).toBe(true);
    expect(facts('2008-03-17', { response: 'pending' }).responseOverdue).toBe(true);
    expect(facts('2008-03-17', { response: 'noted' }).responseOverdue).toBe(false);
    expect(facts('2008-03-17', { response: undefined, kind: 'action' }).responseOverdue).toBe(false);
  });

  it('awaits confirmation while the newest proposed stage is newer than the newest agreed one', () => {
    const proposed = update('2008-03-01', { proposedStage: 2 });
    expect(facts('2008-04-01', { updates: [proposed] })).toMatchObject({ awaitingConfirmation: true, proposedStage: 2 });
    expect(facts('2008-04-01', { updates: [update('2008-01-01', { stage: 4 }), proposed] }).awaitingConfirmation).toBe(true);
    expect(facts('2008-04-01', { stage: 2, updates: [proposed, update('2008-03-20', { stage: 2 })] }).awaitingConfirmation).toBe(false);
    expect(facts('2008-04-01', {}).awaitingConfirmation).toBe(false);
  });
});

describe('updates out of date order', () => {
  it('go by date, as records.md says "the newest update": last update, stale and awaiting confirmation', () => {
    const proposedLate = [update('2008-03-20', { proposedStage: 2 }), update('2008-01-01', { stage: 4 })];
    expect(facts('2008-04-01', { updates: proposedLate })).toMatchObject({ lastUpdate: '2008-03-20', awaitingConfirmation: true, proposedStage: 2, daysSinceUpdate: 12 });
    expect(facts('2008-04-01', { updates: proposedLate }).stale).toBe(false);
    // On one date, the later in the file is the newer.
    expect(facts('2008-04-01', { updates: [update('2008-03-10', { stage: 3 }), update('2008-03-10', { proposedStage: 2 })] }).awaitingConfirmation).toBe(true);
    expect(facts('2008-04-01', { updates: [update('2008-03-10', { proposedStage: 2 }), update('2008-03-10', { stage: 3 })] }).awaitingConfirmation).toBe(false);
  });
});

describe('the next meeting', () => {
  const meetings: Meeting[] = [
    { date: '2008-01', tentative: true, title: 'Workshop 4' },
    { date: '2008-04-15', tentative: false, title: 'Scrutiny Board' },
  ];

  it('is the first meeting on or after today; a month-precision one lasts until the month ends', () => {
    expect(findNextMeeting(meetings, '2008-01-31')?.title).toBe('Workshop 4');
    expect(findNextMeeting(meetings, '2008-02-01')?.title).toBe('Scrutiny Board');
    expect(findNextMeeting(meetings, '2008-04-15')?.title).toBe('Scrutiny Board');
    expect(findNextMeeting(meetings, '2008-04-16')).toBeUndefined();
  });

  it('an item is due for it when report_back falls on or before its date', () => {
    const w = ws(meetings);
    expect(facts('2008-02-01', { reportBack: '2008-04-15' }, w).dueForNextMeeting).toBe(true);
    expect(facts('2008-02-01', { reportBack: '2008-04-16' }, w).dueForNextMeeting).toBe(false);
    expect(facts('2008-02-01', { reportBack: '2008-04' }, w).dueForNextMeeting).toBe(true);
    expect(facts('2008-02-01', { reportBack: '2008-04', stage: 2 }, w).dueForNextMeeting).toBe(false);
    expect(facts('2008-02-01', {}, w).dueForNextMeeting).toBe(false);
  });

  it('counts up to the end of a tentative month-precision meeting', () => {
    const w = ws(meetings);
    expect(facts('2008-01-10', { reportBack: '2008-01-31' }, w).dueForNextMeeting).toBe(true);
    expect(facts('2008-01-10', { reportBack: '2008-02' }, w).dueForNextMeeting).toBe(false);
  });
});

describe('day numbers', () => {
  it('agree with the calendar for every day and month from 1600 to 2400, leap years and month ends included', () => {
    const wrong: string[] = [];
    for (let y = 1600; y <= 2400; y++) {
      for (let m = 1; m <= 12; m++) {
        const month = `${y}-${String(m).padStart(2, '0')}`;
        const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
        for (let d = 1; d <= last; d++) {
          const day = `${month}-${String(d).padStart(2, '0')}`;
          if (startDay(day) !== Date.UTC(y, m - 1, d) / 86_400_000 || endDay(day) !== startDay(day)) wrong.push(day);
        }
        if (startDay(month) !== Date.UTC(y, m - 1, 1) / 86_400_000) wrong.push(`${month} (start)`);
        if (endDay(month) !== Date.UTC(y, m, 0) / 86_400_000) wrong.push(`${month} (end)`);
      }
    }
    expect(wrong).toEqual([]);
    expect(endDay('2024-02') - startDay('2024-02')).toBe(28);
    expect(endDay('2100-02') - startDay('2100-02')).toBe(27);
  });
});

describe('record dates', () => {
  it('accept exactly YYYY-MM-DD and YYYY-MM, with real months and days', () => {
    const ok = ['2008-03-10', '2008-03', '2024-02-29', '2000-02-29', '0001-01-01', '9999-12-31', '2008-12'];
    expect(ok.filter((d) => dateProblem(d) !== undefined)).toEqual([]);
    const notDates = ['', '2008', '2008-3-10', '2008-03-1', '2008/03/10', '20080-03-10', '2008-03-10 ', ' 2008-03', '2008-03-1a', '２００８-03-10', '2008-0３', '2008-03-10T00', '2008--03', '2008-03-'];
    expect(notDates.filter((d) => dateProblem(d)?.message !== `"${d}" is not a date`)).toEqual([]);
    expect(dateProblem('2008-03', false)?.message).toBe('"2008-03" is not a date');
    expect(dateProblem('2008-13')?.message).toBe('"2008-13" is not a real date: there is no month 13');
    expect(dateProblem('2008-00-10')?.message).toBe('"2008-00-10" is not a real date: there is no month 0');
    expect(dateProblem('2023-02-29')?.message).toBe('"2023-02-29" is not a real date: February 2023 has 28 days');
    expect(dateProblem('1900-02-29')?.message).toBe('"1900-02-29" is not a real date: February 1900 has 28 days');
    expect(dateProblem('2008-04-00')?.message).toBe('"2008-04-00" is not a real date: April 2008 has 30 days');
  });
});

describe('the natural order of ids', () => {
  it('sorts runs of digits as numbers, whatever their length', async () => {
    const { naturalKey } = await import('../src/records/assemble.js');
    const ids = ['s/r1000000000000', 's/r999999999999', 's/r10', 's/r2', 's/r2a', 's/ra', 's/r', 's/r0000000000000000001x', 's/r99999999999999999999', 's/r100000000000000000000'];
    const sorted = [...ids].sort((a, b) => (naturalKey(a) < naturalKey(b) ? -1 : naturalKey(a) > naturalKey(b) ? 1 : 0));
    expect(sorted).toEqual(['s/r', 's/r0000000000000000001x', 's/r2', 's/r2a', 's/r10', 's/r999999999999', 's/r1000000000000', 's/r99999999999999999999', 's/r100000000000000000000', 's/ra']);
    // Leading zeros do not count: r01 and r1 are the same number.
    expect(naturalKey('s/r01')).toBe(naturalKey('s/r1'));
  });
});
