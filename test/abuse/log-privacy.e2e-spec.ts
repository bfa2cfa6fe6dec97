import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { pdfFile } from '../utils/files';
import {
  bearer,
  eventually,
  freeIin,
  newAccreditedCentre,
  newSession,
  strongPassword,
  uniqueEmail,
} from '../utils/fixtures';
import { spawnApi, spawnWorker, stopProcess, WorkerProcess } from '../utils/processes';
import { importSeed } from '../utils/seed';
import { freePort } from '../utils/services';
import { createTestApp, TestContext } from '../utils/test-app';

jest.setTimeout(240000);

/**
 * Personal data never reaches the logs (DOMAIN.md §7): an API and a worker of their own log at
 * `trace` while a candidate's ИИН, password and document travel through every path that could
 * leak them — registration, profile, a second account declaring the ИИН and the centre's
 * confirmation of it, malformed requests that echo input, an upload, a submission checked by the
 * worker — and their whole output is then searched.
 */
describe('abuse: the ИИН, passwords and documents never appear in the logs', () => {
  let ctx: TestContext;
  const processes: WorkerProcess[] = [];
  let api: string;
  const shared = { JWT_SECRET: randomBytes(32).toString('base64url'), LOG_LEVEL: 'trace' };
  const previousSecret = process.env.JWT_SECRET;

  beforeAll(async () => {
    process.env.JWT_SECRET = shared.JWT_SECRET;
    ctx = await createTestApp();
    const port = await freePort();
    processes.push(await spawnApi(port, shared), await spawnWorker(shared));
    api = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    for (const p of processes) await stopProcess(p, 'SIGKILL');
    await ctx.close();
    if (previousSecret === undefined) delete process.env.JWT_SECRET;
    else process.env.JWT_SECRET = previousSecret;
  });

  it('keeps them out of the API’s and the worker’s output', async () => {
    const summary = await importSeed(ctx.app);
    const cards = await request(api).get(`/api/v1/standards/${summary.standardId}/cards?orkLevel=3`).expect(200);
    const cardId: string = cards.body.items[0].id;
    const admin = await newSession(ctx, 'admin');
    const centre = await newAccreditedCentre(ctx, admin, [cardId]);

    const birthDate = '1991-07-09';
    const iin = await freeIin(ctx, birthDate, 'female');
    const password = strongPassword();
    const email = uniqueEmail('privacy');
    const documentMarker = `СЕКРЕТНОЕ-СОДЕРЖАНИЕ-${randomBytes(6).toString('hex')}`;

    await request(api).post('/api/v1/auth/register').send({ email, fullName: 'Айжан Приватная', password }).expect(202);
    const signedIn = await request(api).post('/api/v1/auth/login').send({ email, password }).expect(200);
    const registered = { body: signedIn.body.user as { id: string } };
    const me = { accessToken: signedIn.body.accessToken as string };
    // Malformed requests that carry the ИИН where it does not belong, echoed by validation.
    await request(api).post('/api/v1/auth/login').send({ email: iin, password: iin }).expect(400);
    await request(api)
      .put('/api/v1/candidates/me/profile')
      .set(...bearer(me))
      .send({ iin, birthDate, sex: 'unknown' })
      .expect(400);
    await request(api)
      .put('/api/v1/candidates/me/profile')
      .set(...bearer(me))
      .send({ iin: `${iin}0`, birthDate, sex: 'female' })
      .expect(400)
      .expect((r) =>
        expect(r.body).toMatchObject({
          code: 'VALIDATION_FAILED',
          details: { fields: [{ field: 'iin', messages: ['iin: должно состоять из 12 цифр'] }] },
        }),
      );
    await request(api)
      .put('/api/v1/candidates/me/profile')
      .set(...bearer(me))
      .send({ iin, birthDate, sex: 'female' })
      .expect(200);
    // Somebody else declares the same ИИН, and the centre confirms the account that holds it.
    const other = await newSession(ctx, 'candidate');
    await request(api)
      .put('/api/v1/candidates/me/profile')
      .set(...bearer(other))
      .send({ iin, birthDate, sex: 'female' })
      .expect(200);
    await request(api)
      .post(`/api/v1/candidates/${registered.body.id}/identity-confirmation`)
      .set(...bearer(admin))
      .send({ iin, document: 'удостоверение личности № 045123987' })
      .expect(200);
    await request(api)
      .post(`/api/v1/candidates/${other.id}/identity-confirmation`)
      .set(...bearer(admin))
      .send({ iin, document: 'удостоверение личности № 045123988' })
      .expect(409);
    const diploma = await request(api)
      .post('/api/v1/evidence')
      .set(...bearer(me))
      .attach('file', pdfFile(documentMarker), `${iin}.pdf`)
      .field('type', 'diploma')
      .field('issuer', 'Колледж')
      .field('issueDate', '2015-06-30')
      .expect(201);
    await request(api)
      .post('/api/v1/candidates/me/education')
      .set(...bearer(me))
      .send({
        level: 'tvet_worker',
        institution: 'Колледж',
        graduationYear: 2015,
        documentRef: 'ТКБ 7',
        documentId: diploma.body.id,
      })
      .expect(201);
    const application = await request(api)
      .post('/api/v1/applications')
      .set(...bearer(me))
      .send({ centreId: centre.id, cardId, pathway: 'recognition' })
      .expect(201);
    await request(api)
      .post(`/api/v1/applications/${application.body.id}/submit`)
      .set(...bearer(me))
      .expect(200);
    await eventually(
      () =>
        request(api)
          .get(`/api/v1/applications/${application.body.id}`)
          .set(...bearer(me))
          .then((r) => r.body as { status: string }),
      (a) => a.status !== 'submitted',
      30000,
    );
    // Searches with the ИИН in the query string.
    await request(api).get(`/api/v1/standards?search=${iin}`).expect(200);

    const output = processes.map((p) => p.output()).join('\n');
    expect(output.length).toBeGreaterThan(1000);
    // The logs did record the requests, by id and path.
    expect(output).toContain('/api/v1/candidates/me/profile');
    expect(output).toContain('/api/v1/evidence');
    for (const secret of [iin, password, documentMarker, encodeURIComponent(documentMarker)]) {
      expect(output.includes(secret)).toBe(false);
    }
  });
});
