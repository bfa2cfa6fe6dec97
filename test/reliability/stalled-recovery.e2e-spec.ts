import { Client } from 'pg';
import { QUEUES } from '@qualcert/shared';
import { assessedApplication, prepareExamDay } from '../utils/exam-day';
import { eventually } from '../utils/fixtures';
import { spawnWorker, stopProcess, WorkerProcess } from '../utils/processes';
import { withQueue } from '../utils/queues';
import { createTestApp, TestContext } from '../utils/test-app';

// Settings scaled down from the defaults (30 s and 15 s) in the same ratio, so the bound is seconds.
const LOCK_DURATION_MS = 2000;
const STALLED_INTERVAL_MS = 1000;
/** What the README promises: a dead worker's job restarts within the lock plus two stalled intervals. */
const BOUND_MS = LOCK_DURATION_MS + 2 * STALLED_INTERVAL_MS;
// Timers, Redis round trips and a busy CI machine: well under one stalled interval more.
const LEEWAY_MS = 750;

jest.setTimeout(240000);

/**
 * The README's Operations section says a worker that dies leaves its jobs to the others within
 * QUEUE_LOCK_DURATION_MS + 2 × QUEUE_STALLED_INTERVAL_MS (issue 17, item 18: it said one interval,
 * and a job took about 100 s with the defaults). Kills a worker in the middle of a decision job
 * while a second one runs, and measures when the second one takes the job up.
 */
describe('reliability: how long a dead worker’s job waits for another worker', () => {
  let ctx: TestContext;
  let holder: Client;
  const workers: WorkerProcess[] = [];

  const start = async () => {
    const worker = await spawnWorker({
      QUEUE_LOCK_DURATION_MS: String(LOCK_DURATION_MS),
      QUEUE_STALLED_INTERVAL_MS: String(STALLED_INTERVAL_MS),
    });
    workers.push(worker);
    return worker;
  };

  const decisionJob = (jobId: string) =>
    withQueue(QUEUES.decisions, async (queue) => {
      const job = await queue.getJob(jobId);
      return { state: await job?.getState(), processedOn: job?.processedOn, returnvalue: job?.returnvalue as unknown };
    });

  beforeAll(async () => {
    ctx = await createTestApp();
    holder = new Client({ connectionString: process.env.DATABASE_URL });
    await holder.connect();
  });
  afterAll(async () => {
    for (const worker of workers) await stopProcess(worker, 'SIGKILL');
    await holder.end();
    await ctx.close();
  });

  it('another running worker takes the job up within the lock plus two stalled intervals', async () => {
    const day = await prepareExamDay(ctx);
    const { applicationId } = await assessedApplication(ctx, day);
    const [event] = await ctx.dataSource.query<{ id: string }[]>(
      `SELECT id FROM outbox_event WHERE event_type = 'application.awaiting_decision' AND payload->>'applicationId' = $1`,
      [applicationId],
    );
    const jobId = `decision-${applicationId}-${event.id}`;

    // The first worker takes the job and blocks on the application, which the test holds.
    await holder.query('BEGIN');
    await holder.query('SELECT id FROM application WHERE id = $1 FOR UPDATE', [applicationId]);
    const first = await start();
    await eventually(
      () =>
        ctx.dataSource.query<{ n: number }[]>(
          `SELECT COUNT(*)::int AS n FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE $1`,
          ['%SELECT a.id, a.candidate_id, a.centre_id, a.card_id, a.status,%'],
        ),
      (rows) => rows[0].n > 0,
      60000,
    );
    const taken = await decisionJob(jobId);
    expect(taken.state).toBe('active');
    // A second worker runs before the first dies.
    await start();

    const diedAt = Date.now();
    expect(await stopProcess(first, 'SIGKILL')).toBe('SIGKILL');
    await holder.query('COMMIT');

    const done = await eventually(
      () => decisionJob(jobId),
      (job) => job.state === 'completed',
      60000,
    );
    expect(done.returnvalue).toBe('computed');
    // processedOn is when a worker last took the job: the second worker's attempt.
    const waited = (done.processedOn ?? 0) - diedAt;
    expect(done.processedOn).toBeGreaterThan(taken.processedOn ?? 0);
    expect(waited).toBeLessThanOrEqual(BOUND_MS + LEEWAY_MS);
    const decisions = await ctx.dataSource.query('SELECT id FROM decision WHERE application_id = $1', [applicationId]);
    expect(decisions).toHaveLength(1);
  });
});
