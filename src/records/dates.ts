// Dates in records stay strings ("2008-03-10" or "2008-04"): never a JavaScript
// Date, so no time zone can shift them. Arithmetic uses whole day numbers.

import { BadOption, type OptionKey } from '../errors.js';

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

// Dates are checked and turned into numbers by looking at their characters:
// the loader and the rules do this tens of thousands of times a run.

const DASH = 45;

/** The number written by `count` ASCII digits from `from` (which must be digits). */
function digits(s: string, from: number, count: number): number {
  let n = 0;
  for (let i = from; i < from + count; i++) n = n * 10 + s.charCodeAt(i) - 48;
  return n;
}

function allDigits(s: string, from: number, count: number): boolean {
  for (let i = from; i < from + count; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** A date given for an option, checked: a BadOption ("--due "x" is not a date: …") when it is not one. */
export function checkDateOption(option: OptionKey, value: string | undefined, allowMonth = true): void {
  if (value === undefined) return;
  const problem = dateProblem(value, allowMonth);
  if (problem) throw new BadOption(option, value, (flag) => `${flag(option)} ${problem.message}: ${problem.hint}.`);
}

/** Why `value` is not a usable record date, or undefined when it is. */
export function dateProblem(value: string, allowMonth = true): DateProblem | undefined {
  const day = value.length === 10 && value.charCodeAt(7) === DASH && allDigits(value, 8, 2);
  const shape = allowMonth ? 'YYYY-MM-DD or YYYY-MM' : 'YYYY-MM-DD';
  const shaped = (day || (allowMonth && value.length === 7)) && allDigits(value, 0, 4) && value.charCodeAt(4) === DASH && allDigits(value, 5, 2);
  if (!shaped) {
    return { message: `"${value}" is not a date`, hint: `write it as ${shape}, for example 2008-03-10` };
  }
  const y = digits(value, 0, 4);
  const m = digits(value, 5, 2);
  if (m < 1 || m > 12) {
    return { message: `"${value}" is not a real date: there is no month ${m}`, hint: `write it as ${shape}` };
  }
  if (day) {
    const d = digits(value, 8, 2);
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

// Day numbers by arithmetic on the digits: rules and facts ask for tens of
// thousands of them, and this is quicker than Date.UTC or remembering each.

/** Days since 1970-01-01 of a proleptic Gregorian date (month 1-12; day may be 0 for the day before the 1st). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  return era * 146_097 + yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear - 719_468;
}

/** Days since 1970-01-01 of the first day a date covers. */
export function startDay(date: TrackDate): number {
  return daysFromCivil(digits(date, 0, 4), digits(date, 5, 2), date.length === 7 ? 1 : digits(date, 8, 2));
}

/** Days since 1970-01-01 of the last day a date covers (a month counts as its last day). */
export function endDay(date: TrackDate): number {
  if (date.length !== 7) return startDay(date);
  const year = digits(date, 0, 4);
  const month = digits(date, 5, 2);
  // The day before the first of the next month.
  return month === 12 ? daysFromCivil(year + 1, 1, 0) : daysFromCivil(year, month + 1, 0);
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
