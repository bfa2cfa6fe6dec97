import { Module } from '@nestjs/common';
import { AssessmentModule } from '@qualcert/assessment';
import { EvidenceModule } from '@qualcert/evidence';
import { IdentityModule } from '@qualcert/identity';
import { CertificatesController } from './certificates/certificates.controller';
import { CertificatesService } from './certificates/certificates.service';
import { IssuerKeyProvider } from './certificates/issuer-key.provider';
import { StatusListsRepository } from './status-lists/status-lists.repository';
import { StatusListsService } from './status-lists/status-lists.service';
import { ResultDocumentsController } from './documents/result-documents.controller';
import { ResultDocumentsService } from './documents/result-documents.service';

@Module({
  imports: [IdentityModule, EvidenceModule, AssessmentModule],
  controllers: [CertificatesController, ResultDocumentsController],
  providers: [
    CertificatesService,
    IssuerKeyProvider,
    StatusListsRepository,
    StatusListsService,
    ResultDocumentsService,
  ],
  exports: [CertificatesService],
})
export class CertificatesModule {}
