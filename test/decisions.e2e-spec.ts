import { INestApplicationContext } from '@nestjs/common';
import request from 'supertest';
import type { App } from 'supertest/types';
import { DecisionsService } from '@qualcert/decisions';
import { assessedApplication, ExamDay, prepareExamDay } from './utils/exam-day';
import { bearer, eventually, newSession, TestSession } from './utils/fixtures';
import { createTestApp, TestContext } from './utils/test-app';
import { startWorker } from './utils/worker';

describe('decisions: computed by the worker, signed off by the centre', () => {
  let ctx: TestContext;
  let worker: INestApplicationContext;
  let server: App;
  let day: ExamDay;

  const assessed = (failSkills = 0) => assessedApplication(ctx, day, failSkills);

  const decisionsOf = (session: TestSession, applicationId: string) =>
    request(server)
      .get(`/api/v1/applications/${applicationId}/decisions`)
      .set(...bearer(session))
      .then(
        (r) =>
          r.body as {
            id: string;
            status: string;
            outcome: string;
            sequence: number;
            result: { conclusion: { skillsToImprove: { skillId: string; abilities: string[] }[] } };
          }[],
      );

  beforeAll(async () => {
    ctx = await createTestApp();
    worker = await startWorker();
    server = ctx.app.getHttpServer();
    day = await prepareExamDay(ctx);
  });
  afterAll(async () => {
    await worker.close();
    await ctx.close();
  });

  it('awards, and the centre’s manager signs it off; the application is decided', async () => {
    const { applicationId, candidate } = await assessed();
    const [decision] = await eventually(
      () => decisionsOf(day.manager, applicationId),
      (d) => d.length > 0,
    );
    expect(decision).toMatchObject({ status: 'pending_signoff', outcome: 'awarded', sequence: 1 });
    expect(decision.result.conclusion.skillsToImprove).toEqual([]);
    // The candidate sees the decision too.
    expect((await decisionsOf(candidate, applicationId))[0].id).toBe(decision.id);

    const approved = await request(server)
      .post(`/api/v1/decisions/${decision.id}/approve`)
      .set(...bearer(day.manager))
      .expect(200);
    expect(approved.body).toMatchObject({ status: 'approved', signedBy: day.manager.id });
    const application = await request(server)
      .get(`/api/v1/applications/${applicationId}`)
      .set(...bearer(candidate))
      .expect(200);
    expect(application.body.status).toBe('decided');
    const events = await ctx.dataSource.query(
      "SELECT 1 FROM outbox_event WHERE event_type = 'decision.approved' AND payload->>'decisionId' = $1",
      [decision.id],
    );
    expect(events).toHaveLength(1);
    const twice = await request(server)
      .post(`/api/v1/decisions/${decision.id}/approve`)
      .set(...bearer(day.manager))
      .expect(409);
    expect(twice.body.code).toBe('INVALID_TRANSITION');
  });

  it('leaves one decision when the job runs twice or two workers race', async () => {
    const { applicationId } = await assessed();
    await eventually(
      () => decisionsOf(day.manager, applicationId),
      (d) => d.length > 0,
    );
    const decisions = worker.get(DecisionsService);
    const outcomes = await Promise.all([
      decisions.compute(applicationId),
      decisions.compute(applicationId),
      decisions.compute(applicationId),
    ]);
    expect(outcomes).toEqual(['skipped', 'skipped', 'skipped']);
    const [{ n }] = await ctx.dataSource.query('SELECT COUNT(*)::int AS n FROM decision WHERE application_id = $1', [
      applicationId,
    ]);
    expect(n).toBe(1);
  });

  it('gives a partial decision with the skills to improve; a returned decision can be recomputed', async () => {
    const { applicationId, failed } = await assessed(1);
    const [decision] = await eventually(
      () => decisionsOf(day.manager, applicationId),
      (d) => d.length > 0,
    );
    expect(decision.outcome).toBe('partial');
    expect(decision.result.conclusion.skillsToImprove.map((s) => s.skillId)).toEqual(failed);
    expect(decision.result.conclusion.skillsToImprove[0].abilities.length).toBeGreaterThan(0);

    const short = await request(server)
      .post(`/api/v1/decisions/${decision.id}/return`)
      .set(...bearer(day.manager))
      .send({ reason: 'нет' })
      .expect(400);
    expect(short.body.details.fields[0].field).toBe('reason');
    await request(server)
      .post(`/api/v1/decisions/${decision.id}/return`)
      .set(...bearer(day.manager))
      .send({ reason: 'Проверить протокол практической части' })
      .expect(200);
    await request(server)
      .post(`/api/v1/applications/${applicationId}/decisions`)
      .set(...bearer(day.manager))
      .expect(202);
    const decisions = await eventually(
      () => decisionsOf(day.manager, applicationId),
      (d) => d.length > 1,
    );
    expect(decisions.map((d) => [d.sequence, d.status])).toEqual([
      [2, 'pending_signoff'],
      [1, 'returned'],
    ]);
    await request(server)
      .post(`/api/v1/applications/${applicationId}/decisions`)
      .set(...bearer(day.manager))
      .expect(409);
  });

  it('lets only the application’s centre sign off (404 for another centre’s manager)', async () => {
    const { applicationId } = await assessed();
    const [decision] = await eventually(
      () => decisionsOf(day.manager, applicationId),
      (d) => d.length > 0,
    );
    const stranger = await newSession(ctx, 'centre_manager', []);
    await request(server)
      .post(`/api/v1/decisions/${decision.id}/approve`)
      .set(...bearer(stranger))
      .expect(404);
    await request(server)
      .get(`/api/v1/applications/${applicationId}/decisions`)
      .set(...bearer(stranger))
      .expect(404);
  });
});
