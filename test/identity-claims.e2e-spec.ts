import { INestApplicationContext } from '@nestjs/common';
import request from 'supertest';
import type { App } from 'supertest/types';
import {
  assessedApplication,
  eligibleApplicationFor,
  eligibleApplications,
  ExamDay,
  scheduleSession,
} from './utils/exam-day';
import { startExamDayApp } from './utils/exam-day-app';
import { bearer, eventually, freeIin, newCentre, newSession, TestSession, TestUser } from './utils/fixtures';
import { TestContext } from './utils/test-app';

/**
 * One ИИН, two accounts (docs/CANDIDATES.md): the candidate is never told, the centre sees it on
 * the candidate and the application, checks the identity document and confirms one account; until
 * then the application is neither enrolled nor decided, and a second account does not escape the
 * retake wait of the first.
 */
describe('identity claims: the centre resolves an ИИН that two accounts declare', () => {
  let ctx: TestContext;
  let worker: INestApplicationContext;
  let server: App;
  let day: ExamDay;

  beforeAll(async () => {
    ({ ctx, worker, server, day } = await startExamDayApp({ worker: true }));
  });
  afterAll(async () => {
    await worker.close();
    await ctx.close();
  });

  const profileOf = async (candidateId: string) =>
    (
      await ctx.dataSource.query<{ iin: string; birth_date: string; sex: string }[]>(
        "SELECT iin, to_char(birth_date, 'YYYY-MM-DD') AS birth_date, sex FROM candidate_profile WHERE user_id = $1",
        [candidateId],
      )
    )[0];

  /** A second account that declares the candidate's ИИН, with an eligible application at the day's centre. */
  async function impostorOf(candidateId: string) {
    const { iin, birth_date: birthDate, sex } = await profileOf(candidateId);
    const impostor = await newSession(ctx, 'candidate');
    await request(server)
      .put('/api/v1/candidates/me/profile')
      .set(...bearer(impostor))
      .send({ iin, birthDate, sex })
      .expect(200);
    return { impostor, iin, applicationId: await eligibleApplicationFor(ctx, day, impostor.id) };
  }

  const confirm = (who: TestSession, candidateId: string, body: object) =>
    request(server)
      .post(`/api/v1/candidates/${candidateId}/identity-confirmation`)
      .set(...bearer(who))
      .send(body);

  const enrol = async (applicationId: string) =>
    request(server)
      .post(`/api/v1/sessions/${(await scheduleSession(ctx, day)).id}/enrolments`)
      .set(...bearer(day.manager))
      .send({ applicationId });

  it('shows staff, never the candidate, that another account declares the ИИН', async () => {
    const [{ candidate, applicationId }] = await eligibleApplications(ctx, day, 1);
    const staffView = async () =>
      (
        await request(server)
          .get(`/api/v1/applications/${applicationId}`)
          .set(...bearer(day.manager))
          .expect(200)
      ).body;
    expect(await staffView()).toMatchObject({ iinAlsoDeclaredElsewhere: false, identityConfirmed: false });
    expect((await enrol(applicationId)).status).toBe(201);
    const { impostor } = await impostorOf(candidate.id);
    expect(await staffView()).toMatchObject({ iinAlsoDeclaredElsewhere: true, identityConfirmed: false });
    const listed = await request(server)
      .get(`/api/v1/applications?centreId=${day.centreId}&limit=100`)
      .set(...bearer(day.manager))
      .expect(200);
    expect(listed.body.items.find((a: { id: string }) => a.id === applicationId)).toMatchObject({
      iinAlsoDeclaredElsewhere: true,
    });
    const candidateView = await request(server)
      .get(`/api/v1/candidates/${candidate.id}`)
      .set(...bearer(day.manager))
      .expect(200);
    expect(candidateView.body.profile).toMatchObject({ iinAlsoDeclaredElsewhere: true, identityConfirmation: null });
    // An assessor of the session the candidate was enrolled in before the second account came sees
    // the flag where they see the candidate, with the ИИН masked; an assessor not assigned sees nothing.
    const assessorView = await request(server)
      .get(`/api/v1/candidates/${candidate.id}`)
      .set(...bearer(day.assessors[0]))
      .expect(200);
    expect(assessorView.body.profile).toMatchObject({ iinMasked: true, iinAlsoDeclaredElsewhere: true });
    await request(server)
      .get(`/api/v1/candidates/${candidate.id}`)
      .set(...bearer(await newSession(ctx, 'assessor', [day.centreId])))
      .expect(404);

    // Neither account's holder learns it, from any of their own reads.
    for (const [who, path] of [
      [impostor, '/api/v1/candidates/me/profile'],
      [impostor, '/api/v1/applications'],
    ] as const) {
      const res = await request(server)
        .get(path)
        .set(...bearer(who))
        .expect(200);
      expect(res.text).not.toMatch(/iinAlsoDeclaredElsewhere|identityConfirm/);
    }
    const session = await request(server)
      .post('/api/v1/auth/login')
      .send({ email: candidate.email, password: candidate.password });
    const owned = await request(server)
      .get(`/api/v1/applications/${applicationId}`)
      .set('Authorization', `Bearer ${session.body.accessToken}`)
      .expect(200);
    expect(owned.text).not.toMatch(/iinAlsoDeclaredElsewhere|identityConfirm/);
  });

  it('holds the enrolment until the centre confirms the account that showed the document; one account per ИИН', async () => {
    const [{ candidate, applicationId }] = await eligibleApplications(ctx, day, 1);
    const { impostor, iin, applicationId: impostorApplication } = await impostorOf(candidate.id);

    const held = await enrol(applicationId);
    expect(held.status).toBe(409);
    expect(held.body).toMatchObject({ code: 'IDENTITY_UNCONFIRMED', details: { candidateId: candidate.id } });
    const [{ n }] = await ctx.dataSource.query('SELECT count(*)::int AS n FROM enrolment WHERE application_id = $1', [
      applicationId,
    ]);
    expect(n).toBe(0);
    expect((await enrol(impostorApplication)).body.code).toBe('IDENTITY_UNCONFIRMED');

    const document = 'удостоверение личности № 045123987, выдано МВД РК 12.05.2019';
    const confirmed = await confirm(day.manager, candidate.id, { iin, document }).expect(200);
    expect(confirmed.body).toMatchObject({
      userId: candidate.id,
      iinAlsoDeclaredElsewhere: true,
      identityConfirmation: { confirmedBy: day.manager.id, document },
    });
    expect((await enrol(applicationId)).status).toBe(201);

    // The other account cannot be confirmed for the same ИИН, and stays held.
    const second = await confirm(day.manager, impostor.id, { iin, document: 'паспорт № N12345678' }).expect(409);
    expect(second.body).toMatchObject({
      code: 'IDENTITY_CONFIRMED_ELSEWHERE',
      details: { fields: [{ field: 'iin' }] },
    });
    expect(JSON.stringify(second.body)).not.toContain(candidate.id);
    expect((await enrol(impostorApplication)).body.code).toBe('IDENTITY_UNCONFIRMED');

    const [audit] = await ctx.dataSource.query(
      "SELECT actor_id, after FROM audit_log WHERE entity_id = $1 AND action = 'candidate.identity_confirmed'",
      [candidate.id],
    );
    expect(audit).toMatchObject({ actor_id: day.manager.id, after: { document } });
    expect(JSON.stringify(audit.after)).not.toContain(iin);
  });

  it('refuses a confirmation whose document bears another ИИН, or a malformed one, writing nothing', async () => {
    const [{ candidate }] = await eligibleApplications(ctx, day, 1);
    const { iin } = await profileOf(candidate.id);
    const other = `${iin.slice(0, 11)}${(Number(iin[11]) + 1) % 10}`;
    const mismatch = await confirm(day.manager, candidate.id, { iin: other, document: 'паспорт № N1' }).expect(409);
    expect(mismatch.body).toMatchObject({ code: 'CONFLICT', details: { fields: [{ field: 'iin' }] } });
    for (const [body, field] of [
      [{ iin }, 'document'],
      [{ iin, document: 'x' }, 'document'],
      [{ iin: '12345', document: 'паспорт № N1' }, 'iin'],
      [{ iin, document: 'паспорт № N1', confirmed: true }, 'confirmed'],
    ] as const) {
      const bad = await confirm(day.manager, candidate.id, body).expect(400);
      expect(bad.body.details.fields.map((f: { field: string }) => f.field)).toContain(field);
    }
    const [row] = await ctx.dataSource.query('SELECT identity_confirmed_at FROM candidate_profile WHERE user_id = $1', [
      candidate.id,
    ]);
    expect(row.identity_confirmed_at).toBeNull();
  });

  it('answers 404 for a candidate out of the caller’s reach', async () => {
    const [{ candidate }] = await eligibleApplications(ctx, day, 1);
    const { iin } = await profileOf(candidate.id);
    const elsewhere = await newCentre(ctx, day.admin);
    const otherManager = await newSession(ctx, 'centre_manager', [elsewhere.id]);
    await confirm(otherManager, candidate.id, { iin, document: 'паспорт № N1' }).expect(404);
    await request(server)
      .post(`/api/v1/candidates/${candidate.id}/identity-confirmation/withdraw`)
      .set(...bearer(otherManager))
      .send({ reason: 'Проверка доступа к чужому кандидату' })
      .expect(404);
    await confirm(day.assessors[0], candidate.id, { iin, document: 'паспорт № N1' }).expect(403);
  });

  it('withdraws a confirmation made in error, with the reason, so that the right account can be confirmed', async () => {
    const [{ candidate }] = await eligibleApplications(ctx, day, 1);
    const { impostor, iin } = await impostorOf(candidate.id);
    await confirm(day.manager, impostor.id, { iin, document: 'паспорт № N7' }).expect(200);
    const withdraw = (who: TestUser, body: object) =>
      request(server)
        .post(`/api/v1/candidates/${who.id}/identity-confirmation/withdraw`)
        .set(...bearer(day.manager))
        .send(body);
    const bad = await withdraw(impostor, { reason: 'коротко' }).expect(400);
    expect(bad.body.details.fields[0].field).toBe('reason');
    const undone = await withdraw(impostor, { reason: 'Документ показала другая женщина' }).expect(200);
    expect(undone.body).toMatchObject({ iinAlsoDeclaredElsewhere: true, identityConfirmation: null });
    const again = await withdraw(impostor, { reason: 'Документ показала другая женщина' }).expect(409);
    expect(again.body).toMatchObject({ code: 'INVALID_TRANSITION', details: { currentStatus: 'unconfirmed' } });
    await confirm(day.manager, candidate.id, { iin, document: 'удостоверение личности № 1' }).expect(200);
  });

  it('ends a confirmation when the account declares another ИИН', async () => {
    const [{ candidate }] = await eligibleApplications(ctx, day, 1);
    const { iin, birth_date: birthDate, sex } = await profileOf(candidate.id);
    await confirm(day.manager, candidate.id, { iin, document: 'паспорт № N9' }).expect(200);
    const session = await request(server)
      .post('/api/v1/auth/login')
      .send({ email: candidate.email, password: candidate.password })
      .expect(200);
    const put = (value: string) =>
      request(server)
        .put('/api/v1/candidates/me/profile')
        .set('Authorization', `Bearer ${session.body.accessToken}`)
        .send({ iin: value, birthDate, sex, phone: '+7 701 000 00 00' })
        .expect(200);
    await put(iin);
    const kept = await ctx.dataSource.query('SELECT identity_confirmed_at FROM candidate_profile WHERE user_id = $1', [
      candidate.id,
    ]);
    expect(kept[0].identity_confirmed_at).not.toBeNull();
    await put(await freeIin(ctx, birthDate, sex as 'male' | 'female'));
    const ended = await ctx.dataSource.query('SELECT identity_confirmed_at FROM candidate_profile WHERE user_id = $1', [
      candidate.id,
    ]);
    expect(ended[0].identity_confirmed_at).toBeNull();
  });

  it('signs no decision of a held account; the confirmed one is signed', async () => {
    const { applicationId, candidate } = await assessedApplication(ctx, day);
    const [decision] = await eventually(
      () =>
        request(server)
          .get(`/api/v1/applications/${applicationId}/decisions`)
          .set(...bearer(day.manager))
          .then((r) => r.body as { id: string; status: string }[]),
      (d) => d.length > 0,
    );
    const { iin } = await impostorOf(candidate.id);
    const approve = () =>
      request(server)
        .post(`/api/v1/decisions/${decision.id}/approve`)
        .set(...bearer(day.manager));
    expect((await approve().expect(409)).body.code).toBe('IDENTITY_UNCONFIRMED');
    const [row] = await ctx.dataSource.query('SELECT status FROM decision WHERE id = $1', [decision.id]);
    expect(row.status).toBe('pending_signoff');
    await confirm(day.manager, candidate.id, { iin, document: 'удостоверение личности № 2' }).expect(200);
    await approve().expect(200);
  });

  it('keeps the retake wait another account of the same ИИН set, when that account is not the one confirmed', async () => {
    const { applicationId, candidate } = await assessedApplication(ctx, day, 1);
    const [decision] = await eventually(
      () =>
        request(server)
          .get(`/api/v1/applications/${applicationId}/decisions`)
          .set(...bearer(day.manager))
          .then((r) => r.body as { id: string; outcome: string }[]),
      (d) => d.length > 0,
    );
    expect(decision.outcome).toBe('partial');
    await request(server)
      .post(`/api/v1/decisions/${decision.id}/approve`)
      .set(...bearer(day.manager))
      .expect(200);
    // The same person with a second account, confirmed at the door: the wait is the person's.
    const { impostor: second, iin, applicationId: retake } = await impostorOf(candidate.id);
    await confirm(day.manager, second.id, { iin, document: 'удостоверение личности № 3' }).expect(200);
    const opensOn = new Date(Date.now() + 30 * 86400000).toISOString().slice(0, 10);
    const early = await enrol(retake);
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ code: 'RETAKE_TOO_EARLY', details: { opensOn } });
    await ctx.dataSource.query("UPDATE decision SET signed_at = now() - interval '30 days' WHERE id = $1", [
      decision.id,
    ]);
    expect((await enrol(retake)).status).toBe(201);
  });
});
