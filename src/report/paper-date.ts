// Which meeting a paper is for, and so the date everything in it is as of
// (cli.md v2, "Papers"): --meeting, else the next meeting of the body the
// paper goes to, else today, said on stderr.

import { UnusableInput } from '../errors.js';
import { endDay, formatUkDate, startDay, type TrackDate } from '../records/dates.js';
import type { Meeting, Source } from '../records/model.js';
import { bodyIdOf, type Registers } from '../records/registers.js';

export interface PaperDate {
  date: TrackDate;
  meeting?: Meeting;
  /** Why the paper is dated today, for stderr; absent when it is for a meeting. */
  notice?: string;
}

/** The body id (or the name as written, when no register knows it) a source's papers go to. */
export function bodyOf(source: Source, registers: Registers): string | undefined {
  const name = source.presentedTo ?? source.madeBy;
  return name === undefined ? undefined : bodyIdOf(name, registers);
}

/**
 * The body a paper about `sources` goes to: theirs when they all go to one,
 * else none (any body's meeting will do). `track status` takes its "since the
 * last meeting" from the same body, so it says what the paper says.
 */
export function bodyOfSources(sources: readonly Source[], registers: Registers): string | undefined {
  const bodies = new Set(sources.map((s) => bodyOf(s, registers)));
  return bodies.size === 1 ? [...bodies][0] : undefined;
}

/**
 * The paper's date. `sources` are those it covers: with exactly one, the
 * next meeting is that source's body's; with several, any body's.
 */
export function paperDate(meetings: readonly Meeting[], today: TrackDate, requested: TrackDate | undefined, body: string | undefined, bodyName = body): PaperDate {
  if (requested !== undefined) {
    const meeting = selectMeeting(meetings, requested);
    return { date: meeting.date, meeting };
  }
  const day = startDay(today);
  const upcoming = meetings.filter((m) => endDay(m.date) >= day && (body === undefined || m.body === body));
  const next = upcoming.reduce<Meeting | undefined>((best, m) => (!best || startDay(m.date) < startDay(best.date) ? m : best), undefined);
  if (next) return { date: next.date, meeting: next };
  const whose = body === undefined ? 'no meeting' : `no meeting of ${bodyName}`;
  return {
    date: today,
    notice: `Note: meetings.yaml has ${whose} on or after ${formatUkDate(today)}, so the paper is dated today and shows the records as they stand; give --meeting DATE for a meeting's paper.`,
  };
}

/** The meeting on a date in meetings.yaml; a day inside a month-precision meeting finds it. Anything else: UnusableInput, listing the meetings. */
export function selectMeeting(meetings: readonly Meeting[], date: TrackDate): Meeting {
  const exact = meetings.find((m) => m.date === date);
  if (exact) return exact;
  const within = meetings.filter(
    (m) => (startDay(m.date) <= startDay(date) && endDay(date) <= endDay(m.date)) || (date.length === 7 && m.date.startsWith(date)),
  );
  if (within.length === 1) return within[0]!;
  const listed = meetings.map((m) => m.date).join(', ');
  const what =
    within.length > 1
      ? `More than one meeting falls in ${formatUkDate(date)} (${within.map((m) => m.date).join(', ')}): give the day`
      : `No meeting in meetings.yaml is on ${formatUkDate(date)}`;
  throw new UnusableInput(`${what}; ${listed ? `the meetings are ${listed}.` : 'meetings.yaml lists no meetings: add the meeting there first.'}`);
}
