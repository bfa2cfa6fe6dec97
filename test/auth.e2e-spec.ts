import { JwtService } from '@nestjs/jwt';
import request from 'supertest';
import type { App } from 'supertest/types';
import { bearer, login, newSession, newUser, strongPassword, uniqueEmail } from './utils/fixtures';
import { createTestApp, TestContext } from './utils/test-app';

const REGISTRATION_ACCEPTED = {
  status: 'accepted',
  message: 'If the address could be registered, its account is ready: sign in with the address and the password',
};

describe('accounts and sessions', () => {
  let ctx: TestContext;
  let server: App;

  beforeAll(async () => {
    ctx = await createTestApp();
    server = ctx.app.getHttpServer();
  });
  afterAll(() => ctx.close());

  describe('registration', () => {
    it('creates a candidate account that then signs in', async () => {
      const email = uniqueEmail('Candidate');
      const password = strongPassword();
      const res = await request(server)
        .post('/api/v1/auth/register')
        .send({ email, password, fullName: '  Дана Сапарова ' })
        .expect(202);
      expect(res.body).toEqual(REGISTRATION_ACCEPTED);
      const session = await request(server)
        .post('/api/v1/auth/login')
        .send({ email: email.toUpperCase(), password })
        .expect(200);
      expect(session.body).toMatchObject({
        tokenType: 'Bearer',
        expiresIn: 900,
        user: { email, fullName: 'Дана Сапарова', role: 'candidate', status: 'active', centreIds: [] },
      });
      expect(session.body.user.passwordHash).toBeUndefined();
    });

    it('answers a registered email, whatever its case, as it answers a new one, and keeps the first account', async () => {
      const email = uniqueEmail('dup');
      const first = strongPassword();
      const fresh = await request(server)
        .post('/api/v1/auth/register')
        .send({ email, password: first, fullName: 'Первый' })
        .expect(202);
      const again = await request(server)
        .post('/api/v1/auth/register')
        .send({ email: email.toUpperCase(), password: strongPassword(), fullName: 'Второй' })
        .expect(202);
      expect(again.body).toEqual(fresh.body);
      const session = await login(server, { id: '', email, password: first, role: 'candidate' });
      const me = await request(server)
        .get('/api/v1/auth/me')
        .set(...bearer(session))
        .expect(200);
      expect(me.body.fullName).toBe('Первый');
    });

    it('stores one account when the same email registers twice at once', async () => {
      const email = uniqueEmail('race');
      const attempts = await Promise.all(
        [email, email.toUpperCase(), email].map((e) =>
          request(server)
            .post('/api/v1/auth/register')
            .send({ email: e, password: strongPassword(), fullName: 'Гонка' }),
        ),
      );
      expect(attempts.map((r) => r.status)).toEqual([202, 202, 202]);
      const [{ n }] = await ctx.dataSource.query('SELECT COUNT(*)::int AS n FROM app_user WHERE email_key = $1', [
        email.toLowerCase(),
      ]);
      expect(n).toBe(1);
    });

    it.each([
      ['short', 'at least 10'],
      ['Password2024!', 'most common'],
      ['qwertyuiop123', 'most common'],
      // Issue 17, item 13: dictionary and keyboard words with digits appended, repeated patterns.
      ['P@ssw0rd12', 'most common'],
      ['passwordpassword', 'repeats a short pattern'],
      ['Парольпароль', 'repeats a short pattern'],
      ['abcabcabca', 'repeats a short pattern'],
      ['фывапролджэ2024', 'keyboard or alphabet sequence'],
    ])('refuses the weak password %s with 422 naming the field and the reason', async (password, problem) => {
      const res = await request(server)
        .post('/api/v1/auth/register')
        .set('Accept-Language', 'en')
        .send({ email: uniqueEmail(), password, fullName: 'Слабый Пароль' })
        .expect(422);
      expect(res.body).toMatchObject({ code: 'PASSWORD_TOO_WEAK', details: { fields: [{ field: 'password' }] } });
      expect(res.body.details.fields[0].messages.join(' ')).toContain(problem);
    });

    it('refuses malformed input and unknown fields with VALIDATION_FAILED', async () => {
      const res = await request(server)
        .post('/api/v1/auth/register')
        .send({ email: 'not-an-email', password: strongPassword(), fullName: 'X', role: 'admin' })
        .expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.details.fields.map((f: { field: string }) => f.field).sort()).toEqual([
        'email',
        'fullName',
        'role',
      ]);
    });

    it('answers malformed JSON with 400', async () => {
      const res = await request(server)
        .post('/api/v1/auth/register')
        .set('Content-Type', 'application/json')
        .send('{"email": ')
        .expect(400);
      expect(res.body).toMatchObject({ code: 'MALFORMED_REQUEST' });
    });
  });

  describe('login', () => {
    it('gives the same answer to a wrong email and a wrong password', async () => {
      const user = await newUser(ctx, 'candidate');
      const wrongPassword = await request(server)
        .post('/api/v1/auth/login')
        .send({ email: user.email, password: 'not the password' })
        .expect(401);
      const wrongEmail = await request(server)
        .post('/api/v1/auth/login')
        .send({ email: uniqueEmail('nobody'), password: 'not the password' })
        .expect(401);
      expect(wrongPassword.body).toEqual(wrongEmail.body);
      expect(wrongPassword.body).toEqual({
        statusCode: 401,
        code: 'UNAUTHENTICATED',
        message: 'Пошта немесе құпиясөз қате.',
      });
    });

    it('validates the body before checking credentials', async () => {
      const res = await request(server).post('/api/v1/auth/login').send({ email: 'x' }).expect(400);
      expect(res.body.details.fields.map((f: { field: string }) => f.field).sort()).toEqual(['email', 'password']);
    });

    it('throttles failed logins per account with 429 and Retry-After, even with the right password', async () => {
      const user = await newUser(ctx, 'candidate');
      for (let i = 0; i < 5; i += 1) {
        await request(server)
          .post('/api/v1/auth/login')
          .send({ email: user.email, password: 'wrong password' })
          .expect(401);
      }
      const blocked = await request(server)
        .post('/api/v1/auth/login')
        .send({ email: user.email, password: user.password })
        .expect(429);
      expect(blocked.body.code).toBe('TOO_MANY_REQUESTS');
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(blocked.headers['retry-after'])).toBeLessThanOrEqual(900);
    });

    it('clears the account count after a successful login', async () => {
      const user = await newUser(ctx, 'candidate');
      for (let i = 0; i < 4; i += 1) {
        await request(server)
          .post('/api/v1/auth/login')
          .send({ email: user.email, password: 'wrong password' })
          .expect(401);
      }
      await login(server, user);
      await request(server)
        .post('/api/v1/auth/login')
        .send({ email: user.email, password: 'wrong password' })
        .expect(401);
      await login(server, user);
    });

    it('refuses a disabled account', async () => {
      const admin = await newSession(ctx, 'admin');
      const user = await newUser(ctx, 'assessor');
      await request(server)
        .patch(`/api/v1/users/${user.id}/status`)
        .set(...bearer(admin))
        .send({ status: 'disabled' })
        .expect(200);
      const res = await request(server)
        .post('/api/v1/auth/login')
        .send({ email: user.email, password: user.password })
        .expect(401);
      expect(res.body.code).toBe('UNAUTHENTICATED');
      await request(server)
        .patch(`/api/v1/users/${user.id}/status`)
        .set(...bearer(admin))
        .send({ status: 'active' })
        .expect(200);
      await login(server, user);
    });
  });

  describe('tokens', () => {
    it('refuses a missing, malformed, forged or expired access token', async () => {
      const session = await newSession(ctx, 'candidate');
      await request(server).get('/api/v1/auth/me').expect(401);
      await request(server).get('/api/v1/auth/me').set('Authorization', 'Bearer nonsense').expect(401);
      const forged = new JwtService({ secret: 'another secret of at least thirty-two chars' }).sign({
        sub: session.id,
        role: 'admin',
        sv: 0,
      });
      await request(server).get('/api/v1/auth/me').set('Authorization', `Bearer ${forged}`).expect(401);
      const expired = ctx.app.get(JwtService).sign({ sub: session.id, role: 'candidate', sv: 0 }, { expiresIn: -10 });
      const res = await request(server)
        .get('/api/v1/auth/me')
        .set('Authorization', `Bearer ${expired}`)
        .set('Accept-Language', 'en')
        .expect(401);
      expect(res.body.message).toBe('The access token has expired');
      const me = await request(server)
        .get('/api/v1/auth/me')
        .set(...bearer(session))
        .expect(200);
      expect(me.body).toMatchObject({ id: session.id, role: 'candidate' });
    });

    it('rotates refresh tokens: each works once and gives the next', async () => {
      const session = await newSession(ctx, 'candidate');
      const first = await request(server)
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: session.refreshToken })
        .expect(200);
      expect(first.body.refreshToken).not.toBe(session.refreshToken);
      await request(server).get('/api/v1/auth/me').set('Authorization', `Bearer ${first.body.accessToken}`).expect(200);
      const second = await request(server)
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: first.body.refreshToken })
        .expect(200);
      expect(second.body.refreshToken).not.toBe(first.body.refreshToken);
    });

    it('revokes the whole family when a used refresh token is presented again', async () => {
      const session = await newSession(ctx, 'candidate');
      const next = await request(server)
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: session.refreshToken })
        .expect(200);
      const reuse = await request(server)
        .post('/api/v1/auth/refresh')
        .set('Accept-Language', 'en')
        .send({ refreshToken: session.refreshToken })
        .expect(401);
      expect(reuse.body.message).toContain('already used');
      // The thief's reuse also ends the legitimate holder's newer token.
      await request(server).post('/api/v1/auth/refresh').send({ refreshToken: next.body.refreshToken }).expect(401);
      const rows = await ctx.dataSource.query('SELECT revoke_reason FROM refresh_token WHERE user_id = $1', [
        session.id,
      ]);
      expect(rows.every((r: { revoke_reason: string | null }) => r.revoke_reason === 'reuse_detected')).toBe(true);
    });

    it('ends a session on logout but leaves the others', async () => {
      const user = await newUser(ctx, 'candidate');
      const phone = await login(server, user);
      const laptop = await login(server, user);
      await request(server).post('/api/v1/auth/logout').send({ refreshToken: phone.refreshToken }).expect(204);
      await request(server).post('/api/v1/auth/refresh').send({ refreshToken: phone.refreshToken }).expect(401);
      await request(server).post('/api/v1/auth/refresh').send({ refreshToken: laptop.refreshToken }).expect(200);
    });

    it('ends every session when the password changes, and needs the current password', async () => {
      const user = await newUser(ctx, 'candidate');
      const phone = await login(server, user);
      const laptop = await login(server, user);
      const wrong = await request(server)
        .post('/api/v1/auth/password')
        .set(...bearer(laptop))
        .send({ currentPassword: 'not it at all', newPassword: strongPassword() })
        .expect(422);
      expect(wrong.body).toMatchObject({
        code: 'PASSWORD_INCORRECT',
        details: { fields: [{ field: 'currentPassword' }] },
      });
      const weak = await request(server)
        .post('/api/v1/auth/password')
        .set(...bearer(laptop))
        .send({ currentPassword: user.password, newPassword: 'password123' })
        .expect(422);
      expect(weak.body).toMatchObject({ code: 'PASSWORD_TOO_WEAK', details: { fields: [{ field: 'newPassword' }] } });

      const newPassword = strongPassword();
      const changed = await request(server)
        .post('/api/v1/auth/password')
        .set(...bearer(laptop))
        .send({ currentPassword: user.password, newPassword })
        .expect(200);
      // Old access tokens and refresh tokens of every device stop working at once.
      await request(server)
        .get('/api/v1/auth/me')
        .set(...bearer(phone))
        .expect(401);
      await request(server)
        .get('/api/v1/auth/me')
        .set(...bearer(laptop))
        .expect(401);
      await request(server).post('/api/v1/auth/refresh').send({ refreshToken: phone.refreshToken }).expect(401);
      // The device that changed it carries on with the pair it was given.
      await request(server)
        .get('/api/v1/auth/me')
        .set('Authorization', `Bearer ${changed.body.accessToken}`)
        .expect(200);
      await request(server).post('/api/v1/auth/login').send({ email: user.email, password: user.password }).expect(401);
      await login(server, { ...user, password: newPassword });
    });
  });

  describe('staff accounts', () => {
    it('lets an admin create, list, disable and enable accounts', async () => {
      const admin = await newSession(ctx, 'admin');
      const email = uniqueEmail('assessor');
      const created = await request(server)
        .post('/api/v1/users')
        .set(...bearer(admin))
        .send({ email, fullName: 'Марат Жумабаев', role: 'assessor', password: strongPassword() })
        .expect(201);
      const list = await request(server)
        .get('/api/v1/users')
        .query({ role: 'assessor', q: email.slice(0, 20) })
        .set(...bearer(admin))
        .expect(200);
      expect(list.body.items.map((u: { id: string }) => u.id)).toContain(created.body.id);
      const candidate = await request(server)
        .post('/api/v1/users')
        .set(...bearer(admin))
        .send({ email: uniqueEmail(), fullName: 'Не сотрудник', role: 'candidate', password: strongPassword() })
        .expect(400);
      expect(candidate.body.details.fields[0].field).toBe('role');
    });

    it('does not let an admin disable their own account', async () => {
      const admin = await newSession(ctx, 'admin');
      await request(server)
        .patch(`/api/v1/users/${admin.id}/status`)
        .set(...bearer(admin))
        .send({ status: 'disabled' })
        .expect(409);
    });
  });
});
