import request from 'supertest';
import type { App } from 'supertest/types';
import { enrolledCandidate, ExamDay, rightOptions, sitTheoryTest, TestItem, wrongOption } from './utils/exam-day';
import { startExamDayApp } from './utils/exam-day-app';
import { bearer, TestSession } from './utils/fixtures';
import { TestContext } from './utils/test-app';

type Item = TestItem;
type Score = { overall: { share: number }; perSkill: { skillId: string; correct: number; total: number }[] };

/**
 * The theory pass mark (docs/ASSESSMENT.md §2, §5): an overall mark on the whole test (70 %) and
 * a per-skill floor (50 %), three questions a skill.
 */
describe('the theory pass mark: overall mark and per-skill floor', () => {
  let ctx: TestContext;
  let server: App;
  let day: ExamDay;

  beforeAll(async () => {
    ({ ctx, server, day } = await startExamDayApp({
      settings: { questionsPerSkill: 3, passMarkPercent: 70, skillFloorPercent: 50 },
    }));
  });
  afterAll(() => ctx.close());

  /** Answers the test: `wrongIn(item, indexInSkill)` says which items to get wrong. */
  async function sitTest(
    candidate: TestSession,
    enrolmentId: string,
    wrong: (item: Item, indexInSkill: number) => boolean,
  ): Promise<Score> {
    const seen = new Map<string, number>();
    const submitted = await sitTheoryTest<{ score: Score }>(ctx, candidate, enrolmentId, (item) => {
      const index = seen.get(item.skillId) ?? 0;
      seen.set(item.skillId, index + 1);
      return wrong(item, index) ? wrongOption(item) : rightOptions(item);
    });
    return submitted.score;
  }

  async function theoryOf(enrolmentId: string, skillId: string) {
    const results = (
      await request(server)
        .get(`/api/v1/enrolments/${enrolmentId}/results`)
        .set(...bearer(day.manager))
        .expect(200)
    ).body;
    expect(results).toMatchObject({ passMark: 0.7, skillFloor: 0.5 });
    const skill = results.skills.find((s: { skillId: string }) => s.skillId === skillId);
    return { ...skill, overallShare: results.overallShare };
  }

  it('passes a skill with 2 of 3 right when the whole test reaches the pass mark', async () => {
    const { enrolment, candidate } = await enrolledCandidate(ctx, day);
    const skillId = enrolment.examinedSkillIds[0];
    const score = await sitTest(candidate, enrolment.id, (item, i) => item.skillId === skillId && i === 0);
    expect(score.perSkill.find((s) => s.skillId === skillId)).toMatchObject({ correct: 2, total: 3 });
    expect(score.overall.share).toBeGreaterThanOrEqual(0.7);
    const theory = await theoryOf(enrolment.id, skillId);
    expect(theory.theoryPassed).toBe(true);
    expect(theory.explanations[0]).toMatchObject({ code: 'THEORY_MET', params: { skill: '66.67%', floor: '50%' } });
  });

  it('fails the same 2 of 3 when the whole test misses the pass mark', async () => {
    const { enrolment, candidate } = await enrolledCandidate(ctx, day);
    const skillId = enrolment.examinedSkillIds[0];
    // One wrong answer in every skill: 2 of 3 everywhere, 66.67 % overall.
    const score = await sitTest(candidate, enrolment.id, (_, i) => i === 0);
    expect(score.perSkill.find((s) => s.skillId === skillId)).toMatchObject({ correct: 2, total: 3 });
    expect(score.overall.share).toBeLessThan(0.7);
    const theory = await theoryOf(enrolment.id, skillId);
    expect(theory.theoryPassed).toBe(false);
    expect(theory.explanations[0]).toMatchObject({
      code: 'THEORY_OVERALL_BELOW_PASS_MARK',
      params: { overall: '66.67%', passMark: '70%' },
    });
  });

  it('fails a skill below the floor (1 of 3) although the whole test passes', async () => {
    const { enrolment, candidate } = await enrolledCandidate(ctx, day);
    const skillId = enrolment.examinedSkillIds[0];
    const score = await sitTest(candidate, enrolment.id, (item, i) => item.skillId === skillId && i < 2);
    expect(score.overall.share).toBeGreaterThanOrEqual(0.7);
    const theory = await theoryOf(enrolment.id, skillId);
    expect(theory.theoryPassed).toBe(false);
    expect(theory.explanations[0]).toMatchObject({ code: 'THEORY_SKILL_BELOW_FLOOR', params: { skill: '33.33%' } });
    // The other skills, all right, are met.
    const other = await theoryOf(enrolment.id, enrolment.examinedSkillIds[1]);
    expect(other.theoryPassed).toBe(true);
  });
});
