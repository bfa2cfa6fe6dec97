import { Client } from 'pg';
import { OUTBOX_ROUTES, QUEUES } from '@qualcert/shared';
import { assessedApplication, prepareExamDay, ExamDay } from '../utils/exam-day';
import { eventually } from '../utils/fixtures';
import { spawnWorker, stopProcess, WorkerProcess } from '../utils/processes';
import { withQueue } from '../utils/queues';
import { createTestApp, TestContext } from '../utils/test-app';

// Short locks, so that a dead worker's jobs are taken up again within seconds, not a minute.
const FAST_RECOVERY = { QUEUE_LOCK_DURATION_MS: '2000', QUEUE_STALLED_INTERVAL_MS: '1000' };

jest.setTimeout(240000);

/**
 * A worker killed with SIGKILL in the middle of a group's job (its transaction open, some
 * applications of the group locked, waiting on one the test holds): nothing of the group is
 * written, and after a new worker starts the job, taken up as stalled, decides each application once.
 */
describe('reliability: a worker killed in the middle of a group of decisions', () => {
  let ctx: TestContext;
  let day: ExamDay;
  const workers: WorkerProcess[] = [];
  const holders: Client[] = [];

  const hold = async (ids: string[]) => {
    const client = new Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    holders.push(client);
    await client.query('BEGIN');
    await client.query('SELECT id FROM application WHERE id = ANY($1::uuid[]) FOR UPDATE', [ids]);
    return client;
  };

  const lockWaiters = (fragment: string) =>
    ctx.dataSource
      .query<{ n: number }[]>(
        `SELECT COUNT(*)::int AS n FROM pg_stat_activity
          WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE $1`,
        [`%${fragment}%`],
      )
      .then(([row]) => row.n);

  const decisionCounts = (ids: string[]) =>
    ctx.dataSource
      .query<{ id: string; n: number }[]>(
        `SELECT a.id, (SELECT COUNT(*)::int FROM decision d WHERE d.application_id = a.id) AS n
           FROM application a WHERE a.id = ANY($1::uuid[])`,
        [ids],
      )
      .then((rows) => ids.map((id) => rows.find((r) => r.id === id)?.n));

  beforeAll(async () => {
    ctx = await createTestApp();
    day = await prepareExamDay(ctx);
  });
  afterAll(async () => {
    for (const worker of workers) await stopProcess(worker, 'SIGKILL');
    for (const client of holders) await client.end().catch(() => undefined);
    await ctx.close();
  });

  it('writes nothing of the group the killed worker held, and its job computes each application once after a restart', async () => {
    // What earlier files left in the outbox is relayed and done first, so that the five jobs below come alone.
    const drain = await spawnWorker(FAST_RECOVERY);
    workers.push(drain);
    await eventually(
      async () => [
        (
          await ctx.dataSource.query<{ n: number }[]>(
            'SELECT COUNT(*)::int AS n FROM outbox_event WHERE dispatched_at IS NULL',
          )
        )[0].n,
        await withQueue(QUEUES.decisions, (queue) => queue.getJobCountByTypes('waiting', 'active')),
      ],
      (counts) => counts.every((n) => n === 0),
      60000,
    );
    expect(await stopProcess(drain, 'SIGTERM')).toBe('SIGTERM');
    // No worker runs now: the five events wait in the outbox, and the next worker's relay sends them as one job.
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) ids.push((await assessedApplication(ctx, day)).applicationId);
    const last = [...ids].sort().at(-1) as string;
    const events = await ctx.dataSource.query<{ outboxEventId: string; applicationId: string }[]>(
      `SELECT id AS "outboxEventId", payload->>'applicationId' AS "applicationId" FROM outbox_event
          WHERE event_type = 'application.awaiting_decision' AND payload->>'applicationId' = ANY($1::text[])
          ORDER BY id`,
      [ids],
    );
    const route = OUTBOX_ROUTES['application.awaiting_decision'];
    const jobId = route.group?.jobId(
      events.map((e) => ({ applicationId: e.applicationId, outboxEventId: e.outboxEventId })),
    ) as string;
    const groupJob = () =>
      withQueue(QUEUES.decisions, async (queue) => {
        const job = await queue.getJob(jobId);
        return { state: await job?.getState(), returnvalue: job?.returnvalue as unknown };
      });

    // The group locks its applications in id order and waits on the last, which the test holds.
    const held = await hold([last]);
    const killed = await spawnWorker(FAST_RECOVERY);
    workers.push(killed);
    await eventually(groupJob, (job) => job.state === 'active', 60000);
    await eventually(
      () => lockWaiters('SELECT a.id, a.candidate_id'),
      (n) => n === 1,
      60000,
    );

    expect(await stopProcess(killed, 'SIGKILL')).toBe('SIGKILL');
    await held.query('COMMIT');
    expect(await decisionCounts(ids)).toEqual([0, 0, 0, 0, 0]);

    // The next worker takes the group's job up as stalled and computes the five, once each.
    workers.push(await spawnWorker(FAST_RECOVERY));
    const done = await eventually(groupJob, (job) => job.state === 'completed', 60000);
    expect(done.returnvalue).toEqual(Object.fromEntries(ids.map((id) => [id, 'computed'])));
    expect(await decisionCounts(ids)).toEqual([1, 1, 1, 1, 1]);
    // Nothing was sent to a job of its own.
    const own = await withQueue(QUEUES.decisions, (queue) =>
      Promise.all(events.map((e) => queue.getJob(route.jobId(e.outboxEventId, e)))),
    );
    expect(own).toEqual(events.map(() => undefined));
  });
});
