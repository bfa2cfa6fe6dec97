import { INestApplicationContext } from '@nestjs/common';
import request from 'supertest';
import type { App } from 'supertest/types';
import { bearer, eventually, newSession, TestSession } from './utils/fixtures';
import { createTestApp, TestContext } from './utils/test-app';
import { startWorker } from './utils/worker';

/** Prometheus metrics of the API and the worker, and the admins' queue dashboard. */
describe('operations: metrics and the queue dashboard', () => {
  let ctx: TestContext;
  let server: App;
  let worker: INestApplicationContext;
  let admin: TestSession;
  let candidate: TestSession;
  const metricsPort = 20000 + (process.pid % 20000);

  beforeAll(async () => {
    process.env.METRICS_PORT = String(metricsPort);
    ctx = await createTestApp();
    server = ctx.app.getHttpServer();
    worker = await startWorker();
    delete process.env.METRICS_PORT;
    admin = await newSession(ctx, 'admin');
    candidate = await newSession(ctx, 'candidate');
  });
  afterAll(async () => {
    await worker.close();
    await ctx.close();
  });

  it('serves request latencies by route pattern, queue depths and the outbox lag at /metrics', async () => {
    await request(server).get('/api/v1/standards').expect(200);
    await request(server)
      .get(`/api/v1/applications/${'0'.repeat(8)}-0000-4000-8000-000000000000`)
      .expect(401);
    const res = await request(server).get('/metrics').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    const text = res.text;
    expect(text).toMatch(
      /qualcert_http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/standards",status="200"\} \d+/,
    );
    // Ids never become labels: the route's pattern does.
    expect(text).toContain('route="/api/v1/applications/:id",status="401"');
    expect(text).not.toContain('00000000-0000-4000-8000-000000000000');
    for (const queue of ['eligibility', 'decisions', 'certificates', 'notifications'])
      expect(text).toMatch(new RegExp(`qualcert_queue_jobs\\{queue="${queue}",state="waiting"\\} \\d+`));
    expect(text).toMatch(/qualcert_outbox_pending_events \d+/);
    expect(text).toMatch(/qualcert_outbox_lag_seconds [\d.e+-]+/);
    expect(text).toMatch(/qualcert_process_resident_memory_bytes \d+/);
  });

  it('serves the worker’s job durations and failures on METRICS_PORT', async () => {
    // A notify job about an application nobody holds: it completes, telling no one.
    await ctx.dataSource.query(`INSERT INTO outbox_event (event_type, payload) VALUES ('notification.requested', $1)`, [
      { kind: 'decision.approved', subjectId: admin.id, applicationId: admin.id },
    ]);
    const text = await eventually(
      () => fetch(`http://127.0.0.1:${metricsPort}/metrics`).then((r) => r.text()),
      (t) =>
        /qualcert_job_duration_seconds_count\{queue="notifications",name="notify",result="completed"\} \d+/.test(t),
      20000,
    );
    expect(text).toContain('# TYPE qualcert_job_failures_total counter');
    expect((await fetch(`http://127.0.0.1:${metricsPort}/other`)).status).toBe(404);
  });

  it('shows the queue dashboard to admins only, by bearer token or by its cookie', async () => {
    const anonymous = await request(server).get('/admin/queues').expect(401);
    expect(anonymous.body.code).toBe('UNAUTHENTICATED');
    expect(
      (
        await request(server)
          .get('/admin/queues')
          .set(...bearer(candidate))
          .expect(403)
      ).body.code,
    ).toBe('FORBIDDEN');
    await request(server).get('/admin/queues').set('Authorization', 'Bearer not-a-token').expect(401);
    await request(server)
      .get('/admin/queues')
      .set(...bearer(admin))
      .expect(200)
      .expect('Content-Type', /html/);
    const queues = await request(server)
      .get('/admin/queues/api/queues')
      .set(...bearer(admin))
      .expect(200);
    expect(queues.body.queues.map((q: { name: string }) => q.name)).toEqual(
      expect.arrayContaining(['eligibility', 'decisions', 'certificates', 'notifications']),
    );

    const session = await request(server)
      .post('/api/v1/admin/dashboard-session')
      .set(...bearer(admin))
      .expect(204);
    const cookie = String(session.headers['set-cookie']);
    expect(cookie).toMatch(/qualcert_dashboard=.+; Max-Age=900; Path=\/admin\/queues; .*HttpOnly; SameSite=Strict/);
    await request(server).get('/admin/queues').set('Cookie', cookie.split(';')[0]).expect(200);
    // Signing out everywhere (a password change) ends the dashboard session too.
    await ctx.dataSource.query('UPDATE app_user SET session_version = session_version + 1 WHERE id = $1', [admin.id]);
    await request(server).get('/admin/queues').set('Cookie', cookie.split(';')[0]).expect(401);
  });
});
