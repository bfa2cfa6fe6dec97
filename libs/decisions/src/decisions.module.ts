import { Module } from '@nestjs/common';
import { AssessmentModule } from '@qualcert/assessment';
import { CandidatesModule } from '@qualcert/candidates';
import { IdentityModule } from '@qualcert/identity';
import { AppealsController } from './appeals/appeals.controller';
import { AppealsService } from './appeals/appeals.service';
import { DecisionsController } from './decisions/decisions.controller';
import { DecisionsService } from './decisions/decisions.service';

@Module({
  imports: [IdentityModule, AssessmentModule, CandidatesModule],
  controllers: [DecisionsController, AppealsController],
  providers: [DecisionsService, AppealsService],
  exports: [DecisionsService],
})
export class DecisionsModule {}
