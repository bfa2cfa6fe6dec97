import { Logger } from '@nestjs/common';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { JobGroups, JOBS, type JobHandlers, QUEUES, runJob, workerOptions } from '@qualcert/shared';
import { ComputeOutcome, DecisionsService } from './decisions.service';

/** Most decision jobs computed in one transaction (docs/PERFORMANCE.md, decisions in groups). */
const GROUP_SIZE = 50;
/** Groups a worker runs at once: while one is in PostgreSQL, the next one gathers. */
const GROUPS_IN_FLIGHT = 2;

/**
 * Computes the decision of an application whose every skill has an outcome, or the decision
 * after an appeal's re-assessment. Both re-read state and exit when the work is already done.
 *
 * Each application keeps its own job (its id, answer, failure and retries), but the worker takes
 * many at once and computes those that arrive together in one transaction (JobGroups); an
 * application that fails in a group is computed alone, so only its own job fails.
 */
@Processor(QUEUES.decisions, workerOptions({ concurrency: GROUP_SIZE * GROUPS_IN_FLIGHT }))
export class DecisionProcessor extends WorkerHost {
  private readonly logger = new Logger(DecisionProcessor.name);

  constructor(private readonly decisions: DecisionsService) {
    super();
  }

  private readonly groups = new JobGroups<ComputeOutcome>({
    maxSize: GROUP_SIZE,
    inFlight: GROUPS_IN_FLIGHT,
    runGroup: (applicationIds) => this.decisions.computeGroup(applicationIds),
    runAlone: (applicationId) => this.decisions.compute(applicationId),
    onGroupError: (error, applicationIds) =>
      this.logger.warn(
        { err: error instanceof Error ? error.message : String(error), applications: applicationIds.length },
        'decision group failed; computing its applications one by one',
      ),
  });

  private readonly handlers: JobHandlers<'decisions', ComputeOutcome> = {
    [JOBS.decisions.compute]: (job) => this.groups.run(job.data.applicationId),
    [JOBS.decisions.computeForAppeal]: (job) => this.decisions.computeForAppeal(job.data.appealId),
  };

  process(job: Job): Promise<ComputeOutcome> {
    return runJob(this.handlers, job);
  }
}
