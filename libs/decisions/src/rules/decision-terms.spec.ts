import { DEFAULT_DECISION_TERMS, termDates, termsToFix } from './decision-terms';

const terms = { certificateValidityMonths: 36, creditValidityMonths: 6, appealWindowDays: 14, retakeWaitDays: 45 };

describe('termsToFix', () => {
  it('copies the program’s terms, and nothing else', () => {
    expect(termsToFix({ ...terms, passMarkPercent: 70 } as typeof terms)).toEqual(terms);
  });

  it('falls back to the domain’s defaults when the centre has no program for the card', () => {
    expect(termsToFix(null)).toEqual({
      certificateValidityMonths: 60,
      creditValidityMonths: 12,
      appealWindowDays: 10,
      retakeWaitDays: 30,
    });
  });

  it('returns a copy: changing it changes neither the program nor the defaults', () => {
    const fixed = termsToFix(null);
    fixed.appealWindowDays = 99;
    expect(DEFAULT_DECISION_TERMS.appealWindowDays).toBe(10);
  });
});

describe('termDates', () => {
  const signed = new Date('2026-03-01T22:30:00Z');

  it('counts a partial decision’s appeal window, credit period and retake wait from the day of signing', () => {
    expect(termDates(signed, 'partial', terms)).toEqual({
      appealDeadline: '2026-03-15',
      creditValidUntil: '2026-09-01',
      retakeOpensOn: '2026-04-15',
    });
  });

  it('gives a decision that credits nothing no credit period, but a retake wait', () => {
    expect(termDates(signed, 'not_awarded', terms)).toEqual({
      appealDeadline: '2026-03-15',
      creditValidUntil: null,
      retakeOpensOn: '2026-04-15',
    });
  });

  it('makes nobody wait after an awarded decision', () => {
    expect(termDates(signed, 'awarded', terms)).toMatchObject({ retakeOpensOn: null, creditValidUntil: null });
  });

  it('counts in UTC days: a decision signed late on the last day of a month', () => {
    expect(termDates(new Date('2026-01-31T23:59:59Z'), 'partial', DEFAULT_DECISION_TERMS)).toEqual({
      appealDeadline: '2026-02-10',
      creditValidUntil: '2027-01-31',
      retakeOpensOn: '2026-03-02',
    });
  });

  it('allows a wait of 0 days: the retake opens on the day of signing', () => {
    expect(termDates(signed, 'partial', { ...terms, retakeWaitDays: 0 }).retakeOpensOn).toBe('2026-03-01');
  });
});
