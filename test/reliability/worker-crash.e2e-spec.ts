import { Client } from 'pg';
import request from 'supertest';
import type { App } from 'supertest/types';
import { QUEUES } from '@qualcert/shared';
import { assessedApplication, ExamDay, issuedCertificate, prepareExamDay } from '../utils/exam-day';
import { bearer, eventually } from '../utils/fixtures';
import { spawnWorker, stopProcess, WorkerProcess } from '../utils/processes';
import { withQueue } from '../utils/queues';
import { createTestApp, TestContext } from '../utils/test-app';

// Short locks, so that a dead worker's job is taken up again within seconds, not a minute.
const FAST_RECOVERY = { QUEUE_LOCK_DURATION_MS: '2000', QUEUE_STALLED_INTERVAL_MS: '1000' };

jest.setTimeout(240000);

/**
 * A worker killed with SIGKILL in the middle of a decision or a certificate job (its transaction
 * open, waiting on a row the test holds): after a new worker starts, the job completes, with
 * exactly one decision, one certificate and one number, none skipped.
 */
describe('reliability: a worker killed in the middle of a job', () => {
  let ctx: TestContext;
  let server: App;
  let day: ExamDay;
  let holder: Client;
  const workers: WorkerProcess[] = [];

  const start = async () => {
    const worker = await spawnWorker(FAST_RECOVERY);
    workers.push(worker);
    return worker;
  };

  /** Waits until a query of the worker is blocked on the test's lock: the job is mid-way. */
  const blockedOn = (fragment: string) =>
    eventually(
      () =>
        ctx.dataSource.query<{ n: number }[]>(
          `SELECT COUNT(*)::int AS n FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE $1`,
          [`%${fragment}%`],
        ),
      (rows) => rows[0].n > 0,
      60000,
    );

  const jobState = (queueName: string, jobId: string) =>
    withQueue(queueName, async (queue) => {
      const job = await queue.getJob(jobId);
      return { state: await job?.getState(), returnvalue: job?.returnvalue as unknown };
    });

  const activeJobs = async () => {
    let total = 0;
    for (const name of Object.values(QUEUES)) total += await withQueue(name, (queue) => queue.getActiveCount());
    return total;
  };

  beforeAll(async () => {
    ctx = await createTestApp();
    server = ctx.app.getHttpServer();
    day = await prepareExamDay(ctx);
    holder = new Client({ connectionString: process.env.DATABASE_URL });
    await holder.connect();
  });
  afterAll(async () => {
    for (const worker of workers) await stopProcess(worker, 'SIGKILL');
    await holder.end();
    await ctx.close();
  });

  it('completes the decision job, then the certificate job, after restarts, with one of each', async () => {
    const { applicationId, candidate } = await assessedApplication(ctx, day);
    const [event] = await ctx.dataSource.query<{ id: string }[]>(
      `SELECT id FROM outbox_event WHERE event_type = 'application.awaiting_decision' AND payload->>'applicationId' = $1`,
      [applicationId],
    );

    // The decision job: its first query locks the application, which the test holds. (It is
    // named by its start: pg_stat_activity keeps only the first kilobyte of a query.)
    await holder.query('BEGIN');
    await holder.query('SELECT id FROM application WHERE id = $1 FOR UPDATE', [applicationId]);
    const first = await start();
    await blockedOn('SELECT a.id, a.candidate_id, a.centre_id, a.card_id, a.status,');
    expect(await stopProcess(first, 'SIGKILL')).toBe('SIGKILL');
    await holder.query('COMMIT');
    expect(await ctx.dataSource.query('SELECT id FROM decision WHERE application_id = $1', [applicationId])).toEqual(
      [],
    );

    const second = await start();
    const decisionsOf = () =>
      ctx.dataSource.query<{ id: string; outcome: string; status: string }[]>(
        'SELECT id, outcome, status FROM decision WHERE application_id = $1',
        [applicationId],
      );
    await eventually(
      () => jobState(QUEUES.decisions, `decision-${applicationId}-${event.id}`),
      (job) => job.state === 'completed',
      60000,
    );
    expect(await jobState(QUEUES.decisions, `decision-${applicationId}-${event.id}`)).toEqual({
      state: 'completed',
      returnvalue: 'computed',
    });
    // A graceful stop (Nest closes the workers, then re-raises the signal): nothing left active.
    expect(await stopProcess(second, 'SIGTERM')).toBe('SIGTERM');
    expect(await activeJobs()).toBe(0);
    // The killed attempt left nothing: exactly one decision, once no worker runs any more.
    const decisions = await decisionsOf();
    expect(decisions).toEqual([{ id: expect.any(String), outcome: 'awarded', status: 'pending_signoff' }]);
    const [decision] = decisions;

    await request(server)
      .post(`/api/v1/decisions/${decision.id}/approve`)
      .set(...bearer(day.manager))
      .expect(200);

    // The certificate job: its first query locks the decision, which the test holds.
    await holder.query('BEGIN');
    await holder.query('SELECT id FROM decision WHERE id = $1 FOR UPDATE', [decision.id]);
    const third = await start();
    await blockedOn('FOR UPDATE OF d');
    await stopProcess(third, 'SIGKILL');
    await holder.query('COMMIT');
    expect(await ctx.dataSource.query('SELECT id FROM certificate WHERE decision_id = $1', [decision.id])).toEqual([]);

    await start();
    const certificate = await issuedCertificate(ctx, candidate, applicationId);
    const rows = await ctx.dataSource.query<{ number: string }[]>(
      'SELECT number FROM certificate WHERE decision_id = $1',
      [decision.id],
    );
    expect(rows).toEqual([{ number: certificate.number }]);
    // The killed job's number was rolled back with its transaction: the centre's numbers of the
    // certificate's year (its issue day's, not the test's clock) run 1…n without a gap, the new one last.
    const [{ year, numbers, last }] = await ctx.dataSource.query<{ year: number; numbers: string[]; last: number }[]>(
      `SELECT s.year, s.last,
              ARRAY(SELECT number FROM certificate WHERE centre_id = s.centre_id AND number LIKE '%-' || s.year || '-%' ORDER BY number) AS numbers
         FROM certificate_sequence s JOIN certificate c ON c.centre_id = s.centre_id AND s.year = EXTRACT(YEAR FROM c.issued_on)
        WHERE c.id = $1`,
      [certificate.id],
    );
    const sequence = (n: number) => `-${year}-${String(n).padStart(6, '0')}`;
    expect(numbers.map((n) => n.slice(-12))).toEqual(Array.from({ length: last }, (_, i) => sequence(i + 1)));
    expect(certificate.number.endsWith(sequence(last))).toBe(true);
    await request(server)
      .get(`/api/v1/certificates/${certificate.id}/pdf`)
      .set(...bearer(candidate))
      .expect(200);
  });
});
