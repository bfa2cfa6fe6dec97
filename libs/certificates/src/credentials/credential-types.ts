/**
 * The shapes of the credential this module issues: an Open Badges 3.0 `OpenBadgeCredential`, which
 * is a W3C Verifiable Credential (Data Model 2.0), secured with a Data Integrity proof.
 *
 * Only the properties this module writes are typed; both specs allow more.
 * OB 3.0: https://www.imsglobal.org/spec/ob/v3p0/  VC 2.0: https://www.w3.org/TR/vc-data-model-2.0/
 */

export const VC_V2_CONTEXT = 'https://www.w3.org/ns/credentials/v2';
export const OB_V3_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
/** Defines `1EdTechJsonSchemaValidator2019`, the type of the schema the credential names. */
export const OB_V3_EXTENSIONS_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json';
export const OB_V3_CREDENTIAL_SCHEMA =
  'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json';

export interface IssuerProfile {
  id: string;
  type: ['Profile'];
  name: string;
  url?: string;
}

/** OB 3.0 Alignment: a link from the achievement or a result to a node of an external framework. */
export interface Alignment {
  type: ['Alignment'];
  targetName: string;
  /** Required by OB 3.0; a `urn:uuid:` of the catalogue row when there is no public page for it. */
  targetUrl: string;
  targetDescription?: string;
  targetCode?: string;
  targetFramework?: string;
  /** An OB 3.0 AlignmentTargetType, or an `ext:` term where none of them fits. */
  targetType: string;
}

/** OB 3.0 ResultDescription: what one kind of result on this achievement means. */
export interface ResultDescription {
  id: string;
  type: ['ResultDescription'];
  name: string;
  resultType: 'Status';
}

/** OB 3.0 Result: the holder's result against one ResultDescription. */
export interface AchievementResult {
  type: ['Result'];
  /** The `id` of the ResultDescription in the achievement. */
  resultDescription: string;
  /** Required when the ResultDescription's resultType is `Status`; only credited skills are listed. */
  status: 'Completed';
  /** How the skill was credited, as the registry records it (`passed`, `credited_by_evidence`, …). */
  value: string;
  alignment: Alignment[];
}

/** OB 3.0 IdentifierEntry: another identifier of the achievement itself (not of the holder). */
export interface IdentifierEntry {
  /** A string, not a list: the OB 3.0 JSON Schema allows only the one value. */
  type: 'IdentifierEntry';
  identifier: string;
  identifierType: string;
}

/** OB 3.0 IdentityObject: one way of identifying the holder when there is no holder `id` (DID). */
export interface IdentityObject {
  /** A string, not a list: the OB 3.0 JSON Schema allows only the one value. */
  type: 'IdentityObject';
  identityType: string;
  hashed: false;
  identityHash: string;
}

export interface Achievement {
  id: string;
  type: ['Achievement'];
  /** `Certification` for the card; `Competency` for a labour function credited without the card. */
  achievementType: 'Certification' | 'Competency';
  name: string;
  description: string;
  criteria: { narrative: string };
  version: string;
  alignment: Alignment[];
  resultDescription: ResultDescription[];
  otherIdentifier: IdentifierEntry[];
}

export interface AchievementSubject {
  type: ['AchievementSubject'];
  identifier: IdentityObject[];
  /** The certificate number, which OB 3.0 calls the license number issued with the credential. */
  licenseNumber?: string;
  achievement: Achievement;
  result: AchievementResult[];
}

/** W3C Bitstring Status List v1.0: the credential's bit in a list its issuer publishes. */
export interface BitstringStatusListEntry {
  id: string;
  type: 'BitstringStatusListEntry';
  statusPurpose: 'revocation';
  /** The bit's position, as a string of digits, as the spec types it. */
  statusListIndex: string;
  statusListCredential: string;
}

export interface CredentialSchema {
  id: string;
  type: '1EdTechJsonSchemaValidator2019';
}

export interface OpenBadgeCredential {
  '@context': [typeof VC_V2_CONTEXT, typeof OB_V3_CONTEXT, typeof OB_V3_EXTENSIONS_CONTEXT];
  id: string;
  type: ['VerifiableCredential', 'OpenBadgeCredential'];
  name: string;
  description: string;
  issuer: IssuerProfile;
  validFrom: string;
  validUntil?: string;
  awardedDate: string;
  credentialSubject: AchievementSubject;
  credentialSchema: CredentialSchema[];
  credentialStatus?: BitstringStatusListEntry;
}

/** A Data Integrity proof made with the `eddsa-jcs-2022` cryptosuite. */
export interface DataIntegrityProof {
  type: 'DataIntegrityProof';
  cryptosuite: 'eddsa-jcs-2022';
  created: string;
  verificationMethod: string;
  proofPurpose: 'assertionMethod';
  /** A copy of the document's `@context`; the cryptosuite adds it so the context is signed too. */
  '@context'?: unknown;
  proofValue: string;
}

export type SignedCredential<T extends object = OpenBadgeCredential> = T & { proof: DataIntegrityProof };
