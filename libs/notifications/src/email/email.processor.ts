import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { JOBS, type JobHandlers, QUEUES, runJob, workerOptions } from '@qualcert/shared';
import { type EmailOutcome, NotificationEmailService } from './notification-email.service';

/** The e-mail channel: one job per notification; a failed send retries with the queue's backoff. */
@Processor(QUEUES.email, workerOptions())
export class EmailProcessor extends WorkerHost {
  constructor(private readonly emails: NotificationEmailService) {
    super();
  }

  private readonly handlers: JobHandlers<'email', EmailOutcome> = {
    [JOBS.email.send]: (job) => this.emails.send(job.data),
  };

  process(job: Job): Promise<EmailOutcome> {
    return runJob(this.handlers, job);
  }
}
