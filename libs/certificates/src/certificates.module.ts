import { Module } from '@nestjs/common';
import { AssessmentModule } from '@qualcert/assessment';
import { IdentityModule } from '@qualcert/identity';
import { StorageModule } from '@qualcert/shared';
import { CardOutlineModule } from '@qualcert/standards';
import { CertificateIssuer } from './certificates/certificate-issuer';
import { CertificateVerifier } from './certificates/certificate-verifier';
import { CertificatesController } from './certificates/certificates.controller';
import { CertificatesRepository } from './certificates/certificates.repository';
import { CertificatesService } from './certificates/certificates.service';
import { IssuanceRepository } from './certificates/issuance.repository';
import { IssuerKeyProvider } from './certificates/issuer-key.provider';
import { StatusListsRepository } from './status-lists/status-lists.repository';
import { StatusListsService } from './status-lists/status-lists.service';
import { ResultDocumentsController } from './documents/result-documents.controller';
import { ResultDocumentsRepository } from './documents/result-documents.repository';
import { ResultDocumentsService } from './documents/result-documents.service';
import { RegisterController } from './register/register.controller';
import { RegisterRepository } from './register/register.repository';
import { RegisterService } from './register/register.service';

@Module({
  imports: [IdentityModule, StorageModule, CardOutlineModule, AssessmentModule],
  controllers: [CertificatesController, ResultDocumentsController, RegisterController],
  providers: [
    CertificatesService,
    CertificatesRepository,
    CertificateIssuer,
    IssuanceRepository,
    CertificateVerifier,
    IssuerKeyProvider,
    StatusListsRepository,
    StatusListsService,
    ResultDocumentsService,
    ResultDocumentsRepository,
    RegisterRepository,
    RegisterService,
  ],
  exports: [CertificatesService, CertificateIssuer],
})
export class CertificatesModule {}
