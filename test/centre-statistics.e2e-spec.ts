import { randomUUID } from 'node:crypto';
import { INestApplicationContext } from '@nestjs/common';
import request from 'supertest';
import type { App } from 'supertest/types';
import {
  assessedApplication,
  enrolledCandidate,
  ExamDay,
  passTheoryTest,
  prepareExamDay,
  signOffDecision,
} from './utils/exam-day';
import { bearer, newCentre, newSession } from './utils/fixtures';
import { createTestApp, TestContext } from './utils/test-app';
import { startWorker } from './utils/worker';

/**
 * A centre's statistics on a known set-up: three candidates examined in three sessions of today
 * (one passes, one fails a mandatory skill, and one's exam is not complete: a sheet unsigned), their decisions signed
 * and one appealed; applications refused, admitted by override, and one of 2020; evidence
 * reviewed today and in 2020. Each number is checked against what was set up.
 */
describe('centre statistics: GET /centres/{id}/statistics', () => {
  let ctx: TestContext;
  let worker: INestApplicationContext;
  let server: App;
  let day: ExamDay;
  const today = new Date().toISOString().slice(0, 10);
  let examined: string[];
  let failedSkill: string;

  const statistics = (query: string, session: { accessToken: string } = day.manager, centreId = day.centreId) =>
    request(server)
      .get(`/api/v1/centres/${centreId}/statistics${query}`)
      .set(...bearer(session));

  /** An application of the day's card written directly, with its submission and eligibility as given. */
  const application = async (fields: {
    pathway: 'assessment' | 'recognition';
    status: string;
    submittedAt: string;
    outcome?: string;
    overridden?: boolean;
  }): Promise<string> => {
    const candidate = await newSession(ctx, 'candidate');
    const id = randomUUID();
    await ctx.dataSource.query(
      `INSERT INTO application (id, candidate_id, centre_id, card_id, standard_version_id, pathway, status, submission,
                                submitted_at, eligibility, eligibility_override)
       SELECT $1, $2, $3, c.id, c.standard_version_id, $5, $6, 1, $7, $8::jsonb, $9::jsonb
         FROM profession_card c WHERE c.id = $4`,
      [
        id,
        candidate.id,
        day.centreId,
        day.cardId,
        fields.pathway,
        fields.status,
        fields.submittedAt,
        fields.outcome ? JSON.stringify({ outcome: fields.outcome }) : null,
        fields.overridden
          ? JSON.stringify({ byUserId: day.manager.id, justification: 'Опыт подтверждён работодателем', at: today })
          : null,
      ],
    );
    return id;
  };

  const review = (
    applicationId: string,
    skillId: string,
    assessorId: string,
    status: string,
    decidedAt: string | null,
  ) =>
    ctx.dataSource.query(
      `INSERT INTO evidence_review (id, application_id, skill_id, assessor_id, status, decided_at)
       VALUES (gen_random_uuid(), $1, $2, $3, $4, $5)`,
      [applicationId, skillId, assessorId, status, decidedAt],
    );

  beforeAll(async () => {
    ctx = await createTestApp();
    worker = await startWorker();
    server = ctx.app.getHttpServer();
    day = await prepareExamDay(ctx);
    examined = [...day.mandatory, ...day.skills.filter((s) => !day.mandatory.includes(s))].map((s) => s.id);
    failedSkill = day.mandatory[0].id;

    const passed = await assessedApplication(ctx, day);
    const failed = await assessedApplication(ctx, day, 1);
    // The third sat the test; one assessor signed, the other recorded verdicts without signing.
    const pending = await enrolledCandidate(ctx, day);
    await passTheoryTest(ctx, pending.candidate, pending.enrolment.id);
    for (const [assessor, sign] of [
      [day.assessors[0], true],
      [day.assessors[1], false],
    ] as const) {
      for (const skill of day.skills) {
        await request(server)
          .put(`/api/v1/enrolments/${pending.enrolment.id}/practical/${skill.id}`)
          .set(...bearer(assessor))
          .send({ verdict: 'competent', abilitiesObserved: [skill.abilities[0].id], comment: 'Наблюдение' })
          .expect(200);
      }
      if (sign) {
        await request(server)
          .post(`/api/v1/enrolments/${pending.enrolment.id}/practical/sign`)
          .set(...bearer(assessor))
          .expect(200);
      }
    }
    await signOffDecision(ctx, day.manager, passed.applicationId);
    const partial = await signOffDecision(ctx, day.manager, failed.applicationId);
    await request(server)
      .post(`/api/v1/decisions/${partial}/appeals`)
      .set(...bearer(failed.candidate))
      .send({ contestedSkillIds: [failedSkill], grounds: 'Практическое задание оценено без учёта записи разговора' })
      .expect(201);
    // The examined applications were written directly as eligible: they are given their submission now.
    await ctx.dataSource.query(
      `UPDATE application SET submitted_at = now(), eligibility = '{"outcome": "eligible"}'::jsonb WHERE id = ANY($1::uuid[])`,
      [[passed.applicationId, failed.applicationId, pending.applicationId]],
    );

    await application({
      pathway: 'assessment',
      status: 'ineligible',
      submittedAt: new Date().toISOString(),
      outcome: 'ineligible',
    });
    const recognition = await application({
      pathway: 'recognition',
      status: 'eligible',
      submittedAt: new Date().toISOString(),
      overridden: true,
    });
    const old = await application({
      pathway: 'recognition',
      status: 'eligible',
      submittedAt: '2020-06-01T10:00:00Z',
      outcome: 'eligible',
    });
    const [first, second] = day.assessors;
    await review(recognition, day.skills[0].id, first.id, 'accepted', new Date().toISOString());
    await review(recognition, day.skills[1].id, first.id, 'rejected', new Date().toISOString());
    await review(recognition, day.skills[2].id, second.id, 'pending', null);
    await review(old, day.skills[0].id, first.id, 'accepted', '2020-06-02T10:00:00Z');
    // Three exams and two decisions by the worker: longer than one test's time on a busy machine.
  }, 120_000);

  afterAll(async () => {
    await worker.close();
    await ctx.close();
  });

  it('counts the period’s applications, exams, credits, work, decisions and appeals', async () => {
    const res = await statistics(`?from=${today}&to=${today}`).expect(200);
    const body = res.body;
    expect(body).toMatchObject({ centreId: day.centreId, from: today, to: today });

    // Applications: the three examined, the refused one and the recognition one; not 2020's.
    expect(body.applications.submitted).toBe(5);
    expect(body.applications.overridden).toBe(1);
    expect(body.applications.byPathway).toEqual([
      { pathway: 'assessment', count: 4 },
      { pathway: 'recognition', count: 1 },
    ]);
    expect(body.applications.byStatus).toEqual([
      { status: 'decided', count: 2 },
      { status: 'eligible', count: 2 },
      { status: 'ineligible', count: 1 },
    ]);
    expect(body.applications.eligibility).toEqual([
      { outcome: 'eligible', count: 3 },
      { outcome: 'ineligible', count: 1 },
      { outcome: 'not_checked', count: 1 },
    ]);
    expect(body.applications.byCard).toEqual([
      expect.objectContaining({ cardId: day.cardId, count: 5, recognition: 1, orkLevel: 3 }),
    ]);
    expect(body.applications.byCard[0].cardName).not.toBe('');

    // Exams: one passed, one failed, one not complete; per skill the failed one at 1 of 2.
    expect(body.exams.cards).toEqual([
      expect.objectContaining({ cardId: day.cardId, passed: 1, failed: 1, pending: 1, passRate: 0.5 }),
    ]);
    const skills = new Map(body.exams.skills.map((s: { skillId: string }) => [s.skillId, s]));
    expect(skills.get(failedSkill)).toMatchObject({ passed: 1, failed: 1, pending: 1, passRate: 0.5 });
    for (const skillId of examined.filter((id) => id !== failedSkill)) {
      expect(skills.get(skillId)).toMatchObject({ passed: 2, failed: 0, pending: 1, passRate: 1 });
    }
    expect(skills.get(day.skills[0].id)).toMatchObject({ evidenceAccepted: 1, evidenceRejected: 0 });
    expect(skills.get(day.skills[1].id)).toMatchObject({ evidenceAccepted: 0, evidenceRejected: 1 });
    expect(body.exams.skills).toHaveLength(examined.length);
    expect(body.exams.skills[0]).toMatchObject({ skillId: day.mandatory[0].id, functionKind: 'mandatory' });

    // Recognition against the exam: one skill on evidence, every passed skill at the exam.
    const atExam = 2 * examined.length - 1;
    expect(body.credits).toEqual({
      onEvidence: 1,
      atExam,
      recognitionShare: Math.round((1 / (1 + atExam)) * 10000) / 10000,
    });

    // Each assessor sat on the three sessions; the first signed three sheets, the second two; the reviews are the first's.
    const [first, second] = day.assessors;
    const work = new Map(body.workload.map((w: { assessorId: string }) => [w.assessorId, w]));
    expect(body.workload).toHaveLength(2);
    expect(work.get(first.id)).toEqual({
      assessorId: first.id,
      fullName: expect.any(String),
      sessions: 3,
      candidates: 3,
      sheetsSigned: 3,
      reviewsDecided: 2,
      reviewsOpen: 0,
      panelVotes: 0,
    });
    expect(work.get(second.id)).toMatchObject({
      sessions: 3,
      candidates: 3,
      sheetsSigned: 2,
      reviewsDecided: 0,
      reviewsOpen: 1,
    });

    expect(body.decisions).toEqual({
      signed: expect.arrayContaining([
        { outcome: 'awarded', count: 1 },
        { outcome: 'partial', count: 1 },
      ]),
      returned: 0,
    });
    expect(body.decisions.signed).toHaveLength(2);
    expect(body.appeals).toEqual([{ kind: 'decision', outcome: 'pending', count: 1 }]);
  });

  it('counts another period’s rows alone', async () => {
    const body = (await statistics('?from=2020-01-01&to=2020-12-31').expect(200)).body;
    expect(body.applications).toMatchObject({ submitted: 1, byPathway: [{ pathway: 'recognition', count: 1 }] });
    expect(body.exams).toEqual({
      cards: [],
      skills: [expect.objectContaining({ skillId: day.skills[0].id, passed: 0, passRate: null, evidenceAccepted: 1 })],
    });
    expect(body.credits).toEqual({ onEvidence: 1, atExam: 0, recognitionShare: 1 });
    expect(body.decisions).toEqual({ signed: [], returned: 0 });
    expect(body.appeals).toEqual([]);
    // Open reviews are counted as they stand now, whatever the period.
    expect(body.workload.find((w: { assessorId: string }) => w.assessorId === day.assessors[1].id)).toMatchObject({
      sessions: 0,
      reviewsOpen: 1,
    });
  });

  it('refuses a period that is not two real days in order, naming the field', async () => {
    const missing = await statistics(`?to=${today}`).expect(400);
    expect(missing.body.code).toBe('VALIDATION_FAILED');
    expect(missing.body.details.fields.map((f: { field: string }) => f.field)).toEqual(['from']);

    const unreal = await statistics('?from=2026-01-01&to=2026-02-30').expect(400);
    expect(unreal.body.details.fields.map((f: { field: string }) => f.field)).toEqual(['to']);
    const instant = await statistics('?from=2026-01-01T00:00:00Z&to=2026-02-01').expect(400);
    expect(instant.body.details.fields.map((f: { field: string }) => f.field)).toEqual(['from']);

    const reversed = await statistics('?from=2026-03-01&to=2026-02-01').set('Accept-Language', 'en').expect(400);
    expect(reversed.body).toMatchObject({
      code: 'PERIOD_REVERSED',
      message: 'The period starts after it ends.',
      details: { from: '2026-03-01', to: '2026-02-01' },
    });
  });

  it('answers the centre’s managers and administrators only', async () => {
    const otherCentre = await newCentre(ctx, day.admin);
    const otherManager = await newSession(ctx, 'centre_manager', [otherCentre.id]);
    const period = `?from=${today}&to=${today}`;
    await statistics(period, day.admin).expect(200);
    await statistics(period, otherManager).expect(404);
    await statistics(period, day.assessors[0]).expect(403);
    await statistics(period, day.admin, randomUUID()).expect(404);
    // Their own centre's, with nothing in it yet.
    const own = (await statistics(period, otherManager, otherCentre.id).expect(200)).body;
    expect(own).toMatchObject({ applications: { submitted: 0 }, exams: { cards: [] }, workload: [] });
  });
});
