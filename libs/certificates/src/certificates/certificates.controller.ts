import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query, StreamableFile } from '@nestjs/common';
import { RouteSchema } from '@nestjs/platform-fastify';
import { ApiBody, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsDefined, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { Actor, Authenticated, CurrentActor } from '@qualcert/identity';
import {
  checkFastFirst,
  DomainException,
  PublicRoute,
  RateLimited,
  Trimmed,
  UuidParamPipe,
  fieldError,
  fieldRule,
} from '@qualcert/shared';
import { publicKeyDocument } from '../credentials/credential-signer';
import { StatusListsService } from '../status-lists/status-lists.service';
import { CertificateVerifier, PublicCertificate } from './certificate-verifier';
import {
  CertificateDto,
  CredentialVerificationDto,
  PUBLIC_CERTIFICATE_SCHEMA,
  PublicCertificateDto,
} from './certificates.dto';
import { CertificatesService } from './certificates.service';
import { CREDENTIAL_SCHEMA, ISSUER_DOCUMENT_SCHEMA } from './credential-schemas';
import { IssuerKeyProvider } from './issuer-key.provider';
import { normaliseVerificationCode } from './verification-code';

export class RevokeCertificateDto {
  @ApiProperty()
  @Trimmed()
  @IsString()
  @MinLength(10)
  @MaxLength(2000)
  reason: string;
}

export class VerifyCertificateQueryDto {
  @ApiProperty({
    description:
      'The verification code printed on the certificate beside its number (10 characters; case, hyphens and spaces are ignored)',
    example: '7K3QM-Z9XA4',
  })
  @IsDefined({ message: fieldRule('verificationCode') })
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? (normaliseVerificationCode(value) ?? value) : value,
  )
  @IsString({ message: fieldRule('verificationCode') })
  @Matches(/^[0-9A-HJKMNP-TV-Z]{10}$/, { message: fieldRule('verificationCode') })
  code: string;
}

/**
 * Public verification is the hottest route: a query of the code alone, which normalises to a
 * canonical code, skips class-transformer and class-validator (they would give the same DTO);
 * anything else goes their way and is answered as before.
 */
export function verifyQueryFastCheck(value: unknown): VerifyCertificateQueryDto | undefined {
  if (typeof value !== 'object' || value === null) return;
  const keys = Object.keys(value);
  if (keys.length !== 1 || keys[0] !== 'code') return;
  const raw = (value as { code: unknown }).code;
  const code = typeof raw === 'string' ? normaliseVerificationCode(raw) : null;
  if (code === null) return;
  const dto = new VerifyCertificateQueryDto();
  dto.code = code;
  return dto;
}
checkFastFirst(VerifyCertificateQueryDto, verifyQueryFastCheck);

const NUMBER = /^[A-Z0-9]{2,10}-\d{4}-\d{6}$/;
const CENTRE_CODE = /^[A-Z0-9]{2,10}$/;

@ApiTags('certificates')
@Controller()
export class CertificatesController {
  constructor(
    private readonly certificates: CertificatesService,
    private readonly verifier: CertificateVerifier,
    private readonly issuer: IssuerKeyProvider,
    private readonly statusLists: StatusListsService,
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

  @Get('applications/:id/credit-credentials')
  @Authenticated({
    roles: ['admin', 'centre_manager', 'candidate'],
    summary:
      'The signed Open Badges 3.0 credentials for partial credit: one per labour function with skills credited by a decision that did not award the card',
    notFound: true,
  })
  creditCredentials(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string) {
    return this.certificates.creditCredentials(actor, id);
  }

  @Get('certificates/:id/pdf')
  @Authenticated({
    summary: 'The certificate as a PDF (the holder, the centre, admins)',
    produces: ['application/pdf'],
    notFound: true,
  })
  async pdf(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<StreamableFile> {
    const { number, data } = await this.certificates.pdf(actor, id);
    return new StreamableFile(data, {
      type: 'application/pdf',
      disposition: `attachment; filename="${number}.pdf"`,
      length: data.length,
    });
  }

  @Get('certificates/:id/credential')
  @Authenticated({
    summary: 'The signed Open Badges 3.0 credential (the holder, the centre, admins)',
    schema: CREDENTIAL_SCHEMA,
    notFound: true,
  })
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
    errors: ['INVALID_TRANSITION'],
  })
  async revoke(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: RevokeCertificateDto,
  ) {
    // The credential's status-list slot is the issuer's business, not part of the answer.
    const {
      statusList: _list,
      statusIndex: _index,
      ...certificate
    } = await this.certificates.revoke(actor, id, dto.reason);
    return certificate;
  }

  @Get('public/certificates/:number')
  @RouteSchema({ response: { 200: PUBLIC_CERTIFICATE_SCHEMA } })
  @RateLimited('public-verification')
  @PublicRoute({
    summary:
      'Verify a certificate by its number and the verification code printed on it: valid, expired or revoked, and whose (an unknown number and a wrong code are the same 404)',
    type: PublicCertificateDto,
    notFound: true,
    throttled: true,
  })
  verify(@Param('number') number: string, @Query() query: VerifyCertificateQueryDto): Promise<PublicCertificate> {
    if (!NUMBER.test(number)) throw DomainException.validation([fieldError('number', 'field:certificateNumber')]);
    return this.verifier.verifyNumber(number, query.code);
  }

  @Post('public/credentials/verify')
  @HttpCode(HttpStatus.OK)
  @ApiBody({ schema: { type: 'object', additionalProperties: true, description: 'A signed credential as issued' } })
  @RateLimited('public-verification')
  @PublicRoute({
    summary: 'Check a presented credential: signature, issuer key, validity, status; says which check failed',
    type: CredentialVerificationDto,
    throttled: true,
  })
  verifyCredential(@Body() body: unknown) {
    return this.verifier.verifyCredential(body);
  }

  @Get('public/issuer')
  @PublicRoute({
    summary: 'The issuer’s public key (Multikey) that credentials are verified against',
    schema: ISSUER_DOCUMENT_SCHEMA,
  })
  issuerKey() {
    return publicKeyDocument(this.issuer.key, this.issuer.issuerId, this.issuer.verificationMethodId);
  }

  @Get('public/issuers/:code')
  @PublicRoute({
    summary: 'A centre’s issuer profile (Open Badges 3.0 Profile): the issuer of the credentials it issues',
    notFound: true,
  })
  async issuerProfile(@Param('code') code: string) {
    const profile = CENTRE_CODE.test(code) ? await this.verifier.issuerProfile(code) : null;
    if (!profile) throw DomainException.notFound('Issuer', code);
    return profile;
  }

  @Get('public/status-lists/:code/:list')
  @PublicRoute({
    summary:
      'A centre’s revocation list: a signed BitstringStatusListCredential (W3C Bitstring Status List), a bit per credential',
    notFound: true,
  })
  async statusList(@Param('code') code: string, @Param('list') list: string) {
    const found =
      CENTRE_CODE.test(code) && /^\d{1,9}$/.test(list) ? await this.statusLists.published(code, Number(list)) : null;
    if (!found) throw DomainException.notFound('StatusList', `${code}/${list}`);
    return found;
  }
}
