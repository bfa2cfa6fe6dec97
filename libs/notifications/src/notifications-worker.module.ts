import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { QUEUES } from '@qualcert/shared';
import { EmailProcessor } from './email/email.processor';
import { Mailer } from './email/mailer';
import { NotificationEmailService } from './email/notification-email.service';
import { NotificationProcessor } from './notifications/notification.processor';
import { NotificationsRepository } from './notifications/notifications.repository';
import { NotificationsService } from './notifications/notifications.service';

/** The notify step of every workflow, and the e-mail it sends when SMTP_URL is set, for the worker process. */
@Module({
  imports: [BullModule.registerQueue({ name: QUEUES.notifications }, { name: QUEUES.email })],
  providers: [
    NotificationsService,
    NotificationsRepository,
    NotificationProcessor,
    Mailer,
    NotificationEmailService,
    EmailProcessor,
  ],
  exports: [BullModule, NotificationsService],
})
export class NotificationsWorkerModule {}
