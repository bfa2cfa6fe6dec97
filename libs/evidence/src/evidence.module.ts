import { Module } from '@nestjs/common';
import { IdentityModule } from '@qualcert/identity';
import { EvidenceController } from './evidence/evidence.controller';
import { EvidenceUploadInterceptor } from './evidence/evidence-upload.interceptor';
import { EvidenceQuotaRepository } from './evidence/evidence-quota.repository';
import { EvidenceService } from './evidence/evidence.service';
import { createFileStorage } from './storage/file-storage.factory';
import { FILE_STORAGE } from './storage/file-storage';
import { readStorageConfig } from './storage/storage.config';

@Module({
  imports: [IdentityModule],
  controllers: [EvidenceController],
  providers: [
    EvidenceService,
    EvidenceUploadInterceptor,
    EvidenceQuotaRepository,
    { provide: FILE_STORAGE, useFactory: () => createFileStorage(readStorageConfig(process.env)) },
  ],
  exports: [EvidenceService, FILE_STORAGE],
})
export class EvidenceModule {}
