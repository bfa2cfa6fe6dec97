import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** A certificate's row as its holder, its centre and admins read it. */
export class CertificateDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'AST01-2026-000001' }) number: string;
  @ApiProperty({ description: 'Printed beside the number; the public lookup needs both' }) verificationCode: string;
  @ApiPropertyOptional({ description: 'The public page with the code (the application’s certificate carries it)' })
  verificationUrl?: string;
  @ApiProperty({ format: 'uuid' }) decisionId: string;
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty({ format: 'uuid' }) holderId: string;
  @ApiProperty({ format: 'uuid' }) centreId: string;
  @ApiProperty({ format: 'uuid' }) cardId: string;
  @ApiProperty() holderName: string;
  @ApiProperty() maskedIin: string;
  @ApiProperty({ format: 'date' }) issuedOn: string;
  @ApiProperty({ format: 'date' }) validUntil: string;
  @ApiProperty({ description: 'The validity granted at sign-off, in months (validUntil follows from it)' })
  validityMonths: number;
  @ApiProperty({ enum: ['valid', 'expired', 'revoked'] }) status: string;
  @ApiProperty({ nullable: true, type: Date }) revokedAt: Date | null;
  @ApiProperty({ nullable: true, type: String }) revokeReason: string | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'What the public page and the credential show: card, standard, centre, credited skills',
  })
  contents: Record<string, unknown>;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The signed Open Badges 3.0 credential' })
  credential: Record<string, unknown>;
  @ApiProperty({ description: 'Where the PDF is stored' }) pdfKey: string;
  @ApiProperty() createdAt: Date;
}

export class CredentialChecksDto {
  @ApiProperty({ enum: ['valid', 'invalid', 'missing'] }) signature: string;
  @ApiProperty({ enum: ['known', 'unknown'] }) issuerKey: string;
  @ApiProperty({ enum: ['valid', 'expired', 'not_yet_valid'] }) expiry: string;
  @ApiProperty({
    enum: ['valid', 'expired', 'revoked', 'unknown'],
    description: 'Revoked when the registry or the status list says so',
  })
  status: string;
  @ApiProperty({
    enum: ['valid', 'revoked', 'unknown', 'absent'],
    description:
      "The credential's bit in its issuer's Bitstring Status List (absent: no status entry; unknown: not a list this system signed)",
  })
  statusList: string;
}

/** The outcome of checking a presented credential, check by check. */
export class CredentialVerificationDto {
  @ApiProperty({ description: 'True only when every check passed' }) verified: boolean;
  @ApiProperty({ type: CredentialChecksDto }) checks: CredentialChecksDto;
  @ApiProperty({ type: [String], description: 'The checks that did not pass (signature, issuerKey, expiry, status)' })
  failed: string[];
  @ApiProperty({ type: [String], description: 'Why, in words' }) errors: string[];
}

export class PublicCardDto {
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String, example: '4224-5-003' }) occupationCode: string | null;
  @ApiProperty({ minimum: 1, maximum: 8 }) orkLevel: number;
}

export class PublicCentreDto {
  @ApiProperty({ example: 'DEMO' }) code: string;
  @ApiProperty() name: string;
}

export class PublicSkillDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
}

export class PublicFunctionDto {
  @ApiProperty() title: string;
  @ApiProperty({ enum: ['mandatory', 'additional'] }) kind: string;
  @ApiProperty({ type: [PublicSkillDto] }) skills: PublicSkillDto[];
}

/** What anyone holding the number and the code reads of a certificate (no ИИН). */
export class PublicCertificateDto {
  @ApiProperty({ example: 'DEMO-2026-000001' }) number: string;
  @ApiProperty({ enum: ['valid', 'expired', 'revoked'] }) status: string;
  @ApiProperty() holderName: string;
  @ApiProperty({ type: PublicCardDto }) card: PublicCardDto;
  @ApiProperty({ format: 'date' }) issuedOn: string;
  @ApiProperty({ format: 'date' }) validUntil: string;
  @ApiProperty({ type: PublicCentreDto }) centre: PublicCentreDto;
  @ApiProperty({ type: [PublicFunctionDto], description: 'The credited labour functions and their skills' })
  functions: PublicFunctionDto[];
  @ApiPropertyOptional({ description: 'Only when revoked' }) revokedAt?: string;
  @ApiPropertyOptional({ description: 'Only when revoked' }) revokeReason?: string;
}

// Kept as stored: a certificate's contents may carry more than the documented fields (a centre's
// accreditation), and the answer sends them as it always has.
const object = (properties: Record<string, unknown>) => ({ type: 'object', properties, additionalProperties: true });

/**
 * The verification answer's JSON schema, which Fastify compiles into the route's serializer (the
 * hottest public route; docs/PERFORMANCE.md). Its fields in the order the answer always had: the
 * verifier's at the top, and PostgreSQL's jsonb order (shorter keys first) inside the contents.
 */
export const PUBLIC_CERTIFICATE_SCHEMA = object({
  number: { type: 'string' },
  status: { type: 'string' },
  holderName: { type: 'string' },
  card: object({
    name: { type: 'string' },
    orkLevel: { type: 'number' },
    occupationCode: { type: ['string', 'null'] },
  }),
  issuedOn: { type: 'string' },
  validUntil: { type: 'string' },
  centre: object({ code: { type: 'string' }, name: { type: 'string' } }),
  functions: {
    type: 'array',
    items: object({
      kind: { type: 'string' },
      title: { type: 'string' },
      skills: { type: 'array', items: object({ id: { type: 'string' }, title: { type: 'string' } }) },
    }),
  },
  revokedAt: { type: 'string' },
  revokeReason: { type: 'string' },
});
