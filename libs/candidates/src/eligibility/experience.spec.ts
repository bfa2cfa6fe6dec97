import {
  calendarMonths,
  experienceMonths,
  mergePeriods,
  POOLED_DAYS_PER_MONTH,
  type EmploymentPeriod,
} from './experience';

const REMOTE = 'remote_information_consulting';
const REFERENCE = 'reference_information_services';
const AS_OF = '2025-06-30';

function job(startDate: string, endDate: string | null, field = REMOTE): EmploymentPeriod {
  return { field, startDate, endDate };
}

function months(...records: EmploymentPeriod[]): number {
  return experienceMonths(records, REMOTE, AS_OF);
}

describe('calendarMonths (one continuous period, both days included)', () => {
  it.each([
    ['2024-01-01', '2024-12-31', 12, 0],
    ['2024-01-15', '2025-01-14', 12, 0],
    ['2024-01-15', '2025-01-13', 11, 30],
    ['2024-01-01', '2024-01-31', 1, 0],
    ['2024-01-01', '2024-01-30', 0, 30],
    ['2024-01-01', '2024-01-01', 0, 1],
    ['2025-02-01', '2025-02-28', 1, 0],
    ['2024-02-01', '2024-02-28', 0, 28],
    ['2024-02-01', '2024-02-29', 1, 0],
    ['2024-03-15', '2024-04-14', 1, 0],
    ['2024-03-15', '2024-04-13', 0, 30],
    // A start on the 31st completes its month on the last day of a shorter month.
    ['2025-01-31', '2025-02-27', 1, 0],
    ['2025-01-31', '2025-02-26', 0, 27],
    ['2025-01-31', '2025-03-30', 2, 0],
    ['2024-01-31', '2024-02-28', 1, 0],
    ['2023-12-31', '2024-12-30', 12, 0],
    ['2021-01-01', '2023-12-31', 36, 0],
    ['2021-01-01', '2023-12-30', 35, 30],
    ['2020-01-01', '2024-12-31', 60, 0],
    ['2020-01-01', '2024-12-30', 59, 30],
    ['2020-02-29', '2021-02-27', 12, 0],
  ])('%s..%s = %i months %i days', (start, end, wholeMonths, days) => {
    expect(calendarMonths(start, end)).toEqual({ months: wholeMonths, days });
  });

  it('is zero for inverted or unreadable periods', () => {
    expect(calendarMonths('2024-02-01', '2024-01-31')).toEqual({ months: 0, days: 0 });
    expect(calendarMonths('2024-02-30', '2024-12-31')).toEqual({ months: 0, days: 0 });
    expect(calendarMonths('2024-01-01', 'tomorrow')).toEqual({ months: 0, days: 0 });
  });
});

describe('experienceMonths', () => {
  describe('boundaries of one period', () => {
    it.each([
      ['2024-01-01', '2024-12-31', 12],
      ['2024-01-15', '2025-01-14', 12],
      ['2024-01-15', '2025-01-13', 11],
      ['2024-01-02', '2024-12-31', 11],
      ['2022-07-01', '2025-06-30', 36],
      ['2022-07-02', '2025-06-30', 35],
      ['2020-07-01', '2025-06-30', 60],
      ['2020-07-02', '2025-06-30', 59],
      ['2025-06-30', '2025-06-30', 0],
    ])('%s..%s = %i', (start, end, expected) => {
      expect(months(job(start, end))).toBe(expected);
    });
  });

  describe('ongoing and future records', () => {
    it('counts an ongoing record up to asOf, included', () => {
      expect(months(job('2024-07-01', null))).toBe(12);
      expect(months(job('2024-07-02', null))).toBe(11);
      expect(experienceMonths([job('2024-07-02', null)], REMOTE, '2025-07-01')).toBe(12);
    });

    it('cuts a record ending after asOf at asOf', () => {
      expect(months(job('2024-07-01', '2026-12-31'))).toBe(12);
    });

    it('ignores a record starting after asOf', () => {
      expect(months(job('2025-07-01', null))).toBe(0);
      expect(months(job('2025-07-01', '2026-07-01'), job('2024-07-01', '2025-06-30'))).toBe(12);
    });

    it('counts a record starting on asOf as one day', () => {
      expect(mergePeriods([job('2025-06-30', null)], REMOTE, AS_OF)).toEqual([
        { startDate: '2025-06-30', endDate: '2025-06-30' },
      ]);
    });
  });

  describe('overlapping and adjacent records', () => {
    it('counts overlapping records once', () => {
      expect(months(job('2024-01-01', '2024-08-31'), job('2024-05-01', '2024-12-31'))).toBe(12);
    });

    it('counts a record inside another once', () => {
      expect(months(job('2024-01-01', '2024-12-31'), job('2024-03-01', '2024-04-30'))).toBe(12);
    });

    it('counts identical records once', () => {
      expect(months(job('2024-01-01', '2024-12-31'), job('2024-01-01', '2024-12-31'))).toBe(12);
    });

    it('joins adjacent records into one period', () => {
      expect(months(job('2024-01-15', '2024-06-30'), job('2024-07-01', '2025-01-14'))).toBe(12);
      expect(mergePeriods([job('2024-01-15', '2024-06-30'), job('2024-07-01', '2025-01-14')], REMOTE, AS_OF)).toEqual([
        { startDate: '2024-01-15', endDate: '2025-01-14' },
      ]);
    });

    it('merges an ongoing record with a closed one overlapping it', () => {
      expect(months(job('2024-01-01', '2024-09-30'), job('2024-06-01', null))).toBe(18);
    });

    it('does not depend on the order of the records', () => {
      const records = [
        job('2023-05-10', '2023-09-01'),
        job('2021-01-01', '2021-03-31'),
        job('2023-08-01', '2024-02-15'),
        job('2022-01-01', null),
      ];
      const expected = months(...records);
      expect(months(...[...records].reverse())).toBe(expected);
      expect(months(records[2], records[0], records[3], records[1])).toBe(expected);
      // 2021-01-01..2021-03-31 (3 months) and 2022-01-01..2025-06-30 (42 months)
      expect(expected).toBe(45);
    });

    it('merges records of different fields when any field counts', () => {
      const records = [job('2024-01-01', '2024-08-31', REMOTE), job('2024-05-01', '2024-12-31', REFERENCE)];
      expect(experienceMonths(records, null, AS_OF)).toBe(12);
    });
  });

  describe('separate periods', () => {
    it('adds the whole months of each period', () => {
      expect(months(job('2022-01-01', '2022-06-30'), job('2023-01-01', '2023-06-30'))).toBe(12);
      expect(months(job('2022-01-01', '2022-06-30'), job('2023-01-01', '2023-06-29'))).toBe(11);
    });

    it(`pools the leftover days, ${POOLED_DAYS_PER_MONTH} to a month`, () => {
      // 5 months 16 days + 5 months 15 days = 10 months 31 days
      expect(months(job('2022-01-01', '2022-06-16'), job('2023-01-01', '2023-06-15'))).toBe(11);
      // 5 months 16 days + 5 months 14 days = 10 months 30 days
      expect(months(job('2022-01-01', '2022-06-16'), job('2023-01-01', '2023-06-14'))).toBe(10);
    });

    it('lets many short jobs add up', () => {
      // Twelve stints of 31 days each (1 January to 31 January): 12 months.
      const stints = Array.from({ length: 12 }, (_, i) => job(`${2010 + i}-01-01`, `${2010 + i}-01-31`));
      expect(months(...stints)).toBe(12);
      // Twelve stints of 30 days each: 360 days, 11 pooled months.
      const shorter = Array.from({ length: 12 }, (_, i) => job(`${2010 + i}-01-01`, `${2010 + i}-01-30`));
      expect(months(...shorter)).toBe(11);
    });

    it("never makes one period's leftover a month on its own", () => {
      expect(months(job('2024-01-15', '2025-01-13'))).toBe(11);
    });
  });

  describe('fields', () => {
    it('counts only records of the field asked for', () => {
      const records = [job('2023-01-01', '2023-12-31', REFERENCE), job('2024-01-01', '2024-06-30', REMOTE)];
      expect(experienceMonths(records, REMOTE, AS_OF)).toBe(6);
      expect(experienceMonths(records, REFERENCE, AS_OF)).toBe(12);
      expect(experienceMonths(records, null, AS_OF)).toBe(18);
      expect(experienceMonths(records, 'some_other_field', AS_OF)).toBe(0);
    });

    it('does not let another field fill a gap', () => {
      const records = [
        job('2024-01-01', '2024-03-31', REMOTE),
        job('2024-04-01', '2024-09-30', REFERENCE),
        job('2024-10-01', '2024-12-31', REMOTE),
      ];
      expect(experienceMonths(records, REMOTE, AS_OF)).toBe(6);
      expect(experienceMonths(records, null, AS_OF)).toBe(12);
    });

    it('counts the records of every field in a set, merged as one field', () => {
      const records = [
        job('2024-01-01', '2024-03-31', REMOTE),
        job('2024-02-01', '2024-09-30', 'call_centre'),
        job('2024-10-01', '2024-12-31', 'other'),
      ];
      expect(experienceMonths(records, new Set([REMOTE, 'call_centre']), AS_OF)).toBe(9);
      expect(experienceMonths(records, new Set(['call_centre']), AS_OF)).toBe(8);
      expect(experienceMonths(records, new Set<string>(), AS_OF)).toBe(0);
      expect(mergePeriods(records, new Set([REMOTE, 'call_centre']), AS_OF)).toEqual([
        { startDate: '2024-01-01', endDate: '2024-09-30' },
      ]);
    });
  });

  describe('totality', () => {
    it('is 0 without records', () => {
      expect(experienceMonths([], null, AS_OF)).toBe(0);
      expect(mergePeriods([], null, AS_OF)).toEqual([]);
    });

    it('ignores inverted, unreadable and impossible records', () => {
      const bad = [
        job('2024-12-31', '2024-01-01'),
        job('2024-02-30', '2024-12-31'),
        job('2024-01-01', '2024-13-01'),
        job('01.01.2024', '31.12.2024'),
        job('', null),
        job('2024-1-1', '2024-12-31'),
        { field: REMOTE, startDate: null, endDate: null } as unknown as EmploymentPeriod,
      ];
      expect(months(...bad)).toBe(0);
      expect(months(...bad, job('2024-01-01', '2024-12-31'))).toBe(12);
    });

    it('throws on an asOf that is not a real date, a caller error', () => {
      expect(() => experienceMonths([job('2024-01-01', null)], null, '2025-02-29')).toThrow(RangeError);
      expect(() => mergePeriods([], null, 'today')).toThrow(RangeError);
    });
  });

  it('never decreases when a record grows by a day (sweep)', () => {
    const other = job('2021-03-10', '2021-05-20');
    let previous = -1;
    for (let day = 0; day < 800; day += 1) {
      const end = new Date(Date.UTC(2022, 0, 1 + day)).toISOString().slice(0, 10);
      const total = experienceMonths([other, job('2022-01-01', end)], REMOTE, '2030-01-01');
      expect(total).toBeGreaterThanOrEqual(previous);
      previous = total;
    }
  });

  it('counts each merged period by calendar months (sweep against calendarMonths)', () => {
    for (let day = 0; day < 400; day += 1) {
      const end = new Date(Date.UTC(2023, 0, 31 + day)).toISOString().slice(0, 10);
      expect(experienceMonths([job('2023-01-31', end)], REMOTE, '2030-01-01')).toBe(
        calendarMonths('2023-01-31', end).months,
      );
    }
  });
});

describe('mergePeriods', () => {
  it('returns the merged periods in date order, cut at asOf, for the field only', () => {
    const records = [
      job('2025-01-01', null),
      job('2023-01-01', '2023-03-31'),
      job('2023-03-15', '2023-06-30'),
      job('2023-07-01', '2023-07-31'),
      job('2023-09-01', '2023-09-30', REFERENCE),
      job('2024-01-01', '2024-01-31'),
      job('2025-07-01', null),
    ];
    expect(mergePeriods(records, REMOTE, AS_OF)).toEqual([
      { startDate: '2023-01-01', endDate: '2023-07-31' },
      { startDate: '2024-01-01', endDate: '2024-01-31' },
      { startDate: '2025-01-01', endDate: '2025-06-30' },
    ]);
  });

  it('does not modify the records', () => {
    const records = [job('2023-01-01', '2023-03-31'), job('2023-02-01', '2023-06-30')];
    const copy = structuredClone(records);
    mergePeriods(records, null, AS_OF);
    experienceMonths(records, null, AS_OF);
    expect(records).toEqual(copy);
  });
});
