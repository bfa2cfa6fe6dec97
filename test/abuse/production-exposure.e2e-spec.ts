import request from 'supertest';
import { createTestApp, TestContext } from '../utils/test-app';

/**
 * Issue 17, item 11: a production instance published its route map at /api/docs and its queue
 * depths and latencies at /metrics to anyone. Both attacks run against an app started with
 * NODE_ENV=production, as the Docker image runs it. That production refuses to start without a
 * metrics token is app-config.spec.ts's to show.
 */
describe('a production instance does not publish its metrics or its route map', () => {
  const saved = { ...process.env };
  const metricsToken = 'm'.repeat(24);

  async function productionApp(extra: Record<string, string> = {}): Promise<TestContext> {
    Object.assign(process.env, {
      NODE_ENV: 'production',
      JWT_SECRET: 'j'.repeat(40),
      CREDENTIAL_SIGNING_KEY: Buffer.alloc(32, 7).toString('base64'),
      METRICS_TOKEN: metricsToken,
      ...extra,
    });
    return createTestApp();
  }

  afterEach(() => {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  });

  it('answers /metrics only with the token, and serves no API docs unless API_DOCS=true', async () => {
    const ctx = await productionApp();
    try {
      const server = ctx.app.getHttpServer();
      await request(server).get('/metrics').expect(401);
      await request(server).get('/metrics').set('Authorization', 'Bearer wrong-token-wrong-token').expect(401);
      const metrics = await request(server).get('/metrics').set('Authorization', `Bearer ${metricsToken}`).expect(200);
      expect(metrics.text).toContain('qualcert_http_request_duration_seconds');
      await request(server).get('/api/docs-json').expect(404);
      await request(server).get('/api/docs').expect(404);
    } finally {
      await ctx.close();
    }
  });

  it('serves the docs in production when API_DOCS=true is asked for', async () => {
    const ctx = await productionApp({ API_DOCS: 'true' });
    try {
      const doc = await request(ctx.app.getHttpServer()).get('/api/docs-json').expect(200);
      expect((doc.body as { openapi: string }).openapi).toMatch(/^3\./);
    } finally {
      await ctx.close();
    }
  });
});
