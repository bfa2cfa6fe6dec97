import { Logger } from '@nestjs/common';
import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Job, Queue } from 'bullmq';
import { JOBS, type JobData, type JobHandlers, OUTBOX_ROUTES, QUEUES, runJob, workerOptions } from '@qualcert/shared';
import { ComputeOutcome, DecisionsService } from './decisions.service';

/** What a group's job did with each application: computed, skipped, incomplete, or sent to its own job. */
export type GroupOutcome = Record<string, ComputeOutcome | 'alone'>;

/**
 * Computes the decision of an application whose every skill has an outcome, or the decision
 * after an appeal's re-assessment. Both re-read state and exit when the work is already done.
 *
 * The events of one relay pass come as one job (`compute-decisions`, docs/PERFORMANCE.md "Decisions,
 * one job per group"), computed in one transaction. An application the group could not compute
 * (the rule fails on it, or the group's write fails) gets its own `compute-decision` job, with the
 * id a lone event's job has, so that its failure and retries are its own.
 */
@Processor(QUEUES.decisions, workerOptions())
export class DecisionProcessor extends WorkerHost {
  private readonly logger = new Logger(DecisionProcessor.name);

  constructor(
    private readonly decisions: DecisionsService,
    @InjectQueue(QUEUES.decisions) private readonly queue: Queue,
  ) {
    super();
  }

  private readonly handlers: JobHandlers<'decisions', ComputeOutcome | GroupOutcome> = {
    [JOBS.decisions.compute]: (job) => this.decisions.compute(job.data.applicationId),
    [JOBS.decisions.computeGroup]: (job) => this.computeGroup(job),
    [JOBS.decisions.computeForAppeal]: (job) => this.decisions.computeForAppeal(job.data.appealId),
  };

  process(job: Job): Promise<ComputeOutcome | GroupOutcome> {
    return runJob(this.handlers, job);
  }

  /**
   * The group in one transaction, then a job of its own for each application left out. The job
   * ends only once those are queued: a worker dying before that leaves the group's job to run
   * again, which skips what was decided and queues the rest (their ids make a second add a no-op).
   */
  private async computeGroup(job: Job<JobData['compute-decisions']>): Promise<GroupOutcome> {
    const { events } = job.data;
    const applicationIds = [...new Set(events.map((event) => event.applicationId))];
    let outcomes: Map<string, ComputeOutcome>;
    try {
      outcomes = await this.decisions.computeGroup(applicationIds);
    } catch (error) {
      this.logger.warn(
        { err: error instanceof Error ? error.message : String(error), applications: applicationIds.length },
        'decision group failed; each of its applications goes to its own job',
      );
      outcomes = new Map();
    }
    const alone = events.filter((event) => !outcomes.has(event.applicationId));
    if (alone.length > 0) {
      const route = OUTBOX_ROUTES['application.awaiting_decision'];
      await this.queue.addBulk(
        alone.map((event) => ({
          name: JOBS.decisions.compute,
          data: event,
          opts: { jobId: route.jobId(event.outboxEventId, event) },
        })),
      );
    }
    const answer: GroupOutcome = {};
    for (const id of applicationIds) answer[id] = outcomes.get(id) ?? 'alone';
    return answer;
  }
}
