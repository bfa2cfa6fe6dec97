import request from 'supertest';
import type { App } from 'supertest/types';
import { enrolledCandidate, ExamDay, prepareExamDay, rightOptions, TestItem } from '../utils/exam-day';
import { bearer, TestSession } from '../utils/fixtures';
import { createTestApp, TestContext } from '../utils/test-app';

jest.setTimeout(120000);

interface Test {
  id: string;
  items: TestItem[];
}

/**
 * The attack of issue 17 (item 3): options were shuffled for display but kept the author's ids
 * `a`…`h`, the same for every candidate, so answering `a` everywhere scored every single-choice
 * item whose author put the key first. Each test now shows its own random ids (docs/ASSESSMENT.md §4).
 */
describe('abuse: reading the answer key from option ids', () => {
  let ctx: TestContext;
  let server: App;
  let day: ExamDay;

  beforeAll(async () => {
    ctx = await createTestApp();
    server = ctx.app.getHttpServer();
    // The bank puts the key first in both single-choice questions: `a` was their answer.
    day = await prepareExamDay(ctx);
  });
  afterAll(() => ctx.close());

  const start = async (candidate: TestSession, enrolmentId: string): Promise<Test> =>
    (
      await request(server)
        .post(`/api/v1/enrolments/${enrolmentId}/theory-test`)
        .set(...bearer(candidate))
        .expect(200)
    ).body as Test;

  const save = (candidate: TestSession, test: Test, position: number, optionIds: string[]) =>
    request(server)
      .put(`/api/v1/theory-tests/${test.id}/answers/${position}`)
      .set(...bearer(candidate))
      .send({ optionIds });

  const submit = async (candidate: TestSession, test: Test) =>
    (
      await request(server)
        .post(`/api/v1/theory-tests/${test.id}/submit`)
        .set(...bearer(candidate))
        .expect(200)
    ).body.score as { overall: { correct: number; total: number } };

  it('scores nothing for `a` on every item, nor for one item’s id answered on every item', async () => {
    const { enrolment, candidate } = await enrolledCandidate(ctx, day);
    const test = await start(candidate, enrolment.id);
    expect(test.items.length).toBeGreaterThan(2);

    // The author's ids are no option of any item.
    for (const author of ['a', 'b']) {
      for (const item of test.items) {
        const refused = await save(candidate, test, item.position, [author]).expect(400);
        expect(refused.body).toMatchObject({ code: 'VALIDATION_FAILED' });
        expect(refused.body.details.fields[0].field).toBe('optionIds');
      }
    }

    // Every id shown is the test's own: none of the author's, none on two items.
    const shown = test.items.flatMap((item) => item.options.map((o) => o.id));
    expect(new Set(shown).size).toBe(shown.length);
    for (const id of shown) expect(id).not.toMatch(/^[a-h]$/);

    // The first item's right answer, sent for every item: it is an option of the first alone.
    const [first] = test.items;
    const [key] = rightOptions(first);
    for (const item of test.items) {
      await save(candidate, test, item.position, [key]).expect(item.position === first.position ? 204 : 400);
    }
    const score = await submit(candidate, test);
    expect(score.overall).toMatchObject({ correct: first.type === 'single' ? 1 : 0, total: test.items.length });
  });

  it('gives each test its own ids, and scores an answer by the option the author marked', async () => {
    const one = await enrolledCandidate(ctx, day);
    const two = await enrolledCandidate(ctx, day);
    const testOne = await start(one.candidate, one.enrolment.id);
    const testTwo = await start(two.candidate, two.enrolment.id);
    const idsOne = new Set(testOne.items.flatMap((item) => item.options.map((o) => o.id)));
    const idsTwo = testTwo.items.flatMap((item) => item.options.map((o) => o.id));
    expect(idsTwo.filter((id) => idsOne.has(id))).toEqual([]);

    // A right answer is found by what it says, never by its id: it scores in full.
    for (const item of testTwo.items) await save(two.candidate, testTwo, item.position, rightOptions(item)).expect(204);
    const score = await submit(two.candidate, testTwo);
    expect(score.overall).toEqual({ correct: testTwo.items.length, total: testTwo.items.length, share: 1 });
    // The answers read back in the ids the candidate was shown.
    const view = (
      await request(server)
        .get(`/api/v1/theory-tests/${testTwo.id}`)
        .set(...bearer(two.candidate))
        .expect(200)
    ).body as Test & { items: (TestItem & { answer: string[] })[] };
    for (const item of view.items) expect(item.answer).toEqual([...rightOptions(item)].sort());
  });
});
