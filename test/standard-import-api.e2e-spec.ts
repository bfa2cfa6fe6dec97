import request from 'supertest';
import type { App } from 'supertest/types';
import { bearer, newSession, TestSession } from './utils/fixtures';
import { SEED_FILE, seedCorrections, seedText } from './utils/seed';
import { createTestApp, resetCatalogue, TestContext } from './utils/test-app';

const CATALOGUE_TABLES = [
  'standard',
  'standard_version',
  'profession_card',
  'labour_function',
  'skill',
  'skill_ability',
  'skill_knowledge',
];

describe('POST /api/v1/standards/import', () => {
  let ctx: TestContext;
  let server: App;
  let admin: TestSession;

  beforeAll(async () => {
    ctx = await createTestApp();
    server = ctx.app.getHttpServer();
    admin = await newSession(ctx, 'admin');
  });
  beforeEach(() => resetCatalogue(ctx.dataSource));
  afterAll(() => ctx.close());

  it('imports the text sent as JSON, with corrections, and audits it', async () => {
    const res = await request(server)
      .post('/api/v1/standards/import')
      .set(...bearer(admin))
      .send({ text: seedText(), sourceName: SEED_FILE, corrections: seedCorrections() })
      .expect(200);
    expect(res.body).toMatchObject({ status: 'created', version: 1, cards: 10 });
    expect(res.body.corrections.every((c: { applied: boolean }) => c.applied)).toBe(true);
    const [record] = await ctx.dataSource.query('SELECT * FROM audit_log WHERE entity_id = $1', [res.body.versionId]);
    expect(record).toMatchObject({ action: 'standard.version_imported', actor_id: admin.id });

    const again = await request(server)
      .post('/api/v1/standards/import')
      .set(...bearer(admin))
      .send({ text: seedText(), sourceName: SEED_FILE, corrections: seedCorrections() })
      .expect(200);
    expect(again.body).toMatchObject({ status: 'unchanged', versionId: res.body.versionId });
  });

  it('imports a text/plain body and a multipart upload', async () => {
    const plain = await request(server)
      .post('/api/v1/standards/import')
      .query({ sourceName: 'plain.txt' })
      .set(...bearer(admin))
      .set('Content-Type', 'text/plain')
      .send(seedText())
      .expect(200);
    expect(plain.body.status).toBe('created');
    const upload = await request(server)
      .post('/api/v1/standards/import')
      .set(...bearer(admin))
      .attach('file', Buffer.from(seedText()), SEED_FILE)
      .attach('corrections', Buffer.from(JSON.stringify({ corrections: seedCorrections() })), 'c.json')
      .expect(200);
    expect(upload.body).toMatchObject({ status: 'created', version: 2 });
  });

  it('answers a text that is not a standard with 422 and the line, and stores nothing', async () => {
    const audited = () =>
      ctx.dataSource.query<{ n: number }[]>("SELECT COUNT(*)::int AS n FROM audit_log WHERE action LIKE 'standard.%'");
    const [before] = await audited();
    const res = await request(server)
      .post('/api/v1/standards/import')
      .set(...bearer(admin))
      .send({ text: 'Договор аренды\n1. Предмет договора' })
      .expect(422);
    expect(res.body).toMatchObject({ code: 'STANDARD_PARSE_FAILED', details: { line: expect.any(Number) } });
    for (const table of CATALOGUE_TABLES) {
      const [{ n }] = await ctx.dataSource.query(`SELECT COUNT(*)::int AS n FROM ${table}`);
      expect([table, n]).toEqual([table, 0]);
    }
    expect(await audited()).toEqual([before]);
  });

  it('refuses malformed requests with the field at fault', async () => {
    const missing = await request(server)
      .post('/api/v1/standards/import')
      .set(...bearer(admin))
      .send({})
      .expect(400);
    expect(missing.body.details.fields[0].field).toBe('text');
    const corrections = await request(server)
      .post('/api/v1/standards/import')
      .set(...bearer(admin))
      .send({ text: seedText(), corrections: [{ card: 'one' }] })
      .expect(422);
    expect(corrections.body).toMatchObject({
      code: 'CORRECTIONS_INVALID',
      details: { fields: [{ field: 'corrections' }] },
    });
    const binary = await request(server)
      .post('/api/v1/standards/import')
      .set(...bearer(admin))
      .attach('file', Buffer.from([0xff, 0xfe, 0xfd]), 'x.txt')
      .expect(400);
    expect(binary.body.details.fields[0].field).toBe('file');
  });

  it('previews an upload without storing it: counts, warnings, then the version holding it once imported', async () => {
    const preview = () =>
      request(server)
        .post('/api/v1/standards/import/preview')
        .set(...bearer(admin))
        .attach('file', Buffer.from(seedText()), SEED_FILE)
        .expect(200);
    const first = await preview();
    expect(first.body).toMatchObject({ cards: 10, existingVersion: null, warnings: expect.any(Array) });
    expect(first.body.skills.total).toBeGreaterThan(0);
    for (const table of CATALOGUE_TABLES) {
      const [{ n }] = await ctx.dataSource.query(`SELECT COUNT(*)::int AS n FROM ${table}`);
      expect([table, n]).toEqual([table, 0]);
    }
    const imported = await request(server)
      .post('/api/v1/standards/import')
      .set(...bearer(admin))
      .attach('file', Buffer.from(seedText()), SEED_FILE)
      .expect(200);
    expect((await preview()).body.existingVersion).toEqual({
      standardId: imported.body.standardId,
      versionId: imported.body.versionId,
      version: 1,
    });
    const broken = await request(server)
      .post('/api/v1/standards/import/preview')
      .set(...bearer(admin))
      .send({ text: 'Договор аренды\n1. Предмет договора' })
      .expect(422);
    expect(broken.body.code).toBe('STANDARD_PARSE_FAILED');
  });
});
