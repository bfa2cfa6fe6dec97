import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { IdentityModule } from '@qualcert/identity';
import { ProgressRepository, ProgressService } from '@qualcert/assessment';
import { QUEUES } from '@qualcert/shared';
import { CardOutlineModule } from '@qualcert/standards';
import { DecisionProcessor } from './decisions/decision.processor';
import { AppealsRepository } from './appeals/appeals.repository';
import { DecisionsRepository } from './decisions/decisions.repository';
import { DecisionsService } from './decisions/decisions.service';
import { NotificationProcessor } from './notifications/notification.processor';
import { NotificationsService } from './notifications/notifications.service';

/** The decisions context's queue processors, for the worker process: decisions and the notify step. */
@Module({
  imports: [
    IdentityModule,
    CardOutlineModule,
    BullModule.registerQueue({ name: QUEUES.decisions }, { name: QUEUES.notifications }),
  ],
  providers: [
    DecisionsRepository,
    AppealsRepository,
    DecisionsService,
    ProgressRepository,
    ProgressService,
    DecisionProcessor,
    NotificationsService,
    NotificationProcessor,
  ],
  exports: [BullModule, DecisionsService],
})
export class DecisionsWorkerModule {}
