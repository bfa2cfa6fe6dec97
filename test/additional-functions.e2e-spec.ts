import request from 'supertest';
import type { App } from 'supertest/types';
import { ExamDay, scheduleSession, uploadEvidence } from './utils/exam-day';
import { startExamDayApp } from './utils/exam-day-app';
import { bearer, newCandidate, TestSession } from './utils/fixtures';
import { TestContext } from './utils/test-app';

/**
 * Additional functions are optional for the candidate (docs/ASSESSMENT.md §2): a program offers
 * some, the candidate chooses among them when applying, and readiness covers every skill an exam
 * of the program can examine, so that no exam day of a ready program lacks questions.
 */
describe('programs, additional functions and readiness', () => {
  let ctx: TestContext;
  let server: App;
  /** A centre whose program offers no additional function; its bank has no question for them. */
  let day: ExamDay;
  let additionalFunctionId: string;

  beforeAll(async () => {
    ({ ctx, server, day } = await startExamDayApp({ offerAdditional: false }));
    const card = (await request(server).get(`/api/v1/cards/${day.cardId}`).expect(200)).body;
    additionalFunctionId = card.functions.find((f: { kind: string }) => f.kind === 'additional').id;
  });
  afterAll(() => ctx.close());

  const apply = (candidate: TestSession, body: Record<string, unknown> = {}) =>
    request(server)
      .post('/api/v1/applications')
      .set(...bearer(candidate))
      .send({ centreId: day.centreId, cardId: day.cardId, pathway: 'assessment', ...body });

  it('runs the exam day of a ready program without NOT_ENOUGH_QUESTIONS: only the skills it examines are drawn', async () => {
    const candidate = await newCandidate(ctx);
    const application = (await apply(candidate).expect(201)).body;
    expect(application.additionalFunctionIds).toEqual([]);
    // Eligibility is the worker's (tested elsewhere); this test is about the exam.
    await ctx.dataSource.query("UPDATE application SET status = 'eligible', submission = 1 WHERE id = $1", [
      application.id,
    ]);
    const program = await request(server)
      .get(`/api/v1/programs/${day.programId}`)
      .set(...bearer(day.manager))
      .expect(200);
    expect(program.body).toMatchObject({ status: 'active', additionalFunctionIds: [], readiness: { ready: true } });
    const session = await scheduleSession(ctx, day);
    const enrolment = (
      await request(server)
        .post(`/api/v1/sessions/${session.id}/enrolments`)
        .set(...bearer(day.manager))
        .send({ applicationId: application.id })
        .expect(201)
    ).body as { id: string; examinedSkillIds: string[] };
    expect(enrolment.examinedSkillIds.sort()).toEqual(day.mandatory.map((s) => s.id).sort());
    const test = await request(server)
      .post(`/api/v1/enrolments/${enrolment.id}/theory-test`)
      .set(...bearer(candidate))
      .expect(200);
    expect(test.body.items).toHaveLength(day.mandatory.length * 2);
  });

  it('refuses a choice of an additional function the centre does not offer (409), or of a function that is not one (400), writing nothing', async () => {
    const candidate = await newCandidate(ctx);
    const notOffered = await apply(candidate, { additionalFunctionIds: [additionalFunctionId] }).expect(409);
    expect(notOffered.body).toMatchObject({
      code: 'FUNCTION_NOT_OFFERED',
      details: { functionIds: [additionalFunctionId], fields: [{ field: 'additionalFunctionIds' }] },
    });
    const mandatory = (await request(server).get(`/api/v1/cards/${day.cardId}`).expect(200)).body.functions[0].id;
    const notAdditional = await apply(candidate, { additionalFunctionIds: [mandatory] }).expect(400);
    expect(notAdditional.body.details.fields).toEqual([
      { field: 'additionalFunctionIds', messages: [`${mandatory} — карточканың қосымша функциясы емес`] },
    ]);
    for (const additionalFunctionIds of ['x', ['not-a-uuid'], [1]]) {
      const res = await apply(candidate, { additionalFunctionIds }).expect(400);
      expect(res.body.details.fields.map((f: { field: string }) => f.field)).toContain('additionalFunctionIds');
    }
    const mine = await request(server)
      .get('/api/v1/applications')
      .set(...bearer(candidate))
      .expect(200);
    expect(mine.body.total).toBe(0);
  });

  it('covers an offered additional function in readiness: it cannot be offered until its skills have tasks and questions', async () => {
    const draft = await request(server)
      .patch(`/api/v1/programs/${day.programId}`)
      .set(...bearer(day.manager))
      .send({ additionalFunctionIds: [additionalFunctionId] })
      .expect(200);
    expect(draft.body).toMatchObject({ status: 'draft', additionalFunctionIds: [additionalFunctionId] });
    expect(draft.body.readiness.ready).toBe(false);
    const card = (await request(server).get(`/api/v1/cards/${day.cardId}`).expect(200)).body;
    const extra = card.functions.find((f: { id: string }) => f.id === additionalFunctionId).skills as { id: string }[];
    expect(draft.body.readiness.missing.map((m: { skillId: string }) => m.skillId)).toEqual(extra.map((s) => s.id));
    const refused = await request(server)
      .post(`/api/v1/programs/${draft.body.id}/activate`)
      .set(...bearer(day.manager))
      .expect(422);
    expect(refused.body.code).toBe('PROGRAM_NOT_READY');

    const bad = await request(server)
      .patch(`/api/v1/programs/${draft.body.id}`)
      .set(...bearer(day.manager))
      .send({ additionalFunctionIds: [card.functions[0].id] })
      .expect(400);
    expect(bad.body.details.fields[0].field).toBe('additionalFunctionIds');
  });

  it('reviews evidence only for the skills the application is assessed on', async () => {
    const candidate = await newCandidate(ctx);
    const application = (await apply(candidate, { pathway: 'recognition' }).expect(201)).body as { id: string };
    const card = (await request(server).get(`/api/v1/cards/${day.cardId}`).expect(200)).body;
    const recommendedOf = (kind: string) =>
      card.functions
        .filter((f: { kind: string }) => f.kind === kind)
        .flatMap((f: { skills: { id: string; recognition: string }[] }) => f.skills)
        .find((s: { recognition: string }) => s.recognition === 'recommended') as { id: string };
    const mandatory = recommendedOf('mandatory');
    const additional = recommendedOf('additional');
    const evidence = await uploadEvidence(ctx, candidate);
    await request(server)
      .post(`/api/v1/applications/${application.id}/claims`)
      .set(...bearer(candidate))
      .send({ evidenceId: evidence.id, skillIds: [mandatory.id, additional.id] })
      .expect(201);
    // Eligibility is the worker's (tested elsewhere); this test is about the reviews.
    await ctx.dataSource.query("UPDATE application SET status = 'eligible', submission = 1 WHERE id = $1", [
      application.id,
    ]);
    const reviews = await request(server)
      .post(`/api/v1/applications/${application.id}/evidence-reviews`)
      .set(...bearer(day.manager))
      .send({ assessorId: day.assessors[0].id })
      .expect(201);
    expect(reviews.body.map((r: { skillId: string }) => r.skillId)).toEqual([mandatory.id]);
  });
});
