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
    await request(ctx.app.getHttpServer()).get('/api/docs').expect(200);
  });

  it('answers an unknown route with ROUTE_NOT_FOUND in the one error shape', async () => {
    const res = await request(ctx.app.getHttpServer()).get('/api/v1/nowhere').expect(404);
    expect(res.body).toEqual({ statusCode: 404, code: 'ROUTE_NOT_FOUND', message: expect.any(String) });
  });

  it('puts the API under /api/v1 only', async () => {
    await request(ctx.app.getHttpServer()).get('/standards').expect(404);
  });
});
