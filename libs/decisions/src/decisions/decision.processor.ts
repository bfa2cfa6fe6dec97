import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { JOBS, type JobHandlers, QUEUES, runJob, workerOptions } from '@qualcert/shared';
import { ComputeOutcome, DecisionsService } from './decisions.service';

/**
 * Computes the decision of an application whose every skill has an outcome, or the decision
 * after an appeal's re-assessment. Both re-read state and exit when the work is already done.
 */
@Processor(QUEUES.decisions, workerOptions())
export class DecisionProcessor extends WorkerHost {
  constructor(private readonly decisions: DecisionsService) {
    super();
  }

  private readonly handlers: JobHandlers<'decisions', ComputeOutcome> = {
    [JOBS.decisions.compute]: (job) => this.decisions.compute(job.data.applicationId),
    [JOBS.decisions.computeForAppeal]: (job) => this.decisions.computeForAppeal(job.data.appealId),
  };

  process(job: Job): Promise<ComputeOutcome> {
    return runJob(this.handlers, job);
  }
}
