import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { QUEUES, workerOptions } from '@qualcert/shared';
import { CheckOutcome, EligibilityCheckService } from './eligibility-check.service';

interface EligibilityJob {
  applicationId: string;
  submission: number;
}

@Processor(QUEUES.eligibility, workerOptions())
export class EligibilityProcessor extends WorkerHost {
  constructor(private readonly checks: EligibilityCheckService) {
    super();
  }

  process(job: Job<EligibilityJob>): Promise<CheckOutcome> {
    return this.checks.check(job.data.applicationId, Number(job.data.submission));
  }
}
