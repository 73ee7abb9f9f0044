// Open, closed and overdue counts at a series of dates, each as the records
// stood then (as-of.ts): the progress a board sees meeting by meeting.

import { onOrBefore, workspaceAsOf } from './as-of.js';
import { factContext, itemFacts } from './facts.js';
import { compareDates, type TrackDate } from '../records/dates.js';
import type { Meeting, Workspace } from '../records/model.js';

export interface ProgressCount {
  date: TrackDate;
  open: number;
  closed: number;
  overdue: number;
}

/** The meeting dates on or before `date`, oldest first, each once: the last `limit` of them. */
export function meetingDatesUpTo(meetings: readonly Meeting[], date: TrackDate, limit = 24): TrackDate[] {
  const dates = [...new Set(meetings.map((m) => m.date))].filter((d) => onOrBefore(d, date)).sort(compareDates);
  return dates.slice(Math.max(0, dates.length - limit));
}

export interface ProgressSeries {
  /** Over every item counted. */
  all: ProgressCount[];
  /** Per source id. */
  bySource: Map<string, ProgressCount[]>;
}

/**
 * At each date, the items open, closed and overdue as they stood then: over
 * all of them (or one source's) and per source, in one pass per date.
 */
export function progressAt(workspace: Workspace, dates: readonly TrackDate[], source?: string): ProgressSeries {
  const bySource = new Map<string, ProgressCount[]>();
  const series = (id: string) => {
    let list = bySource.get(id);
    if (!list) bySource.set(id, (list = dates.map((date) => ({ date, open: 0, closed: 0, overdue: 0 }))));
    return list;
  };
  const all = dates.map((date) => ({ date, open: 0, closed: 0, overdue: 0 }));
  dates.forEach((date, i) => {
    const then = workspaceAsOf(workspace, date);
    const ctx = factContext(then, date);
    for (const item of then.items) {
      if (source !== undefined && item.source !== source) continue;
      const facts = itemFacts(item, ctx);
      for (const count of [all[i]!, series(item.source)[i]!]) {
        if (facts.open) count.open++;
        else count.closed++;
        if (facts.overdue) count.overdue++;
      }
    }
  });
  return { all, bySource };
}
