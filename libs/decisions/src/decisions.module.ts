import { Module } from '@nestjs/common';
import { AssessmentModule } from '@qualcert/assessment';
import { CandidatesModule } from '@qualcert/candidates';
import { IdentityModule } from '@qualcert/identity';
import { CardOutlineModule } from '@qualcert/standards';
import { AppealsController } from './appeals/appeals.controller';
import { AppealsRepository } from './appeals/appeals.repository';
import { AppealsService } from './appeals/appeals.service';
import { DecisionsController } from './decisions/decisions.controller';
import { DecisionsRepository } from './decisions/decisions.repository';
import { DecisionsService } from './decisions/decisions.service';

@Module({
  imports: [IdentityModule, CardOutlineModule, AssessmentModule, CandidatesModule],
  controllers: [DecisionsController, AppealsController],
  providers: [DecisionsRepository, AppealsRepository, DecisionsService, AppealsService],
  exports: [DecisionsService],
})
export class DecisionsModule {}
