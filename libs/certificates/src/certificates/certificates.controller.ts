import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, StreamableFile } from '@nestjs/common';
import { ApiBody, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { Actor, Authenticated, CurrentActor } from '@qualcert/identity';
import { DomainException, PublicRoute, RateLimited, Trimmed, UuidParamPipe } from '@qualcert/shared';
import { CertificateDto, CredentialVerificationDto } from './certificates.dto';
import { CertificatesService, PublicCertificate } from './certificates.service';
import { IssuerKeyProvider } from './issuer-key.provider';
import { publicKeyDocument } from '../credentials/credential-signer';

export class RevokeCertificateDto {
  @ApiProperty()
  @Trimmed()
  @IsString()
  @MinLength(10)
  @MaxLength(2000)
  reason: string;
}

const NUMBER = /^[A-Z0-9]{2,10}-\d{4}-\d{6}$/;

@ApiTags('certificates')
@Controller()
export class CertificatesController {
  constructor(
    private readonly certificates: CertificatesService,
    private readonly issuer: IssuerKeyProvider,
  ) {}

  @Get('applications/:id/certificate')
  @Authenticated({
    roles: ['admin', 'centre_manager', 'candidate'],
    summary: 'The certificate issued for an application',
    type: CertificateDto,
    notFound: true,
  })
  forApplication(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string) {
    return this.certificates.forApplication(actor, id);
  }

  @Get('certificates/:id/pdf')
  @Authenticated({ summary: 'The certificate as a PDF (the holder, the centre, admins)', notFound: true })
  async pdf(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<StreamableFile> {
    const { number, data } = await this.certificates.pdf(actor, id);
    return new StreamableFile(data, {
      type: 'application/pdf',
      disposition: `attachment; filename="${number}.pdf"`,
      length: data.length,
    });
  }

  @Get('certificates/:id/credential')
  @Authenticated({ summary: 'The signed Open Badges 3.0 credential (the holder, the centre, admins)', notFound: true })
  credential(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string) {
    return this.certificates.credential(actor, id);
  }

  @Post('certificates/:id/revoke')
  @HttpCode(HttpStatus.OK)
  @Authenticated({
    roles: ['admin', 'centre_manager'],
    summary: 'Revoke a certificate with a reason (it stays in the registry as revoked)',
    type: CertificateDto,
    notFound: true,
    conflict: true,
  })
  revoke(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string, @Body() dto: RevokeCertificateDto) {
    return this.certificates.revoke(actor, id, dto.reason);
  }

  @Get('public/certificates/:number')
  @RateLimited('public-verification')
  @PublicRoute({
    summary: 'Verify a certificate by its number: valid, expired or revoked, and whose',
    notFound: true,
    throttled: true,
  })
  verify(@Param('number') number: string): Promise<PublicCertificate> {
    if (!NUMBER.test(number))
      throw DomainException.validation([{ field: 'number', messages: ['number must look like CODE-2026-000001'] }]);
    return this.certificates.verifyNumber(number);
  }

  @Post('public/credentials/verify')
  @HttpCode(HttpStatus.OK)
  @ApiBody({ schema: { type: 'object', description: 'A signed credential as issued' } })
  @RateLimited('public-verification')
  @PublicRoute({
    summary: 'Check a presented credential: signature, issuer key, validity, status; says which check failed',
    type: CredentialVerificationDto,
    throttled: true,
  })
  verifyCredential(@Body() body: unknown) {
    return this.certificates.verifyCredential(body);
  }

  @Get('public/issuer')
  @PublicRoute({ summary: 'The issuer’s public key (Multikey) that credentials are verified against' })
  issuerKey() {
    return publicKeyDocument(this.issuer.key, this.issuer.issuerId, this.issuer.verificationMethodId);
  }
}
