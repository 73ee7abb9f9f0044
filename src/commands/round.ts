// What `track request`, `collect` and `confirm` share: the meeting a round
// is for, and who an owner is.

import { Refusal } from '../errors.js';
import { findNextMeeting } from '../derive/facts.js';
import { formatUkDate, startDay, type TrackDate } from '../records/dates.js';
import type { Meeting, Workspace } from '../records/model.js';
import type { Registers } from '../records/registers.js';

/** The meeting of meetings.yaml on `date`, else a meeting known by its date alone. */
export function meetingOn(workspace: Workspace, date: TrackDate): Meeting {
  return workspace.meetings.find((m) => m.date === date) ?? { date, tentative: false };
}

/** The meeting a request is for: --meeting, else the next in meetings.yaml. */
export function requestMeeting(workspace: Workspace, today: TrackDate, given: string | undefined): Meeting {
  if (given !== undefined) return meetingOn(workspace, given);
  const next = findNextMeeting(workspace.meetings, today);
  if (!next) throw new Refusal((flag) => `There is no meeting on or after ${formatUkDate(today)} in meetings.yaml: name the meeting with ${flag('meeting')} DATE, or add it to meetings.yaml.`);
  return next;
}

/** The meeting a decision was taken at: --meeting, else the latest in meetings.yaml on or before today. */
export function decidingMeeting(workspace: Workspace, today: TrackDate, given: string | undefined): Meeting {
  if (given !== undefined) return meetingOn(workspace, given);
  let last: Meeting | undefined;
  for (const m of workspace.meetings) {
    if (startDay(m.date) > startDay(today) || m.date.length !== 10) continue;
    if (!last || startDay(m.date) > startDay(last.date)) last = m;
  }
  if (!last) throw new Refusal((flag) => `There is no meeting on or before ${formatUkDate(today)} in meetings.yaml: name the meeting with ${flag('meeting')} DATE.`);
  return last;
}

/** "the Scrutiny Board (Health) on 15 April 2008", or "the meeting on 15 April 2008". */
export function meetingWords(meeting: Meeting, registers: Registers): string {
  const name = meeting.title ?? (meeting.body !== undefined ? registers.displayName(meeting.body) : undefined);
  return `${name !== undefined ? name : 'the meeting'} on ${formatUkDate(meeting.date)}`;
}

/** The key an owner is known by in a round: its register id, else the name as the items write it. */
export function ownerId(registers: Registers, owner: string): string {
  return registers.idOf(owner) ?? owner.trim();
}

/** A file name for an owner: its id as it is when it is a slug, else the name made into one. */
export function ownerFileName(key: string): string {
  const slug = key.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return slug === '' ? 'owner' : slug;
}
