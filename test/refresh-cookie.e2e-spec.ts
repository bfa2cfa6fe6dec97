import request from 'supertest';
import { bearer, newUser } from './utils/fixtures';
import { createTestApp, TestContext } from './utils/test-app';

const COOKIE = 'qualcert_refresh';

/** The cookie a response sets, e.g. "qualcert_refresh=…; Max-Age=…; Path=/api/v1/auth; HttpOnly; SameSite=Strict". */
function refreshCookie(res: request.Response): string | undefined {
  const headers = res.headers['set-cookie'] as unknown as string[] | undefined;
  return headers?.find((h) => h.startsWith(`${COOKIE}=`));
}
const valueOf = (cookie: string): string => cookie.split(';')[0];

/** The portal keeps the refresh token in an HttpOnly cookie; API clients keep the JSON body form. */
describe('refresh token cookie', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await createTestApp();
  });

  afterAll(async () => {
    await ctx.close();
  });

  it('is set at sign-in, HttpOnly, SameSite=Strict, sent to the auth routes only, beside the body’s token', async () => {
    const user = await newUser(ctx, 'candidate');
    const res = await request(ctx.app.getHttpServer())
      .post('/api/v1/auth/login')
      .send({ email: user.email, password: user.password })
      .expect(200);
    const cookie = refreshCookie(res);
    expect(cookie).toBeDefined();
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).toContain('Path=/api/v1/auth');
    expect(valueOf(cookie as string)).toBe(`${COOKIE}=${encodeURIComponent(res.body.refreshToken)}`);
  });

  it('renews the pair from the cookie alone, rotating it; the old cookie then ends the session', async () => {
    const server = ctx.app.getHttpServer();
    const user = await newUser(ctx, 'candidate');
    const login = await request(server).post('/api/v1/auth/login').send({ email: user.email, password: user.password });
    const first = valueOf(refreshCookie(login) as string);

    const renewed = await request(server).post('/api/v1/auth/refresh').set('Cookie', first).send({}).expect(200);
    const second = valueOf(refreshCookie(renewed) as string);
    expect(second).not.toBe(first);
    await request(server)
      .get('/api/v1/auth/me')
      .set(...bearer(renewed.body))
      .expect(200);

    // A copied cookie presented again revokes the family, as a reused body token does.
    await request(server).post('/api/v1/auth/refresh').set('Cookie', first).send({}).expect(401);
    await request(server).post('/api/v1/auth/refresh').set('Cookie', second).send({}).expect(401);
  });

  it('signs out through the cookie: cleared, and the token no longer renews', async () => {
    const server = ctx.app.getHttpServer();
    const user = await newUser(ctx, 'candidate');
    const login = await request(server).post('/api/v1/auth/login').send({ email: user.email, password: user.password });
    const cookie = valueOf(refreshCookie(login) as string);
    const out = await request(server).post('/api/v1/auth/logout').set('Cookie', cookie).send({}).expect(204);
    expect(refreshCookie(out)).toMatch(new RegExp(`^${COOKIE}=;`));
    await request(server).post('/api/v1/auth/refresh').set('Cookie', cookie).send({}).expect(401);
  });

  it('refuses a renewal with neither a cookie nor a token as unauthenticated', async () => {
    const res = await request(ctx.app.getHttpServer()).post('/api/v1/auth/refresh').send({}).expect(401);
    expect(res.body).toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
