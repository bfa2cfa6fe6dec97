import request from 'supertest';
import type { App } from 'supertest/types';
import { eligibleApplications, ExamDay, scheduleSession, sitTheoryTest, wrongOption } from '../utils/exam-day';
import { startExamDayApp } from '../utils/exam-day-app';
import { bearer, login, TestSession } from '../utils/fixtures';
import { TestContext } from '../utils/test-app';

jest.setTimeout(120000);

/**
 * The attack of issue 17 (item 4): after a bad theory test the candidate withdrew the application
 * and applied again at once, dodging the retake wait, and was enrolled anew with a fresh draw while
 * the old enrolment kept its seat. Once a result exists, a withdrawal now counts as not awarded for
 * the retake rule and frees the seat; before any result it is free, as it was (docs/CANDIDATES.md).
 */
describe('abuse: withdrawing to dodge the retake wait', () => {
  let ctx: TestContext;
  let server: App;
  let day: ExamDay;

  beforeAll(async () => {
    ({ ctx, server, day } = await startExamDayApp());
  });
  afterAll(() => ctx.close());

  /** A fresh candidate enrolled in a new session of one seat. */
  async function enrolled() {
    const session = await scheduleSession(ctx, day, { capacity: 1 });
    const [app] = await eligibleApplications(ctx, day, 1);
    const enrolment = (
      await request(server)
        .post(`/api/v1/sessions/${session.id}/enrolments`)
        .set(...bearer(day.manager))
        .send({ applicationId: app.applicationId })
        .expect(201)
    ).body as { id: string; examinedSkillIds: string[] };
    return { session, enrolment, applicationId: app.applicationId, candidate: await login(server, app.candidate) };
  }

  const withdraw = (candidate: TestSession, applicationId: string) =>
    request(server)
      .post(`/api/v1/applications/${applicationId}/withdraw`)
      .set(...bearer(candidate))
      .expect(200);

  const applyAgain = (candidate: TestSession) =>
    request(server)
      .post('/api/v1/applications')
      .set(...bearer(candidate))
      .send({
        centreId: day.centreId,
        cardId: day.cardId,
        pathway: 'assessment',
        additionalFunctionIds: day.additionalFunctionIds,
      });

  /** The seat is free again: the session counts no one, and the enrolment is withdrawn. */
  async function expectSeatFreed(sessionId: string, enrolmentId: string) {
    const session = (
      await request(server)
        .get(`/api/v1/sessions/${sessionId}`)
        .set(...bearer(day.manager))
        .expect(200)
    ).body as { enrolledCount: number; enrolments: { id: string; status: string }[] };
    expect(session.enrolledCount).toBe(0);
    expect(session.enrolments.find((e) => e.id === enrolmentId)?.status).toBe('withdrawn');
  }

  const opensOn = (days: number): string => {
    const today = new Date();
    return new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + days))
      .toISOString()
      .slice(0, 10);
  };

  it('after a submitted theory test: the retake wait applies, and the seat is freed', async () => {
    const { session, enrolment, applicationId, candidate } = await enrolled();
    await sitTheoryTest(ctx, candidate, enrolment.id, wrongOption);

    expect((await withdraw(candidate, applicationId)).body.status).toBe('withdrawn');
    await expectSeatFreed(session.id, enrolment.id);
    const refused = await applyAgain(candidate).expect(409);
    // The program's wait (30 days by default), from today, as after a decision that did not award.
    expect(refused.body).toMatchObject({ code: 'RETAKE_TOO_EARLY', details: { opensOn: opensOn(30) } });
    const [audit] = await ctx.dataSource.query<{ after: Record<string, unknown> }[]>(
      "SELECT after FROM audit_log WHERE entity_id = $1 AND action = 'application.withdraw'",
      [applicationId],
    );
    expect(audit.after).toMatchObject({ status: 'withdrawn', afterResults: true, retakeWaitDays: 30 });
  });

  it('after a practical verdict alone: the retake wait applies too', async () => {
    const { session, enrolment, applicationId, candidate } = await enrolled();
    await request(server)
      .put(`/api/v1/enrolments/${enrolment.id}/practical/${enrolment.examinedSkillIds[0]}`)
      .set(...bearer(day.assessors[0]))
      .send({ verdict: 'not_yet_competent', abilitiesObserved: [], comment: 'Не справился с заданием' })
      .expect(200);
    await withdraw(candidate, applicationId);
    await expectSeatFreed(session.id, enrolment.id);
    expect((await applyAgain(candidate).expect(409)).body.code).toBe('RETAKE_TOO_EARLY');
  });

  it('before any result: the candidate may apply again at once, and the seat is freed', async () => {
    const { session, enrolment, applicationId, candidate } = await enrolled();
    await withdraw(candidate, applicationId);
    await expectSeatFreed(session.id, enrolment.id);
    expect((await applyAgain(candidate).expect(201)).body.status).toBe('draft');
  });
});
