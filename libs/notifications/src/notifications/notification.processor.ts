import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { JOBS, type JobHandlers, QUEUES, runJob, workerOptions } from '@qualcert/shared';
import { NotificationsService } from './notifications.service';

/** The notify step: one job per outbox event; recipients already told are skipped. */
@Processor(QUEUES.notifications, workerOptions())
export class NotificationProcessor extends WorkerHost {
  constructor(private readonly notifications: NotificationsService) {
    super();
  }

  private readonly handlers: JobHandlers<'notifications', number> = {
    [JOBS.notifications.notify]: (job) => this.notifications.notify(job.data),
  };

  process(job: Job): Promise<number> {
    return runJob(this.handlers, job);
  }
}
