import { Module } from '@nestjs/common';
import { AssessmentModule } from '@qualcert/assessment';
import { IdentityModule } from '@qualcert/identity';
import { DecisionsController } from './decisions/decisions.controller';
import { DecisionsService } from './decisions/decisions.service';

@Module({
  imports: [IdentityModule, AssessmentModule],
  controllers: [DecisionsController],
  providers: [DecisionsService],
  exports: [DecisionsService],
})
export class DecisionsModule {}
