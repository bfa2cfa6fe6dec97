import { Module } from '@nestjs/common';
import { EvidenceModule } from '@qualcert/evidence';
import { IdentityModule } from '@qualcert/identity';
import { CertificatesController } from './certificates/certificates.controller';
import { CertificatesService } from './certificates/certificates.service';
import { IssuerKeyProvider } from './certificates/issuer-key.provider';

@Module({
  imports: [IdentityModule, EvidenceModule],
  controllers: [CertificatesController],
  providers: [CertificatesService, IssuerKeyProvider],
  exports: [CertificatesService],
})
export class CertificatesModule {}
