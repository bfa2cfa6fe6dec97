import request from 'supertest';
import type { App } from 'supertest/types';
import { accreditedAssessor, ExamDay, uploadEvidence } from './utils/exam-day';
import { startExamDayApp } from './utils/exam-day-app';
import { bearer, newCandidate, newSession, TestSession } from './utils/fixtures';
import { TestContext } from './utils/test-app';

interface Appeal {
  id: string;
  kind: string;
  status: string;
  deadline: string | null;
  decisionId: string | null;
  evidenceIds: string[];
  applicationSubmission: number | null;
}

const dayAfter = (days: number) =>
  new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate() + days))
    .toISOString()
    .slice(0, 10);

/**
 * Appeals against a refusal of admission and complaints about the procedure (docs/DECISIONS.md),
 * heard by the same impartial panel as appeals against decisions.
 */
describe('appeals against a refusal of admission, and complaints about the procedure', () => {
  let ctx: TestContext;
  let server: App;
  let day: ExamDay;
  let panel: TestSession[];

  beforeAll(async () => {
    ({ ctx, server, day } = await startExamDayApp());
    panel = [await accreditedAssessor(ctx, day), await accreditedAssessor(ctx, day)];
  });
  afterAll(() => ctx.close());

  /** A candidate's application that the automatic check refused (written directly: eligibility is tested elsewhere). */
  async function refused(daysAgo = 0) {
    const candidate = await newCandidate(ctx);
    const application = (
      await request(server)
        .post('/api/v1/applications')
        .set(...bearer(candidate))
        .send({ centreId: day.centreId, cardId: day.cardId, pathway: 'assessment' })
        .expect(201)
    ).body as { id: string };
    await ctx.dataSource.query(
      `UPDATE application SET status = 'ineligible', submission = 1,
              eligibility_checked_at = now() - make_interval(days => $2) WHERE id = $1`,
      [application.id, daysAgo],
    );
    return { candidate, applicationId: application.id };
  }

  const lodge = (candidate: TestSession, applicationId: string, body: Record<string, unknown>) =>
    request(server)
      .post(`/api/v1/applications/${applicationId}/appeals`)
      .set(...bearer(candidate))
      .send({ grounds: 'Диплом колледжа по специальности не был учтён при проверке', ...body });

  const seat = (appealId: string) =>
    request(server)
      .post(`/api/v1/appeals/${appealId}/panel`)
      .set(...bearer(day.manager))
      .send({ assessorIds: panel.map((a) => a.id) })
      .expect(200);

  const vote = (assessor: TestSession, appealId: string, v: string) =>
    request(server)
      .post(`/api/v1/appeals/${appealId}/votes`)
      .set(...bearer(assessor))
      .send({ vote: v, reason: 'Изучены документы кандидата и протокол проверки' });

  const statusOf = async (applicationId: string) =>
    (await ctx.dataSource.query('SELECT status FROM application WHERE id = $1', [applicationId]))[0].status;

  it('admits an application on appeal when the panel’s majority finds the refusal wrong, through the candidates context', async () => {
    const { candidate, applicationId } = await refused();
    const appeal = (await lodge(candidate, applicationId, { kind: 'admission' }).expect(201)).body as Appeal;
    expect(appeal).toMatchObject({
      kind: 'admission',
      status: 'lodged',
      decisionId: null,
      applicationSubmission: 1,
      deadline: dayAfter(10),
    });
    const again = await lodge(candidate, applicationId, { kind: 'admission' }).expect(409);
    expect(again.body.code).toBe('APPEAL_EXISTS');

    await seat(appeal.id);
    // An admission appeal takes admit or uphold.
    const wrongVote = await vote(panel[0], appeal.id, 'reassess').expect(400);
    expect(wrongVote.body.details.fields[0].field).toBe('vote');
    await vote(panel[0], appeal.id, 'admit').expect(200);
    const admitted = (await vote(panel[1], appeal.id, 'admit').expect(200)).body as Appeal;
    expect(admitted.status).toBe('admitted');
    expect(await statusOf(applicationId)).toBe('eligible');
    const audit = await ctx.dataSource.query(
      `SELECT action, before, after FROM audit_log WHERE entity_id = $1 AND action = 'application.admit_on_appeal'`,
      [applicationId],
    );
    expect(audit).toEqual([
      {
        action: 'application.admit_on_appeal',
        before: { status: 'ineligible' },
        after: { status: 'eligible', appealId: appeal.id },
      },
    ]);
  });

  it('does not admit on a tie: the refusal stands', async () => {
    const { candidate, applicationId } = await refused();
    const appeal = (await lodge(candidate, applicationId, { kind: 'admission' }).expect(201)).body as Appeal;
    await seat(appeal.id);
    await vote(panel[0], appeal.id, 'admit').expect(200);
    const upheld = (await vote(panel[1], appeal.id, 'uphold').expect(200)).body as Appeal;
    expect(upheld.status).toBe('upheld');
    expect(await statusOf(applicationId)).toBe('ineligible');
  });

  it('counts the admission appeal window from the refusal, and refuses an application that was not refused', async () => {
    const late = await refused(11);
    const closed = await lodge(late.candidate, late.applicationId, { kind: 'admission' }).expect(409);
    expect(closed.body).toMatchObject({ code: 'APPEAL_WINDOW_CLOSED', details: { deadline: dayAfter(-1) } });
    const lastDay = await refused(10);
    await lodge(lastDay.candidate, lastDay.applicationId, { kind: 'admission' }).expect(201);

    const candidate = await newCandidate(ctx);
    const draft = (
      await request(server)
        .post('/api/v1/applications')
        .set(...bearer(candidate))
        .send({ centreId: day.centreId, cardId: day.cardId, pathway: 'assessment' })
        .expect(201)
    ).body;
    const notRefused = await lodge(candidate, draft.id, { kind: 'admission' }).expect(409);
    expect(notRefused.body).toMatchObject({ code: 'INVALID_TRANSITION', details: { currentStatus: 'draft' } });
  });

  it('hears a complaint about the procedure with the candidate’s own documents; a tie sustains it', async () => {
    const { candidate, applicationId } = await refused();
    const document = await uploadEvidence(ctx, candidate, 'жалоба');
    const complaint = (
      await lodge(candidate, applicationId, { kind: 'procedural', evidenceIds: [document.id] }).expect(201)
    ).body as Appeal;
    expect(complaint).toMatchObject({ kind: 'procedural', evidenceIds: [document.id], deadline: null });
    const another = await lodge(candidate, applicationId, { kind: 'procedural' }).expect(409);
    expect(another.body.code).toBe('APPEAL_EXISTS');
    await seat(complaint.id);
    await vote(panel[0], complaint.id, 'sustain').expect(200);
    const sustained = (await vote(panel[1], complaint.id, 'uphold').expect(200)).body as Appeal;
    expect(sustained.status).toBe('sustained');
    // A complaint changes no application state: the finding is the centre's to act on.
    expect(await statusOf(applicationId)).toBe('ineligible');
    const listed = await request(server)
      .get(`/api/v1/applications/${applicationId}/appeals`)
      .set(...bearer(day.manager))
      .expect(200);
    expect(listed.body.map((a: Appeal) => a.kind).sort()).toEqual(['procedural']);
  });

  it('refuses bad input with the field named and writes nothing', async () => {
    const { candidate, applicationId } = await refused();
    const stranger = await newCandidate(ctx);
    const theirs = await uploadEvidence(ctx, stranger, 'чужой');
    const cases: [Record<string, unknown>, string, number][] = [
      [{ kind: 'decision' }, 'kind', 400],
      [{ kind: 'admission', grounds: 'коротко' }, 'grounds', 400],
      [{ kind: 'procedural', evidenceIds: ['not-a-uuid'] }, 'evidenceIds', 400],
      [{ kind: 'procedural', evidenceIds: [theirs.id] }, 'evidenceIds', 400],
    ];
    for (const [body, field, status] of cases) {
      const res = await lodge(candidate, applicationId, body).expect(status);
      expect(res.body.details.fields.map((f: { field: string }) => f.field)).toContain(field);
    }
    const [{ n }] = await ctx.dataSource.query('SELECT COUNT(*)::int AS n FROM appeal WHERE application_id = $1', [
      applicationId,
    ]);
    expect(n).toBe(0);
  });

  it('lets only the candidate lodge on their own application (404 for others, 403 for staff)', async () => {
    const { applicationId } = await refused();
    const other = await newCandidate(ctx);
    expect((await lodge(other, applicationId, { kind: 'admission' }).expect(404)).body.code).toBe('NOT_FOUND');
    await lodge(day.manager, applicationId, { kind: 'admission' }).expect(403);
    const otherManager = await newSession(ctx, 'centre_manager', []);
    await lodge(otherManager, applicationId, { kind: 'admission' }).expect(403);
  });

  it('does not seat on an admission appeal an assessor who checked the application’s documents', async () => {
    const { candidate, applicationId } = await refused();
    const diploma = await uploadEvidence(ctx, candidate, 'диплом');
    const record = (
      await request(server)
        .post('/api/v1/candidates/me/education')
        .set(...bearer(candidate))
        .send({
          level: 'tvet_specialist',
          institution: 'Колледж связи',
          graduationYear: 2016,
          documentRef: 'ТКБ 0123456',
          documentId: diploma.id,
        })
        .expect(201)
    ).body as { id: string };
    // The document check is tested in admission.e2e-spec.ts; here only who did it matters.
    await ctx.dataSource.query(
      `UPDATE candidate_education SET check_status = 'rejected', checked_by = $2, checked_at = now(),
              checked_application_id = $3, check_reason = 'Диплом не читается' WHERE id = $1`,
      [record.id, panel[0].id, applicationId],
    );
    const appeal = (await lodge(candidate, applicationId, { kind: 'admission' }).expect(201)).body as Appeal;
    const refusedPanel = await request(server)
      .post(`/api/v1/appeals/${appeal.id}/panel`)
      .set(...bearer(day.manager))
      .send({ assessorIds: panel.map((a) => a.id) })
      .expect(409);
    expect(refusedPanel.body.details.problems).toEqual([
      expect.objectContaining({ assessorId: panel[0].id, rule: 'INVOLVED_IN_APPLICATION' }),
    ]);
  });
});
