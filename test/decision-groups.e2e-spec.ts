import { getQueueToken } from '@nestjs/bullmq';
import { INestApplicationContext } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { DecisionProcessor, DecisionsService } from '@qualcert/decisions';
import { QUEUES } from '@qualcert/shared';
import { assessedApplication, ExamDay } from './utils/exam-day';
import { startExamDayApp } from './utils/exam-day-app';
import { eventually } from './utils/fixtures';
import { HeldRow, lockWaiters, withQueuePaused } from './utils/races';
import { TestContext } from './utils/test-app';

// Each test assesses several applications through the API and waits for the worker's jobs.
jest.setTimeout(120000);

/**
 * Decisions in groups (docs/PERFORMANCE.md): the worker computes the decision jobs that arrive
 * together in one transaction, while each application keeps its own job, answer and failure.
 */
describe('decisions in groups', () => {
  let ctx: TestContext;
  let worker: INestApplicationContext;
  let day: ExamDay;
  let decisions: DecisionsService;
  let queue: Queue;

  beforeAll(async () => {
    ({ ctx, worker, day } = await startExamDayApp({ worker: true }));
    decisions = worker.get(DecisionsService);
    queue = worker.get<Queue>(getQueueToken(QUEUES.decisions));
  });
  afterAll(async () => {
    await worker.close();
    await ctx.close();
  });

  /**
   * Assessed applications whose workflow jobs wait in the paused queue while `body` runs. With
   * `holdFirstTwo`, the first two applications are held when the queue resumes: the two groups a
   * worker runs at once start with their jobs and wait on them, so the others gather into one group.
   */
  const assessedWhilePaused = async (
    count: number,
    options: { failSkills?: number; holdFirstTwo?: boolean; body?: (ids: string[]) => Promise<void> } = {},
  ) => {
    const held: HeldRow[] = [];
    try {
      const apps = await withQueuePaused(worker, DecisionProcessor, async () => {
        const made: Awaited<ReturnType<typeof assessedApplication>>[] = [];
        for (let i = 0; i < count; i += 1)
          made.push(await assessedApplication(ctx, day, i === 0 ? options.failSkills : 0));
        await options.body?.(made.map((a) => a.applicationId));
        if (options.holdFirstTwo)
          for (const app of made.slice(0, 2)) held.push(await HeldRow.hold('application', app.applicationId));
        return made;
      });
      if (held.length > 0) {
        await lockWaiters(ctx.dataSource, 2);
        await eventually(
          () => queue.getActiveCount(),
          (n) => n === count,
        );
      }
      return apps;
    } finally {
      for (const row of held) await row.release();
    }
  };

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

  /** The workflow's job of each application, once finished. */
  const finishedJobs = (applicationIds: string[]) =>
    eventually(
      async () => {
        const jobs = await queue.getJobs(['completed', 'failed', 'waiting', 'active', 'delayed']);
        return applicationIds.map((id) => jobs.find((j: Job) => j.data.applicationId === id));
      },
      (jobs) => jobs.every((j) => j?.finishedOn !== undefined || (j?.attemptsMade ?? 0) > 0),
      60000,
    );

  it('computes a group of applications in one transaction, each decided as alone; the group run again changes nothing', async () => {
    let first: Record<string, string> = {};
    let again: Record<string, string> = {};
    const apps = await assessedWhilePaused(4, {
      failSkills: 1,
      body: async (ids) => {
        first = Object.fromEntries(await decisions.computeGroup(ids));
        again = Object.fromEntries(await decisions.computeGroup(ids));
      },
    });
    const ids = apps.map((a) => a.applicationId);
    expect(first).toEqual(Object.fromEntries(ids.map((id) => [id, 'computed'])));
    expect(again).toEqual(Object.fromEntries(ids.map((id) => [id, 'skipped'])));
    // The workflow's own jobs, run once the queue resumed, find the work done.
    const jobs = await finishedJobs(ids);
    expect(jobs.map((j) => j?.returnvalue)).toEqual(ids.map(() => 'skipped'));

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
    const apps = await assessedWhilePaused(4, {
      body: async (ids) => {
        // One already has its decision; another was moved back out of "awaiting decision".
        expect(await decisions.compute(ids[1])).toBe('computed');
        await ctx.dataSource.query(`UPDATE application SET status = 'eligible' WHERE id = $1`, [ids[2]]);
        outcomes = Object.fromEntries(await decisions.computeGroup(ids));
      },
    });
    const ids = apps.map((a) => a.applicationId);
    expect(outcomes).toEqual({ [ids[0]]: 'computed', [ids[1]]: 'skipped', [ids[2]]: 'skipped', [ids[3]]: 'computed' });
    const rows = await decisionRows(ids);
    expect(rows.map((d) => d.application_id)).toEqual([ids[0], ids[1], ids[3]].sort());
    const jobs = await finishedJobs(ids);
    expect(jobs.map((j) => j?.returnvalue)).toEqual(['skipped', 'skipped', 'skipped', 'skipped']);
    expect(await decisionRows(ids)).toEqual(rows);
  });

  it('takes the jobs that arrive together as one group: one transaction for their decisions, an answer per job', async () => {
    const apps = await assessedWhilePaused(6, { holdFirstTwo: true });
    const ids = apps.map((a) => a.applicationId);
    const jobs = await finishedJobs(ids);
    expect(jobs.map((j) => j?.returnvalue)).toEqual(ids.map(() => 'computed'));
    const rows = await decisionRows(ids);
    expect(rows).toHaveLength(6);
    const at = new Map(rows.map((d) => [d.application_id, d.computed_at.getTime()]));
    expect(new Set(ids.slice(2).map((id) => at.get(id))).size).toBe(1);
  });

  it('fails only the job of an application the rule fails on; the rest of its group is decided together', async () => {
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
      const apps = await assessedWhilePaused(5, {
        holdFirstTwo: true,
        body: async (ids) => {
          bad = ids[3];
          await ctx.dataSource.query('UPDATE application SET card_id = $2 WHERE id = $1', [bad, emptyCard]);
        },
      });
      const ids = apps.map((a) => a.applicationId);
      const jobs = await finishedJobs(ids);
      expect(jobs.map((j) => j?.returnvalue ?? null)).toEqual(['computed', 'computed', 'computed', null, 'computed']);
      expect(jobs[3]?.failedReason).toContain('The decision cannot be made on this input');
      const rows = await decisionRows(ids);
      expect(rows.map((d) => d.application_id)).toEqual(ids.filter((id) => id !== bad).sort());
      const at = new Map(rows.map((d) => [d.application_id, d.computed_at.getTime()]));
      expect(at.get(ids[2])).toBe(at.get(ids[4]));
    } finally {
      if (bad) await ctx.dataSource.query('UPDATE application SET card_id = $2 WHERE id = $1', [bad, day.cardId]);
      await ctx.dataSource.query('DELETE FROM profession_card WHERE id = $1', [emptyCard]);
    }
  });
});
