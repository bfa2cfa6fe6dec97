import { programReadiness, ProgramReadinessInput } from './program-readiness';
import { thrown, inEnglish } from '@qualcert/shared/testing';

function readiness(overrides: Partial<ProgramReadinessInput> = {}) {
  return programReadiness({
    skillIds: ['s1', 's2'],
    tasksBySkill: { s1: 1, s2: 3 },
    activeQuestionsBySkill: { s1: 5, s2: 12 },
    questionsPerSkill: 5,
    skillFloorPercent: 50,
    ...overrides,
  });
}

const NO_TASK = expect.objectContaining({ code: 'SKILL_HAS_NO_TASK' });
const few = (questions: number, needed: number) =>
  expect.objectContaining({
    code: 'SKILL_HAS_TOO_FEW_QUESTIONS',
    params: expect.objectContaining({ questions, needed }),
  });

describe('programReadiness', () => {
  it('is ready when every examined skill has a task and enough questions, at the boundary', () => {
    expect(readiness()).toEqual({ ready: true, missing: [], settings: [] });
  });

  it('names a skill without a practical task', () => {
    expect(readiness({ tasksBySkill: { s1: 1, s2: 0 } })).toEqual({
      ready: false,
      missing: [{ skillId: 's2', reasons: [NO_TASK] }],
      settings: [],
    });
  });

  it('treats a skill absent from the task counts as having none', () => {
    expect(readiness({ tasksBySkill: { s1: 1 } }).missing).toEqual([{ skillId: 's2', reasons: [NO_TASK] }]);
  });

  it('names a skill one question short', () => {
    expect(readiness({ activeQuestionsBySkill: { s1: 4, s2: 12 } })).toEqual({
      ready: false,
      missing: [{ skillId: 's1', reasons: [few(4, 5)] }],
      settings: [],
    });
  });

  it('names the skill by its number and title', () => {
    const named = readiness({
      tasksBySkill: { s1: 1 },
      activeQuestionsBySkill: { s1: 5, s2: 1 },
      skillNames: { s2: { number: '3.2', title: 'Консультирует клиентов' } },
    });
    expect(named.missing[0].reasons.map((r) => r.message)).toEqual([
      'skill 3.2 “Консультирует клиентов” has no practical task',
      'skill 3.2 “Консультирует клиентов”: 1 of the 5 active questions needed',
    ]);
    expect(named.missing[0].reasons[0].params).toEqual({ skill: '3.2', title: 'Консультирует клиентов' });
  });

  it('counts 1 and 0 active questions', () => {
    expect(readiness({ activeQuestionsBySkill: { s1: 1 } }).missing).toEqual([
      { skillId: 's1', reasons: [few(1, 5)] },
      { skillId: 's2', reasons: [few(0, 5)] },
    ]);
  });

  it('gives every reason of every skill, in the order of the skills', () => {
    expect(
      readiness({
        skillIds: ['s3', 's1', 's2'],
        tasksBySkill: { s1: 2 },
        activeQuestionsBySkill: { s1: 5, s2: 2 },
      }),
    ).toEqual({
      ready: false,
      missing: [
        { skillId: 's3', reasons: [NO_TASK, few(0, 5)] },
        { skillId: 's2', reasons: [NO_TASK, few(2, 5)] },
      ],
      settings: [],
    });
  });

  it('ignores counts of skills it does not examine', () => {
    expect(
      readiness({ tasksBySkill: { s1: 1, s2: 1, extra: 0 }, activeQuestionsBySkill: { s1: 5, s2: 5, extra: 0 } }),
    ).toEqual({ ready: true, missing: [], settings: [] });
  });

  it('lists a skill named twice once', () => {
    expect(readiness({ skillIds: ['s2', 's2'], tasksBySkill: {} }).missing).toEqual([
      { skillId: 's2', reasons: [NO_TASK] },
    ]);
  });

  it('treats negative, fractional and non-finite counts conservatively', () => {
    expect(
      readiness({
        skillIds: ['a', 'b', 'c'],
        tasksBySkill: { a: -1, b: Number.NaN, c: 0.5 },
        activeQuestionsBySkill: { a: 5.9, b: Number.POSITIVE_INFINITY, c: 5 },
      }).missing,
    ).toEqual([
      { skillId: 'a', reasons: [NO_TASK] },
      { skillId: 'b', reasons: [NO_TASK, few(0, 5)] },
      { skillId: 'c', reasons: [NO_TASK] },
    ]);
  });

  it('does not read inherited properties as counts', () => {
    expect(
      readiness({ skillIds: ['constructor', 'toString'], tasksBySkill: {}, activeQuestionsBySkill: {} }).missing,
    ).toEqual([
      { skillId: 'constructor', reasons: [NO_TASK, few(0, 5)] },
      { skillId: 'toString', reasons: [NO_TASK, few(0, 5)] },
    ]);
  });

  it('is not ready with no skill to examine, though no skill is at fault', () => {
    expect(readiness({ skillIds: [] })).toEqual({ ready: false, missing: [], settings: [] });
  });

  it('needs one question a skill when questionsPerSkill is 1', () => {
    expect(readiness({ questionsPerSkill: 1, skillFloorPercent: 0, activeQuestionsBySkill: { s1: 1, s2: 1 } })).toEqual(
      { ready: true, missing: [], settings: [] },
    );
  });

  it.each([0, -3, 2.5, Number.NaN])('throws VALIDATION_FAILED for questionsPerSkill %p', (questionsPerSkill) => {
    const error = thrown(() => readiness({ questionsPerSkill }));
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(inEnglish(error.details)).toEqual({
      fields: [{ field: 'questionsPerSkill', messages: ['questionsPerSkill must be a whole number of at least 1'] }],
    });
  });

  describe('settings', () => {
    it('is not ready when one wrong answer fails a skill, naming both settings', () => {
      expect(readiness({ questionsPerSkill: 1, activeQuestionsBySkill: { s1: 1, s2: 1 } })).toEqual({
        ready: false,
        missing: [],
        settings: [
          {
            code: 'SETTINGS_ONE_WRONG_ANSWER_FAILS_SKILL',
            params: { questionsPerSkill: 1, skillFloorPercent: 50 },
            message:
              'with 1 questions per skill and a floor of 50%, one wrong answer fails a skill: ask more questions or lower the floor',
            fields: ['questionsPerSkill', 'skillFloorPercent'],
          },
        ],
      });
    });

    it('is ready at the boundary: 2 questions and a floor of 50 %', () => {
      expect(readiness({ questionsPerSkill: 2, skillFloorPercent: 50 }).ready).toBe(true);
      expect(readiness({ questionsPerSkill: 2, skillFloorPercent: 51 }).ready).toBe(false);
    });

    it('is ready with one question a skill when the floor is 0', () => {
      expect(readiness({ questionsPerSkill: 1, skillFloorPercent: 0 }).settings).toEqual([]);
    });
  });
});
