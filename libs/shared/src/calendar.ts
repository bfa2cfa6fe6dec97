import { DomainException } from './errors/domain.exception';

/**
 * Today as an ISO calendar day in UTC: the day in which accreditations, credit periods, retake
 * waits and decisions are counted (the ИИН's own checks count in Kazakhstan's time instead).
 */
export const utcToday = (): string => toIsoDay(new Date());

/** The UTC calendar day of an instant, as YYYY-MM-DD. */
export function toIsoDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar day written YYYY-MM-DD (not 2025-02-30); such strings compare correctly as plain strings. */
export function isIsoDay(value: string): boolean {
  const match = ISO_DAY.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * The ISO day `months` calendar months after `day` (an ISO day). A day the target month lacks
 * runs over into the next month (31 January + 1 month is 3 March, 2 March in a leap year).
 */
export function addMonthsToDay(day: string, months: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return toIsoDay(d);
}

/** The instants of a period of whole UTC days, both ends included; either end may be open. */
export interface DayRange {
  /** The first instant of `from`. */
  start?: Date;
  /** The first instant after `to`. */
  end?: Date;
}

/** The whole UTC days from `from` to `to` (ISO days); 400 PERIOD_REVERSED when it starts after it ends. */
export function dayRange(from: string | undefined, to: string | undefined): DayRange {
  if (from !== undefined && to !== undefined && from > to) {
    throw new DomainException('PERIOD_REVERSED', `The period ${from}..${to} starts after it ends`, { from, to });
  }
  const range: DayRange = {};
  if (from !== undefined) range.start = new Date(`${from}T00:00:00Z`);
  if (to !== undefined) {
    range.end = new Date(`${to}T00:00:00Z`);
    range.end.setUTCDate(range.end.getUTCDate() + 1);
  }
  return range;
}
