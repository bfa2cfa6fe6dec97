import { addMonthsToDay, utcToday } from './calendar';

describe('calendar', () => {
  it('gives today as an ISO day in UTC', () => {
    expect(utcToday()).toBe(new Date().toISOString().slice(0, 10));
  });

  it.each([
    ['2026-03-15', 6, '2026-09-15'],
    ['2026-11-25', 60, '2031-11-25'],
    ['2026-01-31', 1, '2026-03-03'],
    ['2028-01-31', 1, '2028-03-02'],
    ['2026-12-31', 12, '2027-12-31'],
  ])('%s plus %i months is %s', (day, months, expected) => {
    expect(addMonthsToDay(day, months)).toBe(expected);
  });
});
