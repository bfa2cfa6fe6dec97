import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { QUEUES } from '@qualcert/shared';
import { ComputeOutcome, DecisionsService } from './decisions.service';

/** Computes the decision of an application whose every skill has an outcome. */
@Processor(QUEUES.decisions)
export class DecisionProcessor extends WorkerHost {
  constructor(private readonly decisions: DecisionsService) {
    super();
  }

  process(job: Job<{ applicationId: string }>): Promise<ComputeOutcome> {
    return this.decisions.compute(job.data.applicationId);
  }
}
