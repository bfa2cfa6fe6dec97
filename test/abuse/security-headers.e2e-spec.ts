import request from 'supertest';
import { bearer, newSession } from '../utils/fixtures';
import { createTestApp, TestContext } from '../utils/test-app';

/**
 * Issue 17, item 12: a site could frame the API's pages, and a shared cache (a proxy, the browser's
 * back button on a shared computer) could keep a candidate's personal data. Each answer says no.
 */
describe('security headers on every answer', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestApp();
  });
  afterAll(() => ctx.close());

  it('keeps personal data out of caches and out of frames, and never runs an API answer as a document', async () => {
    const candidate = await newSession(ctx, 'candidate');
    const res = await request(ctx.app.getHttpServer())
      .get('/api/v1/auth/me')
      .set(...bearer(candidate))
      .expect(200);
    expect(res.headers).toMatchObject({
      'cache-control': 'no-store',
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
      'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
      'x-content-type-options': 'nosniff',
    });
  });

  it('says the same on refusals and on the public certificate lookup', async () => {
    const server = ctx.app.getHttpServer();
    const refused = await request(server).get('/api/v1/auth/me').expect(401);
    expect(refused.headers['cache-control']).toBe('no-store');
    const lookup = await request(server).get('/api/v1/public/certificates/NONE-2026-000001?code=0000000000');
    expect(lookup.status).toBeGreaterThanOrEqual(400);
    expect(lookup.headers).toMatchObject({ 'cache-control': 'no-store', 'x-frame-options': 'DENY' });
  });

  it('lets caches keep the public catalogue, still never framed', async () => {
    const res = await request(ctx.app.getHttpServer()).get('/api/v1/standards').expect(200);
    expect(res.headers['cache-control']).toBeUndefined();
    expect(res.headers['x-frame-options']).toBe('DENY');
  });
});
