import { randomUUID } from 'node:crypto';
import { getQueueToken } from '@nestjs/bullmq';
import { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import request from 'supertest';
import type { App } from 'supertest/types';
import { DecisionsService, DecisionProcessor } from '@qualcert/decisions';
import { NotificationsService, NotifyPayload } from '@qualcert/notifications';
import { QUEUES } from '@qualcert/shared';
import {
  assessedApplication,
  eligibleApplicationFor,
  examine,
  ExamDay,
  scheduleSession,
  Skill,
  uploadEvidence,
} from './utils/exam-day';
import { startExamDayApp } from './utils/exam-day-app';
import { bearer, eventually, login, newSession, TestSession } from './utils/fixtures';
import { HeldRow, lockWaiters, withQueuePaused } from './utils/races';
import { TestContext } from './utils/test-app';

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
            creditedSkillIds: string[];
            result: {
              conclusion: { skillsToImprove: { skillId: string; abilities: string[] }[] };
              reasoning: { skills: { skillId: string; basis: string | null; carriedCredit: unknown }[] }[];
            };
          }[],
      );

  beforeAll(async () => {
    ({ ctx, worker, server, day } = await startExamDayApp({ worker: true }));
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

  it('leaves one decision when two workers race: one computes, the other skips on the unique index; so does a job run twice', async () => {
    const decisions = worker.get(DecisionsService);
    const queue = worker.get<Queue>(getQueueToken(QUEUES.decisions));
    // The workflow's own job waits in the paused queue while two computations race.
    const { applicationId, outcomes } = await withQueuePaused(worker, DecisionProcessor, async () => {
      const { applicationId: id } = await assessed();
      const held = await HeldRow.hold('application', id);
      let racing: Promise<string[]>;
      try {
        racing = Promise.all([decisions.compute(id), decisions.compute(id)]);
        // Both have read the application (no decision yet) and wait on its lock.
        await lockWaiters(ctx.dataSource, 2);
      } finally {
        await held.release();
      }
      return { applicationId: id, outcomes: await racing };
    });
    expect([...outcomes].sort()).toEqual(['computed', 'skipped']);
    const count = async () =>
      (
        await ctx.dataSource.query('SELECT COUNT(*)::int AS n FROM decision WHERE application_id = $1', [applicationId])
      )[0].n as number;
    expect(await count()).toBe(1);
    // The workflow's job, run once the queue resumes, and the same job run again: both skip.
    const [event] = await eventually(
      () =>
        ctx.dataSource.query<{ id: string }[]>(
          `SELECT id FROM outbox_event WHERE event_type = 'application.awaiting_decision'
              AND payload->>'applicationId' = $1 AND dispatched_at IS NOT NULL`,
          [applicationId],
        ),
      (rows) => rows.length === 1,
    );
    const job = await eventually(
      () => queue.getJob(`decision-${applicationId}-${event.id}`),
      (j) => j?.finishedOn !== undefined,
    );
    expect(job?.returnvalue).toBe('skipped');
    expect(await decisions.compute(applicationId)).toBe('skipped');
    expect(await count()).toBe(1);
  });

  const firstDecision = async (applicationId: string) =>
    (
      await eventually(
        () => decisionsOf(day.manager, applicationId),
        (d) => d.length > 0,
      )
    )[0];

  it('lets no manager who checked the application’s documents sign its decision (403); another manager of the centre signs', async () => {
    const { applicationId } = await assessed();
    const decision = await firstDecision(applicationId);
    // The manager about to sign had confirmed the candidate's diploma in this application's check.
    await ctx.dataSource.query('UPDATE candidate_education SET checked_by = $1 WHERE checked_application_id = $2', [
      day.manager.id,
      applicationId,
    ]);
    const refused = await request(server)
      .post(`/api/v1/decisions/${decision.id}/approve`)
      .set(...bearer(day.manager))
      .expect(403);
    expect(refused.body).toEqual({
      statusCode: 403,
      code: 'FORBIDDEN',
      message: 'Сіз бұл өтінішті бағалауға қатыстыңыз (оның құжаттарын тексердіңіз): шешімге басқа менеджер қол қояды.',
    });
    expect((await firstDecision(applicationId)).status).toBe('pending_signoff');
    const other = await login(server, day.checker);
    const approved = await request(server)
      .post(`/api/v1/decisions/${decision.id}/approve`)
      .set(...bearer(other))
      .expect(200);
    expect(approved.body).toMatchObject({ status: 'approved', signedBy: day.checker.id });
  });

  it('sets no retake wait after an awarded decision: the candidate may apply for the card again at once', async () => {
    const { applicationId, candidate } = await assessed();
    const decision = await firstDecision(applicationId);
    const approved = await request(server)
      .post(`/api/v1/decisions/${decision.id}/approve`)
      .set(...bearer(day.manager))
      .expect(200);
    // The program's wait (30 days) is fixed on the decision, and comes to no date for an award.
    expect(approved.body).toMatchObject({ outcome: 'awarded', terms: { retakeWaitDays: 30, retakeOpensOn: null } });
    const again = await request(server)
      .post('/api/v1/applications')
      .set(...bearer(candidate))
      .send({ centreId: day.centreId, cardId: day.cardId, pathway: 'assessment' })
      .expect(201);
    expect(again.body.status).toBe('draft');
  });

  it('tells each recipient once per event: the notify job run again, or two at once, tells nobody twice', async () => {
    const { applicationId, candidate } = await assessed();
    const decision = await firstDecision(applicationId);
    await request(server)
      .post(`/api/v1/decisions/${decision.id}/approve`)
      .set(...bearer(day.manager))
      .expect(200);
    const told = () =>
      request(server)
        .get('/api/v1/me/notifications')
        .set(...bearer(candidate))
        .then((r) => (r.body as { kind: string; subjectId: string }[]).filter((n) => n.subjectId === decision.id));
    // The worker's notify job for the signing.
    await eventually(told, (n) => n.length === 1);
    const [event] = await ctx.dataSource.query<{ id: string; payload: Omit<NotifyPayload, 'outboxEventId'> }[]>(
      `SELECT id, payload FROM outbox_event WHERE event_type = 'notification.requested' AND payload->>'subjectId' = $1`,
      [decision.id],
    );
    const notifications = worker.get(NotificationsService);
    const again = { ...event.payload, outboxEventId: event.id };
    expect(await Promise.all([notifications.notify(again), notifications.notify(again)])).toEqual([0, 0]);
    expect(await told()).toEqual([expect.objectContaining({ kind: 'decision.approved' })]);

    // An event for the centre's managers, its job run twice at once: each manager is told once.
    const managers = await ctx.dataSource.query<{ user_id: string }[]>(
      `SELECT s.user_id FROM centre_staff s JOIN app_user u ON u.id = s.user_id
        WHERE s.centre_id = $1 AND u.role = 'centre_manager' AND u.status = 'active'`,
      [day.centreId],
    );
    expect(managers.length).toBeGreaterThanOrEqual(2);
    // An event id of its own, beyond any the outbox has given.
    const lodged = {
      kind: 'appeal.lodged',
      subjectId: randomUUID(),
      applicationId,
      outboxEventId: (2n ** 62n + BigInt(Date.now())).toString(),
    };
    const [first, second] = await Promise.all([notifications.notify(lodged), notifications.notify(lodged)]);
    expect(first + second).toBe(managers.length);
    expect(await notifications.notify(lodged)).toBe(0);
    const rows = await ctx.dataSource.query<{ user_id: string; n: number }[]>(
      'SELECT user_id, COUNT(*)::int AS n FROM notification WHERE event_id = $1 GROUP BY user_id',
      [lodged.outboxEventId],
    );
    const byUser = (a: { user_id: string }, b: { user_id: string }) => (a.user_id < b.user_id ? -1 : 1);
    expect(rows.sort(byUser)).toEqual(managers.map((m) => ({ user_id: m.user_id, n: 1 })).sort(byUser));
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

  /** The candidate's retake of the day's card: a new application enrolled in a new session. */
  async function retake(candidate: TestSession) {
    const applicationId = await eligibleApplicationFor(ctx, day, candidate.id);
    const session = await scheduleSession(ctx, day);
    const enrolment = (
      await request(server)
        .post(`/api/v1/sessions/${session.id}/enrolments`)
        .set(...bearer(day.manager))
        .send({ applicationId })
        .expect(201)
    ).body as { id: string; examinedSkillIds: string[] };
    return { applicationId, enrolment };
  }

  /** A partial decision (the first mandatory skill failed, or those named), signed by the manager. */
  async function signedPartial(failSkills: number | string[] = 1) {
    const { applicationId, candidate, failed } = await assessedApplication(ctx, day, failSkills);
    const [decision] = await eventually(
      () => decisionsOf(day.manager, applicationId),
      (d) => d.length > 0,
    );
    expect(decision.outcome).toBe('partial');
    await request(server)
      .post(`/api/v1/decisions/${decision.id}/approve`)
      .set(...bearer(day.manager))
      .expect(200);
    return { candidate, failed, decision };
  }

  it('carries a partial decision’s credits into a retake: only the rest is examined, then awarded', async () => {
    const { candidate, failed, decision } = await signedPartial();
    const { applicationId, enrolment } = await retake(candidate);
    expect(enrolment.examinedSkillIds).toEqual(failed);

    const progress = await request(server)
      .get(`/api/v1/applications/${applicationId}/progress`)
      .set(...bearer(candidate))
      .expect(200);
    const routes = Object.fromEntries(
      (progress.body.skills as { skillId: string; route: string; outcome: string }[]).map((s) => [s.skillId, s]),
    );
    expect(routes[failed[0]]).toMatchObject({ route: 'exam', outcome: 'pending' });
    for (const skillId of decision.creditedSkillIds) expect(routes[skillId]).toMatchObject({ route: 'carried' });
    expect(progress.body.examSkillIds).toEqual(failed);

    await examine(ctx, day, candidate, enrolment, []);
    const [awarded] = await eventually(
      () => decisionsOf(day.manager, applicationId),
      (d) => d.length > 0,
    );
    expect(awarded.outcome).toBe('awarded');
    const bases = new Map(awarded.result.reasoning.flatMap((f) => f.skills).map((s) => [s.skillId, s.basis]));
    expect(bases.get(failed[0])).toBe('exam');
    for (const skillId of decision.creditedSkillIds) expect(bases.get(skillId)).toBe('carried');
  });

  it('lets the candidate apply for the card again once the program’s retake wait (30 days) is over', async () => {
    const { candidate, decision } = await signedPartial();
    const applyAgain = () =>
      request(server)
        .post('/api/v1/applications')
        .set(...bearer(candidate))
        .send({ centreId: day.centreId, cardId: day.cardId, pathway: 'assessment' });
    // The signing's day in UTC, by the row rather than the test's clock, and the program's 30 days.
    const [{ opensOn }] = await ctx.dataSource.query<{ opensOn: string }[]>(
      `SELECT to_char((signed_at AT TIME ZONE 'UTC')::date + 30, 'YYYY-MM-DD') AS "opensOn" FROM decision WHERE id = $1`,
      [decision.id],
    );
    const early = await applyAgain().expect(409);
    expect(early.body).toMatchObject({
      code: 'RETAKE_TOO_EARLY',
      details: { opensOn, fields: [{ field: 'cardId', messages: [`қайта тапсыру ${opensOn} бастап ашылады`] }] },
    });
    expect(early.body.message).toContain(opensOn);
    await ctx.dataSource.query("UPDATE decision SET signed_at = now() - interval '30 days' WHERE id = $1", [
      decision.id,
    ]);
    // The decided application does not count as open: the retake is a new application.
    const retakeApplication = await applyAgain().expect(201);
    expect(retakeApplication.body.status).toBe('draft');
  });

  it('refuses to enrol a retake with nothing left to examine (the rest is carried or on evidence)', async () => {
    const recommended = day.mandatory.find((s) => s.recognition === 'recommended') as Skill;
    const { candidate, decision } = await signedPartial([recommended.id]);
    await ctx.dataSource.query("UPDATE decision SET signed_at = now() - interval '30 days' WHERE id = $1", [
      decision.id,
    ]);
    const application = (
      await request(server)
        .post('/api/v1/applications')
        .set(...bearer(candidate))
        .send({ centreId: day.centreId, cardId: day.cardId, pathway: 'recognition' })
        .expect(201)
    ).body as { id: string };
    const evidence = await uploadEvidence(ctx, candidate);
    await request(server)
      .post(`/api/v1/applications/${application.id}/claims`)
      .set(...bearer(candidate))
      .send({ evidenceId: evidence.id, skillIds: [recommended.id] })
      .expect(201);
    // Eligibility is the worker's; this test writes the result to stay on the enrolment rule.
    await ctx.dataSource.query("UPDATE application SET status = 'eligible', submission = 1 WHERE id = $1", [
      application.id,
    ]);
    const session = await scheduleSession(ctx, day);
    const refused = await request(server)
      .post(`/api/v1/sessions/${session.id}/enrolments`)
      .set(...bearer(day.manager))
      .send({ applicationId: application.id })
      .expect(409);
    expect(refused.body).toMatchObject({
      code: 'NOTHING_TO_EXAMINE',
      details: { fields: [{ field: 'applicationId', messages: ['емтиханда тексерілетін дағды жоқ'] }] },
    });
    const [seats] = await ctx.dataSource.query('SELECT enrolled_count FROM exam_session WHERE id = $1', [session.id]);
    expect(seats.enrolled_count).toBe(0);
  });

  it('examines every skill again once the credit period is over (12 months by default here)', async () => {
    const { candidate, decision } = await signedPartial();
    // The last day of the credit period still counts; the day after it does not.
    await ctx.dataSource.query("UPDATE decision SET signed_at = now() - interval '12 months' WHERE id = $1", [
      decision.id,
    ]);
    const onLastDay = await retake(candidate);
    expect(onLastDay.enrolment.examinedSkillIds).toHaveLength(day.skills.length - decision.creditedSkillIds.length);
    await ctx.dataSource.query("UPDATE enrolment SET status = 'withdrawn' WHERE id = $1", [onLastDay.enrolment.id]);
    await ctx.dataSource.query("UPDATE application SET status = 'withdrawn' WHERE id = $1", [onLastDay.applicationId]);

    await ctx.dataSource.query(
      "UPDATE decision SET signed_at = now() - interval '12 months' - interval '1 day' WHERE id = $1",
      [decision.id],
    );
    const expired = await retake(candidate);
    expect(expired.enrolment.examinedSkillIds).toHaveLength(day.skills.length);
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
