import { getQueueToken } from '@nestjs/bullmq';
import { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import request from 'supertest';
import type { App } from 'supertest/types';
import { EligibilityProcessor } from '@qualcert/candidates';
import { QUEUES } from '@qualcert/shared';
import {
  bearer,
  eventually,
  newAccreditedCentre,
  newCandidate,
  newCentre,
  newSession,
  TestSession,
} from './utils/fixtures';
import { addEducation, addEmployment, confirmDocuments } from './utils/records';
import { HeldRow, lockWaiters, withQueuePaused } from './utils/races';
import { importSeed } from './utils/seed';
import { createTestApp, TestContext } from './utils/test-app';
import { startWorker } from './utils/worker';

interface Card {
  id: string;
  orkLevel: number;
  occupationCode: string;
}

describe('applications and explained eligibility (through the real worker)', () => {
  let ctx: TestContext;
  let worker: INestApplicationContext;
  let server: App;
  let admin: TestSession;
  let cards: Card[];
  let centre: { id: string };
  const level = (n: number) => cards.find((c) => c.orkLevel === n) as Card;

  const applicationOf = (session: TestSession, id: string) =>
    request(server)
      .get(`/api/v1/applications/${id}`)
      .set(...bearer(session))
      .then((r) => r.body);

  async function apply(candidate: TestSession, cardId: string, pathway = 'assessment') {
    const res = await request(server)
      .post('/api/v1/applications')
      .set(...bearer(candidate))
      .send({ centreId: centre.id, cardId, pathway });
    expect(res.status).toBe(201);
    return res.body as { id: string; status: string };
  }

  async function submitAndWait(candidate: TestSession, id: string) {
    const submitted = await request(server)
      .post(`/api/v1/applications/${id}/submit`)
      .set(...bearer(candidate))
      .expect(200);
    expect(submitted.body.status).toBe('submitted');
    return eventually(
      () => applicationOf(candidate, id),
      (a) => a.status !== 'submitted',
    );
  }

  beforeAll(async () => {
    ctx = await createTestApp();
    worker = await startWorker();
    server = ctx.app.getHttpServer();
    const summary = await importSeed(ctx.app);
    const list = await request(server).get(`/api/v1/standards/${summary.standardId}/cards`).expect(200);
    cards = list.body.items;
    admin = await newSession(ctx, 'admin');
    centre = await newAccreditedCentre(
      ctx,
      admin,
      cards.map((c) => c.id),
    );
  });
  afterAll(async () => {
    await worker.close();
    await ctx.close();
  });

  it('walks register → profile → records → apply → submit → an explained result → the document check', async () => {
    const candidate = await newCandidate(ctx);
    await addEducation(ctx, candidate, { level: 'tvet_specialist' });
    await addEmployment(ctx, candidate, {
      field: 'remote_information_consulting',
      startDate: '2023-01-01',
      endDate: '2023-07-31',
    });
    // ОРК 4 operator: ТиПО (специалист) and 12 months in remote consulting; 7 months are recorded.
    const app = await apply(candidate, level(4).id);
    expect(app.status).toBe('draft');
    const result = await submitAndWait(candidate, app.id);
    expect(result.status).toBe('ineligible');
    expect(result.eligibility.outcome).toBe('ineligible');
    const formal = result.eligibility.routes.find((r: { kind: string }) => r.kind === 'formal');
    const experience = formal.conditions.find((c: { kind: string }) => c.kind === 'experience');
    expect(experience).toMatchObject({
      holds: false,
      code: 'experience_short',
      params: { field: 'remote_information_consulting', monthsRequired: 12, months: 7 },
    });
    expect(experience.message).toMatch(/needs 12 months.*has 7/);
    expect(formal.conditions.find((c: { kind: string }) => c.kind === 'education').holds).toBe(true);

    // The candidate completes the record, withdraws nothing, and submits again.
    await addEmployment(ctx, candidate, {
      field: 'remote_information_consulting',
      startDate: '2023-06-01',
      endDate: '2024-03-31',
      employer: 'ТОО «Колл-центр»',
    });
    const again = await submitAndWait(candidate, app.id);
    expect(again.status).toBe('awaiting_documents');
    expect(again.eligibility.outcome).toBe('awaiting_documents');
    expect(again.eligibility.pendingRecordIds).toHaveLength(3);

    // The centre's manager confirms the three documents; the last confirmation admits.
    const manager = await newSession(ctx, 'centre_manager', [centre.id]);
    const checked = await confirmDocuments(ctx, manager, app.id);
    expect(checked.status).toBe('eligible');
    const admitted = await applicationOf(candidate, app.id);
    expect(admitted.eligibility.outcome).toBe('eligible');
    expect(admitted.eligibility.summary).toMatch(/^Eligible by route 1 \(formal\)/);
  });

  it('lets a higher education level satisfy a lower requirement', async () => {
    const candidate = await newCandidate(ctx);
    await addEducation(ctx, candidate, { level: 'higher', institution: 'ЕНУ им. Гумилёва' });
    const app = await apply(candidate, level(3).id);
    expect((await submitAndWait(candidate, app.id)).status).toBe('awaiting_documents');
    const manager = await newSession(ctx, 'centre_manager', [centre.id]);
    expect((await confirmDocuments(ctx, manager, app.id)).status).toBe('eligible');
  });

  it('lets a centre manager override an ineligible result only with a justification, audited', async () => {
    const candidate = await newCandidate(ctx);
    const app = await apply(candidate, level(5).id);
    expect((await submitAndWait(candidate, app.id)).status).toBe('ineligible');
    const manager = await newSession(ctx, 'centre_manager', [centre.id]);
    const short = await request(server)
      .post(`/api/v1/applications/${app.id}/eligibility-override`)
      .set(...bearer(manager))
      .send({ justification: 'ok' })
      .expect(400);
    expect(short.body.details.fields[0].field).toBe('justification');
    const other = await newSession(ctx, 'centre_manager', [(await newCentre(ctx, admin)).id]);
    await request(server)
      .post(`/api/v1/applications/${app.id}/eligibility-override`)
      .set(...bearer(other))
      .send({ justification: 'Опыт подтверждён приказом работодателя № 15 от 01.02.2024' })
      .expect(404);
    const res = await request(server)
      .post(`/api/v1/applications/${app.id}/eligibility-override`)
      .set(...bearer(manager))
      .send({ justification: 'Опыт подтверждён приказом работодателя № 15 от 01.02.2024' })
      .expect(200);
    expect(res.body).toMatchObject({ status: 'eligible', eligibilityOverride: { byUserId: manager.id } });
    const [record] = await ctx.dataSource.query(
      "SELECT * FROM audit_log WHERE entity_id = $1 AND action = 'application.override'",
      [app.id],
    );
    expect(record.after.justification).toContain('приказом');
    const twice = await request(server)
      .post(`/api/v1/applications/${app.id}/eligibility-override`)
      .set(...bearer(manager))
      .send({ justification: 'Опыт подтверждён приказом работодателя № 15 от 01.02.2024' })
      .expect(409);
    expect(twice.body).toMatchObject({ code: 'INVALID_TRANSITION', details: { currentStatus: 'eligible' } });
  });

  it('answers an illegal transition with 409 and the current state', async () => {
    const candidate = await newCandidate(ctx);
    const app = await apply(candidate, level(3).id);
    await request(server)
      .post(`/api/v1/applications/${app.id}/withdraw`)
      .set(...bearer(candidate))
      .expect(200);
    const res = await request(server)
      .post(`/api/v1/applications/${app.id}/submit`)
      .set(...bearer(candidate))
      .expect(409);
    expect(res.body).toMatchObject({ code: 'INVALID_TRANSITION', details: { currentStatus: 'withdrawn' } });
    // A withdrawn application does not block a new one for the same card.
    await apply(candidate, level(3).id);
  });

  it('allows one open application per candidate and card', async () => {
    const candidate = await newCandidate(ctx);
    await apply(candidate, level(3).id);
    const res = await request(server)
      .post('/api/v1/applications')
      .set(...bearer(candidate))
      .send({ centreId: centre.id, cardId: level(3).id, pathway: 'recognition' })
      .expect(409);
    expect(res.body.code).toBe('APPLICATION_EXISTS');
  });

  it('refuses an application without a profile, at a centre not accredited, or for a card needing review', async () => {
    const noProfile = await newSession(ctx, 'candidate');
    const res = await request(server)
      .post('/api/v1/applications')
      .set(...bearer(noProfile))
      .send({ centreId: centre.id, cardId: level(3).id, pathway: 'assessment' })
      .expect(422);
    expect(res.body.code).toBe('PROFILE_REQUIRED');

    const candidate = await newCandidate(ctx);
    const bare = await newCentre(ctx, admin);
    const notAccredited = await request(server)
      .post('/api/v1/applications')
      .set(...bearer(candidate))
      .send({ centreId: bare.id, cardId: level(3).id, pathway: 'assessment' })
      .expect(409);
    expect(notAccredited.body.code).toBe('CENTRE_NOT_ACCREDITED');

    await ctx.dataSource.query("UPDATE profession_card SET prerequisite_status = 'needs_review' WHERE id = $1", [
      level(7).id,
    ]);
    try {
      const review = await request(server)
        .post('/api/v1/applications')
        .set(...bearer(candidate))
        .send({ centreId: centre.id, cardId: level(7).id, pathway: 'assessment' })
        .expect(409);
      expect(review.body.code).toBe('CARD_NEEDS_REVIEW');
      await request(server)
        .post(`/api/v1/cards/${level(7).id}/prerequisites/confirm`)
        .set(...bearer(admin))
        .expect(200);
      await request(server)
        .post('/api/v1/applications')
        .set(...bearer(candidate))
        .send({ centreId: centre.id, cardId: level(7).id, pathway: 'assessment' })
        .expect(201);
    } finally {
      await ctx.dataSource.query("UPDATE profession_card SET prerequisite_status = 'structured' WHERE id = $1", [
        level(7).id,
      ]);
    }
  });

  it('shows each their own: candidates theirs, managers their centre’s (404 otherwise)', async () => {
    const a = await newCandidate(ctx);
    const b = await newCandidate(ctx);
    const app = await apply(a, level(3).id);
    await request(server)
      .get(`/api/v1/applications/${app.id}`)
      .set(...bearer(b))
      .expect(404);
    await request(server)
      .post(`/api/v1/applications/${app.id}/submit`)
      .set(...bearer(b))
      .expect(404);
    const mine = await request(server)
      .get('/api/v1/applications')
      .set(...bearer(b))
      .expect(200);
    expect(mine.body.items.map((x: { id: string }) => x.id)).not.toContain(app.id);
    const manager = await newSession(ctx, 'centre_manager', [centre.id]);
    await request(server)
      .get(`/api/v1/applications/${app.id}`)
      .set(...bearer(manager))
      .expect(200);
    // Assessors of the centre see its applications too: they check documents.
    const colleague = await newSession(ctx, 'assessor', [centre.id]);
    await request(server)
      .get(`/api/v1/applications/${app.id}`)
      .set(...bearer(colleague))
      .expect(200);
    const listed = await request(server)
      .get('/api/v1/applications')
      .set(...bearer(colleague))
      .expect(200);
    expect(listed.body.items.map((x: { id: string }) => x.id)).toContain(app.id);
    const profile = await request(server)
      .get(`/api/v1/candidates/${a.id}`)
      .set(...bearer(manager))
      .expect(200);
    expect(profile.body.profile).toMatchObject({ iin: a.iin, iinMasked: false });
    // An assessor of the centre sees the candidate only once assigned to them (here, as the
    // reviewer of their evidence, written as the manager's assignment would), the ИИН masked.
    const assessor = await newSession(ctx, 'assessor', [centre.id]);
    await request(server)
      .get(`/api/v1/candidates/${a.id}`)
      .set(...bearer(assessor))
      .expect(404);
    await ctx.dataSource.query(
      `INSERT INTO evidence_review (id, application_id, skill_id, assessor_id)
       SELECT gen_random_uuid(), a.id, s.id, $2 FROM application a JOIN skill s ON s.card_id = a.card_id
        WHERE a.id = $1 LIMIT 1`,
      [app.id, assessor.id],
    );
    const masked = await request(server)
      .get(`/api/v1/candidates/${a.id}`)
      .set(...bearer(assessor))
      .expect(200);
    expect(masked.body.profile.iinMasked).toBe(true);
    expect(masked.body.profile.iin).toBe(`${a.iin.slice(0, 4)}******${a.iin.slice(10)}`);
    const stranger = await newSession(ctx, 'centre_manager', [(await newCentre(ctx, admin)).id]);
    await request(server)
      .get(`/api/v1/candidates/${a.id}`)
      .set(...bearer(stranger))
      .expect(404);
  });

  const eligibilityChecks = async (id: string) =>
    (
      await ctx.dataSource.query(
        "SELECT COUNT(*)::int AS n FROM audit_log WHERE entity_id = $1 AND action = 'application.eligibility_checked'",
        [id],
      )
    )[0].n as number;

  it('checks a submission once when two workers race on it, and when its job runs again', async () => {
    const { EligibilityCheckService } = await import('@qualcert/candidates');
    const checks = worker.get(EligibilityCheckService);
    const candidate = await newCandidate(ctx);
    const app = await apply(candidate, level(3).id);
    // The submission's own job waits in the paused queue while two checks race.
    const outcomes = await withQueuePaused(worker, EligibilityProcessor, async () => {
      await request(server)
        .post(`/api/v1/applications/${app.id}/submit`)
        .set(...bearer(candidate))
        .expect(200);
      const held = await HeldRow.hold('application', app.id);
      let racing: Promise<string[]>;
      try {
        racing = Promise.all([checks.check(app.id, 1), checks.check(app.id, 1)]);
        await lockWaiters(ctx.dataSource, 2);
      } finally {
        await held.release();
      }
      return racing;
    });
    // No records: the first check refuses admission; the second finds it checked already.
    expect([...outcomes].sort()).toEqual(['ineligible', 'skipped']);
    expect(await eligibilityChecks(app.id)).toBe(1);
    // The submission's job, run once the queue resumes, and once more: nothing is checked again.
    const [event] = await eventually(
      () =>
        ctx.dataSource.query<{ id: string }[]>(
          `SELECT id FROM outbox_event WHERE event_type = 'application.submitted'
              AND payload->>'applicationId' = $1 AND dispatched_at IS NOT NULL`,
          [app.id],
        ),
      (rows) => rows.length === 1,
    );
    const queue = worker.get<Queue>(getQueueToken(QUEUES.eligibility));
    const job = await eventually(
      () => queue.getJob(`eligibility-${app.id}-${event.id}`),
      (j) => j?.finishedOn !== undefined,
    );
    expect(job?.returnvalue).toBe('skipped');
    expect(await checks.check(app.id, 1)).toBe('skipped');
    expect(await eligibilityChecks(app.id)).toBe(1);
  });

  it('ignores the job of an earlier submission arriving after a resubmission', async () => {
    const { EligibilityCheckService } = await import('@qualcert/candidates');
    const checks = worker.get(EligibilityCheckService);
    const candidate = await newCandidate(ctx);
    const app = await apply(candidate, level(3).id);
    expect((await submitAndWait(candidate, app.id)).status).toBe('ineligible');
    await addEducation(ctx, candidate, { level: 'higher', institution: 'ЕНУ им. Гумилёва' });
    const row = () =>
      ctx.dataSource
        .query('SELECT * FROM application WHERE id = $1', [app.id])
        .then((rows: Record<string, unknown>[]) => rows[0]);
    await withQueuePaused(worker, EligibilityProcessor, async () => {
      await request(server)
        .post(`/api/v1/applications/${app.id}/submit`)
        .set(...bearer(candidate))
        .expect(200);
      const resubmitted = await row();
      expect(resubmitted).toMatchObject({ status: 'submitted', submission: 2 });
      // The first submission's job, delayed until now: the application is submitted, but again.
      expect(await checks.check(app.id, 1)).toBe('skipped');
      expect(await row()).toEqual(resubmitted);
      expect(await eligibilityChecks(app.id)).toBe(1);
    });
    // The second submission's own job checks it, on the record added since.
    const checked = await eventually(
      () => applicationOf(candidate, app.id),
      (a) => a.status !== 'submitted',
    );
    expect(checked.status).toBe('awaiting_documents');
    expect(await eligibilityChecks(app.id)).toBe(2);
    // Arriving later still, it changes nothing either.
    const after = await row();
    expect(await checks.check(app.id, 1)).toBe('skipped');
    expect(await row()).toEqual(after);
    expect(await eligibilityChecks(app.id)).toBe(2);
  });
});
