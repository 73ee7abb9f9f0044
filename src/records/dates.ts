// Dates in records stay strings ("2008-03-10" or "2008-04"): never a JavaScript
// Date, so no time zone can shift them. Arithmetic uses whole day numbers.

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH_RE = /^(\d{4})-(\d{2})$/;

const MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];

/** A record date: a day ("2008-03-10") or a month ("2008-04"). */
export type TrackDate = string;

export interface DateProblem {
  message: string;
  hint: string;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  const leap = month === 2 && (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0));
  return leap ? 29 : MONTH_DAYS[month - 1]!;
}

/** Why `value` is not a usable record date, or undefined when it is. */
export function dateProblem(value: string, allowMonth = true): DateProblem | undefined {
  const day = DAY_RE.exec(value);
  const month = day ? undefined : MONTH_RE.exec(value);
  const shape = allowMonth ? 'YYYY-MM-DD or YYYY-MM' : 'YYYY-MM-DD';
  if (!day && !(allowMonth && month)) {
    return { message: `"${value}" is not a date`, hint: `write it as ${shape}, for example 2008-03-10` };
  }
  const parts = (day ?? month)!;
  const y = Number(parts[1]);
  const m = Number(parts[2]);
  if (m < 1 || m > 12) {
    return { message: `"${value}" is not a real date: there is no month ${m}`, hint: `write it as ${shape}` };
  }
  if (day) {
    const d = Number(parts[3]);
    const last = daysInMonth(y, m);
    if (d < 1 || d > last) {
      return {
        message: `"${value}" is not a real date: ${MONTHS[m - 1]} ${y} has ${last} days`,
        hint: `check the day; write it as ${shape}`,
      };
    }
  }
  return undefined;
}

export function isTrackDate(value: string, allowMonth = true): boolean {
  return dateProblem(value, allowMonth) === undefined;
}

// Records repeat a few thousand distinct dates many times over: remember each.
const dayNumbers = new Map<string, number>();
const monthEnds = new Map<string, number>();

/** Days since 1970-01-01 of the first day a date covers. */
export function startDay(date: TrackDate): number {
  let day = dayNumbers.get(date);
  if (day === undefined) {
    const y = Number(date.slice(0, 4));
    const m = Number(date.slice(5, 7));
    const d = date.length === 7 ? 1 : Number(date.slice(8, 10));
    day = Date.UTC(y, m - 1, d) / 86_400_000;
    if (dayNumbers.size < 100_000) dayNumbers.set(date, day);
  }
  return day;
}

/** Days since 1970-01-01 of the last day a date covers (a month counts as its last day). */
export function endDay(date: TrackDate): number {
  if (date.length !== 7) return startDay(date);
  let day = monthEnds.get(date);
  if (day === undefined) {
    day = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)), 0) / 86_400_000;
    if (monthEnds.size < 100_000) monthEnds.set(date, day);
  }
  return day;
}

/** Today's date on this machine's calendar, as YYYY-MM-DD. */
export function localToday(now = new Date()): TrackDate {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** "10 March 2008", or "April 2008" for a month. */
export function formatUkDate(date: TrackDate): string {
  const y = date.slice(0, 4);
  const month = MONTHS[Number(date.slice(5, 7)) - 1] ?? '';
  if (date.length === 7) return `${month} ${y}`;
  return `${Number(date.slice(8, 10))} ${month} ${y}`;
}

/** Compare two record dates by the first day each covers; ties broken by precision (day before month). */
export function compareDates(a: TrackDate, b: TrackDate): number {
  return startDay(a) - startDay(b) || a.length - b.length;
}
