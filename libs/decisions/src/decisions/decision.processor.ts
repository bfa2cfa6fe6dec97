import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { QUEUES, workerOptions } from '@qualcert/shared';
import { ComputeOutcome, DecisionsService } from './decisions.service';

export const COMPUTE_APPEAL_DECISION_JOB = 'compute-appeal-decision';

/**
 * Computes the decision of an application whose every skill has an outcome, or the decision
 * after an appeal's re-assessment. Both re-read state and exit when the work is already done.
 */
@Processor(QUEUES.decisions, workerOptions())
export class DecisionProcessor extends WorkerHost {
  constructor(private readonly decisions: DecisionsService) {
    super();
  }

  process(job: Job<{ applicationId?: string; appealId?: string }>): Promise<ComputeOutcome> {
    if (job.name === COMPUTE_APPEAL_DECISION_JOB) return this.decisions.computeForAppeal(String(job.data.appealId));
    return this.decisions.compute(String(job.data.applicationId));
  }
}
