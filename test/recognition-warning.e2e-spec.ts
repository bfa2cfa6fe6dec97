import request from 'supertest';
import type { App } from 'supertest/types';
import { bearer, newAccreditedCentre, newCandidate, newSession } from './utils/fixtures';
import { importSeed } from './utils/seed';
import { createTestApp, TestContext } from './utils/test-app';

interface Card {
  id: string;
  orkLevel: number;
}

/**
 * The recognition pathway on a card that recommends no skill for recognition (the seed's card 18,
 * ОРК 7) is offered, with a warning that every skill will be examined (docs/CANDIDATES.md).
 */
describe('the recognition pathway on a card with no recommended skill', () => {
  let ctx: TestContext;
  let server: App;
  let cards: Card[];
  let centreId: string;

  beforeAll(async () => {
    ctx = await createTestApp();
    server = ctx.app.getHttpServer();
    const summary = await importSeed(ctx.app);
    cards = (await request(server).get(`/api/v1/standards/${summary.standardId}/cards`).expect(200)).body.items;
    const admin = await newSession(ctx, 'admin');
    centreId = (
      await newAccreditedCentre(
        ctx,
        admin,
        cards.map((c) => c.id),
      )
    ).id;
  });
  afterAll(() => ctx.close());

  const cardAt = (level: number) => cards.find((c) => c.orkLevel === level) as Card;

  it('shows the warning as a code on the catalogue’s card, and none on a card with recommended skills', async () => {
    const none = (
      await request(server)
        .get(`/api/v1/cards/${cardAt(7).id}`)
        .expect(200)
    ).body;
    expect(
      none.functions.flatMap((f: { skills: { recognition: string }[] }) => f.skills.map((s) => s.recognition)),
    ).not.toContain('recommended');
    expect(none.recognitionWarnings).toEqual([
      expect.objectContaining({ code: 'EVERY_SKILL_EXAMINED', params: {}, message: expect.any(String) }),
    ]);
    const some = (
      await request(server)
        .get(`/api/v1/cards/${cardAt(3).id}`)
        .expect(200)
    ).body;
    expect(some.recognitionWarnings).toEqual([]);
  });

  it('accepts a recognition application on that card and returns the warning with it; none on the assessment pathway', async () => {
    const candidate = await newCandidate(ctx);
    const recognition = await request(server)
      .post('/api/v1/applications')
      .set(...bearer(candidate))
      .send({ centreId, cardId: cardAt(7).id, pathway: 'recognition' })
      .expect(201);
    expect(recognition.body.warnings.map((w: { code: string }) => w.code)).toEqual(['EVERY_SKILL_EXAMINED']);
    const again = await request(server)
      .get(`/api/v1/applications/${recognition.body.id}`)
      .set(...bearer(candidate))
      .expect(200);
    expect(again.body.warnings).toEqual(recognition.body.warnings);

    const other = await newCandidate(ctx);
    const assessment = await request(server)
      .post('/api/v1/applications')
      .set(...bearer(other))
      .send({ centreId, cardId: cardAt(7).id, pathway: 'assessment' })
      .expect(201);
    expect(assessment.body.warnings).toEqual([]);
  });
});
