import { INestApplicationContext } from '@nestjs/common';
import request from 'supertest';
import type { App } from 'supertest/types';
import { bearer, eventually, newAccreditedCentre, newCandidate, newSession, TestSession } from '../utils/fixtures';
import { addEducation } from '../utils/records';
import { importSeed } from '../utils/seed';
import { ThrowawayPostgres } from '../utils/services';
import { createTestApp, TestContext } from '../utils/test-app';
import { startWorker } from '../utils/worker';

jest.setTimeout(180000);

/**
 * PostgreSQL restarted under load, on a cluster of this test's own: meanwhile every request is
 * answered 503 DATABASE_UNAVAILABLE (never a 500, never a hang), and afterwards the API and the
 * worker serve again without being restarted themselves.
 */
describe('reliability: PostgreSQL restarted under load', () => {
  const pg = new ThrowawayPostgres();
  let ctx: TestContext;
  let worker: INestApplicationContext;
  let server: App;
  const previous = { url: process.env.DATABASE_URL, prefix: process.env.BULLMQ_PREFIX };

  beforeAll(async () => {
    await pg.create();
    process.env.DATABASE_URL = pg.url;
    process.env.BULLMQ_PREFIX = `${previous.prefix}-pg-restart`;
    ctx = await createTestApp();
    worker = await startWorker();
    server = ctx.app.getHttpServer();
  });
  afterAll(async () => {
    await pg.start().catch(() => undefined);
    await worker.close();
    await ctx.close();
    await pg.destroy();
    process.env.DATABASE_URL = previous.url;
    process.env.BULLMQ_PREFIX = previous.prefix;
  });

  it('answers 503 while it is down and recovers on its own, API and worker', async () => {
    const summary = await importSeed(ctx.app);
    const cards = await request(server).get(`/api/v1/standards/${summary.standardId}/cards?orkLevel=3`).expect(200);
    const cardId: string = cards.body.items[0].id;
    const admin = await newSession(ctx, 'admin');
    const centre = await newAccreditedCentre(ctx, admin, [cardId]);
    const candidate: TestSession = await newCandidate(ctx);
    await addEducation(ctx, candidate, { level: 'tvet_worker', institution: 'Колледж', graduationYear: 2015 });

    // Load: a catalogue read and an authenticated read (its guard reads the account), in a loop.
    const seen: { status: number; code?: string }[] = [];
    let loading = true;
    const load = async () => {
      while (loading) {
        for (const res of await Promise.all([
          request(server).get(`/api/v1/standards/${summary.standardId}/cards?orkLevel=3`),
          request(server)
            .get('/api/v1/auth/me')
            .set(...bearer(candidate)),
        ])) {
          seen.push({ status: res.status, code: (res.body as { code?: string }).code });
        }
      }
    };
    const clients = [load(), load(), load()];
    await eventually(
      () => Promise.resolve(seen.length),
      (n) => n > 30,
    );

    await pg.stop();
    const down = seen.length;
    await eventually(
      () => Promise.resolve(seen.slice(down).filter((s) => s.status === 503).length),
      (n) => n >= 10,
      30000,
    );
    const health = await request(server).get('/health').expect(503);
    expect(health.body.checks.postgres.status).toBe('down');

    await pg.start();
    const up = seen.length;
    await eventually(
      () => Promise.resolve(seen.slice(up).filter((s) => s.status === 200).length),
      (n) => n >= 10,
      30000,
    );
    loading = false;
    await Promise.all(clients);

    const statuses = new Set(seen.map((s) => s.status));
    expect([...statuses].sort()).toEqual([200, 503]);
    expect(seen.filter((s) => s.status === 503).every((s) => s.code === 'DATABASE_UNAVAILABLE')).toBe(true);
    await request(server).get('/health').expect(200);

    // The worker recovered too: a submission now is checked.
    const app = await request(server)
      .post('/api/v1/applications')
      .set(...bearer(candidate))
      .send({ centreId: centre.id, cardId, pathway: 'assessment' })
      .expect(201);
    await request(server)
      .post(`/api/v1/applications/${app.body.id}/submit`)
      .set(...bearer(candidate))
      .expect(200);
    const checked = await eventually(
      () =>
        request(server)
          .get(`/api/v1/applications/${app.body.id}`)
          .set(...bearer(candidate))
          .then((r) => r.body as { status: string }),
      (a) => a.status !== 'submitted',
      30000,
    );
    // Checked on the records declared: it waits for the centre's check of the diploma.
    expect(checked.status).toBe('awaiting_documents');
  });
});
