import { INestApplicationContext } from '@nestjs/common';
import request from 'supertest';
import type { App } from 'supertest/types';
import { pdfFile } from '../utils/files';
import { bearer, eventually, newAccreditedCentre, newCandidate, newSession } from '../utils/fixtures';
import { addEducation } from '../utils/records';
import { importSeed } from '../utils/seed';
import { ThrowawayRedis } from '../utils/services';
import { createTestApp, TestContext } from '../utils/test-app';
import { startWorker } from '../utils/worker';

describe('reliability: Redis stopped while candidates submit applications and evidence', () => {
  const redis = new ThrowawayRedis();
  let ctx: TestContext;
  let worker: INestApplicationContext;
  let server: App;
  const previousRedisUrl = process.env.REDIS_URL;

  beforeAll(async () => {
    await redis.start();
    process.env.REDIS_URL = `redis://127.0.0.1:${redis.port}/0`;
    ctx = await createTestApp();
    worker = await startWorker();
    server = ctx.app.getHttpServer();
  });
  afterAll(async () => {
    // Running again (the test restarted it), so that the worker can close its connections.
    await redis.start();
    await worker.close();
    await ctx.close();
    await redis.stop();
    process.env.REDIS_URL = previousRedisUrl;
  });

  it('accepts submissions and evidence while Redis is down, and checks each exactly once when it returns', async () => {
    const summary = await importSeed(ctx.app);
    const cards = await request(server).get(`/api/v1/standards/${summary.standardId}/cards?orkLevel=3`).expect(200);
    const cardId = cards.body.items[0].id;
    const card = (await request(server).get(`/api/v1/cards/${cardId}`).expect(200)).body;
    const recommended: string[] = card.functions
      .flatMap((f: { skills: { id: string; recognition: string }[] }) => f.skills)
      .filter((s: { recognition: string }) => s.recognition === 'recommended')
      .map((s: { id: string }) => s.id);
    const admin = await newSession(ctx, 'admin');
    const centre = await newAccreditedCentre(ctx, admin, [cardId]);
    const candidates = [];
    for (let i = 0; i < 6; i += 1) candidates.push(await newCandidate(ctx));
    const applications: string[] = [];
    for (const [i, candidate] of candidates.entries()) {
      await addEducation(ctx, candidate, { level: 'tvet_worker', institution: 'Колледж', graduationYear: 2015 });
      const app = await request(server)
        .post('/api/v1/applications')
        .set(...bearer(candidate))
        .send({ centreId: centre.id, cardId, pathway: i % 2 === 0 ? 'assessment' : 'recognition' })
        .expect(201);
      applications.push(app.body.id);
    }

    await redis.stop();
    for (const [i, candidate] of candidates.entries()) {
      if (i % 2 === 1) {
        // Evidence goes to storage and PostgreSQL only: Redis is not needed to accept it.
        const evidence = await request(server)
          .post('/api/v1/evidence')
          .set(...bearer(candidate))
          .attach('file', pdfFile(`курс ${i}`), 'kurs.pdf')
          .field('type', 'course_certificate')
          .field('issuer', 'Учебный центр')
          .field('issueDate', '2024-03-01')
          .expect(201);
        await request(server)
          .post(`/api/v1/applications/${applications[i]}/claims`)
          .set(...bearer(candidate))
          .send({ evidenceId: evidence.body.id, skillIds: recommended.slice(0, 1) })
          .expect(201);
      }
      const res = await request(server)
        .post(`/api/v1/applications/${applications[i]}/submit`)
        .set(...bearer(candidate))
        .expect(200);
      expect(res.body.status).toBe('submitted');
    }
    const pending = await ctx.dataSource.query(
      `SELECT COUNT(*)::int AS n FROM outbox_event WHERE dispatched_at IS NULL AND payload->>'applicationId' = ANY($1)`,
      [applications],
    );
    expect(pending[0].n).toBe(applications.length);
    // Redis stays down until the relay has tried to send every event and failed: it keeps them.
    await eventually(
      () =>
        ctx.dataSource.query<{ n: number }[]>(
          `SELECT COUNT(*)::int AS n FROM outbox_event
            WHERE dispatched_at IS NULL AND attempts > 0 AND last_error IS NOT NULL AND payload->>'applicationId' = ANY($1)`,
          [applications],
        ),
      ([row]) => row.n === applications.length,
      20000,
    );

    await redis.start();
    for (const [i, candidate] of candidates.entries()) {
      const app = await eventually(
        () =>
          request(server)
            .get(`/api/v1/applications/${applications[i]}`)
            .set(...bearer(candidate))
            .then((r) => r.body),
        (a) => a.status !== 'submitted',
        30000,
      );
      // Checked on the records declared: each waits for the centre's check of its diploma.
      expect(app.status).toBe('awaiting_documents');
    }
    const left = await ctx.dataSource.query(
      `SELECT COUNT(*)::int AS n FROM outbox_event WHERE dispatched_at IS NULL AND payload->>'applicationId' = ANY($1)`,
      [applications],
    );
    expect(left[0].n).toBe(0);
    // Nothing lost, nothing done twice: one check per application, every evidence file kept.
    const checks = await ctx.dataSource.query(
      `SELECT entity_id, COUNT(*)::int AS n FROM audit_log WHERE action = 'application.eligibility_checked' AND entity_id = ANY($1) GROUP BY entity_id`,
      [applications],
    );
    expect(checks).toHaveLength(applications.length);
    expect(checks.every((c: { n: number }) => c.n === 1)).toBe(true);
    const claims = await ctx.dataSource.query(
      'SELECT COUNT(*)::int AS n FROM evidence_claim WHERE application_id = ANY($1)',
      [applications],
    );
    expect(claims[0].n).toBe(3);
  });
});
