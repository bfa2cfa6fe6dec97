import request from 'supertest';
import { createTestApp, TestContext } from './utils/test-app';

describe('GET /health', () => {
  let ctx: TestContext;

  afterEach(async () => {
    const previous = process.env.REDIS_URL;
    await ctx?.close();
    process.env.REDIS_URL = previous;
  });

  it('answers 200 when PostgreSQL and Redis answer', async () => {
    ctx = await createTestApp();
    const res = await request(ctx.app.getHttpServer()).get('/health').expect(200);
    expect(res.body).toMatchObject({ status: 'ok', checks: { postgres: { status: 'up' }, redis: { status: 'up' } } });
    expect(res.headers['x-request-id']).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('answers 503 naming Redis when Redis does not answer', async () => {
    const previous = process.env.REDIS_URL;
    process.env.REDIS_URL = 'redis://127.0.0.1:1/0';
    try {
      ctx = await createTestApp();
    } finally {
      process.env.REDIS_URL = previous;
    }
    const res = await request(ctx.app.getHttpServer()).get('/health').expect(503);
    expect(res.body).toMatchObject({
      status: 'unavailable',
      checks: { postgres: { status: 'up' }, redis: { status: 'down' } },
    });
  });

  it('answers 503 naming PostgreSQL when the database connection is gone', async () => {
    ctx = await createTestApp();
    await ctx.dataSource.destroy();
    const res = await request(ctx.app.getHttpServer()).get('/health').expect(503);
    expect(res.body.checks.postgres.status).toBe('down');
    expect(res.body.checks.redis.status).toBe('up');
  });

  it('keeps a well-formed X-Request-Id from the caller and replaces a malformed one', async () => {
    ctx = await createTestApp();
    const server = ctx.app.getHttpServer();
    const kept = await request(server).get('/health').set('X-Request-Id', 'abc-123');
    expect(kept.headers['x-request-id']).toBe('abc-123');
    const replaced = await request(server).get('/health').set('X-Request-Id', 'bad id with spaces');
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});
