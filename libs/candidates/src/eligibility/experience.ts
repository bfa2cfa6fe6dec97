/**
 * Work experience in whole months from a candidate's employment records (DOMAIN.md §3).
 *
 * The rule, in the order it is applied:
 *
 * 1. Only records of the fields asked for count: one field, or a set of fields (eligibility passes
 *    the field a card names with every narrower field of the tree, see field-tree.ts); null: every
 *    record. A record runs from its start
 *    date to its end date, both days included; an ongoing record (endDate null) and one ending
 *    after `asOf` end on `asOf`. A record starting after `asOf`, ending before it starts, or with
 *    a date that is not a real YYYY-MM-DD is ignored: those are refused by the DTO, and counting
 *    them here would only guess.
 * 2. Overlapping or adjacent records (the next starts no later than the day after the previous
 *    ends) merge into one period, so that no day is counted twice: two jobs at once are still one
 *    month of experience per month.
 * 3. Each merged period gives its whole calendar months, counted from its first day to the day
 *    after its last: 2024-01-15..2025-01-14 is 12 months, 2024-01-15..2025-01-13 is 11 months and
 *    30 days. A month that lacks the start's day of month ends on its last day (a period starting
 *    on 31 January completes its first month on the last day of February).
 * 4. The whole months of the periods are added. The days left over from each period are pooled,
 *    and every 31 pooled days count as one more month, so that separate short jobs are not thrown
 *    away. 31, the longest month, rather than the 30 of the customary стаж arithmetic: with 30, a
 *    single period of 11 months and 30 days would count as a year, yet a card's "не менее одного
 *    года" asks for a full calendar year; with 31, days from several periods never make a month
 *    more easily than a continuous period would, and one period's remainder (at most 30 days)
 *    never makes one alone.
 */

export interface EmploymentPeriod {
  /** A code of the field tree (GET /fields). */
  field: string;
  /** YYYY-MM-DD, included. */
  startDate: string;
  /** YYYY-MM-DD, included; null while the job goes on (counted up to asOf). */
  endDate: string | null;
}

/** A merged period of work, both dates included. */
export interface WorkedSpan {
  startDate: string;
  endDate: string;
}

export interface MonthsAndDays {
  months: number;
  days: number;
}

/** Pooled leftover days that make one more month (see rule 4 above). */
export const POOLED_DAYS_PER_MONTH = 31;

const MS_PER_DAY = 24 * 60 * 60 * 1000;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

interface CalendarDate {
  year: number;
  /** 1-12 */
  month: number;
  day: number;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1];
}

/** Days since 1970-01-01; integers compare and subtract as dates. */
function dayNumber(date: CalendarDate): number {
  const utc = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not map years 0-99 to the 1900s.
  utc.setUTCFullYear(date.year, date.month - 1, date.day);
  return Math.round(utc.getTime() / MS_PER_DAY);
}

function calendarDate(day: number): CalendarDate {
  const utc = new Date(day * MS_PER_DAY);
  return { year: utc.getUTCFullYear(), month: utc.getUTCMonth() + 1, day: utc.getUTCDate() };
}

function formatDate(date: CalendarDate): string {
  const pad = (value: number, width: number) => String(value).padStart(width, '0');
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}

function parseDate(text: unknown): CalendarDate | null {
  if (typeof text !== 'string') return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return null;
  const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  if (date.month < 1 || date.month > 12 || date.day < 1 || date.day > daysInMonth(date.year, date.month)) return null;
  return date;
}

function parseDay(text: unknown): number | null {
  const date = parseDate(text);
  return date === null ? null : dayNumber(date);
}

function requireDay(text: string, name: string): number {
  const day = parseDay(text);
  // A wrong asOf is the caller's bug, not a candidate's data: failing loudly beats counting 0.
  if (day === null) throw new RangeError(`${name} must be a real date as YYYY-MM-DD`);
  return day;
}

function addMonths(date: CalendarDate, months: number): CalendarDate {
  const index = date.year * 12 + (date.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return { year, month, day: Math.min(date.day, daysInMonth(year, month)) };
}

/** Whole calendar months and the days left over from `start` (included) to `endExclusive`. */
function monthsBetween(start: number, endExclusive: number): MonthsAndDays {
  if (endExclusive <= start) return { months: 0, days: 0 };
  const from = calendarDate(start);
  const to = calendarDate(endExclusive);
  let months = (to.year - from.year) * 12 + (to.month - from.month);
  if (dayNumber(addMonths(from, months)) > endExclusive) months -= 1;
  return { months, days: endExclusive - dayNumber(addMonths(from, months)) };
}

/**
 * The calendar months and leftover days of one continuous period, both dates included (rule 3).
 * An inverted or unreadable period is { 0, 0 }.
 */
export function calendarMonths(startDate: string, endDate: string): MonthsAndDays {
  const start = parseDay(startDate);
  const end = parseDay(endDate);
  if (start === null || end === null) return { months: 0, days: 0 };
  return monthsBetween(start, end + 1);
}

interface DaySpan {
  start: number;
  end: number;
}

/** One field, several fields, or null for any. */
export type FieldFilter = string | ReadonlySet<string> | null;

function inFields(field: string, filter: FieldFilter): boolean {
  if (filter === null) return true;
  return typeof filter === 'string' ? field === filter : filter.has(field);
}

function mergedDaySpans(records: readonly EmploymentPeriod[], fields: FieldFilter, asOf: number): DaySpan[] {
  const spans: DaySpan[] = [];
  for (const record of records) {
    if (!inFields(record.field, fields)) continue;
    const start = parseDay(record.startDate);
    const end = record.endDate === null ? asOf : parseDay(record.endDate);
    if (start === null || end === null) continue;
    const clipped = Math.min(end, asOf);
    if (start > clipped) continue;
    spans.push({ start, end: clipped });
  }
  spans.sort((a, b) => a.start - b.start);

  const merged: DaySpan[] = [];
  for (const span of spans) {
    const last = merged.at(-1);
    if (last !== undefined && span.start <= last.end + 1) {
      last.end = Math.max(last.end, span.end);
    } else {
      merged.push({ ...span });
    }
  }
  return merged;
}

/**
 * The periods worked in `fields` (null: any) up to `asOf`, merged and in date order (rules 1-2).
 * Throws RangeError when asOf is not a real YYYY-MM-DD date.
 */
export function mergePeriods(records: readonly EmploymentPeriod[], fields: FieldFilter, asOf: string): WorkedSpan[] {
  return mergedDaySpans(records, fields, requireDay(asOf, 'asOf')).map((span) => ({
    startDate: formatDate(calendarDate(span.start)),
    endDate: formatDate(calendarDate(span.end)),
  }));
}

/**
 * Whole months of experience in `fields` (null: any) up to `asOf`, by the rule at the top of this
 * file. Throws RangeError when asOf is not a real YYYY-MM-DD date; bad records are ignored.
 */
export function experienceMonths(records: readonly EmploymentPeriod[], fields: FieldFilter, asOf: string): number {
  let months = 0;
  let pooledDays = 0;
  for (const span of mergedDaySpans(records, fields, requireDay(asOf, 'asOf'))) {
    const part = monthsBetween(span.start, span.end + 1);
    months += part.months;
    pooledDays += part.days;
  }
  return months + Math.floor(pooledDays / POOLED_DAYS_PER_MONTH);
}
