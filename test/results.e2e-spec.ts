import request from 'supertest';
import type { App } from 'supertest/types';
import { eligibleApplications, ExamDay, enrolledCandidate, passTheoryTest, uploadEvidence } from './utils/exam-day';
import { startExamDayApp } from './utils/exam-day-app';
import { bearer, eventually, newCandidate, newSession, TestSession } from './utils/fixtures';
import { addEducation } from './utils/records';
import { TestContext } from './utils/test-app';

describe('practical assessment, evidence review and the hand-over to decisions', () => {
  let ctx: TestContext;
  let server: App;
  let day: ExamDay;

  /** Enrols a candidate who answers every theory question right. */
  async function examined() {
    const examinee = await enrolledCandidate(ctx, day);
    await passTheoryTest(ctx, examinee.candidate, examinee.enrolment.id);
    return examinee;
  }

  const ability = (skillId: string) => day.skills.find((s) => s.id === skillId)?.abilities[0].id as string;
  const record = (assessor: TestSession, enrolmentId: string, skillId: string, verdict: string) =>
    request(server)
      .put(`/api/v1/enrolments/${enrolmentId}/practical/${skillId}`)
      .set(...bearer(assessor))
      .send({ verdict, abilitiesObserved: [ability(skillId)], comment: 'Наблюдение на рабочем месте' });

  beforeAll(async () => {
    ({ ctx, server, day } = await startExamDayApp());
  });
  afterAll(() => ctx.close());

  it('passes a skill on a majority of assessors; a tie is not a majority; complete results hand over to decisions', async () => {
    const { enrolment, applicationId } = await examined();
    const [a, b] = day.assessors;
    const contested = enrolment.examinedSkillIds[0];
    for (const skillId of enrolment.examinedSkillIds) {
      await record(a, enrolment.id, skillId, 'competent').expect(200);
      await record(b, enrolment.id, skillId, skillId === contested ? 'not_yet_competent' : 'competent').expect(200);
    }
    // Before any sheet is signed nothing counts.
    const unsigned = (
      await request(server)
        .get(`/api/v1/enrolments/${enrolment.id}/results`)
        .set(...bearer(day.manager))
        .expect(200)
    ).body;
    expect(unsigned.skills.every((s: { status: string }) => s.status === 'pending')).toBe(true);

    await request(server)
      .post(`/api/v1/enrolments/${enrolment.id}/practical/sign`)
      .set(...bearer(a))
      .expect(200);
    const locked = await record(a, enrolment.id, contested, 'not_yet_competent').expect(409);
    expect(locked.body.code).toBe('SHEET_SIGNED');
    let app = (
      await request(server)
        .get(`/api/v1/applications/${applicationId}/progress`)
        .set(...bearer(day.manager))
        .expect(200)
    ).body;
    expect(app.complete).toBe(false);

    await request(server)
      .post(`/api/v1/enrolments/${enrolment.id}/practical/sign`)
      .set(...bearer(b))
      .expect(200);
    const results = (
      await request(server)
        .get(`/api/v1/enrolments/${enrolment.id}/results`)
        .set(...bearer(day.manager))
        .set('Accept-Language', 'en')
        .expect(200)
    ).body;
    const byId = (id: string) => results.skills.find((s: { skillId: string }) => s.skillId === id);
    expect(byId(contested)).toMatchObject({ status: 'failed', theoryPassed: true, practicalPassed: false });
    expect(byId(contested).reason).toMatch(/1 of 2/);
    expect(results.skills.filter((s: { status: string }) => s.status === 'passed')).toHaveLength(
      enrolment.examinedSkillIds.length - 1,
    );

    app = (
      await request(server)
        .get(`/api/v1/applications/${applicationId}/progress`)
        .set(...bearer(day.manager))
        .expect(200)
    ).body;
    expect(app).toMatchObject({ complete: true, status: 'awaiting_decision' });
    const events = await ctx.dataSource.query(
      "SELECT payload FROM outbox_event WHERE event_type = 'application.awaiting_decision' AND payload->>'applicationId' = $1",
      [applicationId],
    );
    expect(events).toHaveLength(1);
  });

  it('hands over when the theory test is the last outcome to arrive', async () => {
    const { enrolment, applicationId, candidate } = await enrolledCandidate(ctx, day);
    for (const assessor of day.assessors) {
      for (const skillId of enrolment.examinedSkillIds)
        await record(assessor, enrolment.id, skillId, 'competent').expect(200);
      await request(server)
        .post(`/api/v1/enrolments/${enrolment.id}/practical/sign`)
        .set(...bearer(assessor))
        .expect(200);
    }
    await passTheoryTest(ctx, candidate, enrolment.id);
    const progress = (
      await request(server)
        .get(`/api/v1/applications/${applicationId}/progress`)
        .set(...bearer(candidate))
        .expect(200)
    ).body;
    expect(progress).toMatchObject({ complete: true, status: 'awaiting_decision' });
    expect(progress.skills.every((s: { outcome: string }) => s.outcome === 'passed')).toBe(true);
  });

  it('a verdict sent while its sheet is being signed waits for the signature and is refused, not written after it', async () => {
    const { enrolment } = await examined();
    const [a] = day.assessors;
    const skillId = enrolment.examinedSkillIds[0];
    for (const s of enrolment.examinedSkillIds) await record(a, enrolment.id, s, 'competent').expect(200);
    // The signature's transaction, held open here: the enrolment locked as signing locks it.
    const signing = ctx.dataSource.createQueryRunner();
    await signing.connect();
    await signing.startTransaction();
    try {
      await signing.query('SELECT id FROM enrolment WHERE id = $1 FOR UPDATE', [enrolment.id]);
      let answered = false;
      const late = record(a, enrolment.id, skillId, 'not_yet_competent').then((answer) => {
        answered = true;
        return answer;
      });
      // The verdict's request waits for the enrolment's lock (or, were it not to, has been answered).
      await eventually(
        () =>
          ctx.dataSource.query<unknown[]>(
            `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
          ),
        (waiting) => waiting.length > 0 || answered,
      );
      await signing.query('INSERT INTO practical_sheet (enrolment_id, assessor_id) VALUES ($1, $2)', [
        enrolment.id,
        a.id,
      ]);
      await signing.commitTransaction();
      const answer = await late;
      expect(answer.status).toBe(409);
      expect(answer.body.code).toBe('SHEET_SIGNED');
    } finally {
      if (signing.isTransactionActive) await signing.rollbackTransaction();
      await signing.release();
    }
    const [kept] = await ctx.dataSource.query<{ verdict: string }[]>(
      'SELECT verdict FROM practical_verdict WHERE enrolment_id = $1 AND assessor_id = $2 AND skill_id = $3',
      [enrolment.id, a.id, skillId],
    );
    expect(kept.verdict).toBe('competent');
  });

  it('refuses to sign an incomplete sheet, and a verdict on a skill not examined', async () => {
    const { enrolment } = await examined();
    const [a] = day.assessors;
    await record(a, enrolment.id, enrolment.examinedSkillIds[0], 'competent').expect(200);
    const incomplete = await request(server)
      .post(`/api/v1/enrolments/${enrolment.id}/practical/sign`)
      .set(...bearer(a))
      .expect(422);
    expect(incomplete.body).toMatchObject({ code: 'SHEET_INCOMPLETE' });
    expect(incomplete.body.details.missingSkillIds).toHaveLength(enrolment.examinedSkillIds.length - 1);
    const bad = await request(server)
      .put(`/api/v1/enrolments/${enrolment.id}/practical/${enrolment.examinedSkillIds[0]}`)
      .set(...bearer(a))
      .send({ verdict: 'maybe', abilitiesObserved: ['x'], comment: '' })
      .expect(400);
    expect(bad.body.details.fields.map((f: { field: string }) => f.field).sort()).toEqual([
      'abilitiesObserved',
      'comment',
      'verdict',
    ]);
  });

  it('hides a session’s candidates from an assessor of another session (404)', async () => {
    const { enrolment, candidate } = await examined();
    const outsider = await newSession(ctx, 'assessor', [day.centreId]);
    await record(outsider, enrolment.id, enrolment.examinedSkillIds[0], 'competent').expect(404);
    await request(server)
      .get(`/api/v1/enrolments/${enrolment.id}/results`)
      .set(...bearer(outsider))
      .expect(404);
    // The candidate sees their own results.
    await request(server)
      .get(`/api/v1/enrolments/${enrolment.id}/results`)
      .set(...bearer(candidate))
      .expect(200);
  });

  it('reviews evidence: accepts on all four criteria, asks for more once, and sends a rejected skill to the exam', async () => {
    const candidate = await newCandidate(ctx);
    await addEducation(ctx, candidate, { level: 'tvet_worker', institution: 'Колледж', graduationYear: 2015 });
    const app = (
      await request(server)
        .post('/api/v1/applications')
        .set(...bearer(candidate))
        .send({
          centreId: day.centreId,
          cardId: day.cardId,
          pathway: 'recognition',
          additionalFunctionIds: day.additionalFunctionIds,
        })
        .expect(201)
    ).body;
    const upload = (text: string) => uploadEvidence(ctx, candidate, text);
    const evidence = await upload('курс');
    const recommended = day.skills.filter((s) => s.recognition === 'recommended').slice(0, 2);
    expect(recommended).toHaveLength(2);
    await request(server)
      .post(`/api/v1/applications/${app.id}/claims`)
      .set(...bearer(candidate))
      .send({ evidenceId: evidence.id, skillIds: recommended.map((s) => s.id) })
      .expect(201);
    await request(server)
      .post(`/api/v1/applications/${app.id}/submit`)
      .set(...bearer(candidate))
      .expect(200);
    // Eligibility is the worker's; this test writes the result to stay on the review rules.
    await ctx.dataSource.query("UPDATE application SET status = 'eligible' WHERE id = $1", [app.id]);

    const reviewer = day.assessors[0];
    const reviews = (
      await request(server)
        .post(`/api/v1/applications/${app.id}/evidence-reviews`)
        .set(...bearer(day.manager))
        .send({ assessorId: reviewer.id })
        .expect(201)
    ).body;
    expect(reviews).toHaveLength(2);
    const [first, second] = reviews as { id: string; skillId: string }[];
    const mine = (
      await request(server)
        .get('/api/v1/evidence-reviews')
        .set(...bearer(reviewer))
        .expect(200)
    ).body;
    expect(mine.map((r: { id: string }) => r.id)).toEqual(expect.arrayContaining([first.id, second.id]));

    const decide = (id: string, body: object) =>
      request(server)
        .put(`/api/v1/evidence-reviews/${id}`)
        .set(...bearer(reviewer))
        .send({ comment: 'Проверено', ...body });
    await decide(first.id, { decision: 'request_more' }).expect(200);
    const twice = await decide(first.id, { decision: 'request_more' }).expect(409);
    expect(twice.body.code).toBe('MORE_EVIDENCE_ALREADY_REQUESTED');

    // The candidate may add to the reopened claim only.
    const more = await upload('справка');
    await request(server)
      .post(`/api/v1/applications/${app.id}/claims`)
      .set(...bearer(candidate))
      .send({ evidenceId: more.id, skillIds: [first.skillId] })
      .expect(201);
    const frozen = await request(server)
      .post(`/api/v1/applications/${app.id}/claims`)
      .set(...bearer(candidate))
      .send({ evidenceId: more.id, skillIds: [second.skillId] })
      .expect(409);
    expect(frozen.body.code).toBe('APPLICATION_FROZEN');

    const half = await decide(first.id, {
      decision: 'accept',
      criteria: { valid: true, sufficient: true, authentic: false, current: true },
    }).expect(422);
    expect(half.body.code).toBe('CRITERIA_NOT_MET');
    await decide(first.id, {
      decision: 'accept',
      criteria: { valid: true, sufficient: true, authentic: true, current: true },
    }).expect(200);
    await decide(second.id, {
      decision: 'reject',
      criteria: { valid: true, sufficient: false, authentic: true, current: true },
    }).expect(200);
    const again = await decide(second.id, {
      decision: 'accept',
      criteria: { valid: true, sufficient: true, authentic: true, current: true },
    }).expect(409);
    expect(again.body.code).toBe('REVIEW_DECIDED');

    const progress = (
      await request(server)
        .get(`/api/v1/applications/${app.id}/progress`)
        .set(...bearer(candidate))
        .expect(200)
    ).body;
    const skill = (id: string) => progress.skills.find((s: { skillId: string }) => s.skillId === id);
    expect(skill(first.skillId)).toMatchObject({ route: 'evidence', outcome: 'credited_by_evidence' });
    expect(skill(second.skillId)).toMatchObject({ route: 'exam', outcome: 'pending' });
    expect(progress.examSkillIds).toContain(second.skillId);
    expect(progress.examSkillIds).not.toContain(first.skillId);
  });

  it('assigns only an impartial assessor of the centre as reviewer', async () => {
    const [app] = await eligibleApplications(ctx, day, 1);
    await ctx.dataSource.query("UPDATE application SET pathway = 'recognition' WHERE id = $1", [app.applicationId]);
    const junior = await newSession(ctx, 'assessor', [day.centreId]);
    const refused = await request(server)
      .post(`/api/v1/applications/${app.applicationId}/evidence-reviews`)
      .set(...bearer(day.manager))
      .send({ assessorId: junior.id })
      .expect(409);
    expect(refused.body.code).toBe('ASSESSOR_NOT_ASSIGNABLE');
  });
});
