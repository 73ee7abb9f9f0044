// Who has not replied to a request for progress: the one definition that
// `track status` and its JSON share.

import type { TrackDate } from '../records/dates.js';
import type { RequestEntry, RequestManifest } from '../records/requests.js';

/** The requests for the meeting on `meeting` whose owners have not returned their workbook, in the order asked. */
export function awaitingReplies(manifest: RequestManifest, meeting: TrackDate | undefined): RequestEntry[] {
  if (meeting === undefined) return [];
  const waiting: RequestEntry[] = [];
  for (const r of manifest.requests) {
    if (sameMeeting(r.meeting, meeting) && r.returned === undefined && !waiting.some((w) => w.owner === r.owner)) waiting.push(r);
  }
  return waiting;
}

/** Whether two dates name one meeting: the same, or a day inside a meeting known only by its month ("2026-12-07", "2026-12"). */
export function sameMeeting(a: TrackDate, b: TrackDate): boolean {
  return a === b || (a.length === 7 && b.startsWith(`${a}-`)) || (b.length === 7 && a.startsWith(`${b}-`));
}
