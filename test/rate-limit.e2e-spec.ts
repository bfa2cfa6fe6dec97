import request from 'supertest';
import { createTestApp, TestContext } from './utils/test-app';

describe('public verification is rate-limited per client address', () => {
  let ctx: TestContext;
  const saved = { limit: process.env.PUBLIC_RATE_LIMIT_PER_MINUTE, prefix: process.env.BULLMQ_PREFIX };

  beforeAll(async () => {
    // A limit of three, and a key space of this test's own so that other tests' calls do not count.
    process.env.PUBLIC_RATE_LIMIT_PER_MINUTE = '3';
    process.env.BULLMQ_PREFIX = `${saved.prefix ?? 'qualcert-test'}-rate-${Date.now()}`;
    ctx = await createTestApp();
  });
  afterAll(async () => {
    await ctx.close();
    process.env.PUBLIC_RATE_LIMIT_PER_MINUTE = saved.limit;
    process.env.BULLMQ_PREFIX = saved.prefix;
  });

  it('answers 429 with Retry-After past the limit, in the one error shape', async () => {
    const server = ctx.app.getHttpServer();
    for (let i = 0; i < 3; i += 1) {
      const ok = await request(server).get('/api/v1/public/certificates/ZZ-2000-000001?code=7K3QM-Z9XA4').expect(404);
      expect(ok.headers['ratelimit-limit']).toBe('3');
    }
    const limited = await request(server)
      .get('/api/v1/public/certificates/ZZ-2000-000001?code=7K3QM-Z9XA4')
      .expect(429);
    expect(limited.body).toMatchObject({ statusCode: 429, code: 'TOO_MANY_REQUESTS' });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Authenticated routes are not limited by it.
    await request(server).get('/api/v1/standards').expect(200);
  });
});
