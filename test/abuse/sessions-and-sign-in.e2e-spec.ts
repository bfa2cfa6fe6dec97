import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Redis from 'ioredis';
import request from 'supertest';
import type { App } from 'supertest/types';
import { AppConfig, redisConnectionOptions } from '@qualcert/shared';
import { bearer, login, newCandidate, newUser, strongPassword, TestUser, uniqueEmail } from '../utils/fixtures';
import { pdfFile } from '../utils/files';
import { evidenceFields, filePart, postMultipart } from '../utils/multipart';
import { createTestApp, TestContext } from '../utils/test-app';

/**
 * The attacks of issue 17 on accounts and sessions (items 6, 7, 8, 10, 15) and on evidence
 * storage (item 6's quota), each made as the tester made it. Each block runs an app with the
 * settings it needs and a queue prefix of its own (short: the prefix is at most 64 characters),
 * so that no other test's counts meet its own.
 */
const saved = { ...process.env };
let run = 0;

async function appWith(settings: Record<string, string>): Promise<TestContext> {
  run += 1;
  Object.assign(process.env, settings, {
    BULLMQ_PREFIX: `${saved.BULLMQ_PREFIX ?? 'qualcert-test'}-ss${Date.now().toString(36)}${run}`,
  });
  try {
    return await createTestApp();
  } finally {
    for (const key of [...Object.keys(settings), 'BULLMQ_PREFIX']) {
      if (saved[key] === undefined) delete process.env[key];
      else process.env[key] = saved[key];
    }
  }
}

const me = (server: App, accessToken: string) =>
  request(server).get('/api/v1/auth/me').set('Authorization', `Bearer ${accessToken}`);
const refresh = (server: App, refreshToken: string) =>
  request(server).post('/api/v1/auth/refresh').send({ refreshToken });

describe('abuse: access tokens end with their session (issue 17, item 7)', () => {
  let ctx: TestContext;
  let server: App;
  beforeAll(async () => {
    ctx = await appWith({});
    server = ctx.app.getHttpServer();
  });
  afterAll(() => ctx.close());

  it('refuses the access tokens of a logged-out session at once, and keeps the other sessions', async () => {
    const user = await newUser(ctx, 'candidate');
    const phone = await login(server, user);
    const laptop = await login(server, user);
    // An access token the session was refreshed to, as well as the first one.
    const refreshed = (await refresh(server, phone.refreshToken).expect(200)).body;
    await me(server, phone.accessToken).expect(200);
    await request(server).post('/api/v1/auth/logout').send({ refreshToken: refreshed.refreshToken }).expect(204);
    for (const token of [phone.accessToken, refreshed.accessToken]) {
      const res = await me(server, token).expect(401);
      expect(res.body).toMatchObject({ code: 'UNAUTHENTICATED', message: 'Кіру токені жарамсыз.' });
    }
    await me(server, laptop.accessToken).expect(200);
  });

  it('refuses the access tokens of the owner and of the thief once a stolen refresh token is reused', async () => {
    const user = await newUser(ctx, 'candidate');
    const owner = await login(server, user);
    // The thief copied the refresh token and used it first; the owner's next refresh reveals the copy.
    const thief = (await refresh(server, owner.refreshToken).expect(200)).body;
    await me(server, thief.accessToken).expect(200);
    await refresh(server, owner.refreshToken).expect(401);
    await me(server, thief.accessToken).expect(401);
    await me(server, owner.accessToken).expect(401);
    // Signing in again starts a new session that works.
    await me(server, (await login(server, user)).accessToken).expect(200);
  });
});

describe('abuse: a session has an absolute lifetime (issue 17, item 15)', () => {
  let ctx: TestContext;
  let server: App;
  beforeAll(async () => {
    ctx = await appWith({ SESSION_MAX_AGE_DAYS: '30' });
    server = ctx.app.getHttpServer();
  });
  afterAll(() => ctx.close());

  /** Moves the session's sign-in into the past, as if that much time had gone by. */
  const signedInAgo = async (refreshToken: string, interval: string) => {
    await ctx.dataSource.query(
      `UPDATE refresh_token SET session_started_at = now() - $2::interval
        WHERE family_id = (SELECT family_id FROM refresh_token WHERE id = $1)`,
      [refreshToken.split('.')[0], interval],
    );
  };

  it('refreshes a session kept busy for 30 days no further: the person signs in again', async () => {
    const user = await newUser(ctx, 'candidate');
    const session = await login(server, user);
    // A day short of the limit, a refresh still works, but its token ends with the session.
    await signedInAgo(session.refreshToken, '29 days');
    const next = (await refresh(server, session.refreshToken).expect(200)).body;
    const [row] = await ctx.dataSource.query<{ left_hours: number }[]>(
      'SELECT EXTRACT(EPOCH FROM expires_at - now()) / 3600 AS left_hours FROM refresh_token WHERE id = $1',
      [next.refreshToken.split('.')[0]],
    );
    expect(Number(row.left_hours)).toBeGreaterThan(23);
    expect(Number(row.left_hours)).toBeLessThanOrEqual(24);
    // Past the limit, however recently it was refreshed.
    await signedInAgo(session.refreshToken, '30 days 1 minute');
    const ended = await refresh(server, next.refreshToken).expect(401);
    expect(ended.body).toMatchObject({
      code: 'UNAUTHENTICATED',
      message: 'Сеанс ең ұзақ мерзіміне жетті; қайта кіріңіз.',
    });
    await login(server, user);
  });
});

describe('abuse: sign-in limits behind a proxy, and no lockout by strangers (issue 17, items 8 and 10)', () => {
  let redis: Redis;
  beforeAll(() => {
    redis = new Redis(redisConnectionOptions(String(process.env.REDIS_URL)));
  });
  afterAll(() => redis.disconnect());

  const attempt = (server: App, from: string, email: string, password: string) =>
    request(server).post('/api/v1/auth/login').set('X-Forwarded-For', from).send({ email, password });
  const wrong = 'a wrong guess 12345';
  const stranger = '203.0.113.7';
  const owner = '198.51.100.23';

  /** The wait of the account at this address is over, as if waited for (the record keeps its failures). */
  const waitPassed = async (ctx: TestContext, email: string, address: string) => {
    const prefix = ctx.app.get(AppConfig).BULLMQ_PREFIX;
    const hash = createHash('sha256').update(`${email.toLowerCase()}\n${address}`).digest('hex').slice(0, 32);
    expect(await redis.hset(`${prefix}:login-throttle:account:${hash}`, 'until', 0)).toBe(0);
  };

  describe('with TRUST_PROXY naming the load balancer', () => {
    let ctx: TestContext;
    let server: App;
    beforeAll(async () => {
      ctx = await appWith({ TRUST_PROXY: 'loopback' });
      server = ctx.app.getHttpServer();
    });
    afterAll(() => ctx.close());

    it('lets the owner sign in from their address while a stranger’s failures hold back only the stranger', async () => {
      const user = await newUser(ctx, 'candidate');
      for (let i = 0; i < 5; i += 1) await attempt(server, stranger, user.email, wrong).expect(401);
      // The stranger waits, even with the right password…
      await attempt(server, stranger, user.email, user.password).expect(429);
      // …the owner, elsewhere, does not.
      await attempt(server, owner, user.email, user.password).expect(200);
      await attempt(server, stranger, user.email, user.password).expect(429);
    });

    it('makes the stranger wait longer after each further failure, up to the longest wait, and never for ever', async () => {
      const user = await newUser(ctx, 'candidate');
      for (let i = 0; i < 5; i += 1) await attempt(server, stranger, user.email, wrong).expect(401);
      const waits: number[] = [];
      for (let i = 0; i < 3; i += 1) {
        const refused = await attempt(server, stranger, user.email, wrong).expect(429);
        expect(refused.body).toMatchObject({ code: 'TOO_MANY_REQUESTS' });
        waits.push(Number(refused.headers['retry-after']));
        await waitPassed(ctx, user.email, stranger);
        await attempt(server, stranger, user.email, wrong).expect(401);
      }
      // LOGIN_DELAY_SECONDS is 30, doubling.
      expect(waits).toEqual([30, 60, 120]);
      // Many failures later the wait stops growing at LOGIN_MAX_DELAY_SECONDS (900)…
      for (let i = 0; i < 4; i += 1) {
        await waitPassed(ctx, user.email, stranger);
        await attempt(server, stranger, user.email, wrong).expect(401);
      }
      expect(Number((await attempt(server, stranger, user.email, wrong).expect(429)).headers['retry-after'])).toBe(900);
      // …and once it is over, the right password signs in and clears the failures.
      await waitPassed(ctx, user.email, stranger);
      await attempt(server, stranger, user.email, user.password).expect(200);
      await attempt(server, stranger, user.email, wrong).expect(401);
    });

    it('counts a parallel burst of guesses before checking any password, as before', async () => {
      const user = await newUser(ctx, 'candidate');
      const responses = await Promise.all(
        Array.from({ length: 40 }, () => attempt(server, stranger, user.email, wrong)),
      );
      expect(responses.filter((r) => r.status === 401)).toHaveLength(5);
      expect(responses.filter((r) => r.status === 429)).toHaveLength(35);
    });

    it('limits wrong current passwords on POST /auth/password like logins, a parallel burst included', async () => {
      const user = await newUser(ctx, 'candidate');
      const session = await login(server, user);
      const change = (currentPassword: string) =>
        request(server)
          .post('/api/v1/auth/password')
          .set('X-Forwarded-For', stranger)
          .set(...bearer(session))
          .send({ currentPassword, newPassword: strongPassword() });
      const burst = await Promise.all(Array.from({ length: 30 }, () => change(wrong)));
      expect(burst.filter((r) => r.status === 422).map((r) => r.body.code)).toEqual(
        Array<string>(5).fill('PASSWORD_INCORRECT'),
      );
      expect(burst.filter((r) => r.status === 429)).toHaveLength(25);
      // The right current password waits too: guessing is not a way to learn it.
      await change(user.password).expect(429);
      await waitPassed(ctx, user.email, stranger);
      await change(user.password).expect(200);
    });
  });

  it('with TRUST_PROXY=1 believes only the address the load balancer appended, not one the client wrote', async () => {
    const ctx = await appWith({ TRUST_PROXY: '1' });
    try {
      const server = ctx.app.getHttpServer();
      const user = await newUser(ctx, 'candidate');
      for (let i = 0; i < 5; i += 1) await attempt(server, `10.9.8.${i}, ${stranger}`, user.email, wrong).expect(401);
      await attempt(server, `10.9.8.77, ${stranger}`, user.email, user.password).expect(429);
      await attempt(server, `10.9.8.1, ${owner}`, user.email, user.password).expect(200);
    } finally {
      await ctx.close();
    }
  });

  it('without TRUST_PROXY believes no X-Forwarded-For: a forged one does not make a new address', async () => {
    const ctx = await appWith({ TRUST_PROXY: '' });
    try {
      const server = ctx.app.getHttpServer();
      const user = await newUser(ctx, 'candidate');
      for (let i = 0; i < 5; i += 1) await attempt(server, `198.51.100.${i}`, user.email, wrong).expect(401);
      await attempt(server, owner, user.email, user.password).expect(429);
    } finally {
      await ctx.close();
    }
  });
});

describe('abuse: registration tells nothing and is limited per address (issue 17, item 6)', () => {
  let ctx: TestContext;
  let server: App;
  beforeAll(async () => {
    ctx = await appWith({ TRUST_PROXY: 'loopback', REGISTRATIONS_PER_HOUR: '3' });
    server = ctx.app.getHttpServer();
  });
  afterAll(() => ctx.close());

  const register = (from: string, email: string, password = strongPassword()) =>
    request(server)
      .post('/api/v1/auth/register')
      .set('X-Forwarded-For', from)
      .send({ email, password, fullName: 'Проба Адреса' });

  it('answers a staff address, a candidate’s address and a new address alike, and changes no account', async () => {
    const staff = await newUser(ctx, 'centre_manager');
    const candidate = await newUser(ctx, 'candidate');
    const answers = await Promise.all(
      [staff.email, candidate.email, uniqueEmail('new')].map((email, i) => register(`192.0.2.${i + 1}`, email)),
    );
    expect(answers.map((r) => r.status)).toEqual([202, 202, 202]);
    expect(answers[0].body).toEqual(answers[2].body);
    expect(answers[1].body).toEqual(answers[2].body);
    expect(answers[0].headers['content-length']).toBe(answers[2].headers['content-length']);
    // The accounts that existed keep their role and their password.
    for (const user of [staff, candidate] as TestUser[]) {
      const session = await login(server, user);
      expect((await me(server, session.accessToken).expect(200)).body.role).toBe(user.role);
    }
  });

  it('lets one address register a few accounts an hour, a parallel burst included, and others carry on', async () => {
    const from = '192.0.2.50';
    const emails = Array.from({ length: 16 }, () => uniqueEmail('flood'));
    const burst = await Promise.all(emails.map((email) => register(from, email)));
    expect(burst.filter((r) => r.status === 202)).toHaveLength(3);
    const refused = burst.filter((r) => r.status === 429);
    expect(refused).toHaveLength(13);
    expect(refused[0].body.code).toBe('TOO_MANY_REQUESTS');
    expect(Number(refused[0].headers['retry-after'])).toBeGreaterThan(3500);
    const [{ n }] = await ctx.dataSource.query<{ n: number }[]>(
      'SELECT COUNT(*)::int AS n FROM app_user WHERE email_key = ANY($1::text[])',
      [emails.map((e) => e.toLowerCase())],
    );
    expect(n).toBe(3);
    await register('192.0.2.51', uniqueEmail('neighbour')).expect(202);
  });
});

describe('abuse: evidence storage has a quota per candidate (issue 17, item 6)', () => {
  let ctx: TestContext;
  let server: App;
  const quota = 4096;
  beforeAll(async () => {
    ctx = await appWith({ EVIDENCE_QUOTA_BYTES: String(quota) });
    server = ctx.app.getHttpServer();
  });
  afterAll(() => ctx.close());

  const padded = (bytes: number) => {
    const base = pdfFile('квота');
    return Buffer.concat([base, Buffer.alloc(bytes - base.length, 0x20)]);
  };

  it('refuses uploads past the quota with 413 STORAGE_QUOTA_EXCEEDED, parallel ones included', async () => {
    const candidate = await newCandidate(ctx);
    const upload = (data: Buffer) =>
      postMultipart(server, '/api/v1/evidence', candidate.accessToken, [
        ...evidenceFields(),
        filePart(data, 'certificate.pdf'),
      ]);
    // Twenty-four different files of 900 bytes at once: four fit.
    const burst = await Promise.all(Array.from({ length: 24 }, () => upload(padded(900))));
    expect(burst.filter((r) => r.status === 201)).toHaveLength(4);
    const refused = burst.filter((r) => r.status === 413);
    expect(refused).toHaveLength(20);
    expect(refused[0].body).toMatchObject({
      code: 'STORAGE_QUOTA_EXCEEDED',
      details: { quotaBytes: quota, fields: [{ field: 'file', messages: ['файл сақтау квотаңыздан асады'] }] },
    });
    const [{ used }] = await ctx.dataSource.query<{ used: number }[]>(
      'SELECT SUM(size_bytes)::int AS used FROM evidence_file WHERE candidate_id = $1',
      [candidate.id],
    );
    expect(used).toBe(3600);
    // The refused files were not left in storage.
    expect(readdirSync(join(String(process.env.STORAGE_DISK_PATH), 'evidence', candidate.id))).toHaveLength(4);
    // What is left still takes a small file; another candidate has a quota of their own.
    await upload(padded(400)).expect(201);
    await upload(padded(200)).expect(413);
    const other = await newCandidate(ctx);
    await postMultipart(server, '/api/v1/evidence', other.accessToken, [
      ...evidenceFields(),
      filePart(padded(1000), 'certificate.pdf'),
    ]).expect(201);
  });
});
