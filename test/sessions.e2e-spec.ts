import { INestApplicationContext } from '@nestjs/common';
import request from 'supertest';
import type { App } from 'supertest/types';
import { TheoryDeadlineSweeper } from '@qualcert/assessment';
import { QUEUES } from '@qualcert/shared';
import {
  eligibleApplications,
  ExamDay,
  prepareExamDay,
  rightOptions,
  scheduleSession,
  TestItem,
  wrongOption,
} from './utils/exam-day';
import { bearer, eventually, login, newSession } from './utils/fixtures';
import { withQueue } from './utils/queues';
import { createTestApp, TestContext } from './utils/test-app';
import { startWorker } from './utils/worker';

const TEST_FIELDS = [
  'deadlineAt',
  'enrolmentId',
  'id',
  'items',
  'score',
  'secondsLeft',
  'startedAt',
  'status',
  'submittedAt',
  'submittedBy',
];

describe('exam sessions, enrolment and the theory test (through the real worker)', () => {
  let ctx: TestContext;
  let worker: INestApplicationContext;
  let server: App;
  let day: ExamDay;

  const enrol = (sessionId: string, applicationId: string) =>
    request(server)
      .post(`/api/v1/sessions/${sessionId}/enrolments`)
      .set(...bearer(day.manager))
      .send({ applicationId });

  const deadlineJob = (testId: string) =>
    withQueue(QUEUES.theoryDeadline, async (queue) => {
      const job = await queue.getJob(`theory-deadline-${testId}`);
      return { state: await job?.getState(), returnvalue: job?.returnvalue as unknown };
    });

  beforeAll(async () => {
    ctx = await createTestApp();
    worker = await startWorker();
    // Its timer stopped: a test shows which of the delayed job and the sweep submitted at the deadline.
    worker.get(TheoryDeadlineSweeper).onApplicationShutdown();
    server = ctx.app.getHttpServer();
    day = await prepareExamDay(ctx);
  });
  afterAll(async () => {
    await worker.close();
    await ctx.close();
  });

  it('gives exactly ten seats to fifty simultaneous enrolments', async () => {
    const session = await scheduleSession(ctx, day, { capacity: 10 });
    const applications = await eligibleApplications(ctx, day, 50);
    const results = await Promise.all(applications.map((a) => enrol(session.id, a.applicationId)));
    expect(results.filter((r) => r.status === 201)).toHaveLength(10);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.code === 'SESSION_FULL')).toBe(true);
    const [{ n }] = await ctx.dataSource.query(
      "SELECT COUNT(*)::int AS n FROM enrolment WHERE session_id = $1 AND status = 'enrolled'",
      [session.id],
    );
    expect(n).toBe(10);
    const view = await request(server)
      .get(`/api/v1/sessions/${session.id}`)
      .set(...bearer(day.manager))
      .expect(200);
    expect(view.body.enrolledCount).toBe(10);

    // A withdrawal frees a seat for the next candidate.
    const enrolled = results.find((r) => r.status === 201)?.body;
    await request(server)
      .post(`/api/v1/enrolments/${enrolled.id}/withdraw`)
      .set(...bearer(day.manager))
      .expect(200);
    const waiting = applications.find(
      (a) => !results.some((r) => r.status === 201 && r.body.applicationId === a.applicationId),
    ) as { applicationId: string };
    await enrol(session.id, waiting.applicationId).expect(201);
  });

  it('keeps an application in one session at a time, and enrols eligible applications only', async () => {
    const first = await scheduleSession(ctx, day);
    const second = await scheduleSession(ctx, day);
    const [app] = await eligibleApplications(ctx, day, 1);
    await enrol(first.id, app.applicationId).expect(201);
    const again = await enrol(second.id, app.applicationId).expect(409);
    expect(again.body.code).toBe('ALREADY_ENROLLED');
    await ctx.dataSource.query("UPDATE application SET status = 'ineligible' WHERE id = $1", [app.applicationId]);
    const [other] = await eligibleApplications(ctx, day, 1);
    await ctx.dataSource.query("UPDATE application SET status = 'submitted' WHERE id = $1", [other.applicationId]);
    const notEligible = await enrol(second.id, other.applicationId).expect(409);
    expect(notEligible.body).toMatchObject({ code: 'NOT_ELIGIBLE', details: { currentStatus: 'submitted' } });
  });

  it('refuses a session without enough qualified assessors, naming the rule', async () => {
    const base = {
      programId: day.programId,
      startsAt: new Date().toISOString(),
      endsAt: new Date(Date.now() + 3600_000).toISOString(),
      capacity: 5,
    };
    const one = await request(server)
      .post(`/api/v1/centres/${day.centreId}/sessions`)
      .set(...bearer(day.manager))
      .send({ ...base, assessorIds: [day.assessors[0].id] })
      .expect(422);
    expect(one.body.code).toBe('NOT_ENOUGH_ASSESSORS');
    const junior = await newSession(ctx, 'assessor', [day.centreId]);
    await request(server)
      .put(`/api/v1/assessors/${junior.id}/profile`)
      .set(...bearer(day.manager))
      .send({ orkLevel: 2, field: 'Стажёр' })
      .expect(200);
    const refused = await request(server)
      .post(`/api/v1/centres/${day.centreId}/sessions`)
      .set(...bearer(day.manager))
      .send({ ...base, assessorIds: [day.assessors[0].id, junior.id] })
      .expect(409);
    expect(refused.body).toMatchObject({ code: 'ASSESSOR_NOT_ASSIGNABLE', details: { assessorId: junior.id } });
    expect(refused.body.details.refusals.map((r: { rule: string }) => r.rule).sort()).toEqual([
      'NOT_ACCREDITED_FOR_CARD',
      'ORK_LEVEL_TOO_LOW',
    ]);
  });

  it('refuses to enrol a candidate an assessor of the session declared a conflict with', async () => {
    const session = await scheduleSession(ctx, day);
    const [app] = await eligibleApplications(ctx, day, 1);
    await request(server)
      .post('/api/v1/assessors/me/conflicts')
      .set(...bearer(day.assessors[1]))
      .send({ kind: 'candidate', candidateId: app.candidate.id, reason: 'Бывший коллега по работе' })
      .expect(201);
    const res = await enrol(session.id, app.applicationId).expect(409);
    expect(res.body).toMatchObject({
      code: 'ASSESSOR_NOT_ASSIGNABLE',
      details: { assessorId: day.assessors[1].id, refusals: [{ rule: 'CONFLICT_WITH_CANDIDATE' }] },
    });
  });

  it('assembles a timed test, saves answers, scores single and multiple choice per skill', async () => {
    const session = await scheduleSession(ctx, day);
    const [app] = await eligibleApplications(ctx, day, 1);
    const enrolment = (await enrol(session.id, app.applicationId).expect(201)).body;
    expect(enrolment.examinedSkillIds).toHaveLength(day.skills.length);
    const candidate = await login(server, app.candidate);

    const test = (
      await request(server)
        .post(`/api/v1/enrolments/${enrolment.id}/theory-test`)
        .set(...bearer(candidate))
        .expect(200)
    ).body;
    expect(test.items).toHaveLength(day.skills.length * 2);
    for (const skill of day.skills)
      expect(test.items.filter((i: { skillId: string }) => i.skillId === skill.id)).toHaveLength(2);
    // The answer's shape, field by field: none of them could carry the key.
    expect(Object.keys(test).sort()).toEqual(TEST_FIELDS);
    expect(test.score).toBeNull();
    for (const item of test.items) {
      expect(Object.keys(item).sort()).toEqual(['answer', 'options', 'position', 'skillId', 'text', 'type']);
      for (const option of item.options) expect(Object.keys(option).sort()).toEqual(['id', 'text']);
    }
    expect(test.secondsLeft).toBeGreaterThan(0);
    // Starting again resumes the same test.
    const resumed = (
      await request(server)
        .post(`/api/v1/enrolments/${enrolment.id}/theory-test`)
        .set(...bearer(candidate))
        .expect(200)
    ).body;
    expect(resumed.id).toBe(test.id);

    // The first skill: everything right. Every other skill: the multiple-choice item half right.
    const firstSkill = day.skills[0].id;
    const answeredOf = new Map<string, number>();
    for (const item of test.items as TestItem[]) {
      const right = rightOptions(item);
      // Every item of the first skill right; of each other skill the first right and the second
      // wrong (a multiple choice with one of its two options, or a wrong single choice).
      const seen = answeredOf.get(item.skillId) ?? 0;
      answeredOf.set(item.skillId, seen + 1);
      const wrong = item.type === 'single' ? wrongOption(item) : right.slice(0, 1);
      const answer = item.skillId === firstSkill || seen === 0 ? right : wrong;
      await request(server)
        .put(`/api/v1/theory-tests/${test.id}/answers/${item.position}`)
        .set(...bearer(candidate))
        .send({ optionIds: answer })
        .expect(204);
    }
    // The last save wins.
    const firstItem = (test.items as TestItem[]).find((i) => i.skillId === firstSkill) as TestItem;
    await request(server)
      .put(`/api/v1/theory-tests/${test.id}/answers/${firstItem.position}`)
      .set(...bearer(candidate))
      .send({ optionIds: wrongOption(firstItem) })
      .expect(204);
    await request(server)
      .put(`/api/v1/theory-tests/${test.id}/answers/${firstItem.position}`)
      .set(...bearer(candidate))
      .send({ optionIds: [...rightOptions(firstItem)].reverse() })
      .expect(204);
    const bad = await request(server)
      .put(`/api/v1/theory-tests/${test.id}/answers/${firstItem.position}`)
      .set(...bearer(candidate))
      .send({ optionIds: ['z'] })
      .expect(400);
    expect(bad.body.details.fields[0].field).toBe('optionIds');

    const submitted = (
      await request(server)
        .post(`/api/v1/theory-tests/${test.id}/submit`)
        .set(...bearer(candidate))
        .expect(200)
    ).body;
    expect(submitted).toMatchObject({ status: 'submitted', submittedBy: 'candidate' });
    const perSkill = submitted.score.perSkill as { skillId: string; share: number; correct: number; total: number }[];
    expect(perSkill.find((s) => s.skillId === firstSkill)).toMatchObject({ correct: 2, total: 2, share: 1 });
    expect(perSkill.filter((s) => s.skillId !== firstSkill).every((s) => s.correct === 1 && s.share === 0.5)).toBe(
      true,
    );
    expect(submitted.score.overall.total).toBe(day.skills.length * 2);
    await request(server)
      .put(`/api/v1/theory-tests/${test.id}/answers/1`)
      .set(...bearer(candidate))
      .send({ optionIds: [test.items[0].options[0].id] })
      .expect(409);
  });

  it('keeps the question versions a test was given when the bank is revised', async () => {
    const session = await scheduleSession(ctx, day);
    const [app] = await eligibleApplications(ctx, day, 1);
    const enrolment = (await enrol(session.id, app.applicationId).expect(201)).body;
    const candidate = await login(server, app.candidate);
    const test = (
      await request(server)
        .post(`/api/v1/enrolments/${enrolment.id}/theory-test`)
        .set(...bearer(candidate))
        .expect(200)
    ).body;
    const [item] = await ctx.dataSource.query(
      'SELECT question_version_id FROM theory_test_item WHERE test_id = $1 AND position = 1',
      [test.id],
    );
    const [version] = await ctx.dataSource.query('SELECT question_id, text FROM question_version WHERE id = $1', [
      item.question_version_id,
    ]);
    const question = day.questions.find((q) => q.id === version.question_id) as {
      id: string;
      type: string;
      correctOptions: number[];
    };
    await request(server)
      .put(`/api/v1/questions/${question.id}`)
      .set(...bearer(day.manager))
      .send({
        type: question.type,
        text: 'Совсем другая формулировка вопроса',
        options: ['x1', 'x2', 'x3', 'x4'],
        correctOptions: question.correctOptions,
      })
      .expect(200);
    const view = (
      await request(server)
        .get(`/api/v1/theory-tests/${test.id}`)
        .set(...bearer(candidate))
        .expect(200)
    ).body;
    expect(view.items[0].text).toBe(version.text);
  });

  it('refuses saves after the deadline and is submitted at the deadline by the worker', async () => {
    // A session that ends in four seconds: the test's deadline is the session's end.
    const session = await scheduleSession(ctx, day, { endsAt: new Date(Date.now() + 4000) });
    const [app] = await eligibleApplications(ctx, day, 1);
    const enrolment = (await enrol(session.id, app.applicationId).expect(201)).body;
    const candidate = await login(server, app.candidate);
    const test = (
      await request(server)
        .post(`/api/v1/enrolments/${enrolment.id}/theory-test`)
        .set(...bearer(candidate))
        .expect(200)
    ).body;
    await request(server)
      .put(`/api/v1/theory-tests/${test.id}/answers/1`)
      .set(...bearer(candidate))
      .send({ optionIds: [test.items[0].options[0].id] })
      .expect(204);
    // Saves are refused by the database's clock: wait for it to pass the deadline, not for a fixed time.
    await eventually(
      () =>
        ctx.dataSource.query<{ passed: boolean }[]>(
          'SELECT now() >= deadline_at AS passed FROM theory_test WHERE id = $1',
          [test.id],
        ),
      ([row]) => row.passed,
    );
    const late = await request(server)
      .put(`/api/v1/theory-tests/${test.id}/answers/2`)
      .set(...bearer(candidate))
      .send({ optionIds: [test.items[1].options[0].id] })
      .expect(409);
    expect(late.body.code).toBe('TEST_CLOSED');
    // Nobody calls the API: the worker's deadline job submits and scores the test.
    const closed = await eventually(
      () =>
        request(server)
          .get(`/api/v1/theory-tests/${test.id}`)
          .set(...bearer(candidate))
          .then((r) => r.body),
      (t) => t.status === 'submitted',
    );
    expect(closed).toMatchObject({ submittedBy: 'deadline' });
    // By the delayed job, not by the sweep (the net under lost jobs, which runs every 15 s).
    expect(await deadlineJob(test.id)).toEqual({ state: 'completed', returnvalue: 'submitted' });
    expect(closed.score.overall.total).toBe(day.skills.length * 2);
    // A test cannot be started outside the session's window.
    const [late2] = await eligibleApplications(ctx, day, 1);
    const ended = await scheduleSession(ctx, day, {
      startsAt: new Date(Date.now() - 7200_000),
      endsAt: new Date(Date.now() - 3600_000),
    });
    const enrolment2 = (await enrol(ended.id, late2.applicationId).expect(201)).body;
    const candidate2 = await login(server, late2.candidate);
    const refused = await request(server)
      .post(`/api/v1/enrolments/${enrolment2.id}/theory-test`)
      .set(...bearer(candidate2))
      .expect(409);
    expect(refused.body.code).toBe('SESSION_NOT_OPEN');
  });

  it('submits at the deadline a test whose job was lost, by the sweep', async () => {
    const session = await scheduleSession(ctx, day);
    const [app] = await eligibleApplications(ctx, day, 1);
    const enrolment = (await enrol(session.id, app.applicationId).expect(201)).body;
    const candidate = await login(server, app.candidate);
    const test = (
      await request(server)
        .post(`/api/v1/enrolments/${enrolment.id}/theory-test`)
        .set(...bearer(candidate))
        .expect(200)
    ).body;
    // The job is queued once the outbox relays the start; then it is lost, and the deadline passes.
    await eventually(
      () => deadlineJob(test.id),
      (job) => job.state === 'delayed',
    );
    await withQueue(QUEUES.theoryDeadline, (queue) => queue.remove(`theory-deadline-${test.id}`));
    await ctx.dataSource.query('UPDATE theory_test SET deadline_at = now() WHERE id = $1', [test.id]);
    await worker.get(TheoryDeadlineSweeper).sweep();
    const [row] = await ctx.dataSource.query('SELECT status, submitted_by FROM theory_test WHERE id = $1', [test.id]);
    expect(row).toEqual({ status: 'submitted', submitted_by: 'deadline' });
    expect(await deadlineJob(test.id)).toEqual({ state: undefined, returnvalue: undefined });
  });

  it('shows a session to its own assessors only', async () => {
    const session = await scheduleSession(ctx, day);
    await request(server)
      .get(`/api/v1/sessions/${session.id}`)
      .set(...bearer(day.assessors[0]))
      .expect(200);
    const other = await newSession(ctx, 'assessor', [day.centreId]);
    await request(server)
      .get(`/api/v1/sessions/${session.id}`)
      .set(...bearer(other))
      .expect(404);
    const list = await request(server)
      .get(`/api/v1/centres/${day.centreId}/sessions`)
      .set(...bearer(other))
      .expect(200);
    expect(list.body).toEqual([]);
  });
});
