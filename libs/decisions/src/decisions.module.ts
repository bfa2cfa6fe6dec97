import { Module } from '@nestjs/common';
import { AssessmentModule } from '@qualcert/assessment';
import { CandidatesModule } from '@qualcert/candidates';
import { CentresModule } from '@qualcert/centres';
import { IdentityModule } from '@qualcert/identity';
import { CardOutlineModule } from '@qualcert/standards';
import { CreditHistoryModule } from './credits/credit-history.module';
import { AppealsController } from './appeals/appeals.controller';
import { AppealsRepository } from './appeals/appeals.repository';
import { AppealsService } from './appeals/appeals.service';
import { DecisionsController } from './decisions/decisions.controller';
import { DecisionsRepository } from './decisions/decisions.repository';
import { DecisionsService } from './decisions/decisions.service';
import { DecisionHistoryModule } from './retake/decision-history.module';
import { CentreStatisticsController } from './statistics/centre-statistics.controller';
import { CentreStatisticsService } from './statistics/centre-statistics.service';

@Module({
  imports: [
    IdentityModule,
    CardOutlineModule,
    AssessmentModule,
    CandidatesModule,
    CentresModule,
    DecisionHistoryModule,
    CreditHistoryModule,
  ],
  controllers: [DecisionsController, AppealsController, CentreStatisticsController],
  providers: [DecisionsRepository, AppealsRepository, DecisionsService, AppealsService, CentreStatisticsService],
  exports: [DecisionsService],
})
export class DecisionsModule {}
