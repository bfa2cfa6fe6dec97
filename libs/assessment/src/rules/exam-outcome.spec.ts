import { DomainException } from '@qualcert/shared/errors/domain.exception';
import { formatPercent, PracticalVerdict, SkillExamInput, skillExamOutcome } from './exam-outcome';

const C: PracticalVerdict = 'competent';
const N: PracticalVerdict = 'not_yet_competent';

function outcome(overrides: Partial<SkillExamInput> = {}) {
  return skillExamOutcome({ theoryShare: 0.8, passMark: 0.7, verdicts: [C, C], assessorsInSession: 2, ...overrides });
}

function thrown(action: () => unknown): DomainException {
  try {
    action();
  } catch (error) {
    if (error instanceof DomainException) return error;
    throw error;
  }
  throw new Error('expected a DomainException');
}

describe('formatPercent', () => {
  it.each([
    [0.7, '70%'],
    [0.6, '60%'],
    [0.6667, '66.67%'],
    [0.12345, '12.35%'],
    [0, '0%'],
    [1, '100%'],
    [0.07, '7%'],
  ])('prints %d as %s', (share, text) => {
    expect(formatPercent(share)).toBe(text);
  });
});

describe('skillExamOutcome', () => {
  it('passes when theory reaches the pass mark and every assessor records competent', () => {
    expect(outcome()).toEqual({
      status: 'passed',
      theoryPassed: true,
      practicalPassed: true,
      reason: 'theory 80% reaches the pass mark 70%; 2 of 2 assessors recorded competent: a majority',
    });
  });

  describe('theory', () => {
    it('passes at the pass mark exactly', () => {
      expect(outcome({ theoryShare: 0.7 })).toMatchObject({ status: 'passed', theoryPassed: true });
    });

    it('fails just below the pass mark', () => {
      expect(outcome({ theoryShare: 0.6999 })).toEqual({
        status: 'failed',
        theoryPassed: false,
        practicalPassed: true,
        reason: 'theory 69.99% below the pass mark 70%; 2 of 2 assessors recorded competent: a majority',
      });
    });

    it('names the share and the pass mark when it fails', () => {
      expect(outcome({ theoryShare: 0.6 }).reason).toMatch(/^theory 60% below the pass mark 70%;/);
    });

    it('passes everything with a pass mark of 0, and only a full score with a pass mark of 1', () => {
      expect(outcome({ theoryShare: 0, passMark: 0 }).theoryPassed).toBe(true);
      expect(outcome({ theoryShare: 1, passMark: 1 }).theoryPassed).toBe(true);
      expect(outcome({ theoryShare: 0.9999, passMark: 1 }).theoryPassed).toBe(false);
    });

    it('is pending while the theory share is unknown, even with every verdict in', () => {
      expect(outcome({ theoryShare: null })).toEqual({
        status: 'pending',
        theoryPassed: null,
        practicalPassed: true,
        reason: 'waiting for the theory test result; 2 of 2 assessors recorded competent: a majority',
      });
    });
  });

  describe('practical', () => {
    it.each<[string, PracticalVerdict[], number, boolean, string]>([
      ['1 of 1', [C], 1, true, '1 of 1 assessor recorded competent: a majority'],
      ['0 of 1', [N], 1, false, '0 of 1 assessor recorded competent: no majority'],
      ['2 of 2', [C, C], 2, true, '2 of 2 assessors recorded competent: a majority'],
      ['1 of 2, a tie', [C, N], 2, false, '1 of 2 assessors recorded competent: no majority'],
      ['1 of 2 in the other order', [N, C], 2, false, '1 of 2 assessors recorded competent: no majority'],
      ['0 of 2', [N, N], 2, false, '0 of 2 assessors recorded competent: no majority'],
      ['2 of 3', [C, N, C], 3, true, '2 of 3 assessors recorded competent: a majority'],
      ['1 of 3', [N, N, C], 3, false, '1 of 3 assessors recorded competent: no majority'],
      ['2 of 4, a tie', [C, C, N, N], 4, false, '2 of 4 assessors recorded competent: no majority'],
      ['3 of 4', [C, C, N, C], 4, true, '3 of 4 assessors recorded competent: a majority'],
    ])('decides %s', (_, verdicts, assessorsInSession, passed, text) => {
      const result = outcome({ verdicts, assessorsInSession });
      expect(result.practicalPassed).toBe(passed);
      expect(result.status).toBe(passed ? 'passed' : 'failed');
      expect(result.reason).toBe(`theory 80% reaches the pass mark 70%; ${text}`);
    });

    it('is pending while an assessor has not signed', () => {
      expect(outcome({ verdicts: [C], assessorsInSession: 2 })).toEqual({
        status: 'pending',
        theoryPassed: true,
        practicalPassed: null,
        reason: 'theory 80% reaches the pass mark 70%; waiting for a verdict from 1 of 2 assessors',
      });
    });

    it('is pending with no verdict at all, naming how many are awaited', () => {
      expect(outcome({ verdicts: [], assessorsInSession: 3 }).reason).toBe(
        'theory 80% reaches the pass mark 70%; waiting for verdicts from 3 of 3 assessors',
      );
      expect(outcome({ verdicts: [], assessorsInSession: 1 }).reason).toBe(
        'theory 80% reaches the pass mark 70%; waiting for a verdict from 1 of 1 assessor',
      );
    });

    it('does not decide early when the verdicts so far already settle the majority', () => {
      expect(outcome({ verdicts: [N, N], assessorsInSession: 3 })).toMatchObject({
        status: 'pending',
        practicalPassed: null,
      });
      expect(outcome({ verdicts: [C, C], assessorsInSession: 3 })).toMatchObject({
        status: 'pending',
        practicalPassed: null,
      });
    });

    it('counts every verdict when more are given than the session has assessors', () => {
      expect(outcome({ verdicts: [C, N, N], assessorsInSession: 2 })).toMatchObject({
        status: 'failed',
        practicalPassed: false,
        reason: 'theory 80% reaches the pass mark 70%; 1 of 3 assessors recorded competent: no majority',
      });
      expect(outcome({ verdicts: [C, C, N], assessorsInSession: 2 })).toMatchObject({
        status: 'passed',
        practicalPassed: true,
      });
    });
  });

  describe('both parts', () => {
    it('fails when both fail, giving both reasons', () => {
      expect(outcome({ theoryShare: 0.6, verdicts: [C, N] })).toEqual({
        status: 'failed',
        theoryPassed: false,
        practicalPassed: false,
        reason: 'theory 60% below the pass mark 70%; 1 of 2 assessors recorded competent: no majority',
      });
    });

    it('fails when only the practical fails', () => {
      expect(outcome({ verdicts: [N, N] })).toMatchObject({
        status: 'failed',
        theoryPassed: true,
        practicalPassed: false,
      });
    });

    it('stays pending while theory has failed and a verdict is missing', () => {
      expect(outcome({ theoryShare: 0.5, verdicts: [N] })).toEqual({
        status: 'pending',
        theoryPassed: false,
        practicalPassed: null,
        reason: 'theory 50% below the pass mark 70%; waiting for a verdict from 1 of 2 assessors',
      });
    });

    it('is pending with nothing in yet', () => {
      expect(outcome({ theoryShare: null, verdicts: [] })).toEqual({
        status: 'pending',
        theoryPassed: null,
        practicalPassed: null,
        reason: 'waiting for the theory test result; waiting for verdicts from 2 of 2 assessors',
      });
    });
  });

  describe('invalid input', () => {
    it.each<[string, Partial<SkillExamInput>]>([
      ['theoryShare', { theoryShare: 1.01 }],
      ['theoryShare', { theoryShare: -0.1 }],
      ['theoryShare', { theoryShare: Number.NaN }],
      ['passMark', { passMark: 70 }],
      ['passMark', { passMark: -0.5 }],
      ['passMark', { passMark: Number.POSITIVE_INFINITY }],
      ['assessorsInSession', { assessorsInSession: 0 }],
      ['assessorsInSession', { assessorsInSession: -1 }],
      ['assessorsInSession', { assessorsInSession: 1.5 }],
    ])('throws VALIDATION_FAILED naming %s', (field, overrides) => {
      const error = thrown(() => outcome(overrides));
      expect(error.code).toBe('VALIDATION_FAILED');
      expect(error.details).toEqual({ fields: [expect.objectContaining({ field })] });
    });

    it('names every field at fault at once', () => {
      const error = thrown(() => outcome({ theoryShare: 2, passMark: 2, assessorsInSession: 0 }));
      expect(error.message).toBe('The skill exam outcome cannot be computed');
      expect((error.details as { fields: { field: string }[] }).fields.map((f) => f.field)).toEqual([
        'theoryShare',
        'passMark',
        'assessorsInSession',
      ]);
    });
  });
});
