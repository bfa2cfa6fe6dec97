import request from 'supertest';
import type { App } from 'supertest/types';
import {
  bearer,
  newAccreditedCentre,
  newCandidate,
  newSession,
  strongPassword,
  TestSession,
  uniqueEmail,
} from '../utils/fixtures';
import { importSeed } from '../utils/seed';
import { createTestApp, TestContext } from '../utils/test-app';

const deepObject = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
const deepArray = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const tooDeep = {
  statusCode: 400,
  code: 'MALFORMED_REQUEST',
  message: 'Сұрау денесінің ұялау тереңдігі 32 деңгейден асады.',
  details: { maxDepth: 32 },
};
const invalid = (field: string, message: string) => ({
  statusCode: 400,
  code: 'VALIDATION_FAILED',
  message: 'Кейбір өрістер қате толтырылған.',
  details: { fields: [{ field, messages: [message] }] },
});

/**
 * Inputs that answered 500 before (issue 17, item 9), each sent as the attacker sent it: every one
 * is now a 400 with a code and, where there is one, the field at fault, and writes nothing.
 */
describe('abuse: malformed input that once answered 500', () => {
  let ctx: TestContext;
  let server: App;
  let standardId: string;
  let admin: TestSession;
  const users = async () =>
    (await ctx.dataSource.query<{ n: number }[]>('SELECT COUNT(*)::int AS n FROM app_user'))[0].n;

  beforeAll(async () => {
    ctx = await createTestApp();
    server = ctx.app.getHttpServer();
    standardId = (await importSeed(ctx.app)).standardId;
    admin = await newSession(ctx, 'admin');
  });
  afterAll(() => ctx.close());

  it('refuses a NUL byte in a query string, signed in or not, naming the parameter', async () => {
    const cards = await request(server).get(`/api/v1/standards/${standardId}/cards?q=%D0%BE%D0%BF%00x`).expect(400);
    expect(cards.body).toEqual(invalid('q', 'NUL таңбасы болмауы керек'));
    const staff = await request(server)
      .get('/api/v1/users?search=a%00b')
      .set(...bearer(admin))
      .expect(400);
    expect(staff.body).toEqual(invalid('search', 'NUL таңбасы болмауы керек'));
  });

  it('refuses a NUL byte in a text field of a body, naming the field, and stores nothing', async () => {
    const candidate = await newCandidate(ctx);
    const res = await request(server)
      .post('/api/v1/candidates/me/education')
      .set(...bearer(candidate))
      .send({ level: 'tvet_worker', institution: 'Колледж\u0000связи', graduationYear: 2015, documentRef: 'ТКБ 1' })
      .expect(400);
    expect(res.body).toEqual(invalid('institution', 'NUL таңбасы болмауы керек'));
    const [{ n }] = await ctx.dataSource.query<{ n: number }[]>(
      'SELECT COUNT(*)::int AS n FROM candidate_education WHERE candidate_id = $1',
      [candidate.id],
    );
    expect(n).toBe(0);
  });

  it.each([
    ['/api/v1/auth/register', deepObject(20_000)],
    ['/api/v1/auth/login', deepObject(20_000)],
    ['/api/v1/auth/register', deepArray(20_000)],
    ['/api/v1/public/credentials/verify', deepArray(9_000)],
    ['/api/v1/public/credentials/verify', deepObject(33)],
  ])('refuses a body nested too deep on %s (%#)', async (path, body) => {
    const before = await users();
    const res = await request(server).post(path).set('Content-Type', 'application/json').send(body).expect(400);
    expect(res.body).toEqual(tooDeep);
    expect(await users()).toBe(before);
  });

  it('accepts a body as deep as the limit', async () => {
    // Thirty-two levels reach the route: it answers for the credential, not for the depth.
    const res = await request(server)
      .post('/api/v1/public/credentials/verify')
      .set('Content-Type', 'application/json')
      .send(deepObject(32))
      .expect(200);
    expect(res.body).toMatchObject({ verified: false });
  });

  it('refuses null for an optional field that is not nullable, naming it, and changes nothing', async () => {
    const cards = await request(server).get(`/api/v1/standards/${standardId}/cards?orkLevel=3`).expect(200);
    const centre = await newAccreditedCentre(ctx, admin, [cards.body.items[0].id]);
    const program = (
      await request(server)
        .post(`/api/v1/centres/${centre.id}/programs`)
        .set(...bearer(admin))
        .send({ cardId: cards.body.items[0].id })
        .expect(201)
    ).body as { id: string; passMarkPercent: number };
    const res = await request(server)
      .patch(`/api/v1/programs/${program.id}`)
      .set(...bearer(admin))
      .send({ passMarkPercent: null })
      .expect(400);
    expect(res.body).toEqual(invalid('passMarkPercent', 'passMarkPercent: null болмауы керек; өрісті жібермеңіз'));
    const renamed = await request(server)
      .patch(`/api/v1/centres/${centre.id}`)
      .set(...bearer(admin))
      .send({ name: null, phone: null })
      .expect(400);
    expect(renamed.body.details.fields.map((f: { field: string }) => f.field).sort()).toEqual(['name', 'phone']);
    const [row] = await ctx.dataSource.query('SELECT pass_mark_percent FROM qualification_program WHERE id = $1', [
      program.id,
    ]);
    expect(row.pass_mark_percent).toBe(program.passMarkPercent);
  });

  it('refuses a list of lists where a list of questions is documented (found by the fuzzer), importing nothing', async () => {
    const cards = await request(server).get(`/api/v1/standards/${standardId}/cards?orkLevel=3`).expect(200);
    const card = (await request(server).get(`/api/v1/cards/${cards.body.items[0].id}`).expect(200)).body;
    const skillId: string = card.functions[0].skills[0].id;
    const centre = await newAccreditedCentre(ctx, admin, [card.id]);
    const question = { skillId, type: 'single', text: 'Верное действие?', options: ['Да', 'Нет'], correctOptions: [0] };
    const res = await request(server)
      .post(`/api/v1/centres/${centre.id}/questions/import`)
      .set(...bearer(admin))
      .send({ cardId: card.id, questions: [[question], [question]] })
      .expect(400);
    expect(res.body.details.fields).toEqual([
      { field: 'questions.0', messages: ['questions.0: объект болуы керек'] },
      { field: 'questions.1', messages: ['questions.1: объект болуы керек'] },
    ]);
    const [{ n }] = await ctx.dataSource.query<{ n: number }[]>(
      'SELECT COUNT(*)::int AS n FROM question WHERE centre_id = $1',
      [centre.id],
    );
    expect(n).toBe(0);
  });

  it('refuses an e-mail whose lower case JavaScript and PostgreSQL disagree on, and registers nothing', async () => {
    const before = await users();
    const email = `İvan.${uniqueEmail('x')}`;
    const res = await request(server)
      .post('/api/v1/auth/register')
      .send({ email, fullName: 'Иван Тестов', password: strongPassword() })
      .expect(400);
    expect(res.body).toEqual(
      invalid('email', 'кіші әрпі екіұшты әріптер бар (мысалы, İ); мекенжайды кіші әріптермен жазыңыз'),
    );
    const staff = await request(server)
      .post('/api/v1/users')
      .set(...bearer(admin))
      .send({ email, fullName: 'Иван Тестов', password: strongPassword(), role: 'assessor' })
      .expect(400);
    expect(staff.body.details.fields).toEqual([
      {
        field: 'email',
        messages: ['кіші әрпі екіұшты әріптер бар (мысалы, İ); мекенжайды кіші әріптермен жазыңыз'],
      },
    ]);
    expect(await users()).toBe(before);
    // Written in lower case, the same person registers.
    await request(server)
      .post('/api/v1/auth/register')
      .send({ email: email.toLowerCase(), fullName: 'Иван Тестов', password: strongPassword() })
      .expect(202);
  });
});
