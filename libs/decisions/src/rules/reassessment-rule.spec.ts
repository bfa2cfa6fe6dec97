import {
  checkReassessmentRecord,
  ReassessmentRecordInput,
  reassessmentResolution,
  skillResolution,
} from './reassessment-rule';
import { thrown } from '@qualcert/shared/testing';

const record = (overrides: Partial<ReassessmentRecordInput> = {}) =>
  checkReassessmentRecord({
    recognition: 'recommended',
    result: 'passed',
    reExamination: null,
    passMark: 0.7,
    ...overrides,
  });

describe('checkReassessmentRecord', () => {
  it('lets a recommended skill be re-assessed on the record (a note)', () => {
    expect(() => record()).not.toThrow();
    expect(() => record({ result: 'failed' })).not.toThrow();
  });

  it('refuses to credit a not-recommended skill by a note (422 RE_EXAMINATION_REQUIRED)', () => {
    const error = thrown(() => record({ recognition: 'not_recommended' }));
    expect(error.code).toBe('RE_EXAMINATION_REQUIRED');
    expect(error.details).toMatchObject({ fields: [{ field: 'reExamination' }] });
    expect(thrown(() => record({ recognition: 'not_recommended', reExamination: {} })).code).toBe(
      'RE_EXAMINATION_REQUIRED',
    );
    expect(
      thrown(() =>
        record({ recognition: 'not_recommended', reExamination: { theory: undefined, practical: undefined } }),
      ).code,
    ).toBe('RE_EXAMINATION_REQUIRED');
  });

  it('lets a not-recommended skill fail on a note: nothing is credited', () => {
    expect(() => record({ recognition: 'not_recommended', result: 'failed' })).not.toThrow();
  });

  it.each([
    ['a theory re-test at the pass mark', { theory: { correct: 7, total: 10 } }],
    ['a practical observation of competent', { practical: { verdict: 'competent' as const } }],
    ['both', { theory: { correct: 3, total: 3 }, practical: { verdict: 'competent' as const } }],
  ])('credits a not-recommended skill on %s', (_, reExamination) => {
    expect(() => record({ recognition: 'not_recommended', reExamination })).not.toThrow();
  });

  it.each([
    ['a theory re-test below the pass mark', { theory: { correct: 2, total: 3 } }, ['reExamination.theory']],
    [
      'a practical of not yet competent',
      { practical: { verdict: 'not_yet_competent' as const } },
      ['reExamination.practical'],
    ],
    [
      'both failing',
      { theory: { correct: 0, total: 3 }, practical: { verdict: 'not_yet_competent' as const } },
      ['reExamination.theory', 'reExamination.practical'],
    ],
  ])('refuses a pass contradicted by %s (422 RE_EXAMINATION_CONTRADICTS)', (_, reExamination, fields) => {
    const error = thrown(() => record({ recognition: 'not_recommended', reExamination }));
    expect(error.code).toBe('RE_EXAMINATION_CONTRADICTS');
    expect((error.details as { fields: { field: string }[] }).fields.map((f) => f.field)).toEqual(fields);
  });

  it('refuses a failure when every part recorded passed', () => {
    const error = thrown(() => record({ result: 'failed', reExamination: { practical: { verdict: 'competent' } } }));
    expect(error.code).toBe('RE_EXAMINATION_CONTRADICTS');
  });

  it('accepts a failure when one part failed', () => {
    expect(() =>
      record({
        result: 'failed',
        reExamination: { theory: { correct: 3, total: 3 }, practical: { verdict: 'not_yet_competent' } },
      }),
    ).not.toThrow();
  });

  it.each([
    { correct: 4, total: 3 },
    { correct: -1, total: 3 },
    { correct: 1, total: 0 },
    { correct: 1.5, total: 3 },
  ])('refuses a theory re-test that cannot be (%o) with 400 naming it', (theory) => {
    const error = thrown(() => record({ reExamination: { theory } }));
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details).toMatchObject({ fields: [{ field: 'reExamination.theory' }] });
  });
});

describe('skillResolution: the panel’s majority per skill', () => {
  it.each<[('passed' | 'failed')[], number, string]>([
    [['passed', 'passed'], 2, 'credited'],
    [['passed', 'failed'], 2, 'not_credited'], // a tie does not credit
    [['failed', 'passed'], 2, 'not_credited'],
    [['failed', 'failed'], 2, 'not_credited'],
    [['passed', 'passed', 'failed'], 3, 'credited'],
    [['passed', 'failed', 'failed'], 3, 'not_credited'],
    [['passed', 'passed', 'failed', 'failed'], 4, 'not_credited'],
    [['passed'], 2, 'pending'], // the first member to write does not decide
    [['failed'], 2, 'pending'],
    [[], 3, 'pending'],
  ])('%j of a panel of %i: %s', (verdicts, members, status) => {
    expect(skillResolution('s1', verdicts, members).status).toBe(status);
  });

  it('explains itself as a code with parameters', () => {
    expect(skillResolution('s1', ['passed', 'failed'], 2).explanation).toEqual({
      code: 'PANEL_SKILL_NO_MAJORITY',
      params: { credit: 1, members: 2 },
      message: '1 of 2 panel members credit the skill: no majority, not credited',
    });
    expect(skillResolution('s1', ['passed'], 3).explanation).toMatchObject({
      code: 'PANEL_SKILL_PENDING',
      params: { missing: 2, members: 3 },
    });
    expect(skillResolution('s1', ['passed', 'passed'], 2).explanation.code).toBe('PANEL_SKILL_MAJORITY_CREDITS');
  });
});

describe('reassessmentResolution', () => {
  it('is complete only when every member has a verdict on every contested skill', () => {
    const verdicts = [
      { skillId: 's1', result: 'passed' as const },
      { skillId: 's1', result: 'passed' as const },
      { skillId: 's2', result: 'passed' as const },
    ];
    const partial = reassessmentResolution(['s1', 's2'], verdicts, 2);
    expect(partial.complete).toBe(false);
    expect(partial.skills.map((s) => [s.skillId, s.status])).toEqual([
      ['s1', 'credited'],
      ['s2', 'pending'],
    ]);
    const split = reassessmentResolution(['s1', 's2'], [...verdicts, { skillId: 's2', result: 'failed' }], 2);
    expect(split.complete).toBe(true);
    expect(split.skills.map((s) => s.status)).toEqual(['credited', 'not_credited']);
  });

  it('ignores verdicts on skills that are not contested', () => {
    const result = reassessmentResolution(['s1'], [{ skillId: 'x', result: 'passed' }], 1);
    expect(result.skills).toHaveLength(1);
    expect(result.complete).toBe(false);
  });
});
