import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { IdentityModule } from '@qualcert/identity';
import { AppConfig } from '@qualcert/shared';
import { EvidenceController } from './evidence/evidence.controller';
import { EvidenceQuotaRepository } from './evidence/evidence-quota.repository';
import { EvidenceService } from './evidence/evidence.service';
import { createFileStorage } from './storage/file-storage.factory';
import { FILE_STORAGE } from './storage/file-storage';
import { readStorageConfig } from './storage/storage.config';

@Module({
  imports: [
    IdentityModule,
    MulterModule.registerAsync({
      inject: [AppConfig],
      // No storage option: multer holds the upload in memory, up to the limit, so the type is
      // judged and the hash taken before anything is stored.
      useFactory: (config: AppConfig) => ({
        limits: { fileSize: config.EVIDENCE_MAX_BYTES, files: 1, fields: 10 },
        // Browsers send UTF-8 names; multer would read them as Latin-1 and garble Cyrillic.
        defParamCharset: 'utf8',
      }),
    }),
  ],
  controllers: [EvidenceController],
  providers: [
    EvidenceService,
    EvidenceQuotaRepository,
    { provide: FILE_STORAGE, useFactory: () => createFileStorage(readStorageConfig(process.env)) },
  ],
  exports: [EvidenceService, FILE_STORAGE],
})
export class EvidenceModule {}
