import { Module } from '@nestjs/common';
import { IdentityModule } from '@qualcert/identity';
import { AdmissionService } from './applications/admission.service';
import { ApplicationsController } from './applications/applications.controller';
import { ApplicationsService } from './applications/applications.service';
import { DocumentCheckController } from './applications/document-check.controller';
import { DocumentCheckService } from './applications/document-check.service';
import { CandidatesController } from './profile/candidates.controller';
import { CandidatesService } from './profile/candidates.service';
import { RecordsRepository } from './records/records.repository';

@Module({
  imports: [IdentityModule],
  controllers: [CandidatesController, ApplicationsController, DocumentCheckController],
  providers: [CandidatesService, ApplicationsService, DocumentCheckService, AdmissionService, RecordsRepository],
  exports: [CandidatesService, ApplicationsService],
})
export class CandidatesModule {}
