import Fastify, { FastifyInstance } from 'fastify';
import { isApiRoute, localiseApiAnswers } from './localise-answers.hook';

const EXPLANATION = { code: 'eligibility:none', params: {}, message: 'none' };

describe('localiseApiAnswers', () => {
  let fastify: FastifyInstance;

  beforeAll(async () => {
    fastify = Fastify();
    localiseApiAnswers(fastify);
    fastify.get('/api/v1/explained', () => ({ outcome: EXPLANATION }));
    fastify.put('/api/v1/nothing', (_request, reply) => reply.code(204).send());
    fastify.get('/api/v1/refused', (_request, reply) => reply.code(409).send({ outcome: EXPLANATION }));
    fastify.get('/assets/explained', () => ({ outcome: EXPLANATION }));
    await fastify.ready();
  });
  afterAll(() => fastify.close());

  const get = (url: string, language: string, method: 'GET' | 'PUT' = 'GET') =>
    fastify.inject({ method, url, headers: { 'accept-language': language } });

  it('renders an API answer’s explanations in the caller’s language and says so', async () => {
    const answer = await get('/api/v1/explained', 'ru');
    expect(answer.json()).toEqual({ outcome: { ...EXPLANATION, message: 'нет' } });
    expect(answer.headers['content-language']).toBe('ru');
    expect(answer.headers.vary).toBe('Accept-Language');
    expect((await get('/api/v1/explained', 'kk')).json().outcome.message).toBe('жоқ');
  });

  it('says the language of an answer without a body, and leaves an error’s body to the filter', async () => {
    const empty = await get('/api/v1/nothing', 'kk', 'PUT');
    expect(empty.statusCode).toBe(204);
    expect(empty.headers['content-language']).toBe('kk');
    const refused = await get('/api/v1/refused', 'ru');
    expect(refused.json()).toEqual({ outcome: EXPLANATION });
    expect(refused.headers['content-language']).toBe('ru');
  });

  it('leaves what is not an API route as it is', async () => {
    const asset = await get('/assets/explained', 'ru');
    expect(asset.json()).toEqual({ outcome: EXPLANATION });
    expect(asset.headers['content-language']).toBeUndefined();
    expect(asset.headers.vary).toBeUndefined();
    expect(['/api/v1', '/api/v1/x', '/health', '/metrics'].every(isApiRoute)).toBe(true);
    expect(['/api/docs', '/api/v1x', '/admin/queues', '/', '/health/x'].some(isApiRoute)).toBe(false);
  });
});
