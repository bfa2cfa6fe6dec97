import request from 'supertest';
import { createTestApp, TestContext } from './utils/test-app';

describe('API conventions', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestApp();
  });
  afterAll(() => ctx.close());

  it('serves the OpenAPI document generated from the DTOs', async () => {
    const res = await request(ctx.app.getHttpServer()).get('/api/docs-json').expect(200);
    expect(res.body.openapi).toMatch(/^3\./);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/standards',
        '/api/v1/standards/{id}/cards',
        '/api/v1/cards/{id}',
        '/api/v1/skills/{id}',
      ]),
    );
    expect(res.body.components.schemas.CardDetailDto).toBeDefined();
    // What a client and the docs page need to authorise: the scheme, and each operation's requirement.
    expect(res.body.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(res.body.servers).toEqual([expect.objectContaining({ url: expect.stringMatching(/^https?:\/\//) })]);
    expect(res.body.paths['/api/v1/auth/login'].post.security).toEqual([]);
    expect(res.body.paths['/api/v1/applications'].post.security).toEqual([{ bearer: [] }]);
    const unstated = Object.entries(res.body.paths as Record<string, Record<string, { security?: unknown }>>)
      .flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ at: `${method} ${path}`, op })))
      .filter(({ op }) => op.security === undefined)
      .map(({ at }) => at);
    expect(unstated).toEqual([]);
    await request(ctx.app.getHttpServer()).get('/api/docs').expect(200);
  });

  it('answers an unknown route with ROUTE_NOT_FOUND in the one error shape', async () => {
    const res = await request(ctx.app.getHttpServer()).get('/api/v1/nowhere').expect(404);
    expect(res.body).toEqual({ statusCode: 404, code: 'ROUTE_NOT_FOUND', message: expect.any(String) });
  });

  it('puts the API under /api/v1 only', async () => {
    await request(ctx.app.getHttpServer()).get('/standards').expect(404);
  });

  describe('a body the route does not read', () => {
    const login = () => request(ctx.app.getHttpServer()).post('/api/v1/auth/login');

    it.each([
      ['text/plain', 'email=a@b.kz'],
      ['application/x-www-form-urlencoded', 'email=a%40b.kz&password=x'],
      ['multipart/form-data; boundary=x', '--x--\r\n'],
    ])('answers 415 UNSUPPORTED_MEDIA_TYPE to %s, naming the type it reads', async (type, body) => {
      const res = await login().set('Content-Type', type).send(body).expect(415);
      expect(res.body).toEqual({
        statusCode: 415,
        code: 'UNSUPPORTED_MEDIA_TYPE',
        message: expect.stringContaining('application/json'),
        details: {
          // In the request's language (the e2e app asks for Kazakh).
          fields: [{ field: 'Content-Type', messages: ['application/json болуы керек'] }],
          accepted: ['application/json'],
        },
      });
    });

    it('reads JSON with parameters and the +json types as JSON', async () => {
      for (const type of ['application/json; charset=utf-8', 'application/vnd.api+json']) {
        const res = await login()
          .set('Content-Type', type)
          .send(JSON.stringify({ email: 'a@b.kz' }))
          .expect(400);
        expect(res.body.details.fields).toEqual([{ field: 'password', messages: ['password: міндетті өріс'] }]);
      }
    });
  });

  it('names only what is wrong: a missing field is required, without the limits it would have', async () => {
    const res = await request(ctx.app.getHttpServer()).post('/api/v1/auth/login').send({}).expect(400);
    expect(res.body.details.fields).toEqual([
      { field: 'email', messages: ['email: міндетті өріс'] },
      { field: 'password', messages: ['password: міндетті өріс'] },
    ]);
  });

  it.each([
    ['ru', 'email: должен быть адрес электронной почты', 'password: не длиннее 200 символов'],
    ['en', 'email must be an email', 'password must be shorter than or equal to 200 characters'],
    ['kk', 'email: электрондық пошта мекенжайы болуы керек', 'password: 200 таңбадан аспауы керек'],
  ])(
    'says what is wrong with each field in the caller’s language (%s), with the limit',
    async (language, email, password) => {
      const res = await request(ctx.app.getHttpServer())
        .post('/api/v1/auth/login')
        .set('Accept-Language', language)
        .send({ email: 'not an address', password: 'x'.repeat(201) })
        .expect(400);
      expect(res.body.details.fields).toEqual([
        { field: 'email', messages: [email] },
        { field: 'password', messages: [password] },
      ]);
    },
  );
});
