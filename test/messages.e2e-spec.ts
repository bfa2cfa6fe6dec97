import request from 'supertest';
import type { App } from 'supertest/types';
import { newSession } from './utils/fixtures';
import { createTestApp, TestContext } from './utils/test-app';

/**
 * Messages in the caller's language (docs/ARCHITECTURE.md, Errors): one error, the same code, in
 * Kazakh, Russian or English by Accept-Language, Russian when the header is absent or names no
 * language the API speaks. Every other e2e request asks for Kazakh unless it says otherwise, and
 * the answer recorder checks each error message is its code's Kazakh message.
 */
describe('messages in the caller’s language', () => {
  let ctx: TestContext;
  let server: App;

  beforeAll(async () => {
    ctx = await createTestApp();
    server = ctx.app.getHttpServer();
  });
  afterAll(() => ctx.close());

  const MESSAGES = {
    kk: 'Жарамды кіру токені қажет.',
    ru: 'Нужен действующий токен доступа.',
    en: 'A valid access token is required',
  };

  const signedOut = (acceptLanguage: string) =>
    request(server).get('/api/v1/auth/me').set('Accept-Language', acceptLanguage).expect(401);

  it.each([
    ['kk', MESSAGES.kk],
    ['kk-KZ,ru;q=0.8', MESSAGES.kk],
    ['ru', MESSAGES.ru],
    ['en-GB', MESSAGES.en],
    ['de, en;q=0.7, kk;q=0.5', MESSAGES.en],
    ['fr', MESSAGES.ru],
    // Sent empty, the header is removed by the test app: a request with no Accept-Language at all.
    ['', MESSAGES.ru],
  ])('Accept-Language %p: the same code, the message in its language', async (acceptLanguage, message) => {
    const res = await signedOut(acceptLanguage);
    expect(res.body).toEqual({ statusCode: 401, code: 'UNAUTHENTICATED', message });
  });

  it('speaks the language asked for on validation, not-found and role errors too', async () => {
    const invalid = await request(server)
      .post('/api/v1/auth/login')
      .set('Accept-Language', 'kk')
      .send({ email: 'not an email' })
      .expect(400);
    expect(invalid.body).toMatchObject({ code: 'VALIDATION_FAILED', message: 'Кейбір өрістер қате толтырылған.' });
    const candidate = await newSession(ctx, 'candidate');
    const forbidden = await request(server)
      .get('/api/v1/centres')
      .set('Authorization', `Bearer ${candidate.accessToken}`)
      .set('Accept-Language', 'ru')
      .expect(403);
    expect(forbidden.body).toMatchObject({ code: 'FORBIDDEN', message: 'Вашей роли это действие не разрешено.' });
    const missing = await request(server).get('/api/v1/no-such-route').set('Accept-Language', 'kk').expect(404);
    expect(missing.body).toEqual({ statusCode: 404, code: 'ROUTE_NOT_FOUND', message: 'Табылмады.' });
  });
});
