import { Module } from '@nestjs/common';
import { IdentityModule } from '@qualcert/identity';
import { ApplicationsController } from './applications/applications.controller';
import { ApplicationsService } from './applications/applications.service';
import { CandidatesController } from './profile/candidates.controller';
import { CandidatesService } from './profile/candidates.service';

@Module({
  imports: [IdentityModule],
  controllers: [CandidatesController, ApplicationsController],
  providers: [CandidatesService, ApplicationsService],
  exports: [CandidatesService, ApplicationsService],
})
export class CandidatesModule {}
