import { INestApplicationContext } from '@nestjs/common';
import request from 'supertest';
import type { App } from 'supertest/types';
import { accreditedAssessor, assessedApplication, ExamDay, issuedCertificate, publicPath } from './utils/exam-day';
import { startExamDayApp } from './utils/exam-day-app';
import { bearer, eventually, newSession, TestSession } from './utils/fixtures';
import { TestContext } from './utils/test-app';

interface Decision {
  id: string;
  status: string;
  outcome: string;
  sequence: number;
  creditedSkillIds: string[];
  supersedesId: string | null;
}

interface Appeal {
  id: string;
  status: string;
  deadline: string;
  decisionId: string;
  newDecisionId: string | null;
  panel: { assessorId: string; vote: string | null }[];
  reassessments: { skillId: string; result: string }[];
}

describe('appeals: lodged in the window, heard by an impartial panel, upheld or re-assessed', () => {
  let ctx: TestContext;
  let worker: INestApplicationContext;
  let server: App;
  let day: ExamDay;
  let panel: TestSession[];

  const decisionsOf = (applicationId: string) =>
    request(server)
      .get(`/api/v1/applications/${applicationId}/decisions`)
      .set(...bearer(day.manager))
      .then((r) => r.body as Decision[]);

  /** An examined application whose decision the manager has signed. */
  async function signed(failSkills: number | string[]) {
    const { applicationId, candidate, failed } = await assessedApplication(ctx, day, failSkills);
    const [decision] = await eventually(
      () => decisionsOf(applicationId),
      (d) => d.length > 0,
    );
    await request(server)
      .post(`/api/v1/decisions/${decision.id}/approve`)
      .set(...bearer(day.manager))
      .expect(200);
    return { applicationId, candidate, failed, decisionId: decision.id };
  }

  /** The last day of the appeal window: the signing's day in UTC (by the row, not the test's clock) + 10. */
  const deadlineOf = async (decisionId: string) =>
    (
      await ctx.dataSource.query<{ day: string }[]>(
        `SELECT to_char((signed_at AT TIME ZONE 'UTC')::date + 10, 'YYYY-MM-DD') AS day FROM decision WHERE id = $1`,
        [decisionId],
      )
    )[0].day;

  const lodge = (candidate: TestSession, decisionId: string, contestedSkillIds: string[]) =>
    request(server)
      .post(`/api/v1/decisions/${decisionId}/appeals`)
      .set(...bearer(candidate))
      .send({ contestedSkillIds, grounds: 'Практическое задание оценено без учёта записи разговора' });

  const assignPanel = (appealId: string, assessors: TestSession[]) =>
    request(server)
      .post(`/api/v1/appeals/${appealId}/panel`)
      .set(...bearer(day.manager))
      .send({ assessorIds: assessors.map((a) => a.id) });

  const vote = (assessor: TestSession, appealId: string, resolution: 'uphold' | 'reassess') =>
    request(server)
      .post(`/api/v1/appeals/${appealId}/votes`)
      .set(...bearer(assessor))
      .send({ vote: resolution, reason: 'Изучены протоколы и запись экзамена' });

  // A pass rests on a practical task observed again: the failed skills here are not recommended
  // for recognition, which only a re-examination may credit.
  const reassess = (
    assessor: TestSession,
    appealId: string,
    skillId: string,
    result: 'passed' | 'failed',
    // null: a verdict on a note alone.
    reExamination: object | null = result === 'passed' ? { practical: { verdict: 'competent' } } : null,
  ) =>
    request(server)
      .put(`/api/v1/appeals/${appealId}/reassessments/${skillId}`)
      .set(...bearer(assessor))
      .send({ result, note: 'Повторное наблюдение выполнения задания', reExamination: reExamination ?? undefined });

  /** Lodged, heard by the two panel members, who vote as told. */
  async function heard(
    candidate: TestSession,
    decisionId: string,
    skillIds: string[],
    votes: ('uphold' | 'reassess')[],
  ) {
    const appeal = (await lodge(candidate, decisionId, skillIds).expect(201)).body as Appeal;
    await assignPanel(appeal.id, panel).expect(200);
    let last: Appeal = appeal;
    for (const [i, v] of votes.entries()) last = (await vote(panel[i], appeal.id, v).expect(200)).body as Appeal;
    return last;
  }

  beforeAll(async () => {
    ({ ctx, worker, server, day } = await startExamDayApp({ worker: true }));
    panel = [await accreditedAssessor(ctx, day), await accreditedAssessor(ctx, day)];
  });
  afterAll(async () => {
    await worker.close();
    await ctx.close();
  });

  it('accepts an appeal within the window, once, on skills the decision did not credit', async () => {
    const { candidate, failed, decisionId } = await signed(1);
    const credited = day.mandatory[1].id;
    const refused = await lodge(candidate, decisionId, [credited, failed[0]]).expect(400);
    expect(refused.body.details.fields).toEqual([
      { field: 'contestedSkillIds', messages: [`${credited} шешіммен сыналып қойған`] },
    ]);
    const appeal = (await lodge(candidate, decisionId, failed).expect(201)).body as Appeal;
    expect(appeal).toMatchObject({ status: 'lodged', decisionId, deadline: await deadlineOf(decisionId), panel: [] });
    const again = await lodge(candidate, decisionId, failed).expect(409);
    expect(again.body.code).toBe('APPEAL_EXISTS');
    const [audit] = await ctx.dataSource.query(
      "SELECT actor_id FROM audit_log WHERE action = 'appeal.lodged' AND entity_id = $1",
      [appeal.id],
    );
    expect(audit.actor_id).toBe(candidate.id);
    // The centre's managers hear of it.
    await eventually(
      () =>
        request(server)
          .get('/api/v1/me/notifications')
          .set(...bearer(day.manager))
          .then((r) => r.body as { kind: string; subjectId: string }[]),
      (n) => n.some((x) => x.kind === 'appeal.lodged' && x.subjectId === appeal.id),
    );
  });

  it('refuses an appeal after the window, with the deadline in the error', async () => {
    const { candidate, failed, decisionId } = await signed(1);
    await ctx.dataSource.query("UPDATE decision SET signed_at = now() - interval '11 days' WHERE id = $1", [
      decisionId,
    ]);
    const late = await lodge(candidate, decisionId, failed).expect(409);
    const deadline = await deadlineOf(decisionId);
    expect(late.body).toMatchObject({ code: 'APPEAL_WINDOW_CLOSED', details: { deadline, windowDays: 10 } });
    expect(late.body.message).toContain(deadline);
    // On the last day it is still open.
    await ctx.dataSource.query("UPDATE decision SET signed_at = now() - interval '10 days' WHERE id = $1", [
      decisionId,
    ]);
    await lodge(candidate, decisionId, failed).expect(201);
  });

  it('lets only the candidate appeal their own signed decision', async () => {
    const { decisionId, failed } = await signed(1);
    const stranger = await newSession(ctx, 'candidate');
    expect((await lodge(stranger, decisionId, failed).expect(404)).body.code).toBe('NOT_FOUND');
    await lodge(day.manager, decisionId, failed).expect(403);
    const { applicationId, candidate } = await assessedApplication(ctx, day, 1);
    const [pending] = await eventually(
      () => decisionsOf(applicationId),
      (d) => d.length > 0,
    );
    const unsigned = await lodge(candidate, pending.id, [day.mandatory[0].id]).expect(409);
    expect(unsigned.body).toMatchObject({ code: 'INVALID_TRANSITION', details: { currentStatus: 'pending_signoff' } });
  });

  it('seats only impartial assessors who took no part in the application, at least two', async () => {
    const { candidate, failed, decisionId } = await signed(1);
    const appeal = (await lodge(candidate, decisionId, failed).expect(201)).body as Appeal;
    const alone = await assignPanel(appeal.id, [panel[0]]).expect(400);
    expect(alone.body.details.fields[0].field).toBe('assessorIds');

    const involved = await assignPanel(appeal.id, [day.assessors[0], panel[0]]).expect(409);
    expect(involved.body.code).toBe('PANEL_NOT_IMPARTIAL');
    expect(involved.body.details.problems).toEqual([
      expect.objectContaining({ assessorId: day.assessors[0].id, rule: 'INVOLVED_IN_APPLICATION' }),
    ]);

    const conflicted = await accreditedAssessor(ctx, day);
    await request(server)
      .post('/api/v1/assessors/me/conflicts')
      .set(...bearer(conflicted))
      .send({ kind: 'candidate', candidateId: candidate.id, reason: 'Бывший коллега кандидата' })
      .expect(201);
    const outsider = await newSession(ctx, 'assessor');
    const refused = await assignPanel(appeal.id, [conflicted, outsider]).expect(409);
    expect(refused.body.details.problems.map((p: { rule: string }) => p.rule)).toEqual([
      'CONFLICT_WITH_CANDIDATE',
      'NOT_AN_ASSESSOR_OF_CENTRE',
    ]);

    const seated = (await assignPanel(appeal.id, panel).expect(200)).body as Appeal;
    expect(seated.status).toBe('hearing');
    expect(seated.panel.map((m) => m.assessorId).sort()).toEqual(panel.map((a) => a.id).sort());
    expect((await assignPanel(appeal.id, panel).expect(409)).body.details.currentStatus).toBe('hearing');
    // The panel members see the appeal among theirs; an assessor off the panel may not vote.
    const mine = await request(server)
      .get('/api/v1/appeals/panels')
      .set(...bearer(panel[0]))
      .expect(200);
    expect(mine.body.map((a: Appeal) => a.id)).toContain(appeal.id);
    expect((await vote(day.assessors[1], appeal.id, 'uphold').expect(403)).body.code).toBe('NOT_ON_PANEL');
  });

  it('upholds the decision when the panel votes so; the decision and the candidate are told', async () => {
    const { applicationId, candidate, failed, decisionId } = await signed(1);
    const afterFirst = await heard(candidate, decisionId, failed, ['uphold']);
    expect(afterFirst.status).toBe('hearing');
    const twice = await vote(panel[0], afterFirst.id, 'reassess').expect(409);
    expect(twice.body.code).toBe('CONFLICT');
    const upheld = (await vote(panel[1], afterFirst.id, 'uphold').expect(200)).body as Appeal;
    expect(upheld.status).toBe('upheld');
    const decisions = await decisionsOf(applicationId);
    expect(decisions.map((d) => [d.id, d.status])).toEqual([[decisionId, 'approved']]);
    await eventually(
      () =>
        request(server)
          .get('/api/v1/me/notifications')
          .set(...bearer(candidate))
          .then((r) => r.body as { kind: string }[]),
      (n) => n.some((x) => x.kind === 'appeal.upheld') && n.some((x) => x.kind === 'decision.approved'),
    );
    // Nothing more can happen on an upheld appeal.
    expect((await reassess(panel[0], upheld.id, failed[0], 'passed').expect(409)).body.details.currentStatus).toBe(
      'upheld',
    );
  });

  it('re-assesses on a tie; the new decision supersedes the old one and a certificate follows', async () => {
    const { applicationId, candidate, failed, decisionId } = await signed(1);
    const ordered = await heard(candidate, decisionId, failed, ['uphold', 'reassess']);
    expect(ordered.status).toBe('reassessment');
    const stranger = await reassess(panel[0], ordered.id, day.mandatory[2].id, 'passed').expect(400);
    expect(stranger.body.details.fields[0].field).toBe('skillId');
    // The first member to write does not decide: the appeal waits for the whole panel.
    const first = (await reassess(panel[0], ordered.id, failed[0], 'passed').expect(200)).body as Appeal;
    expect(first.status).toBe('reassessment');
    expect((await reassess(panel[0], ordered.id, failed[0], 'passed').expect(409)).body.code).toBe('CONFLICT');
    const reassessed = (await reassess(panel[1], ordered.id, failed[0], 'passed').expect(200)).body as Appeal;
    expect(reassessed.status).toBe('reassessed');
    expect((await reassess(panel[1], ordered.id, failed[0], 'failed').expect(409)).body.code).toBe(
      'INVALID_TRANSITION',
    );

    const decisions = await eventually(
      () => decisionsOf(applicationId),
      (d) => d.length > 1,
    );
    const [fresh, contested] = decisions;
    expect(fresh).toMatchObject({
      status: 'pending_signoff',
      outcome: 'awarded',
      sequence: 2,
      supersedesId: decisionId,
    });
    expect(contested).toMatchObject({ id: decisionId, status: 'approved', outcome: 'partial' });
    const appeal = (
      await request(server)
        .get(`/api/v1/appeals/${ordered.id}`)
        .set(...bearer(candidate))
        .expect(200)
    ).body as Appeal;
    expect(appeal.newDecisionId).toBe(fresh.id);

    await request(server)
      .post(`/api/v1/decisions/${fresh.id}/approve`)
      .set(...bearer(day.manager))
      .expect(200);
    expect((await decisionsOf(applicationId)).map((d) => [d.sequence, d.status])).toEqual([
      [2, 'approved'],
      [1, 'superseded'],
    ]);
    const resolved = await request(server)
      .get(`/api/v1/appeals/${ordered.id}`)
      .set(...bearer(candidate))
      .expect(200);
    expect(resolved.body.status).toBe('resolved');
    const certificate = await issuedCertificate(ctx, candidate, applicationId);
    expect(certificate.status).toBe('valid');
    const notes = await eventually(
      () =>
        request(server)
          .get('/api/v1/me/notifications')
          .set(...bearer(candidate))
          .then((r) => r.body as { id: string; kind: string; readAt: string | null }[]),
      (n) => n.some((x) => x.kind === 'certificate.issued'),
    );
    expect(notes.map((n) => n.kind)).toEqual(
      expect.arrayContaining(['appeal.reassessment', 'appeal.resolved', 'certificate.issued']),
    );
    const read = await request(server)
      .post(`/api/v1/me/notifications/${notes[0].id}/read`)
      .set(...bearer(candidate))
      .expect(200);
    expect(read.body.readAt).not.toBeNull();
    await request(server)
      .post(`/api/v1/me/notifications/${notes[0].id}/read`)
      .set(...bearer(day.manager))
      .expect(404);
  });

  it('revokes the certificate of a superseded awarding decision and issues its replacement', async () => {
    const additional = day.skills.filter((s) => !day.mandatory.some((m) => m.id === s.id));
    expect(additional.length).toBeGreaterThan(0);
    const { applicationId, candidate, failed, decisionId } = await signed([additional[0].id]);
    const first = await issuedCertificate(ctx, candidate, applicationId);
    const ordered = await heard(candidate, decisionId, failed, ['reassess', 'reassess']);
    await reassess(panel[0], ordered.id, failed[0], 'passed').expect(200);
    await reassess(panel[1], ordered.id, failed[0], 'passed').expect(200);
    const [fresh] = await eventually(
      () => decisionsOf(applicationId),
      (d) => d.length > 1,
    );
    expect(fresh.creditedSkillIds).toContain(failed[0]);
    await request(server)
      .post(`/api/v1/decisions/${fresh.id}/approve`)
      .set(...bearer(day.manager))
      .expect(200);
    const second = await issuedCertificate(ctx, candidate, applicationId, first.id);
    const old = (await request(server).get(publicPath(first)).expect(200)).body;
    expect(old).toMatchObject({
      status: 'revoked',
      revokeReason: `Replaced by certificate ${second.number} after an appeal`,
    });
    const current = (await request(server).get(publicPath(second)).expect(200)).body;
    expect(current.status).toBe('valid');
  });

  it('recomputes a returned decision on appeal when the manager asks', async () => {
    const { applicationId, candidate, failed, decisionId } = await signed(1);
    const ordered = await heard(candidate, decisionId, failed, ['reassess', 'uphold']);
    await reassess(panel[0], ordered.id, failed[0], 'failed').expect(200);
    await reassess(panel[1], ordered.id, failed[0], 'failed').expect(200);
    const [fresh] = await eventually(
      () => decisionsOf(applicationId),
      (d) => d.length > 1,
    );
    expect(fresh).toMatchObject({ outcome: 'partial', supersedesId: decisionId });
    await request(server)
      .post(`/api/v1/decisions/${fresh.id}/return`)
      .set(...bearer(day.manager))
      .send({ reason: 'Проверить запись повторной оценки' })
      .expect(200);
    await request(server)
      .post(`/api/v1/applications/${applicationId}/decisions`)
      .set(...bearer(day.manager))
      .expect(202);
    const decisions = await eventually(
      () => decisionsOf(applicationId),
      (d) => d.length > 2,
    );
    expect(decisions.map((d) => [d.sequence, d.status, d.supersedesId])).toEqual([
      [3, 'pending_signoff', decisionId],
      [2, 'returned', decisionId],
      [1, 'approved', null],
    ]);
  });

  it('does not credit a skill the panel splits on: the majority decides, a tie does not credit', async () => {
    const { applicationId, candidate, failed, decisionId } = await signed(1);
    const ordered = await heard(candidate, decisionId, failed, ['reassess', 'reassess']);
    await reassess(panel[0], ordered.id, failed[0], 'passed').expect(200);
    const split = (await reassess(panel[1], ordered.id, failed[0], 'failed').expect(200)).body as Appeal & {
      skillResolutions: { skillId: string; status: string; explanation: { code: string } }[];
    };
    expect(split.status).toBe('reassessed');
    expect(split.skillResolutions).toEqual([
      expect.objectContaining({
        skillId: failed[0],
        status: 'not_credited',
        passed: 1,
        members: 2,
        explanation: expect.objectContaining({ code: 'PANEL_SKILL_NO_MAJORITY' }),
      }),
    ]);
    const [fresh] = await eventually(
      () => decisionsOf(applicationId),
      (d) => d.length > 1,
    );
    expect(fresh).toMatchObject({ outcome: 'partial', supersedesId: decisionId });
    expect(fresh.creditedSkillIds).not.toContain(failed[0]);
  });

  it('credits a skill not recommended for recognition only on a re-examination record, never on a note', async () => {
    const { candidate, failed, decisionId } = await signed(1);
    const skill = day.skills.find((s) => s.id === failed[0]);
    expect(skill?.recognition).toBe('not_recommended');
    const ordered = await heard(candidate, decisionId, failed, ['reassess', 'reassess']);
    const onNote = await reassess(panel[0], ordered.id, failed[0], 'passed', null).expect(422);
    expect(onNote.body).toMatchObject({
      code: 'RE_EXAMINATION_REQUIRED',
      details: { fields: [{ field: 'reExamination' }] },
    });
    const contradicted = await reassess(panel[0], ordered.id, failed[0], 'passed', {
      theory: { correct: 1, total: 3 },
    }).expect(422);
    expect(contradicted.body.code).toBe('RE_EXAMINATION_CONTRADICTS');
    const impossible = await reassess(panel[0], ordered.id, failed[0], 'passed', {
      theory: { correct: 4, total: 3 },
    }).expect(400);
    expect(impossible.body.details.fields[0].field).toBe('reExamination.theory');
    const unchanged = (
      await request(server)
        .get(`/api/v1/appeals/${ordered.id}`)
        .set(...bearer(candidate))
        .expect(200)
    ).body as Appeal;
    expect(unchanged.reassessments).toEqual([]);
    const recorded = (
      await reassess(panel[0], ordered.id, failed[0], 'passed', { theory: { correct: 3, total: 3 } }).expect(200)
    ).body as Appeal & { reassessments: { reExamination: unknown }[] };
    expect(recorded.reassessments[0].reExamination).toEqual({ theory: { correct: 3, total: 3 } });
  });
});
