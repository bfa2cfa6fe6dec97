import { addMonthsToDay, dayRange, utcToday } from './calendar';
import { thrown } from './errors/thrown.spec-support';

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

describe('dayRange', () => {
  it('runs from the first day’s start to the instant after the last day', () => {
    expect(dayRange('2026-03-01', '2026-03-01')).toEqual({
      start: new Date('2026-03-01T00:00:00Z'),
      end: new Date('2026-03-02T00:00:00Z'),
    });
    expect(dayRange(undefined, '2026-12-31')).toEqual({ end: new Date('2027-01-01T00:00:00Z') });
    expect(dayRange('2024-02-29', undefined)).toEqual({ start: new Date('2024-02-29T00:00:00Z') });
    expect(dayRange(undefined, undefined)).toEqual({});
  });

  it('refuses a period that starts after it ends', () => {
    expect(thrown(() => dayRange('2026-03-02', '2026-03-01'))).toMatchObject({
      code: 'PERIOD_REVERSED',
      details: { from: '2026-03-02', to: '2026-03-01' },
    });
  });
});
