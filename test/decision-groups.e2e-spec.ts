import { getQueueToken } from '@nestjs/bullmq';
import { INestApplicationContext } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { DecisionsService } from '@qualcert/decisions';
import { OUTBOX_ROUTES, OutboxRelayService, QUEUES } from '@qualcert/shared';
import { assessedApplication, ExamDay } from './utils/exam-day';
import { startExamDayApp } from './utils/exam-day-app';
import { eventually } from './utils/fixtures';
import { TestContext } from './utils/test-app';

// Each test assesses several applications through the API and waits for the worker's jobs.
jest.setTimeout(120000);

const ROUTE = OUTBOX_ROUTES['application.awaiting_decision'];

/**
 * Decisions, one job per group (docs/PERFORMANCE.md): the relay sends the decision events of one
 * pass as one job, computed in one transaction; an application the group could not compute gets
 * its own job, which fails and retries alone.
 */
describe('decisions in groups', () => {
  let ctx: TestContext;
  let worker: INestApplicationContext;
  let day: ExamDay;
  let decisions: DecisionsService;
  let queue: Queue;
  let relay: OutboxRelayService;

  beforeAll(async () => {
    ({ ctx, worker, day } = await startExamDayApp({ worker: true }));
    decisions = worker.get(DecisionsService);
    queue = worker.get<Queue>(getQueueToken(QUEUES.decisions));
    relay = worker.get(OutboxRelayService);
  });
  afterAll(async () => {
    await worker.close();
    await ctx.close();
  });

  /** The application's decision event, as its job carries it. */
  const eventsOf = async (applicationIds: string[]) => {
    const rows = await ctx.dataSource.query<{ id: string; application_id: string }[]>(
      `SELECT id, payload->>'applicationId' AS application_id FROM outbox_event
        WHERE event_type = 'application.awaiting_decision' AND payload->>'applicationId' = ANY($1::text[])`,
      [applicationIds],
    );
    return applicationIds.map((applicationId) => {
      const row = rows.find((r) => r.application_id === applicationId);
      if (!row) throw new Error(`no decision event for ${applicationId}`);
      return { applicationId, outboxEventId: row.id };
    });
  };

  /**
   * Assessed applications whose decision events wait in the outbox while `body` runs (the worker's
   * relay stopped), so that the relay's next pass finds them together; returns them with the id of
   * the job that pass makes of them.
   */
  const assessedTogether = async (
    count: number,
    options: { failSkills?: number; body?: (ids: string[]) => Promise<void> } = {},
  ) => {
    // An event still pending from before (an earlier test's) would join the pass and change its job.
    await eventually(
      () =>
        ctx.dataSource.query<{ n: number }[]>(
          `SELECT COUNT(*)::int AS n FROM outbox_event
            WHERE event_type = 'application.awaiting_decision' AND dispatched_at IS NULL`,
        ),
      ([row]) => row.n === 0,
    );
    await relay.onApplicationShutdown();
    try {
      const apps: Awaited<ReturnType<typeof assessedApplication>>[] = [];
      for (let i = 0; i < count; i += 1)
        apps.push(await assessedApplication(ctx, day, i === 0 ? options.failSkills : 0));
      const ids = apps.map((a) => a.applicationId);
      await options.body?.(ids);
      const events = await eventsOf(ids);
      return { apps, ids, events, jobId: ROUTE.group?.jobId(events) as string };
    } finally {
      relay.onApplicationBootstrap();
    }
  };

  const finished = (jobId: string) =>
    eventually(
      () => queue.getJob(jobId),
      (job) => job?.finishedOn !== undefined || (job?.attemptsMade ?? 0) > 0,
      60000,
    ) as Promise<Job>;

  const decisionRows = (applicationIds: string[]) =>
    ctx.dataSource.query<
      { id: string; application_id: string; outcome: string; status: string; credited: string[]; computed_at: Date }[]
    >(
      `SELECT id, application_id, outcome, status, credited_skill_ids AS credited, computed_at
         FROM decision WHERE application_id = ANY($1::uuid[]) ORDER BY application_id, sequence`,
      [applicationIds],
    );
  const auditCount = async (decisionIds: string[]) =>
    (
      await ctx.dataSource.query<{ n: number }[]>(
        `SELECT COUNT(*)::int AS n FROM audit_log WHERE action = 'decision.computed' AND entity_id = ANY($1::text[])`,
        [decisionIds],
      )
    )[0].n;
  /** The jobs on the decisions queue that carry any of these applications. */
  const jobsCarrying = async (applicationIds: string[]) =>
    (await queue.getJobs(['completed', 'failed', 'waiting', 'active', 'delayed'])).filter((job: Job) => {
      const data = job.data as { applicationId?: string; events?: { applicationId: string }[] };
      const carried = data.events?.map((e) => e.applicationId) ?? [data.applicationId];
      return carried.some((id) => id !== undefined && applicationIds.includes(id));
    });

  it('computes a group of applications in one transaction, each decided as alone; the group run again changes nothing', async () => {
    let first: Record<string, string> = {};
    let again: Record<string, string> = {};
    const { apps, ids, jobId } = await assessedTogether(4, {
      failSkills: 1,
      body: async (ids) => {
        first = Object.fromEntries(await decisions.computeGroup(ids));
        again = Object.fromEntries(await decisions.computeGroup(ids));
      },
    });
    expect(first).toEqual(Object.fromEntries(ids.map((id) => [id, 'computed'])));
    expect(again).toEqual(Object.fromEntries(ids.map((id) => [id, 'skipped'])));
    // The workflow's own job, run once the relay sent it, finds the work done.
    expect((await finished(jobId)).returnvalue).toEqual(Object.fromEntries(ids.map((id) => [id, 'skipped'])));

    const rows = await decisionRows(ids);
    expect(rows).toHaveLength(4);
    const byApp = new Map(rows.map((d) => [d.application_id, d]));
    expect(ids.map((id) => byApp.get(id)?.status)).toEqual(ids.map(() => 'pending_signoff'));
    // The first failed one mandatory skill at the practical: partial, crediting what an award credits but that one.
    expect(byApp.get(ids[0])).toMatchObject({ outcome: 'partial' });
    expect(apps[0].failed).toHaveLength(1);
    expect(byApp.get(ids[0])?.credited).toEqual(byApp.get(ids[1])?.credited.filter((id) => id !== apps[0].failed[0]));
    for (const id of ids.slice(1)) expect(byApp.get(id)).toMatchObject({ outcome: 'awarded' });
    // One transaction: the decisions share its time.
    expect(new Set(rows.map((d) => d.computed_at.getTime())).size).toBe(1);
    expect(await auditCount(rows.map((d) => d.id))).toBe(4);
  });

  it('skips the applications of a group whose state moved, and decides the others', async () => {
    let outcomes: Record<string, string> = {};
    const { ids, jobId } = await assessedTogether(4, {
      body: async (ids) => {
        // One already has its decision; another was moved back out of "awaiting decision".
        expect(await decisions.compute(ids[1])).toBe('computed');
        await ctx.dataSource.query(`UPDATE application SET status = 'eligible' WHERE id = $1`, [ids[2]]);
        outcomes = Object.fromEntries(await decisions.computeGroup(ids));
      },
    });
    expect(outcomes).toEqual({ [ids[0]]: 'computed', [ids[1]]: 'skipped', [ids[2]]: 'skipped', [ids[3]]: 'computed' });
    const rows = await decisionRows(ids);
    expect(rows.map((d) => d.application_id)).toEqual([ids[0], ids[1], ids[3]].sort());
    expect((await finished(jobId)).returnvalue).toEqual(Object.fromEntries(ids.map((id) => [id, 'skipped'])));
    expect(await decisionRows(ids)).toEqual(rows);
  });

  it('sends the decision events of one relay pass as one job, its id derived from them: one transaction, an answer per application', async () => {
    const { ids, jobId } = await assessedTogether(6);
    const job = await finished(jobId);
    expect(job.name).toBe('compute-decisions');
    expect(job.returnvalue).toEqual(Object.fromEntries(ids.map((id) => [id, 'computed'])));
    // No application had a job of its own.
    expect((await jobsCarrying(ids)).map((j) => j.id)).toEqual([jobId]);
    const rows = await decisionRows(ids);
    expect(rows).toHaveLength(6);
    expect(new Set(rows.map((d) => d.computed_at.getTime())).size).toBe(1);
  });

  it('adds nothing when a relay sends the same events again, and the group run again under another grouping changes nothing', async () => {
    const { ids, events, jobId } = await assessedTogether(3);
    const job = await finished(jobId);
    expect(job.returnvalue).toEqual(Object.fromEntries(ids.map((id) => [id, 'computed'])));
    const rows = await decisionRows(ids);

    // A relay that crashed after adding the job, before marking the events: the next pass sends them again.
    const eventIds = events.map((e) => e.outboxEventId);
    await ctx.dataSource.query('UPDATE outbox_event SET dispatched_at = NULL WHERE id = ANY($1::bigint[])', [eventIds]);
    await eventually(
      () =>
        ctx.dataSource.query<{ n: number }[]>(
          'SELECT COUNT(*)::int AS n FROM outbox_event WHERE id = ANY($1::bigint[]) AND dispatched_at IS NULL',
          [eventIds],
        ),
      ([row]) => row.n === 0,
    );
    const carrying = await jobsCarrying(ids);
    expect(carrying.map((j) => [j.id, j.timestamp])).toEqual([[jobId, job.timestamp]]);

    // Grouped otherwise (a pass that found one more event): the second job finds the work done.
    const [other] = await eventsOf([(await assessedApplication(ctx, day)).applicationId]);
    await decisions.compute(other.applicationId);
    const regrouped = await queue.add('compute-decisions', { events: [...events, other] }, { jobId: `${jobId}-again` });
    expect((await finished(String(regrouped.id))).returnvalue).toEqual(
      Object.fromEntries([...ids, other.applicationId].map((id) => [id, 'skipped'])),
    );
    expect(await decisionRows(ids)).toEqual(rows);
  });

  it('fails only the own job of an application the rule fails on; the rest of its group is decided together', async () => {
    // A copy of the card without functions: the rule refuses to decide on it (VALIDATION_FAILED).
    const [{ id: emptyCard }] = await ctx.dataSource.query<{ id: string }[]>(
      `INSERT INTO profession_card
       SELECT (jsonb_populate_record(c, jsonb_build_object('id', gen_random_uuid(),
                 'number', (SELECT MAX(o.number) + 1 FROM profession_card o WHERE o.standard_version_id = c.standard_version_id)))).*
         FROM profession_card c WHERE c.id = $1
       RETURNING id`,
      [day.cardId],
    );
    let bad = '';
    try {
      const { ids, events, jobId } = await assessedTogether(5, {
        body: async (ids) => {
          bad = ids[3];
          await ctx.dataSource.query('UPDATE application SET card_id = $2 WHERE id = $1', [bad, emptyCard]);
        },
      });
      expect((await finished(jobId)).returnvalue).toEqual(
        Object.fromEntries(ids.map((id) => [id, id === bad ? 'alone' : 'computed'])),
      );
      // Its own job, with the id a lone event's job has: failed, and retried by BullMQ, alone.
      const own = await finished(ROUTE.jobId(events[3].outboxEventId, events[3]));
      expect(own.name).toBe('compute-decision');
      expect(own.data).toEqual(events[3]);
      expect(own.returnvalue ?? null).toBeNull();
      expect(own.failedReason).toContain('The decision cannot be made on this input');
      const rows = await decisionRows(ids);
      expect(rows.map((d) => d.application_id)).toEqual(ids.filter((id) => id !== bad).sort());
      expect(new Set(rows.map((d) => d.computed_at.getTime())).size).toBe(1);
    } finally {
      if (bad) await ctx.dataSource.query('UPDATE application SET card_id = $2 WHERE id = $1', [bad, day.cardId]);
      await ctx.dataSource.query('DELETE FROM profession_card WHERE id = $1', [emptyCard]);
    }
  });

  it('sends each application of a group whose write fails to its own job, which decides it alone', async () => {
    // The decisions' INSERT of more than one row is refused: the group's transaction fails, one alone does not.
    await ctx.dataSource.query(`
      CREATE FUNCTION test_refuse_many_decisions() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF (SELECT COUNT(*) FROM inserted) > 1 THEN RAISE EXCEPTION 'refused: decisions in one statement'; END IF;
        RETURN NULL;
      END $$`);
    await ctx.dataSource.query(`
      CREATE TRIGGER test_refuse_many_decisions AFTER INSERT ON decision REFERENCING NEW TABLE AS inserted
      FOR EACH STATEMENT EXECUTE FUNCTION test_refuse_many_decisions()`);
    try {
      const { ids, events, jobId } = await assessedTogether(3);
      expect((await finished(jobId)).returnvalue).toEqual(Object.fromEntries(ids.map((id) => [id, 'alone'])));
      const own = await Promise.all(events.map((event) => finished(ROUTE.jobId(event.outboxEventId, event))));
      expect(own.map((j) => [j.name, j.returnvalue])).toEqual(ids.map(() => ['compute-decision', 'computed']));
      const rows = await decisionRows(ids);
      expect(rows.map((d) => d.application_id)).toEqual([...ids].sort());
      expect(await auditCount(rows.map((d) => d.id))).toBe(3);
    } finally {
      await ctx.dataSource.query('DROP TRIGGER test_refuse_many_decisions ON decision');
      await ctx.dataSource.query('DROP FUNCTION test_refuse_many_decisions()');
    }
  });
});
