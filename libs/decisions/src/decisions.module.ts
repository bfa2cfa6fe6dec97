import { Module } from '@nestjs/common';
import { AssessmentModule } from '@qualcert/assessment';
import { CandidatesModule } from '@qualcert/candidates';
import { IdentityModule } from '@qualcert/identity';
import { registerComposer } from '@qualcert/shared';
import { CardOutlineModule } from '@qualcert/standards';
import { AppealsController } from './appeals/appeals.controller';
import { AppealsRepository } from './appeals/appeals.repository';
import { AppealsService } from './appeals/appeals.service';
import { DecisionsController } from './decisions/decisions.controller';
import { DecisionsRepository } from './decisions/decisions.repository';
import { DecisionsService } from './decisions/decisions.service';
import { NotificationsController } from './notifications/notifications.controller';
import { NOTIFICATION_COMPOSER } from './notifications/notification-kinds';
import { NotificationsService } from './notifications/notifications.service';

@Module({
  imports: [IdentityModule, CardOutlineModule, AssessmentModule, CandidatesModule],
  controllers: [DecisionsController, AppealsController, NotificationsController],
  providers: [DecisionsRepository, AppealsRepository, DecisionsService, AppealsService, NotificationsService],
  exports: [DecisionsService],
})
export class DecisionsModule {
  constructor() {
    // Notifications read in the caller's language (notification-kinds.ts).
    registerComposer(NOTIFICATION_COMPOSER);
  }
}
