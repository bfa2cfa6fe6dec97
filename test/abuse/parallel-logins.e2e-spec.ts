import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { login, newUser, TestUser, uniqueEmail } from '../utils/fixtures';
import { createTestApp, TestContext } from '../utils/test-app';

/**
 * The attack of issue 17 (High 2): a login limit checked before the password and counted after
 * it lets every guess of a parallel burst through. Each burst below runs against an app with a
 * queue prefix of its own, so that no other test's attempts count against the same address.
 */
describe('abuse: parallel password guesses are counted before the password is checked', () => {
  const savedPrefix = process.env.BULLMQ_PREFIX;
  let ctx: TestContext;
  let base: string;

  beforeEach(async () => {
    process.env.BULLMQ_PREFIX = `${savedPrefix ?? 'qualcert-test'}-logins-${Date.now()}`;
    ctx = await createTestApp();
    await ctx.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(ctx.app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    await ctx.close();
    process.env.BULLMQ_PREFIX = savedPrefix;
  });

  /** A login sent from a given loopback address, as a client behind it would (127.0.0.0/8 is local). */
  const loginFrom = (localAddress: string, body: { email: string; password: string }) =>
    new Promise<{ status: number; retryAfter: string | undefined; body: { code?: string } }>((resolve, reject) => {
      const { port } = new URL(base);
      const req = httpRequest(
        { host: '127.0.0.1', port, localAddress, method: 'POST', path: '/api/v1/auth/login' },
        (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => (text += chunk.toString()));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              retryAfter: res.headers['retry-after'],
              body: JSON.parse(text) as { code?: string },
            }),
          );
        },
      );
      req.on('error', reject);
      req.setHeader('content-type', 'application/json');
      req.end(JSON.stringify(body));
    });

  const guess = (email: string) =>
    request(base).post('/api/v1/auth/login').send({ email, password: 'a wrong guess 12345' });

  const statuses = (responses: request.Response[]) =>
    responses.reduce<Record<number, number>>(
      (counts, r) => ({ ...counts, [r.status]: (counts[r.status] ?? 0) + 1 }),
      {},
    );

  it('lets at most the account’s limit of 100 simultaneous wrong passwords be checked; the rest get 429', async () => {
    const user = await newUser(ctx, 'candidate');
    const responses = await Promise.all(Array.from({ length: 100 }, () => guess(user.email)));
    // LOGIN_MAX_FAILURES_PER_ACCOUNT is 5.
    expect(statuses(responses)).toEqual({ 401: 5, 429: 95 });
    const refused = responses.find((r) => r.status === 429);
    expect(refused?.body).toMatchObject({ code: 'TOO_MANY_REQUESTS' });
    expect(Number(refused?.headers['retry-after'])).toBeGreaterThan(0);
    // From this address the right password waits too (other addresses do not: sessions-and-sign-in).
    await request(base).post('/api/v1/auth/login').send({ email: user.email, password: user.password }).expect(429);
  });

  it('lets at most the address’s limit of 100 simultaneous guesses at 100 accounts be checked', async () => {
    // Made ten at a time: each holds a database connection while its password is hashed.
    const users: TestUser[] = [];
    while (users.length < 100)
      users.push(...(await Promise.all(Array.from({ length: 10 }, () => newUser(ctx, 'candidate')))));
    const responses = await Promise.all(users.map((u) => guess(u.email)));
    // LOGIN_MAX_FAILURES_PER_ADDRESS is 50: one guess per account, fifty per address.
    expect(statuses(responses)).toEqual({ 401: 50, 429: 50 });
  });

  it('does not count a successful login against the address, and clears the account’s failures', async () => {
    const user = await newUser(ctx, 'candidate');
    for (let i = 0; i < 4; i += 1) await guess(user.email).expect(401);
    // Sixty sign-ins from one address (a classroom behind one router) are not failures.
    for (let i = 0; i < 60; i += 1) await login(ctx.app.getHttpServer(), user);
    for (let i = 0; i < 4; i += 1) await guess(user.email).expect(401);
    await login(ctx.app.getHttpServer(), user);
  });

  it('counts failures per address across accounts, unknown ones included: past 50 the address is refused, others are not', async () => {
    const user = await newUser(ctx, 'candidate');
    // LOGIN_MAX_FAILURES_PER_ADDRESS is 50: a different unknown e-mail each time, so that no account's limit is met.
    for (let i = 0; i < 50; i += 1) {
      const res = await loginFrom('127.0.0.2', { email: uniqueEmail('nobody'), password: 'a wrong guess 12345' });
      expect(res.status).toBe(401);
    }
    const refused = await loginFrom('127.0.0.2', { email: uniqueEmail('nobody'), password: 'a wrong guess 12345' });
    expect(refused).toMatchObject({ status: 429, body: { code: 'TOO_MANY_REQUESTS' } });
    expect(Number(refused.retryAfter)).toBeGreaterThan(0);
    expect(Number(refused.retryAfter)).toBeLessThanOrEqual(900);
    // The address is refused whatever the account, the right password included.
    expect((await loginFrom('127.0.0.2', { email: user.email, password: user.password })).status).toBe(429);
    // The same account from another address: its own count is untouched, so it signs in.
    expect((await loginFrom('127.0.0.3', { email: user.email, password: user.password })).status).toBe(200);
  });
});
