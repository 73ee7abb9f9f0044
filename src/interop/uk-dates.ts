// Dates as officers type them in a spreadsheet, read the British way (day
// first): "10/03/2008", "10 March 2008", "March 2008", or already 2008-03-10.

import { dateProblem, type TrackDate } from '../records/dates.js';

const MONTH_NAMES = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** 1 to 12 for a month's name or its abbreviation of three letters or more ("Mar", "Sept."). */
function monthNumber(name: string): number | undefined {
  const key = name.toLowerCase().replace(/\.$/, '');
  if (key.length < 3) return undefined;
  const index = MONTH_NAMES.findIndex((full) => full.startsWith(key) || (key === 'sept' && full === 'september'));
  return index === -1 ? undefined : index + 1;
}

function fullYear(text: string): number {
  const n = Number(text);
  // "08" is 2008, "98" is 1998: trackers date from the 1970s at the earliest.
  return text.length === 2 ? (n < 70 ? 2000 + n : 1900 + n) : n;
}

const pad = (n: number) => String(n).padStart(2, '0');
const ymd = (y: number, m: number, d?: number) => (d === undefined ? `${y}-${pad(m)}` : `${y}-${pad(m)}-${pad(d)}`);

/** The candidate record date in `text`, unchecked; undefined when it has no date shape at all. */
function shapeOf(text: string): TrackDate | undefined {
  const t = text.trim().replace(/\s+/g, ' ');
  // An Excel date that lost its format ("45382"): days since 30 December 1899, for 1954 to 2119.
  if (/^\d{5}(?:\.0+)?$/.test(t) && Number(t) >= 20_000 && Number(t) < 80_000) {
    return new Date((Math.floor(Number(t)) - 25_569) * 86_400_000).toISOString().slice(0, 10);
  }
  let m = /^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?$/.exec(t);
  if (m) return ymd(Number(m[1]), Number(m[2]), m[3] === undefined ? undefined : Number(m[3]));
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})$/.exec(t);
  if (m) return ymd(fullYear(m[3]!), Number(m[2]), Number(m[1]));
  m = /^(\d{1,2})[/.-](\d{4})$/.exec(t);
  if (m) return ymd(Number(m[2]), Number(m[1]));
  // "10 March 2008", "10th Mar 2008", "Monday 10 March 2008", "10-Mar-08"
  m = /^(?:[a-z]+,? )?(\d{1,2})(?:st|nd|rd|th)?[ -]([a-z]+\.?),?[ -](\d{4}|\d{2})$/i.exec(t);
  if (m && monthNumber(m[2]!)) return ymd(fullYear(m[3]!), monthNumber(m[2]!)!, Number(m[1]));
  // "March 10, 2008"
  m = /^([a-z]+\.?) (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})$/i.exec(t);
  if (m && monthNumber(m[1]!)) return ymd(Number(m[3]), monthNumber(m[1]!)!, Number(m[2]));
  // "March 2008", "Mar-08"
  m = /^([a-z]+\.?)[ -](\d{4}|\d{2})$/i.exec(t);
  if (m && monthNumber(m[1]!)) return ymd(fullYear(m[2]!), monthNumber(m[1]!)!);
  return undefined;
}

/** A record date (YYYY-MM-DD or YYYY-MM), or why the text is not one, in one sentence. */
export function readSheetDate(text: string): { date: TrackDate } | { problem: string } {
  const date = shapeOf(text);
  if (date === undefined) return { problem: `"${text}" is not a date: write it as 10/03/2008, 10 March 2008, March 2008 or 2008-03-10` };
  const problem = dateProblem(date);
  if (problem) return { problem: `"${text}" is not a real date: ${problem.message.replace(/^"[^"]*" is not a real date: /, '')}` };
  return { date };
}
