/**
 * Today as an ISO calendar day in UTC: the day in which accreditations, credit periods, retake
 * waits and decisions are counted (the ИИН's own checks count in Kazakhstan's time instead).
 */
export const utcToday = (): string => new Date().toISOString().slice(0, 10);

/**
 * The ISO day `months` calendar months after `day` (an ISO day). A day the target month lacks
 * runs over into the next month (31 January + 1 month is 3 March, 2 March in a leap year).
 */
export function addMonthsToDay(day: string, months: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
}
