import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { JOBS, type JobHandlers, QUEUES, runJob, workerOptions } from '@qualcert/shared';
import { CheckOutcome, EligibilityCheckService } from './eligibility-check.service';

@Processor(QUEUES.eligibility, workerOptions())
export class EligibilityProcessor extends WorkerHost {
  constructor(private readonly checks: EligibilityCheckService) {
    super();
  }

  private readonly handlers: JobHandlers<'eligibility', CheckOutcome> = {
    [JOBS.eligibility.check]: (job) => this.checks.check(job.data.applicationId, Number(job.data.submission)),
    [JOBS.eligibility.recheck]: (job) => this.checks.recheck(job.data.applicationId, Number(job.data.round)),
  };

  process(job: Job): Promise<CheckOutcome> {
    return runJob(this.handlers, job);
  }
}
