import Redis from 'ioredis';
import request from 'supertest';
import { redisConnectionOptions } from '@qualcert/shared';
import { eventually } from './utils/fixtures';
import { ThrowawayRedis } from './utils/services';
import { createTestApp, TestContext } from './utils/test-app';

describe('public verification is rate-limited per client address', () => {
  let ctx: TestContext;
  let redis: Redis;
  const saved = { limit: process.env.PUBLIC_RATE_LIMIT_PER_MINUTE, prefix: process.env.BULLMQ_PREFIX };
  // A key space of this test's own, so that other tests' calls do not count.
  const prefix = `${saved.prefix ?? 'qualcert-test'}-rate-${process.pid}-${Date.now()}`;

  beforeAll(async () => {
    process.env.PUBLIC_RATE_LIMIT_PER_MINUTE = '3';
    process.env.BULLMQ_PREFIX = prefix;
    ctx = await createTestApp();
    redis = new Redis(redisConnectionOptions(String(process.env.REDIS_URL)));
  });
  afterAll(async () => {
    const keys = await redis.keys(`${prefix}:rate:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
    await ctx.close();
    process.env.PUBLIC_RATE_LIMIT_PER_MINUTE = saved.limit;
    process.env.BULLMQ_PREFIX = saved.prefix;
  });

  it('answers 429 with Retry-After past the limit, in the one error shape, until the window’s minute is over', async () => {
    const server = ctx.app.getHttpServer();
    const verify = () => request(server).get('/api/v1/public/certificates/ZZ-2000-000001?code=7K3QM-Z9XA4');
    // The window opens with the address's first call, whatever the clock's second: no waiting for a fresh minute.
    for (let i = 0; i < 3; i += 1) {
      const ok = await verify().expect(404);
      expect([ok.headers['ratelimit-limit'], ok.headers['ratelimit-remaining']]).toEqual(['3', String(2 - i)]);
    }
    // One count for the address, expiring a minute after its first call.
    const keys = await redis.keys(`${prefix}:rate:public-verification:*`);
    expect(keys).toHaveLength(1);
    const leftBefore = await redis.pttl(keys[0]);
    const limited = await verify().expect(429);
    const leftAfter = await redis.pttl(keys[0]);
    expect(limited.body).toEqual({
      statusCode: 429,
      code: 'TOO_MANY_REQUESTS',
      message: 'Тым көп әрекет. Біраз күтіп, қайталаңыз.',
      details: { retryAfterSeconds: Number(limited.headers['retry-after']) },
    });
    // Retry-After is what is left of the window, read between the two looks at the key's expiry.
    expect(leftBefore).toBeLessThanOrEqual(60_000);
    const retryAfter = Number(limited.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(Math.ceil(leftAfter / 1000));
    expect(retryAfter).toBeLessThanOrEqual(Math.ceil(leftBefore / 1000));
    expect(await redis.get(keys[0])).toBe('4');
    // Authenticated routes are not limited by it.
    await request(server).get('/api/v1/standards').expect(200);

    // The minute ends when the count expires (made to expire now rather than waited for): a new window.
    await redis.pexpire(keys[0], 1);
    await eventually(
      () => redis.exists(keys[0]),
      (n) => n === 0,
    );
    const fresh = await verify().expect(404);
    expect(fresh.headers['ratelimit-remaining']).toBe('2');
    expect(await redis.get(keys[0])).toBe('1');
    expect(await redis.pttl(keys[0])).toBeGreaterThan(59_000);
  });
});

describe('public verification while Redis is down', () => {
  // A Redis of the test's own: stopping it disturbs no other test or process on the machine.
  const redis = new ThrowawayRedis();
  let ctx: TestContext;
  const saved = { limit: process.env.PUBLIC_RATE_LIMIT_PER_MINUTE, redisUrl: process.env.REDIS_URL };

  beforeAll(async () => {
    await redis.start();
    process.env.REDIS_URL = redis.url;
    process.env.PUBLIC_RATE_LIMIT_PER_MINUTE = '3';
    ctx = await createTestApp();
  });
  afterAll(async () => {
    try {
      // Running again (the test stops it), so that the app closes its connections cleanly.
      await redis.start();
      await ctx.close();
    } finally {
      await redis.stop();
      process.env.REDIS_URL = saved.redisUrl;
      process.env.PUBLIC_RATE_LIMIT_PER_MINUTE = saved.limit;
    }
  });

  it('is not limited while Redis cannot count (the limiter fails open, never a 5xx), and is limited again once it returns', async () => {
    const server = ctx.app.getHttpServer();
    const verify = () => request(server).get('/api/v1/public/certificates/ZZ-2000-000001?code=7K3QM-Z9XA4');
    for (let i = 0; i < 3; i += 1) await verify().expect(404);
    await verify().expect(429);

    await redis.stop();
    // Past the limit already, and ten more: each is answered, uncounted (no RateLimit headers).
    for (let i = 0; i < 10; i += 1) {
      const res = await verify();
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('NOT_FOUND');
      expect(res.headers['ratelimit-limit']).toBeUndefined();
    }

    // Back, and empty (it keeps nothing on disk): the first counted call opens a new window.
    await redis.start();
    const counted = await eventually(verify, (res) => res.headers['ratelimit-limit'] !== undefined);
    expect(counted.status).toBe(404);
    expect(counted.headers['ratelimit-remaining']).toBe('2');
    await verify().expect(404);
    await verify().expect(404);
    const limited = await verify().expect(429);
    expect(limited.body.code).toBe('TOO_MANY_REQUESTS');
  });
});
