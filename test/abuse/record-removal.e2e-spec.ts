import { INestApplicationContext } from '@nestjs/common';
import request from 'supertest';
import type { App } from 'supertest/types';
import { bearer, eventually, newAccreditedCentre, newCandidate, newSession, TestSession } from '../utils/fixtures';
import { addEducation, addEmployment, addLearning, confirmDocuments } from '../utils/records';
import { importSeed } from '../utils/seed';
import { createTestApp, TestContext } from '../utils/test-app';
import { startWorker } from '../utils/worker';

jest.setTimeout(120000);

interface Card {
  id: string;
  printedNumber: number;
}

/**
 * The attack of issue 17 (item 17): a candidate admitted on confirmed records removed them
 * afterwards, leaving an admitted application (and later its certificate) resting on records that
 * no longer exist. Records an admission rests on cannot be removed (docs/CANDIDATES.md).
 */
describe('abuse: removing the records an admission rests on', () => {
  let ctx: TestContext;
  let worker: INestApplicationContext;
  let server: App;
  let cards: Card[];
  let centreId: string;
  let manager: TestSession;

  beforeAll(async () => {
    ctx = await createTestApp();
    worker = await startWorker();
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
    manager = await newSession(ctx, 'centre_manager', [centreId]);
  });
  afterAll(async () => {
    await worker.close();
    await ctx.close();
  });

  const read = (who: TestSession, id: string) =>
    request(server)
      .get(`/api/v1/applications/${id}`)
      .set(...bearer(who))
      .then((r) => r.body as { id: string; status: string; eligibility: unknown });

  /** A candidate admitted through the document check, on a diploma and a work record (card 10). */
  async function admitted() {
    const candidate = await newCandidate(ctx);
    const diploma = await addEducation(ctx, candidate, { level: 'tvet_specialist', institution: 'Колледж связи' });
    const job = await addEmployment(ctx, candidate, {
      field: 'call_centre',
      startDate: '2022-01-01',
      endDate: '2023-02-28',
    });
    const cardId = (cards.find((c) => c.printedNumber === 10) as Card).id;
    const created = await request(server)
      .post('/api/v1/applications')
      .set(...bearer(candidate))
      .send({ centreId, cardId, pathway: 'assessment' })
      .expect(201);
    await request(server)
      .post(`/api/v1/applications/${created.body.id}/submit`)
      .set(...bearer(candidate))
      .expect(200);
    await eventually(
      () => read(candidate, created.body.id),
      (a) => a.status === 'awaiting_documents',
    );
    await confirmDocuments(ctx, manager, created.body.id);
    const app = await read(candidate, created.body.id);
    expect(app.status).toBe('eligible');
    return { candidate, diploma, job, app };
  }

  const remove = (candidate: TestSession, kind: string, id: string) =>
    request(server)
      .delete(`/api/v1/candidates/me/${kind}/${id}`)
      .set(...bearer(candidate));

  it('refuses to remove a record the admission rests on (409 naming the application); nothing changes', async () => {
    const { candidate, diploma, job, app } = await admitted();
    for (const [kind, record] of [
      ['employment', job],
      ['education', diploma],
    ] as const) {
      const refused = await remove(candidate, kind, record.id).expect(409);
      expect(refused.body).toMatchObject({
        code: 'RECORD_IN_USE',
        details: { applicationId: app.id, applicationStatus: 'eligible', recordId: record.id },
      });
      const kept = await request(server)
        .get(`/api/v1/candidates/me/${kind}`)
        .set(...bearer(candidate))
        .expect(200);
      expect(kept.body.map((r: { id: string }) => r.id)).toContain(record.id);
    }
    expect(await read(candidate, app.id)).toEqual(app);
    const [{ n }] = await ctx.dataSource.query<{ n: number }[]>(
      "SELECT COUNT(*)::int AS n FROM audit_log WHERE entity_id = $1 AND action LIKE 'candidate.%_removed'",
      [candidate.id],
    );
    expect(n).toBe(0);
  });

  it('still removes a record the admission does not rest on, and any record once the application is withdrawn', async () => {
    const { candidate, job, app } = await admitted();
    const course = await addLearning(ctx, candidate);
    await remove(candidate, 'learning', course.id).expect(204);
    await request(server)
      .post(`/api/v1/applications/${app.id}/withdraw`)
      .set(...bearer(candidate))
      .expect(200);
    await remove(candidate, 'employment', job.id).expect(204);
  });
});
