import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';

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
