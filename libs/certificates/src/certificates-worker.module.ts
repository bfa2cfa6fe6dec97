import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { createFileStorage, FILE_STORAGE, readStorageConfig } from '@qualcert/evidence';
import { IdentityModule } from '@qualcert/identity';
import { QUEUES } from '@qualcert/shared';
import { CertificateExpiryScheduler, CertificateProcessor } from './certificates/certificate.processor';
import { CertificateIssuer } from './certificates/certificate-issuer';
import { IssuerKeyProvider } from './certificates/issuer-key.provider';
import { StatusListsRepository } from './status-lists/status-lists.repository';
import { StatusListsService } from './status-lists/status-lists.service';

/** Certificate issuance, for the worker process. */
@Module({
  imports: [IdentityModule, BullModule.registerQueue({ name: QUEUES.certificates })],
  providers: [
    CertificateIssuer,
    IssuerKeyProvider,
    StatusListsRepository,
    StatusListsService,
    CertificateProcessor,
    CertificateExpiryScheduler,
    { provide: FILE_STORAGE, useFactory: () => createFileStorage(readStorageConfig(process.env)) },
  ],
  exports: [BullModule, CertificateIssuer],
})
export class CertificatesWorkerModule {}
