import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import type { PublicCertificate } from './certificates.service';

class PublicCardDto {
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true }) occupationCode: string | null;
  @ApiProperty() orkLevel: number;
}

class PublicCentreDto {
  @ApiProperty() code: string;
  @ApiProperty() name: string;
}

/** What the public verification of a certificate shows, for OpenAPI. */
export class PublicCertificateDto implements PublicCertificate {
  @ApiProperty({ example: 'DEMO-2026-000001' }) number: string;
  @ApiProperty({ enum: ['valid', 'expired', 'revoked'] }) status: 'valid' | 'expired' | 'revoked';
  @ApiProperty() holderName: string;
  @ApiProperty({ type: PublicCardDto }) card: PublicCardDto;
  @ApiProperty({ format: 'date' }) issuedOn: string;
  @ApiProperty({ format: 'date' }) validUntil: string;
  @ApiProperty({ type: PublicCentreDto }) centre: PublicCentreDto;
  @ApiPropertyOptional() revokedAt?: string;
  @ApiPropertyOptional() revokeReason?: string;
}

/** The signed credential (W3C VC 2.0 / Open Badges 3.0 AchievementCredential), its outline. */
export const CREDENTIAL_SCHEMA: SchemaObject = {
  type: 'object',
  description: 'An Open Badges 3.0 AchievementCredential on the W3C VC 2.0 data model, with its Data Integrity proof',
  required: ['@context', 'type', 'issuer', 'credentialSubject', 'proof'],
  properties: {
    '@context': { type: 'array', items: { type: 'string' } },
    id: { type: 'string' },
    type: { type: 'array', items: { type: 'string' } },
    issuer: { type: 'object', additionalProperties: true },
    validFrom: { type: 'string', format: 'date-time' },
    validUntil: { type: 'string', format: 'date-time' },
    credentialSubject: { type: 'object', additionalProperties: true },
    credentialStatus: { type: 'object', additionalProperties: true },
    proof: { type: 'object', additionalProperties: true },
  },
  additionalProperties: true,
};

/** The issuer's controller document: its public key as a Multikey, for assertions. */
export const ISSUER_DOCUMENT_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['@context', 'id', 'verificationMethod', 'assertionMethod'],
  properties: {
    '@context': { type: 'array', items: { type: 'string' } },
    id: { type: 'string' },
    verificationMethod: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'type', 'controller', 'publicKeyMultibase'],
        properties: {
          id: { type: 'string' },
          type: { type: 'string', enum: ['Multikey'] },
          controller: { type: 'string' },
          publicKeyMultibase: { type: 'string' },
        },
      },
    },
    assertionMethod: { type: 'array', items: { type: 'string' } },
  },
  additionalProperties: true,
};
