/**
 * Today as an ISO calendar day in UTC: the day in which accreditations, credit periods, retake
 * waits and decisions are counted (the ИИН's own checks count in Kazakhstan's time instead).
 */
export const utcToday = (): string => new Date().toISOString().slice(0, 10);
