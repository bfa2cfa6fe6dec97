import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import request from 'supertest';
import type { App } from 'supertest/types';
import { exeFile, pdfFile, pngFile } from './utils/files';
import { bearer, newAccreditedCentre, newCandidate, newSession, TestSession } from './utils/fixtures';
import { evidenceFields, filePart, postMultipart } from './utils/multipart';
import { importSeed } from './utils/seed';
import { createTestApp, TestContext } from './utils/test-app';

interface Skill {
  id: string;
  recognition: string;
}

describe('evidence and claims', () => {
  let ctx: TestContext;
  let server: App;
  let admin: TestSession;
  let centreId: string;
  let cardId: string;
  let otherCardSkill: Skill;
  let skills: Skill[];

  const meta = { type: 'course_certificate', issuer: 'Учебный центр «Digital Skills»', issueDate: '2024-05-20' };
  // The body is written byte by byte: the file name reaches the API exactly as given here.
  const upload = (session: TestSession, data: Buffer, name: string, fields: Record<string, string> = meta) =>
    postMultipart(server, '/api/v1/evidence', session.accessToken, [...evidenceFields(fields), filePart(data, name)]);
  const storedOf = async (candidate: TestSession) => ({
    rows: (
      await ctx.dataSource.query<{ n: number }[]>(
        'SELECT COUNT(*)::int AS n FROM evidence_file WHERE candidate_id = $1',
        [candidate.id],
      )
    )[0].n,
    files: filesIn(candidate),
  });
  const filesIn = (candidate: TestSession): string[] => {
    try {
      return readdirSync(`${process.env.STORAGE_DISK_PATH}/evidence/${candidate.id}`);
    } catch {
      return [];
    }
  };
  const applyFor = async (candidate: TestSession, pathway = 'recognition') =>
    (
      await request(server)
        .post('/api/v1/applications')
        .set(...bearer(candidate))
        .send({ centreId, cardId, pathway })
        .expect(201)
    ).body.id as string;

  beforeAll(async () => {
    ctx = await createTestApp();
    server = ctx.app.getHttpServer();
    const summary = await importSeed(ctx.app);
    const cards = await request(server)
      .get(`/api/v1/standards/${summary.standardId}/cards?occupationCode=4224-5-003`)
      .expect(200);
    cardId = cards.body.items[0].id;
    const card = await request(server).get(`/api/v1/cards/${cardId}`).expect(200);
    skills = card.body.functions.flatMap((f: { skills: Skill[] }) => f.skills);
    const other = await request(server).get(`/api/v1/cards/${cards.body.items[1].id}`).expect(200);
    otherCardSkill = other.body.functions[0].skills[0];
    admin = await newSession(ctx, 'admin');
    centreId = (await newAccreditedCentre(ctx, admin, [cardId])).id;
  });
  afterAll(() => ctx.close());

  it('stores a PDF, decides its type from the content and sanitises its name', async () => {
    const candidate = await newCandidate(ctx);
    const file = pdfFile();
    const res = await upload(candidate, file, '../../etc/Сертификат курса.png').expect(201);
    const sha256 = createHash('sha256').update(file).digest('hex');
    expect(res.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      candidateId: candidate.id,
      type: 'course_certificate',
      issuer: meta.issuer,
      issueDate: meta.issueDate,
      description: null,
      fileName: 'Сертификат курса.pdf',
      mime: 'application/pdf',
      sizeBytes: file.length,
      sha256,
      createdAt: expect.any(String),
      duplicate: false,
    });
    const rows = await ctx.dataSource.query(
      'SELECT file_name, storage_key FROM evidence_file WHERE candidate_id = $1',
      [candidate.id],
    );
    expect(rows).toEqual([{ file_name: 'Сертификат курса.pdf', storage_key: `evidence/${candidate.id}/${sha256}` }]);
    expect(filesIn(candidate)).toEqual([sha256]);
  });

  it('stores the same file once per candidate', async () => {
    const candidate = await newCandidate(ctx);
    const file = pngFile();
    const first = await upload(candidate, file, 'photo.png').expect(201);
    const second = await upload(candidate, file, 'same-again.png').expect(200);
    expect(second.body).toMatchObject({ id: first.body.id, duplicate: true });
    const storedFiles = readdirSync(`${process.env.STORAGE_DISK_PATH}/evidence/${candidate.id}`).filter(
      (f) => !f.startsWith('.'),
    );
    expect(storedFiles).toHaveLength(1);
  });

  it.each([
    ['an executable renamed .pdf', exeFile(), 'invoice.pdf', 415, 'UNSUPPORTED_FILE_TYPE'],
    ['plain text renamed .png', Buffer.from('hello, I am not an image'), 'x.png', 415, 'UNSUPPORTED_FILE_TYPE'],
    ['an empty file', Buffer.alloc(0), 'empty.pdf', 422, 'FILE_EMPTY'],
  ])('refuses %s', async (_label, data, name, status, code) => {
    const candidate = await newCandidate(ctx);
    const res = await upload(candidate, data, name).expect(status);
    expect(res.body).toMatchObject({ code, details: { fields: [{ field: 'file' }] } });
    expect(await storedOf(candidate)).toEqual({ rows: 0, files: [] });
  });

  it('refuses an oversize file with 413 and stores nothing', async () => {
    const candidate = await newCandidate(ctx);
    const big = Buffer.concat([pdfFile(), Buffer.alloc(21 * 1024 * 1024, 0x20)]);
    const res = await upload(candidate, big, 'big.pdf').expect(413);
    expect(res.body.code).toBe('PAYLOAD_TOO_LARGE');
    expect(await storedOf(candidate)).toEqual({ rows: 0, files: [] });
  });

  it('refuses missing or malformed metadata with the field at fault', async () => {
    const candidate = await newCandidate(ctx);
    const res = await upload(candidate, pdfFile(), 'a.pdf', {
      type: 'selfie',
      issuer: 'X',
      issueDate: '2099-01-01',
    }).expect(400);
    expect(res.body.details.fields.map((f: { field: string }) => f.field).sort()).toEqual(['issuer', 'type']);
    const future = await upload(candidate, pdfFile(), 'a.pdf', { ...meta, issueDate: '2999-01-01' }).expect(400);
    expect(future.body.details.fields[0].field).toBe('issueDate');
    const noFile = await postMultipart(server, '/api/v1/evidence', candidate.accessToken, evidenceFields()).expect(400);
    expect(noFile.body).toEqual({
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      message: 'Кейбір өрістер қате толтырылған.',
      details: { fields: [{ field: 'file', messages: ['файл міндетті'] }] },
    });
    expect(await storedOf(candidate)).toEqual({ rows: 0, files: [] });
  });

  it('accepts claims for recommended skills and refuses not_recommended ones with SKILL_NOT_RECOGNISABLE', async () => {
    const candidate = await newCandidate(ctx);
    const evidence = (await upload(candidate, pdfFile(), 'cert.pdf').expect(201)).body;
    const app = await applyFor(candidate);
    const recommended = skills.find((s) => s.recognition === 'recommended') as Skill;
    const notRecommended = skills.find((s) => s.recognition === 'not_recommended') as Skill;

    const plan = await request(server)
      .post(`/api/v1/applications/${app}/claims`)
      .set(...bearer(candidate))
      .send({ evidenceId: evidence.id, skillIds: [recommended.id] })
      .expect(201);
    const row = plan.body.find((p: { skillId: string }) => p.skillId === recommended.id);
    expect(row).toMatchObject({ route: 'evidence_review', evidenceIds: [evidence.id] });
    expect(plan.body.find((p: { skillId: string }) => p.skillId === notRecommended.id)).toMatchObject({
      route: 'exam',
    });
    expect(plan.body).toHaveLength(skills.length);

    const refused = await request(server)
      .post(`/api/v1/applications/${app}/claims`)
      .set(...bearer(candidate))
      .set('Accept-Language', 'en')
      .send({ evidenceId: evidence.id, skillIds: [notRecommended.id] })
      .expect(422);
    expect(refused.body).toMatchObject({
      code: 'SKILL_NOT_RECOGNISABLE',
      details: { skills: [{ id: notRecommended.id, recognition: 'not_recommended' }] },
    });
    expect(refused.body.message).toContain('not recommended');

    const foreign = await request(server)
      .post(`/api/v1/applications/${app}/claims`)
      .set(...bearer(candidate))
      .send({ evidenceId: evidence.id, skillIds: [otherCardSkill.id] })
      .expect(422);
    expect(foreign.body.code).toBe('SKILL_NOT_IN_CARD');
    const [{ n }] = await ctx.dataSource.query(
      'SELECT COUNT(*)::int AS n FROM evidence_claim WHERE application_id = $1',
      [app],
    );
    expect(n).toBe(1);
  });

  it('freezes evidence claims once the application is submitted', async () => {
    const candidate = await newCandidate(ctx);
    const evidence = (await upload(candidate, pdfFile(), 'cert.pdf').expect(201)).body;
    const app = await applyFor(candidate);
    const recommended = skills.filter((s) => s.recognition === 'recommended');
    await request(server)
      .post(`/api/v1/applications/${app}/claims`)
      .set(...bearer(candidate))
      .send({ evidenceId: evidence.id, skillIds: [recommended[0].id] })
      .expect(201);
    await request(server)
      .post(`/api/v1/applications/${app}/submit`)
      .set(...bearer(candidate))
      .expect(200);
    const add = await request(server)
      .post(`/api/v1/applications/${app}/claims`)
      .set(...bearer(candidate))
      .send({ evidenceId: evidence.id, skillIds: [recommended[1].id] })
      .expect(409);
    expect(add.body).toMatchObject({ code: 'APPLICATION_FROZEN', details: { currentStatus: 'submitted' } });
    await request(server)
      .delete(`/api/v1/applications/${app}/claims/${evidence.id}/${recommended[0].id}`)
      .set(...bearer(candidate))
      .expect(409);
  });

  it('refuses claims on the assessment pathway', async () => {
    const candidate = await newCandidate(ctx);
    const evidence = (await upload(candidate, pdfFile(), 'cert.pdf').expect(201)).body;
    const app = await applyFor(candidate, 'assessment');
    const recommended = skills.find((s) => s.recognition === 'recommended') as Skill;
    const res = await request(server)
      .post(`/api/v1/applications/${app}/claims`)
      .set(...bearer(candidate))
      .send({ evidenceId: evidence.id, skillIds: [recommended.id] })
      .expect(409);
    expect(res.body.code).toBe('PATHWAY_MISMATCH');
  });

  it('lets the owner, the centre’s managers and admins download; nobody else, not an unassigned assessor (404)', async () => {
    const candidate = await newCandidate(ctx);
    const file = pdfFile('владелец');
    const evidence = (await upload(candidate, file, 'Справка с работы.pdf').expect(201)).body;
    const own = await request(server)
      .get(`/api/v1/evidence/${evidence.id}/download`)
      .set(...bearer(candidate))
      .buffer(true)
      .expect(200);
    expect(own.headers['content-type']).toBe('application/pdf');
    expect(own.headers['content-disposition']).toBe(
      `attachment; filename="_______ _ ______.pdf"; filename*=UTF-8''${encodeURIComponent('Справка с работы.pdf')}`,
    );
    expect(Buffer.compare(own.body as Buffer, file)).toBe(0);

    const stranger = await newCandidate(ctx);
    await request(server)
      .get(`/api/v1/evidence/${evidence.id}/download`)
      .set(...bearer(stranger))
      .expect(404);
    await request(server)
      .get(`/api/v1/evidence/${evidence.id}`)
      .set(...bearer(stranger))
      .expect(404);
    const staff = await newSession(ctx, 'centre_manager', [centreId]);
    const assessor = await newSession(ctx, 'assessor', [centreId]);
    // Before the candidate applies at the centre, its staff cannot see the file.
    await request(server)
      .get(`/api/v1/evidence/${evidence.id}/download`)
      .set(...bearer(staff))
      .expect(404);
    await applyFor(candidate);
    await request(server)
      .get(`/api/v1/evidence/${evidence.id}/download`)
      .set(...bearer(staff))
      .expect(200);
    // An assessor of the centre needs an assignment to the candidate (docs/ACCESS.md).
    await request(server)
      .get(`/api/v1/evidence/${evidence.id}/download`)
      .set(...bearer(assessor))
      .expect(404);
    await request(server)
      .get(`/api/v1/evidence/${evidence.id}/download`)
      .set(...bearer(admin))
      .expect(200);
  });

  it('does not let a candidate claim someone else’s evidence', async () => {
    const owner = await newCandidate(ctx);
    const evidence = (await upload(owner, pdfFile(), 'cert.pdf').expect(201)).body;
    const thief = await newCandidate(ctx);
    const app = await applyFor(thief);
    const recommended = skills.find((s) => s.recognition === 'recommended') as Skill;
    await request(server)
      .post(`/api/v1/applications/${app}/claims`)
      .set(...bearer(thief))
      .send({ evidenceId: evidence.id, skillIds: [recommended.id] })
      .expect(404);
  });
});
