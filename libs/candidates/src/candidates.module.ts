import { Module } from '@nestjs/common';
import { IdentityModule } from '@qualcert/identity';
import { registerComposer } from '@qualcert/shared';
import { CardOutlineModule } from '@qualcert/standards';
import { AdmissionService } from './applications/admission.service';
import { ApplicationsController } from './applications/applications.controller';
import { ApplicationsRepository } from './applications/applications.repository';
import { ApplicationsService } from './applications/applications.service';
import { DocumentCheckController } from './applications/document-check.controller';
import { DocumentCheckService } from './applications/document-check.service';
import { ELIGIBILITY_COMPOSER } from './eligibility/eligibility-messages';
import { CandidatesController } from './profile/candidates.controller';
import { CandidateProfilesRepository } from './profile/candidate-profiles.repository';
import { CandidatesService } from './profile/candidates.service';
import { RecordsRepository } from './records/records.repository';

@Module({
  imports: [IdentityModule, CardOutlineModule],
  controllers: [CandidatesController, ApplicationsController, DocumentCheckController],
  providers: [
    CandidatesService,
    ApplicationsService,
    ApplicationsRepository,
    DocumentCheckService,
    AdmissionService,
    RecordsRepository,
    CandidateProfilesRepository,
  ],
  exports: [CandidatesService, ApplicationsService],
})
export class CandidatesModule {
  constructor() {
    // Eligibility results in answers read in the caller's language (eligibility-messages.ts).
    registerComposer(ELIGIBILITY_COMPOSER);
  }
}
