import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { App } from 'supertest/types';
import { bearer, newAccreditedCentre, newCandidate, newSession, TestSession, TestUser } from '../utils/fixtures';
import { importSeed } from '../utils/seed';
import { createTestApp, TestContext } from '../utils/test-app';

/**
 * The attack of issue 17 (item 16): an assessor declared a conflict of interest naming a candidate
 * of another centre, and the declaration was accepted: a way to learn which ids are candidates
 * elsewhere, and a row about a stranger's candidate. It is refused as every out-of-reach id is.
 */
describe('abuse: a conflict declaration naming another centre’s candidate', () => {
  let ctx: TestContext;
  let server: App;
  let cardId: string;
  let ours: string;
  let theirs: string;
  let assessor: TestSession;

  const applicantOf = async (centreId: string): Promise<TestUser> => {
    const candidate = await newCandidate(ctx);
    await ctx.dataSource.query(
      `INSERT INTO application (id, candidate_id, centre_id, card_id, standard_version_id, pathway, status)
       SELECT gen_random_uuid(), $1, $2, c.id, c.standard_version_id, 'assessment', 'draft'
         FROM profession_card c WHERE c.id = $3`,
      [candidate.id, centreId, cardId],
    );
    return candidate;
  };

  const declare = (candidateId: string) =>
    request(server)
      .post('/api/v1/assessors/me/conflicts')
      .set(...bearer(assessor))
      .send({ kind: 'candidate', candidateId, reason: 'Знаком с кандидатом лично' });

  const declarations = async (): Promise<number> =>
    (
      await ctx.dataSource.query<{ n: number }[]>(
        'SELECT COUNT(*)::int AS n FROM conflict_declaration WHERE assessor_id = $1',
        [assessor.id],
      )
    )[0].n;

  beforeAll(async () => {
    ctx = await createTestApp();
    server = ctx.app.getHttpServer();
    const summary = await importSeed(ctx.app);
    cardId = (await request(server).get(`/api/v1/standards/${summary.standardId}/cards`).expect(200)).body.items[0].id;
    const admin = await newSession(ctx, 'admin');
    ours = (await newAccreditedCentre(ctx, admin, [cardId])).id;
    theirs = (await newAccreditedCentre(ctx, admin, [cardId])).id;
    assessor = await newSession(ctx, 'assessor', [ours]);
  });
  afterAll(() => ctx.close());

  it('answers the same 404 as for an id that is no one’s, and writes nothing', async () => {
    const stranger = await applicantOf(theirs);
    const nobody = randomUUID();
    const unknown = await declare(nobody).expect(404);
    const elsewhere = await declare(stranger.id).expect(404);
    expect(elsewhere.body.code).toBe('NOT_FOUND');
    // Byte for byte the same answer, the id aside: nothing tells a candidate elsewhere from no one.
    expect(JSON.stringify(elsewhere.body).split(stranger.id).join('<id>')).toBe(
      JSON.stringify(unknown.body).split(nobody).join('<id>'),
    );
    // A candidate with no application anywhere is out of reach too.
    await declare((await newCandidate(ctx)).id).expect(404);
    expect(await declarations()).toBe(0);
  });

  it('accepts a candidate who applied to the assessor’s own centre', async () => {
    const own = await applicantOf(ours);
    const declared = await declare(own.id).expect(201);
    expect(declared.body).toMatchObject({ kind: 'candidate', candidateId: own.id, status: 'open' });
    expect(await declarations()).toBe(1);
  });
});
