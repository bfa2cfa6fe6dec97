import request from 'supertest';
import type { App } from 'supertest/types';
import { CertificateIssuer } from '@qualcert/certificates';
import { DecisionsService } from '@qualcert/decisions';
import { accreditedAssessor, assessedApplication, enrolledCandidate, ExamDay, uploadEvidence } from '../utils/exam-day';
import { startExamDayApp } from '../utils/exam-day-app';
import { bearer, newCandidate, TestSession } from '../utils/fixtures';
import { addEducation } from '../utils/records';
import { TestContext } from '../utils/test-app';

/**
 * Issue 17: an assessor with no assignment read a candidate's profile, another's evidence file and
 * a certificate PDF at their centre. An assessor reaches a candidate only through an assignment
 * (docs/ACCESS.md, "What an assessor reaches"); the document check opens only the files behind the
 * candidate's records, while it is under way.
 */
describe('an assessor reaches only the candidates they are assigned to', () => {
  let ctx: TestContext;
  let server: App;
  let day: ExamDay;
  /** Of the same centre, accredited for the card, assigned to nothing. */
  let stranger: TestSession;

  const status = async (who: TestSession, path: string) =>
    (
      await request(server)
        .get(path)
        .set(...bearer(who))
    ).status;

  beforeAll(async () => {
    ({ ctx, server, day } = await startExamDayApp());
    stranger = await accreditedAssessor(ctx, day);
  }, 120_000);
  afterAll(() => ctx.close());

  it('refuses the profile, an evidence file and the certificate to an assessor of the centre who examined nobody', async () => {
    const { applicationId, candidate } = await assessedApplication(ctx, day);
    await ctx.app.get(DecisionsService).compute(applicationId);
    const [decision] = await ctx.dataSource.query('SELECT id FROM decision WHERE application_id = $1', [applicationId]);
    await request(server)
      .post(`/api/v1/decisions/${decision.id}/approve`)
      .set(...bearer(day.manager))
      .expect(200);
    await ctx.app.get(CertificateIssuer).issue(decision.id);
    const [certificate] = await ctx.dataSource.query('SELECT id FROM certificate WHERE application_id = $1', [
      applicationId,
    ]);
    const evidence = await uploadEvidence(ctx, candidate, 'отзыв работодателя');
    const paths = [
      `/api/v1/candidates/${candidate.id}`,
      `/api/v1/evidence/${evidence.id}`,
      `/api/v1/evidence/${evidence.id}/download`,
      `/api/v1/certificates/${certificate.id}/pdf`,
      `/api/v1/certificates/${certificate.id}/credential`,
      `/api/v1/decisions/${decision.id}/conclusion`,
      `/api/v1/applications/${applicationId}/appeals`,
    ];
    const examiner = day.assessors[0];
    const reached = [];
    for (const path of paths) reached.push([path, await status(examiner, path), await status(stranger, path)]);
    // The conclusion is of a decision that does not award (409): an awarded one has a certificate.
    expect(reached).toEqual(paths.map((path) => [path, path.endsWith('/conclusion') ? 409 : 200, 404]));
  });

  it('ends with the assignment: an assessor of a withdrawn enrolment no longer reaches the candidate', async () => {
    const { enrolment, candidate } = await enrolledCandidate(ctx, day);
    const examiner = day.assessors[0];
    expect(await status(examiner, `/api/v1/candidates/${candidate.id}`)).toBe(200);
    await request(server)
      .post(`/api/v1/enrolments/${enrolment.id}/withdraw`)
      .set(...bearer(day.manager))
      .expect(200);
    expect(await status(examiner, `/api/v1/candidates/${candidate.id}`)).toBe(404);
  });

  it('opens to the document check the files behind the records, while it is under way, and nothing else', async () => {
    const candidate = await newCandidate(ctx);
    const diploma = await addEducation(ctx, candidate, { level: 'tvet_worker' });
    const other = await uploadEvidence(ctx, candidate, 'другой файл');
    const application = await request(server)
      .post('/api/v1/applications')
      .set(...bearer(candidate))
      .send({ centreId: day.centreId, cardId: day.cardId, pathway: 'assessment' })
      .expect(201);
    const document = `/api/v1/evidence/${diploma.documentId}/download`;
    // A draft is not under check.
    expect(await status(stranger, document)).toBe(404);
    // No worker runs here: the application is put where the worker puts it after a submission.
    await ctx.dataSource.query("UPDATE application SET status = 'awaiting_documents', submission = 1 WHERE id = $1", [
      application.body.id,
    ]);
    expect(await status(stranger, `/api/v1/applications/${application.body.id}/documents`)).toBe(200);
    expect(await status(stranger, document)).toBe(200);
    expect(await status(stranger, `/api/v1/evidence/${other.id}/download`)).toBe(404);
    expect(await status(stranger, `/api/v1/candidates/${candidate.id}`)).toBe(404);
    // The check over, the file is out of reach again; the application itself is still the centre's.
    await ctx.dataSource.query("UPDATE application SET status = 'ineligible' WHERE id = $1", [application.body.id]);
    expect(await status(stranger, document)).toBe(404);
    expect(await status(stranger, `/api/v1/applications/${application.body.id}`)).toBe(200);
  });
});
