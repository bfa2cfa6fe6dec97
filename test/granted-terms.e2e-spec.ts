import request from 'supertest';
import type { App } from 'supertest/types';
import { CertificateIssuer } from '@qualcert/certificates';
import { DecisionsService } from '@qualcert/decisions';
import { assessedApplication, eligibleApplicationFor, ExamDay, scheduleSession } from './utils/exam-day';
import { startExamDayApp } from './utils/exam-day-app';
import { bearer, TestSession } from './utils/fixtures';
import { TestContext } from './utils/test-app';

interface Terms {
  certificateValidityMonths: number;
  creditValidityMonths: number;
  appealWindowDays: number;
  retakeWaitDays: number;
  appealDeadline: string;
  creditValidUntil: string | null;
  retakeOpensOn: string | null;
}

const dayAfter = (days: number, from = new Date()) =>
  new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate() + days)).toISOString().slice(0, 10);

/**
 * Rights are fixed when they are granted (docs/DECISIONS.md): the terms a decision grants are
 * stored on it when it is signed and read from there, whatever the program becomes. No worker
 * runs here: the test computes decisions and issues certificates itself, in the order it needs.
 */
describe('rights fixed when granted: a program change after sign-off moves no granted deadline', () => {
  let ctx: TestContext;
  let server: App;
  let day: ExamDay;

  beforeAll(async () => {
    ({ ctx, server, day } = await startExamDayApp());
  });
  afterAll(() => ctx.close());

  /** An assessed application's decision, computed and signed under the program as it is. */
  async function signed(failSkills: number) {
    const { applicationId, candidate, failed } = await assessedApplication(ctx, day, failSkills);
    expect(await ctx.app.get(DecisionsService).compute(applicationId)).toBe('computed');
    const [pending] = (
      await request(server)
        .get(`/api/v1/applications/${applicationId}/decisions`)
        .set(...bearer(day.manager))
        .expect(200)
    ).body as { id: string; terms: Terms | null }[];
    expect(pending.terms).toBeNull();
    const approved = await request(server)
      .post(`/api/v1/decisions/${pending.id}/approve`)
      .set(...bearer(day.manager))
      .expect(200);
    return { applicationId, candidate, failed, decision: approved.body as { id: string; terms: Terms } };
  }

  /** The centre changes every term of its program: a new version, activated. */
  async function changeProgram(terms: Partial<Terms>) {
    const draft = await request(server)
      .patch(`/api/v1/programs/${day.programId}`)
      .set(...bearer(day.manager))
      .send(terms)
      .expect(200);
    await request(server)
      .post(`/api/v1/programs/${draft.body.id}/activate`)
      .set(...bearer(day.manager))
      .expect(200);
    day.programId = draft.body.id;
  }

  const decisionOf = async (session: TestSession, applicationId: string) =>
    (
      await request(server)
        .get(`/api/v1/applications/${applicationId}/decisions`)
        .set(...bearer(session))
        .expect(200)
    ).body[0] as { id: string; terms: Terms };

  it('keeps the appeal window, the retake wait and the credit period the decision was signed with', async () => {
    const { applicationId, candidate, decision } = await signed(1);
    const today = dayAfter(0);
    expect(decision.terms).toEqual({
      certificateValidityMonths: 60,
      creditValidityMonths: 12,
      appealWindowDays: 10,
      retakeWaitDays: 30,
      appealDeadline: dayAfter(10),
      creditValidUntil: `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`,
      retakeOpensOn: dayAfter(30),
    });

    await changeProgram({ appealWindowDays: 1, retakeWaitDays: 0, creditValidityMonths: 1 });
    expect((await decisionOf(candidate, applicationId)).terms).toEqual(decision.terms);

    // Five days after signing: the program's window (1 day) is long closed, the decision's is not.
    await ctx.dataSource.query("UPDATE decision SET signed_at = now() - interval '5 days' WHERE id = $1", [
      decision.id,
    ]);
    const failedSkill = day.mandatory[0].id;
    const appeal = await request(server)
      .post(`/api/v1/decisions/${decision.id}/appeals`)
      .set(...bearer(candidate))
      .send({ contestedSkillIds: [failedSkill], grounds: 'Оценка практического задания была необъективной' })
      .expect(201);
    expect(appeal.body.deadline).toBe(dayAfter(5));

    // The program now makes nobody wait; the decision made this candidate wait 30 days.
    const again = await request(server)
      .post('/api/v1/applications')
      .set(...bearer(candidate))
      .send({ centreId: day.centreId, cardId: day.cardId, pathway: 'assessment' })
      .expect(409);
    expect(again.body).toMatchObject({ code: 'RETAKE_TOO_EARLY', details: { opensOn: dayAfter(25) } });

    // Three months on, past the program's new credit period (1 month) but within the decision's
    // (12): the credited skills are still carried into a retake.
    await ctx.dataSource.query("UPDATE decision SET signed_at = now() - interval '3 months' WHERE id = $1", [
      decision.id,
    ]);
    const retakeId = await eligibleApplicationFor(ctx, day, candidate.id);
    const session = await scheduleSession(ctx, day);
    const enrolment = await request(server)
      .post(`/api/v1/sessions/${session.id}/enrolments`)
      .set(...bearer(day.manager))
      .send({ applicationId: retakeId })
      .expect(201);
    expect(enrolment.body.examinedSkillIds).toEqual([failedSkill]);
  });

  it('issues the certificate for the validity the decision granted, not the program’s as changed since', async () => {
    const { decision } = await signed(0);
    expect(decision.terms.certificateValidityMonths).toBe(60);
    await changeProgram({ certificateValidityMonths: 6 });
    const certificates = ctx.app.get(CertificateIssuer);
    expect(await certificates.issue(decision.id)).toBe('issued');
    const [row] = await ctx.dataSource.query(
      `SELECT to_char(issued_on, 'YYYY-MM-DD') AS issued_on, to_char(valid_until, 'YYYY-MM-DD') AS valid_until,
              validity_months FROM certificate WHERE decision_id = $1`,
      [decision.id],
    );
    const issued = row.issued_on as string;
    expect(row).toEqual({
      issued_on: issued,
      valid_until: `${Number(issued.slice(0, 4)) + 5}${issued.slice(4)}`,
      validity_months: 60,
    });
  });

  it('a decision made on appeal keeps the terms of the decision it supersedes', async () => {
    const { decision } = await signed(1);
    await changeProgram({ appealWindowDays: 20 });
    // Written directly: the appeal's steps are tested in appeals.e2e-spec.ts; here only the signing.
    const [{ id }] = await ctx.dataSource.query(
      `INSERT INTO decision (id, application_id, sequence, status, outcome, credited_skill_ids, result, supersedes_id)
       SELECT gen_random_uuid(), application_id, sequence + 1, 'pending_signoff', outcome, credited_skill_ids, result, id
         FROM decision WHERE id = $1 RETURNING id`,
      [decision.id],
    );
    const approved = await request(server)
      .post(`/api/v1/decisions/${id}/approve`)
      .set(...bearer(day.manager))
      .expect(200);
    const { appealDeadline, creditValidUntil, retakeOpensOn, ...granted } = decision.terms;
    expect(approved.body.terms).toMatchObject(granted);
    expect(approved.body.terms.appealWindowDays).not.toBe(20);
    expect([appealDeadline, creditValidUntil, retakeOpensOn]).toEqual([
      approved.body.terms.appealDeadline,
      approved.body.terms.creditValidUntil,
      approved.body.terms.retakeOpensOn,
    ]);
  });
});
