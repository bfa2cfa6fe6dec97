import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import { Client } from 'pg';
import request from 'supertest';
import { QUEUES } from '@qualcert/shared';
import { assessedApplication, ExamDay, prepareExamDay } from '../utils/exam-day';
import { bearer, eventually } from '../utils/fixtures';
import { spawnApi, spawnWorker, stopProcess, WorkerProcess } from '../utils/processes';
import { freePort } from '../utils/services';
import { withQueue } from '../utils/queues';
import { createTestApp, TestContext } from '../utils/test-app';

jest.setTimeout(300000);

const BURST = 8;

/** Whether anything accepts a connection at the URL's port now. */
function accepts(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(Number(new URL(url).port), '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * Two API processes and two workers against one PostgreSQL and one Redis: a burst of sign-offs
 * through both APIs gives consecutive certificate numbers, none repeated or skipped. Then each
 * kind of process is stopped with SIGTERM while it is in the middle of work, which it finishes.
 */
describe('reliability: several processes, and graceful shutdown', () => {
  let ctx: TestContext;
  let day: ExamDay;
  const processes: WorkerProcess[] = [];
  const apis: string[] = [];
  // The processes must accept the test's tokens and verify each other's credentials.
  const shared = {
    JWT_SECRET: randomBytes(32).toString('base64url'),
    CREDENTIAL_SIGNING_KEY: randomBytes(32).toString('base64'),
    QUEUE_LOCK_DURATION_MS: '2000',
    QUEUE_STALLED_INTERVAL_MS: '1000',
  };
  const previous = { ...process.env };

  const decisionOf = (applicationId: string) =>
    eventually(
      () =>
        ctx.dataSource.query<{ id: string }[]>('SELECT id FROM decision WHERE application_id = $1', [applicationId]),
      (rows) => rows.length > 0,
      60000,
    ).then((rows) => rows[0].id);

  beforeAll(async () => {
    Object.assign(process.env, shared);
    ctx = await createTestApp();
    day = await prepareExamDay(ctx);
    for (let i = 0; i < 2; i += 1) processes.push(await spawnWorker());
    for (let i = 0; i < 2; i += 1) {
      const port = await freePort();
      processes.push(await spawnApi(port));
      apis.push(`http://127.0.0.1:${port}`);
    }
  });
  afterAll(async () => {
    for (const p of processes) await stopProcess(p, 'SIGKILL');
    await ctx.close();
    for (const key of Object.keys(shared)) {
      if (previous[key] === undefined) delete process.env[key];
      else process.env[key] = previous[key];
    }
  });

  it('numbers a burst of issuances through two APIs and two workers without repeats or gaps', async () => {
    const applications: { applicationId: string }[] = [];
    for (let i = 0; i < BURST; i += 1) applications.push(await assessedApplication(ctx, day));
    const decisions: string[] = [];
    for (const a of applications) decisions.push(await decisionOf(a.applicationId));
    const signed = await Promise.all(
      decisions.map((id, i) =>
        request(apis[i % 2])
          .post(`/api/v1/decisions/${id}/approve`)
          .set(...bearer(day.manager)),
      ),
    );
    expect(signed.map((r) => r.status)).toEqual(decisions.map(() => 200));
    const rows = await eventually(
      () =>
        ctx.dataSource.query<{ number: string }[]>('SELECT number FROM certificate WHERE centre_id = $1', [
          day.centreId,
        ]),
      (r) => r.length === BURST,
      90000,
    );
    const sequence = rows.map((r) => Number(r.number.split('-').pop())).sort((a, b) => a - b);
    expect(sequence).toEqual(Array.from({ length: BURST }, (_, i) => i + 1));
  });

  it('lets SIGTERM finish an in-flight request and an in-flight job, leaving nothing stalled', async () => {
    const { applicationId } = await assessedApplication(ctx, day);
    const decisionId = await decisionOf(applicationId);
    // One worker left, stopped gracefully first: the certificate job will run on the other.
    expect(await stopProcess(processes[1], 'SIGTERM')).toBe('SIGTERM');
    const rowHolder = new Client({ connectionString: process.env.DATABASE_URL });
    const numberHolder = new Client({ connectionString: process.env.DATABASE_URL });
    await rowHolder.connect();
    await numberHolder.connect();
    const waitingOn = (fragment: string) =>
      eventually(
        () =>
          ctx.dataSource.query<{ n: number }[]>(
            `SELECT COUNT(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE $1`,
            [`%${fragment}%`],
          ),
        (r) => r[0].n > 0,
        30000,
      );
    try {
      // The sign-off request waits on the decision's row; the certificate job, after it, on the
      // centre's number counter. The test holds both.
      await numberHolder.query('BEGIN');
      // This year's counter and next year's (a run may cross New Year): a counter at 0 numbers from 1.
      await numberHolder.query(
        `INSERT INTO certificate_sequence (centre_id, year, last)
         SELECT $1, y, 0 FROM generate_series(EXTRACT(YEAR FROM now() AT TIME ZONE 'UTC')::int,
                                              EXTRACT(YEAR FROM now() AT TIME ZONE 'UTC')::int + 1) AS y
         ON CONFLICT DO NOTHING`,
        [day.centreId],
      );
      await numberHolder.query('SELECT last FROM certificate_sequence WHERE centre_id = $1 FOR UPDATE', [day.centreId]);
      await rowHolder.query('BEGIN');
      await rowHolder.query('SELECT id FROM decision WHERE id = $1 FOR UPDATE', [decisionId]);
      const inFlight = request(apis[0])
        .post(`/api/v1/decisions/${decisionId}/approve`)
        .set(...bearer(day.manager))
        .then((r) => r);
      // The select list comes first and pg_stat_activity keeps only a query's first kilobyte: the
      // entity's alias names the table where its FROM clause may be cut off.
      await waitingOn('"DecisionEntity"');
      const api = processes[2];
      api.child.kill('SIGTERM');
      // Closing, the API stops listening at once; the request it holds is still waiting on the row.
      await eventually(
        () => accepts(apis[0]),
        (listening) => !listening,
      );
      expect([api.child.exitCode, api.child.signalCode]).toEqual([null, null]);
      await rowHolder.query('COMMIT');
      expect((await inFlight).status).toBe(200);
      expect(await api.exited).toBe('SIGTERM');

      await waitingOn('certificate_sequence');
      const worker = processes[0];
      worker.child.kill('SIGTERM');
      await eventually(
        () => Promise.resolve(worker.output()),
        (output) => output.includes('worker stopping on SIGTERM'),
      );
      // Stopping, it waits for the job the test holds.
      expect([worker.child.exitCode, worker.child.signalCode]).toEqual([null, null]);
      await numberHolder.query('COMMIT');
      expect(await worker.exited).toBe('SIGTERM');
    } finally {
      await rowHolder.end();
      await numberHolder.end();
    }
    const certificates = await ctx.dataSource.query<{ number: string }[]>(
      'SELECT number FROM certificate WHERE decision_id = $1',
      [decisionId],
    );
    expect(certificates).toHaveLength(1);
    await withQueue(QUEUES.certificates, async (queue) => {
      expect(await queue.getActiveCount()).toBe(0);
    });
  });
});
