import request from 'supertest';
import type { App } from 'supertest/types';
import { bearer, newAccreditedCentre, newCandidate, newCentre, newSession, TestSession } from './utils/fixtures';
import { addEmployment } from './utils/records';
import { importSeed } from './utils/seed';
import { createTestApp, TestContext } from './utils/test-app';

interface Card {
  id: string;
  orkLevel: number;
}

describe('assessors: qualification, accreditation and impartiality', () => {
  let ctx: TestContext;
  let server: App;
  let admin: TestSession;
  let manager: TestSession;
  let centreId: string;
  let cards: Card[];
  const level = (n: number) => cards.find((c) => c.orkLevel === n) as Card;

  async function newAssessor(orkLevel: number, cardIds: string[]) {
    const assessor = await newSession(ctx, 'assessor', [centreId]);
    await request(server)
      .put(`/api/v1/assessors/${assessor.id}/profile`)
      .set(...bearer(manager))
      .send({ orkLevel, field: 'Контакт-центры' })
      .expect(200);
    if (cardIds.length > 0) {
      await request(server)
        .post(`/api/v1/assessors/${assessor.id}/accreditations`)
        .set(...bearer(manager))
        .send({ cardIds, validFrom: '2020-01-01', validTo: '2099-12-31' })
        .expect(201);
    }
    return assessor;
  }

  /** A candidate who applied to the centre: within reach of its assessors' declarations. */
  async function applicant() {
    const candidate = await newCandidate(ctx);
    await ctx.dataSource.query(
      `INSERT INTO application (id, candidate_id, centre_id, card_id, standard_version_id, pathway, status)
       SELECT gen_random_uuid(), $1, $2, c.id, c.standard_version_id, 'assessment', 'draft'
         FROM profession_card c WHERE c.id = $3`,
      [candidate.id, centreId, level(3).id],
    );
    return candidate;
  }

  const assignability = (assessorId: string, cardId: string, candidateIds: string[] = []) =>
    request(server)
      .get(`/api/v1/assessors/${assessorId}/assignability`)
      .query({ cardId, ...(candidateIds.length > 0 ? { candidateIds: candidateIds.join(',') } : {}) })
      .set(...bearer(manager))
      .expect(200)
      .then((r) => r.body as { assignable: boolean; refusals: { rule: string; candidateId?: string }[] });

  beforeAll(async () => {
    ctx = await createTestApp();
    server = ctx.app.getHttpServer();
    const summary = await importSeed(ctx.app);
    cards = (await request(server).get(`/api/v1/standards/${summary.standardId}/cards`).expect(200)).body.items;
    admin = await newSession(ctx, 'admin');
    centreId = (
      await newAccreditedCentre(
        ctx,
        admin,
        cards.map((c) => c.id),
      )
    ).id;
    manager = await newSession(ctx, 'centre_manager', [centreId]);
  });
  afterAll(() => ctx.close());

  it('may assign an accredited assessor of a sufficient level with no conflicts', async () => {
    const assessor = await newAssessor(5, [level(4).id]);
    expect(await assignability(assessor.id, level(4).id)).toEqual({ assignable: true, refusals: [] });
  });

  it('refuses, naming each rule: not accredited, level too low', async () => {
    const assessor = await newAssessor(4, [level(4).id]);
    const result = await assignability(assessor.id, level(5).id);
    expect(result.assignable).toBe(false);
    expect(result.refusals.map((r) => r.rule).sort()).toEqual(['NOT_ACCREDITED_FOR_CARD', 'ORK_LEVEL_TOO_LOW']);
  });

  it('refuses after the accreditation is revoked', async () => {
    const assessor = await newAssessor(6, [level(3).id]);
    const profile = await request(server)
      .get(`/api/v1/assessors/${assessor.id}`)
      .set(...bearer(manager))
      .expect(200);
    await request(server)
      .post(`/api/v1/assessors/${assessor.id}/accreditations/${profile.body.accreditations[0].id}/revoke`)
      .set(...bearer(manager))
      .expect(200);
    expect((await assignability(assessor.id, level(3).id)).refusals.map((r) => r.rule)).toEqual([
      'NOT_ACCREDITED_FOR_CARD',
    ]);
  });

  it('refuses a candidate the assessor declared a conflict with, until the declaration is closed', async () => {
    const assessor = await newAssessor(6, [level(3).id]);
    const candidate = await applicant();
    const declared = await request(server)
      .post('/api/v1/assessors/me/conflicts')
      .set(...bearer(assessor))
      .send({ kind: 'candidate', candidateId: candidate.id, reason: 'Родственник' })
      .expect(201);
    const refused = await assignability(assessor.id, level(3).id, [candidate.id]);
    expect(refused.refusals).toEqual([
      expect.objectContaining({ rule: 'CONFLICT_WITH_CANDIDATE', candidateId: candidate.id }),
    ]);
    await request(server)
      .post(`/api/v1/assessors/me/conflicts/${declared.body.id}/close`)
      .set(...bearer(assessor))
      .send({ reason: 'Ошибочно указан' })
      .expect(200);
    await request(server)
      .post(`/api/v1/assessors/me/conflicts/${declared.body.id}/close`)
      .set(...bearer(assessor))
      .send({ reason: 'Ещё раз' })
      .expect(409);
    expect((await assignability(assessor.id, level(3).id, [candidate.id])).assignable).toBe(true);
    const kept = await request(server)
      .get(`/api/v1/assessors/${assessor.id}`)
      .set(...bearer(assessor))
      .expect(200);
    expect(kept.body.conflicts).toEqual([
      expect.objectContaining({ status: 'closed', closedReason: 'Ошибочно указан' }),
    ]);
  });

  it('refuses every candidate who worked at an employer the assessor declared, whatever the spelling', async () => {
    const assessor = await newAssessor(6, [level(3).id]);
    const worked = await newCandidate(ctx);
    const other = await newCandidate(ctx);
    await addEmployment(ctx, worked, { employer: 'ТОО «Колл-центр Плюс»', field: 'other', startDate: '2021-01-01' });
    await request(server)
      .post('/api/v1/assessors/me/conflicts')
      .set(...bearer(assessor))
      .send({ kind: 'employer', employer: 'колл-центр плюс тоо', reason: 'Работаю там по совместительству' })
      .expect(201);
    const result = await assignability(assessor.id, level(3).id, [worked.id, other.id]);
    expect(result.refusals).toEqual([
      expect.objectContaining({ rule: 'CONFLICT_WITH_EMPLOYER', candidateId: worked.id }),
    ]);
  });

  it('checks declarations: the subject must match the kind, the candidate must exist', async () => {
    const assessor = await newAssessor(6, []);
    const missing = await request(server)
      .post('/api/v1/assessors/me/conflicts')
      .set(...bearer(assessor))
      .send({ kind: 'candidate', reason: 'Причина' })
      .expect(400);
    expect(missing.body.details.fields[0].field).toBe('candidateId');
    await request(server)
      .post('/api/v1/assessors/me/conflicts')
      .set(...bearer(assessor))
      .send({ kind: 'candidate', candidateId: '00000000-0000-4000-8000-000000000000', reason: 'Причина' })
      .expect(404);
  });

  it('lets only the assessor’s centre manage them (404 for another centre’s manager)', async () => {
    const assessor = await newAssessor(5, []);
    const stranger = await newSession(ctx, 'centre_manager', [(await newCentre(ctx, admin)).id]);
    await request(server)
      .put(`/api/v1/assessors/${assessor.id}/profile`)
      .set(...bearer(stranger))
      .send({ orkLevel: 8, field: 'x x' })
      .expect(404);
    await request(server)
      .get(`/api/v1/assessors/${assessor.id}`)
      .set(...bearer(stranger))
      .expect(404);
    const bad = await request(server)
      .put(`/api/v1/assessors/${assessor.id}/profile`)
      .set(...bearer(manager))
      .send({ orkLevel: 9, field: '' })
      .expect(400);
    expect(bad.body.details.fields.map((f: { field: string }) => f.field).sort()).toEqual(['field', 'orkLevel']);
  });
});
