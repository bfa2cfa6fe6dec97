import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { IdentityModule } from '@qualcert/identity';
import { QUEUES, StorageModule } from '@qualcert/shared';
import { CardOutlineModule } from '@qualcert/standards';
import { CertificateExpiryScheduler, CertificateProcessor } from './certificates/certificate.processor';
import { CertificateIssuer } from './certificates/certificate-issuer';
import { IssuanceRepository } from './certificates/issuance.repository';
import { IssuerKeyProvider } from './certificates/issuer-key.provider';
import { StatusListsRepository } from './status-lists/status-lists.repository';
import { StatusListsService } from './status-lists/status-lists.service';

/** Certificate issuance, for the worker process. */
@Module({
  imports: [IdentityModule, StorageModule, CardOutlineModule, BullModule.registerQueue({ name: QUEUES.certificates })],
  providers: [
    CertificateIssuer,
    IssuanceRepository,
    IssuerKeyProvider,
    StatusListsRepository,
    StatusListsService,
    CertificateProcessor,
    CertificateExpiryScheduler,
  ],
  exports: [BullModule, CertificateIssuer],
})
export class CertificatesWorkerModule {}
