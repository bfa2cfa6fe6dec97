import request from 'supertest';
import type { App } from 'supertest/types';
import { flat, pageTexts, parsePdf } from '@qualcert/certificates/testing';
import { DecisionsService } from '@qualcert/decisions';
import { assessedApplication, ExamDay } from './utils/exam-day';
import { startExamDayApp } from './utils/exam-day-app';
import { bearer, newCandidate, newSession, TestSession } from './utils/fixtures';
import { TestContext } from './utils/test-app';

/** Binary bodies as Buffers (supertest parses only text and JSON by default). */
function binary(res: request.Response, callback: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
}

/** The text a viewer extracts, through the fonts' ToUnicode maps, on one line. */
function pdfText(pdf: Buffer): string {
  return flat(pageTexts(parsePdf(pdf)).join('\n'));
}

/**
 * The documents of a result (docs/DECISIONS.md): the conclusion of a signed decision that does
 * not award the card, and the protocol of an exam session. No worker: the test computes the
 * decisions itself.
 */
describe('documents of a result: the conclusion and the protocol', () => {
  let ctx: TestContext;
  let server: App;
  let day: ExamDay;
  let partial: { applicationId: string; candidate: TestSession; decisionId: string; sessionId: string };

  const get = (session: TestSession, path: string) =>
    request(server)
      .get(path)
      .set(...bearer(session))
      .buffer(true)
      .parse(binary);

  async function signed(failSkills: number) {
    const { applicationId, candidate } = await assessedApplication(ctx, day, failSkills);
    await ctx.app.get(DecisionsService).compute(applicationId);
    const [decision] = (
      await request(server)
        .get(`/api/v1/applications/${applicationId}/decisions`)
        .set(...bearer(day.manager))
        .expect(200)
    ).body as { id: string }[];
    await request(server)
      .post(`/api/v1/decisions/${decision.id}/approve`)
      .set(...bearer(day.manager))
      .expect(200);
    const [{ session_id: sessionId }] = await ctx.dataSource.query(
      'SELECT session_id FROM enrolment WHERE application_id = $1',
      [applicationId],
    );
    return { applicationId, candidate, decisionId: decision.id, sessionId: sessionId as string };
  }

  beforeAll(async () => {
    ({ ctx, server, day } = await startExamDayApp());
    partial = await signed(1);
  });
  afterAll(() => ctx.close());

  it('gives the candidate the conclusion of their partial decision: credited skills, what to improve, the credit period and the appeal deadline', async () => {
    const res = await get(partial.candidate, `/api/v1/decisions/${partial.decisionId}/conclusion`).expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="conclusion-[0-9A-F]{8}\.pdf"$/);
    const pdf = res.body as Buffer;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(pdf);
    const failed = day.mandatory[0];
    const [skill] = await ctx.dataSource.query('SELECT title FROM skill WHERE id = $1', [failed.id]);
    const [ability] = await ctx.dataSource.query(
      'SELECT text FROM skill_ability WHERE skill_id = $1 ORDER BY position LIMIT 1',
      [failed.id],
    );
    const [decision] = await ctx.dataSource.query(
      `SELECT to_char(signed_at AT TIME ZONE 'UTC' + interval '10 days', 'DD.MM.YYYY') AS deadline,
              to_char(signed_at AT TIME ZONE 'UTC' + interval '12 months', 'DD.MM.YYYY') AS credit
         FROM decision WHERE id = $1`,
      [partial.decisionId],
    );
    expect(text).toContain('Заключение по результатам оценки квалификации');
    expect(text).toContain('Квалификация подтверждена частично');
    expect(text).toContain(skill.title.replace(/\s+/g, ' ').slice(0, 30));
    expect(text).toContain(ability.text.replace(/\s+/g, ' ').slice(0, 30));
    expect(text).toContain(`до ${decision.deadline} включительно`);
    expect(text).toContain(`при повторной оценке до ${decision.credit}`);
  });

  it('renders the same conclusion to the same bytes, for the candidate, the centre and admins alike', async () => {
    const path = `/api/v1/decisions/${partial.decisionId}/conclusion`;
    const first = (await get(partial.candidate, path).expect(200)).body as Buffer;
    const manager = (await get(day.manager, path).expect(200)).body as Buffer;
    const admin = (await get(day.admin, path).expect(200)).body as Buffer;
    expect(manager.equals(first)).toBe(true);
    expect(admin.equals(first)).toBe(true);
  });

  it('has no conclusion for an awarding decision or one not yet signed (409), none for others (404)', async () => {
    const awarded = await signed(0);
    const refused = await request(server)
      .get(`/api/v1/decisions/${awarded.decisionId}/conclusion`)
      .set(...bearer(awarded.candidate))
      .expect(409);
    expect(refused.body).toMatchObject({ code: 'DOCUMENT_NOT_AVAILABLE', details: { outcome: 'awarded' } });

    const { applicationId, candidate } = await assessedApplication(ctx, day, 1);
    await ctx.app.get(DecisionsService).compute(applicationId);
    const [pending] = (
      await request(server)
        .get(`/api/v1/applications/${applicationId}/decisions`)
        .set(...bearer(candidate))
        .expect(200)
    ).body as { id: string }[];
    const unsigned = await request(server)
      .get(`/api/v1/decisions/${pending.id}/conclusion`)
      .set(...bearer(candidate))
      .expect(409);
    expect(unsigned.body.details.currentStatus).toBe('pending_signoff');

    const stranger = await newCandidate(ctx);
    await request(server)
      .get(`/api/v1/decisions/${partial.decisionId}/conclusion`)
      .set(...bearer(stranger))
      .expect(404);
    const otherManager = await newSession(ctx, 'centre_manager', []);
    await request(server)
      .get(`/api/v1/decisions/${partial.decisionId}/conclusion`)
      .set(...bearer(otherManager))
      .expect(404);
    const bad = await request(server)
      .get('/api/v1/decisions/not-a-uuid/conclusion')
      .set(...bearer(partial.candidate))
      .expect(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
  });

  it('gives the session’s protocol to its centre and assessors: each skill’s theory score, verdicts per assessor, outcome, assessors’ names', async () => {
    const res = await get(day.manager, `/api/v1/sessions/${partial.sessionId}/protocol`).expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const pdf = res.body as Buffer;
    const again = (await get(day.assessors[0], `/api/v1/sessions/${partial.sessionId}/protocol`).expect(200))
      .body as Buffer;
    expect(again.equals(pdf)).toBe(true);
    const text = pdfText(pdf);
    const names = await ctx.dataSource.query(
      `SELECT u.full_name FROM session_assessor a JOIN app_user u ON u.id = a.assessor_id WHERE a.session_id = $1`,
      [partial.sessionId],
    );
    const [candidate] = await ctx.dataSource.query('SELECT full_name FROM app_user WHERE id = $1', [
      partial.candidate.id,
    ]);
    expect(text).toContain('Протокол экзаменационной сессии');
    for (const { full_name } of names) expect(text).toContain(full_name);
    expect(text).toContain(candidate.full_name);
    expect(text).toContain('2/2 (100%)');
    expect(text).toContain('Пока нет');
    expect(text).toContain('Не сдан');
  });

  it('gives a candidate of the session the extract of their own results, and others nothing (404)', async () => {
    const res = await get(partial.candidate, `/api/v1/sessions/${partial.sessionId}/protocol`).expect(200);
    expect(res.headers['content-disposition']).toContain('-extract.pdf');
    expect(pdfText(res.body as Buffer)).toContain('Выписка из протокола');
    await request(server)
      .get(`/api/v1/sessions/${partial.sessionId}/protocol`)
      .set(...bearer(await newCandidate(ctx)))
      .expect(404);
    await request(server)
      .get(`/api/v1/sessions/${partial.sessionId}/protocol`)
      .set(...bearer(await newSession(ctx, 'centre_manager', [])))
      .expect(404);
    await request(server)
      .get(`/api/v1/sessions/${partial.sessionId}/protocol`)
      .set(...bearer(await newSession(ctx, 'assessor', [day.centreId])))
      .expect(404);
  });
});
