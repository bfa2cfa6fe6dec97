import { formatPercent, PracticalVerdict, SkillExamInput, skillExamOutcome } from './exam-outcome';
import { thrown } from '@qualcert/shared/testing';

const C: PracticalVerdict = 'competent';
const N: PracticalVerdict = 'not_yet_competent';

function outcome(overrides: Partial<SkillExamInput> = {}) {
  return skillExamOutcome({
    theoryShare: 0.8,
    overallShare: 0.8,
    passMark: 0.7,
    skillFloor: 0.5,
    verdicts: [C, C],
    assessorsInSession: 2,
    ...overrides,
  });
}

const THEORY_MET = 'theory: the test 80% reaches the pass mark 70% and the skill 80% reaches the floor 50%';

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
  it('passes when the test reaches the pass mark, the skill the floor, and every assessor records competent', () => {
    expect(outcome()).toEqual({
      status: 'passed',
      theoryPassed: true,
      practicalPassed: true,
      reason: `${THEORY_MET}; practical: 2 of 2 assessors recorded competent, a majority`,
      explanations: [
        {
          code: 'THEORY_MET',
          params: { overall: '80%', passMark: '70%', skill: '80%', floor: '50%' },
          message: THEORY_MET,
        },
        {
          code: 'PRACTICAL_MAJORITY',
          params: { competent: 2, voters: 2 },
          message: 'practical: 2 of 2 assessors recorded competent, a majority',
        },
      ],
    });
  });

  describe('theory: the overall pass mark and the per-skill floor', () => {
    it('passes 2 of 3 right in a skill (66.67%) when the whole test passes: the floor, not 70%, applies to the skill', () => {
      expect(outcome({ theoryShare: 0.6667, overallShare: 0.75 })).toMatchObject({
        status: 'passed',
        theoryPassed: true,
      });
    });

    it('fails the same 2 of 3 when the whole test misses the pass mark', () => {
      const result = outcome({ theoryShare: 0.6667, overallShare: 0.6667 });
      expect(result).toMatchObject({ status: 'failed', theoryPassed: false });
      expect(result.explanations[0]).toEqual({
        code: 'THEORY_OVERALL_BELOW_PASS_MARK',
        params: { overall: '66.67%', passMark: '70%' },
        message: 'theory: the test 66.67% is below the pass mark 70%',
      });
    });

    it('fails a skill below the floor even when the whole test passes', () => {
      const result = outcome({ theoryShare: 0.3333, overallShare: 0.9 });
      expect(result).toMatchObject({ status: 'failed', theoryPassed: false });
      expect(result.explanations[0]).toMatchObject({
        code: 'THEORY_SKILL_BELOW_FLOOR',
        params: { skill: '33.33%', floor: '50%' },
      });
    });

    it('names the overall mark first when both fail', () => {
      expect(outcome({ theoryShare: 0.2, overallShare: 0.4 }).explanations[0].code).toBe(
        'THEORY_OVERALL_BELOW_PASS_MARK',
      );
    });

    it('reaches both marks exactly', () => {
      expect(outcome({ theoryShare: 0.5, overallShare: 0.7 })).toMatchObject({ status: 'passed', theoryPassed: true });
    });

    it.each([
      ['the test just below the pass mark', { overallShare: 0.6999 }],
      ['the skill just below the floor', { theoryShare: 0.4999 }],
    ])('fails with %s', (_, overrides) => {
      expect(outcome(overrides)).toMatchObject({ status: 'failed', theoryPassed: false, practicalPassed: true });
    });

    it('with a floor of 0 only the overall mark counts; with marks of 1 only a full score passes', () => {
      expect(outcome({ theoryShare: 0, skillFloor: 0 }).theoryPassed).toBe(true);
      expect(outcome({ theoryShare: 1, overallShare: 1, passMark: 1, skillFloor: 1 }).theoryPassed).toBe(true);
      expect(outcome({ theoryShare: 1, overallShare: 0.9999, passMark: 1, skillFloor: 1 }).theoryPassed).toBe(false);
    });

    it.each([
      ['the skill share', { theoryShare: null }],
      ['the overall share', { overallShare: null }],
      ['both', { theoryShare: null, overallShare: null }],
    ])('is pending while %s is unknown, even with every verdict in', (_, overrides) => {
      expect(outcome(overrides)).toMatchObject({
        status: 'pending',
        theoryPassed: null,
        practicalPassed: true,
        reason: 'theory: waiting for the test result; practical: 2 of 2 assessors recorded competent, a majority',
      });
    });
  });

  describe('practical', () => {
    it.each<[string, PracticalVerdict[], number, boolean]>([
      ['1 of 1', [C], 1, true],
      ['0 of 1', [N], 1, false],
      ['2 of 2', [C, C], 2, true],
      ['1 of 2, a tie', [C, N], 2, false],
      ['1 of 2 in the other order', [N, C], 2, false],
      ['0 of 2', [N, N], 2, false],
      ['2 of 3', [C, N, C], 3, true],
      ['1 of 3', [N, N, C], 3, false],
      ['2 of 4, a tie', [C, C, N, N], 4, false],
      ['3 of 4', [C, C, N, C], 4, true],
    ])('decides %s', (name, verdicts, assessorsInSession, passed) => {
      const result = outcome({ verdicts, assessorsInSession });
      expect(result.practicalPassed).toBe(passed);
      expect(result.status).toBe(passed ? 'passed' : 'failed');
      const competent = verdicts.filter((v) => v === C).length;
      expect(result.reason).toBe(
        `${THEORY_MET}; practical: ${competent} of ${verdicts.length} assessors recorded competent, ${passed ? 'a majority' : 'no majority'}`,
      );
      expect(result.explanations[1]).toEqual(
        expect.objectContaining({
          code: passed ? 'PRACTICAL_MAJORITY' : 'PRACTICAL_NO_MAJORITY',
          params: { competent, voters: verdicts.length },
        }),
      );
      expect(name).toBeTruthy();
    });

    it('is pending while an assessor has not signed', () => {
      expect(outcome({ verdicts: [C], assessorsInSession: 2 })).toMatchObject({
        status: 'pending',
        theoryPassed: true,
        practicalPassed: null,
        reason: `${THEORY_MET}; practical: waiting for 1 of 2 assessors to sign`,
      });
    });

    it('is pending with no verdict at all, naming how many are awaited', () => {
      expect(outcome({ verdicts: [], assessorsInSession: 3 }).explanations[1]).toEqual({
        code: 'PRACTICAL_PENDING',
        params: { missing: 3, assessors: 3 },
        message: 'practical: waiting for 3 of 3 assessors to sign',
      });
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
      });
      expect(outcome({ verdicts: [C, C, N], assessorsInSession: 2 })).toMatchObject({
        status: 'passed',
        practicalPassed: true,
      });
    });
  });

  describe('both parts', () => {
    it('fails when both fail, giving both reasons', () => {
      expect(outcome({ overallShare: 0.6, verdicts: [C, N] })).toMatchObject({
        status: 'failed',
        theoryPassed: false,
        practicalPassed: false,
        reason:
          'theory: the test 60% is below the pass mark 70%; practical: 1 of 2 assessors recorded competent, no majority',
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
      expect(outcome({ overallShare: 0.5, verdicts: [N] })).toMatchObject({
        status: 'pending',
        theoryPassed: false,
        practicalPassed: null,
      });
    });

    it('is pending with nothing in yet', () => {
      expect(outcome({ theoryShare: null, overallShare: null, verdicts: [] })).toMatchObject({
        status: 'pending',
        theoryPassed: null,
        practicalPassed: null,
        reason: 'theory: waiting for the test result; practical: waiting for 2 of 2 assessors to sign',
      });
    });
  });

  describe('invalid input', () => {
    it.each<[string, Partial<SkillExamInput>]>([
      ['theoryShare', { theoryShare: 1.01 }],
      ['theoryShare', { theoryShare: -0.1 }],
      ['theoryShare', { theoryShare: Number.NaN }],
      ['overallShare', { overallShare: 1.5 }],
      ['passMark', { passMark: 70 }],
      ['passMark', { passMark: -0.5 }],
      ['passMark', { passMark: Number.POSITIVE_INFINITY }],
      ['skillFloor', { skillFloor: 50 }],
      ['assessorsInSession', { assessorsInSession: 0 }],
      ['assessorsInSession', { assessorsInSession: -1 }],
      ['assessorsInSession', { assessorsInSession: 1.5 }],
    ])('throws VALIDATION_FAILED naming %s', (field, overrides) => {
      const error = thrown(() => outcome(overrides));
      expect(error.code).toBe('VALIDATION_FAILED');
      expect(error.details).toEqual({ fields: [expect.objectContaining({ field })] });
    });

    it('names every field at fault at once', () => {
      const error = thrown(() =>
        outcome({ theoryShare: 2, overallShare: 2, passMark: 2, skillFloor: 2, assessorsInSession: 0 }),
      );
      expect(error.message).toBe('The skill exam outcome cannot be computed');
      expect((error.details as { fields: { field: string }[] }).fields.map((f) => f.field)).toEqual([
        'theoryShare',
        'overallShare',
        'passMark',
        'skillFloor',
        'assessorsInSession',
      ]);
    });
  });
});
