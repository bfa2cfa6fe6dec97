import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { QUEUES } from '@qualcert/shared';
import { NotificationProcessor } from './notifications/notification.processor';
import { NotificationsService } from './notifications/notifications.service';

/** The notify step of every workflow, for the worker process. */
@Module({
  imports: [BullModule.registerQueue({ name: QUEUES.notifications })],
  providers: [NotificationsService, NotificationProcessor],
  exports: [BullModule, NotificationsService],
})
export class NotificationsWorkerModule {}
