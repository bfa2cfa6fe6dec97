import { Module } from '@nestjs/common';
import { IdentityModule } from '@qualcert/identity';
import { registerComposer } from '@qualcert/shared';
import { NOTIFICATION_COMPOSER } from './notifications/notification-kinds';
import { NotificationsController } from './notifications/notifications.controller';
import { NotificationsRepository } from './notifications/notifications.repository';
import { NotificationsService } from './notifications/notifications.service';

/** A user's notifications, for the API process. */
@Module({
  imports: [IdentityModule],
  controllers: [NotificationsController],
  providers: [NotificationsService, NotificationsRepository],
})
export class NotificationsModule {
  constructor() {
    // Notifications read in the caller's language (notification-kinds.ts).
    registerComposer(NOTIFICATION_COMPOSER);
  }
}
