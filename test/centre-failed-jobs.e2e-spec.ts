import { randomUUID } from 'node:crypto';
import { getQueueToken } from '@nestjs/bullmq';
import { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import request from 'supertest';
import type { App } from 'supertest/types';
import { QUEUES } from '@qualcert/shared';
import { bearer, eventually, newAccreditedCentre, newSession, newUser, TestSession } from './utils/fixtures';
import { importSeed } from './utils/seed';
import { createTestApp, TestContext } from './utils/test-app';
import { startWorker } from './utils/worker';

/**
 * A centre's failed jobs: jobs that failed after their retries are traced by the ids they carry to
 * the centre whose work they are about; a manager sees their centre's and no other's.
 */
describe('failed jobs of a centre: GET /centres/{id}/jobs/failed', () => {
  let ctx: TestContext;
  let worker: INestApplicationContext;
  let server: App;
  let admin: TestSession;
  const centres: { id: string; manager: TestSession; applicationId: string; jobId: string }[] = [];

  beforeAll(async () => {
    ctx = await createTestApp();
    worker = await startWorker();
    server = ctx.app.getHttpServer();
    admin = await newSession(ctx, 'admin');
    const summary = await importSeed(ctx.app);
    const [card] = (await request(server).get(`/api/v1/standards/${summary.standardId}/cards`).expect(200)).body
      .items as { id: string }[];
    const queue = worker.get<Queue>(getQueueToken(QUEUES.eligibility));
    for (let i = 0; i < 2; i += 1) {
      const id = (await newAccreditedCentre(ctx, admin, [card.id])).id;
      const candidate = await newUser(ctx, 'candidate');
      const applicationId = randomUUID();
      await ctx.dataSource.query(
        `INSERT INTO application (id, candidate_id, centre_id, card_id, standard_version_id, pathway, status)
         SELECT $1, $2, $3, c.id, c.standard_version_id, 'assessment', 'submitted' FROM profession_card c WHERE c.id = $4`,
        [applicationId, candidate.id, id, card.id],
      );
      // A job of a name its queue does not know fails at once, about this centre's application.
      const jobId = `centre-job-${randomUUID()}`;
      await queue.add('no-such-job', { applicationId, submission: 1 }, { jobId, attempts: 1 });
      centres.push({ id, manager: await newSession(ctx, 'centre_manager', [id]), applicationId, jobId });
    }
    // One whose id leads nowhere: no centre's.
    await queue.add('no-such-job', { applicationId: 'not-a-uuid' }, { attempts: 1 });
    await eventually(
      () => queue.getFailed(0, 500),
      (jobs) => centres.every((c) => jobs.some((j) => j.id === c.jobId)),
    );
  });
  afterAll(async () => {
    await worker.close();
    await ctx.close();
  });

  const failedOf = (centreId: string, session: TestSession) =>
    request(server)
      .get(`/api/v1/centres/${centreId}/jobs/failed`)
      .set(...bearer(session));

  it('lists a centre’s failed jobs, and no other centre’s, to its manager and to administrators', async () => {
    for (const [i, centre] of centres.entries()) {
      const mine = (await failedOf(centre.id, centre.manager).expect(200)).body as { id: string; data: unknown }[];
      expect(mine.map((j) => j.id)).toEqual([centre.jobId]);
      expect(mine[0]).toMatchObject({
        queue: QUEUES.eligibility,
        name: 'no-such-job',
        data: { applicationId: centre.applicationId },
        attemptsMade: 1,
      });
      expect((await failedOf(centre.id, admin).expect(200)).body.map((j: { id: string }) => j.id)).toEqual([
        centre.jobId,
      ]);
      // The other centre's manager is told no such centre.
      await failedOf(centre.id, centres[1 - i].manager).expect(404);
    }
  });

  it('refuses assessors and candidates, an unknown centre and a bad limit', async () => {
    const assessor = await newSession(ctx, 'assessor', [centres[0].id]);
    await failedOf(centres[0].id, assessor).expect(403);
    await failedOf(randomUUID(), admin).expect(404);
    const res = await request(server)
      .get(`/api/v1/centres/${centres[0].id}/jobs/failed?limit=0`)
      .set(...bearer(admin))
      .expect(400);
    expect(res.body.details.fields.map((f: { field: string }) => f.field)).toEqual(['limit']);
  });
});
