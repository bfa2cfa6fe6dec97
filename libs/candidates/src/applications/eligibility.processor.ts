import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { ELIGIBILITY_JOBS, QUEUES, workerOptions } from '@qualcert/shared';
import { CheckOutcome, EligibilityCheckService } from './eligibility-check.service';

interface EligibilityJob {
  applicationId: string;
  /** check-eligibility: the submission it checks. */
  submission?: number;
  /** recheck-eligibility: the round it checks. */
  round?: number;
}

@Processor(QUEUES.eligibility, workerOptions())
export class EligibilityProcessor extends WorkerHost {
  constructor(private readonly checks: EligibilityCheckService) {
    super();
  }

  process(job: Job<EligibilityJob>): Promise<CheckOutcome> {
    if (job.name === ELIGIBILITY_JOBS.recheck)
      return this.checks.recheck(job.data.applicationId, Number(job.data.round));
    return this.checks.check(job.data.applicationId, Number(job.data.submission));
  }
}
