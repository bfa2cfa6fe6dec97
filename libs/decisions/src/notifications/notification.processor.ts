import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { QUEUES, workerOptions } from '@qualcert/shared';
import { NotificationsService, NotifyPayload } from './notifications.service';

/** The notify step: one job per outbox event; recipients already told are skipped. */
@Processor(QUEUES.notifications, workerOptions())
export class NotificationProcessor extends WorkerHost {
  constructor(private readonly notifications: NotificationsService) {
    super();
  }

  process(job: Job<NotifyPayload>): Promise<number> {
    return this.notifications.notify(job.data);
  }
}
