import { getQueueToken } from '@nestjs/bullmq';
import { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import request from 'supertest';
import type { App } from 'supertest/types';
import { QUEUES } from '@qualcert/shared';
import { bearer, eventually, newSession, TestSession } from './utils/fixtures';
import { createTestApp, TestContext } from './utils/test-app';
import { startWorker } from './utils/worker';

describe('failed jobs: listed for admins and retried through the API', () => {
  let ctx: TestContext;
  let worker: INestApplicationContext;
  let server: App;
  let admin: TestSession;

  beforeAll(async () => {
    ctx = await createTestApp();
    worker = await startWorker();
    server = ctx.app.getHttpServer();
    admin = await newSession(ctx, 'admin');
  });
  afterAll(async () => {
    await worker.close();
    await ctx.close();
  });

  it('shows a job that failed after its retries, and puts it back on its queue', async () => {
    const queue = worker.get<Queue>(getQueueToken(QUEUES.certificates));
    // A job whose data cannot be processed: the certificate job fails on a malformed id.
    const jobId = `broken-${Date.now()}`;
    await queue.add('issue-certificate', { decisionId: 'not-a-uuid' }, { jobId, attempts: 1 });
    const failed = await eventually(
      () =>
        request(server)
          .get('/api/v1/admin/jobs/failed')
          .query({ queue: QUEUES.certificates })
          .set(...bearer(admin))
          .then((r) => r.body as { id: string; failedReason: string; attemptsMade: number }[]),
      (jobs) => jobs.some((j) => j.id === jobId),
    );
    const job = failed.find((j) => j.id === jobId);
    expect(job).toMatchObject({ attemptsMade: 1, failedReason: 'invalid input syntax for type uuid: "not-a-uuid"' });

    await request(server)
      .post(`/api/v1/admin/jobs/${QUEUES.certificates}/${jobId}/retry`)
      .set(...bearer(admin))
      .expect(202);
    // It runs again (and fails again, having the same data): the attempt count grows.
    await eventually(
      () => queue.getJob(jobId),
      (j) => j !== undefined && j.attemptsMade >= 2,
    );
  });

  it('is for admins only, and answers unknown queues and jobs with 404', async () => {
    const manager = await newSession(ctx, 'centre_manager');
    await request(server)
      .get('/api/v1/admin/jobs/failed')
      .set(...bearer(manager))
      .expect(403);
    await request(server)
      .post('/api/v1/admin/jobs/nowhere/1/retry')
      .set(...bearer(admin))
      .expect(404);
    await request(server)
      .post(`/api/v1/admin/jobs/${QUEUES.certificates}/no-such-job/retry`)
      .set(...bearer(admin))
      .expect(404);
    const bad = await request(server)
      .get('/api/v1/admin/jobs/failed')
      .query({ queue: 'nowhere' })
      .set(...bearer(admin))
      .expect(400);
    expect(bad.body.details.fields[0].field).toBe('queue');
  });
});
