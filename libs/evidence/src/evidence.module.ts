import { Module } from '@nestjs/common';
import { IdentityModule } from '@qualcert/identity';
import { StorageModule } from '@qualcert/shared';
import { CardOutlineModule } from '@qualcert/standards';
import { EvidenceController } from './evidence/evidence.controller';
import { EvidenceUploadInterceptor } from './evidence/evidence-upload.interceptor';
import { EvidenceQuotaRepository } from './evidence/evidence-quota.repository';
import { EvidenceRepository } from './evidence/evidence.repository';
import { EvidenceService } from './evidence/evidence.service';

@Module({
  imports: [IdentityModule, StorageModule, CardOutlineModule],
  controllers: [EvidenceController],
  providers: [EvidenceService, EvidenceUploadInterceptor, EvidenceQuotaRepository, EvidenceRepository],
  exports: [EvidenceService],
})
export class EvidenceModule {}
