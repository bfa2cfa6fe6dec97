import { Module } from '@nestjs/common';
import { IdentityModule } from '@qualcert/identity';
import { StorageModule } from '@qualcert/shared';
import { EvidenceController } from './evidence/evidence.controller';
import { EvidenceUploadInterceptor } from './evidence/evidence-upload.interceptor';
import { EvidenceQuotaRepository } from './evidence/evidence-quota.repository';
import { EvidenceService } from './evidence/evidence.service';

@Module({
  imports: [IdentityModule, StorageModule],
  controllers: [EvidenceController],
  providers: [EvidenceService, EvidenceUploadInterceptor, EvidenceQuotaRepository],
  exports: [EvidenceService],
})
export class EvidenceModule {}
