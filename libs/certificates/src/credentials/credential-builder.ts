import {
  Achievement,
  AchievementResult,
  Alignment,
  IdentifierEntry,
  IdentityObject,
  OB_V3_CONTEXT,
  OB_V3_CREDENTIAL_SCHEMA,
  OpenBadgeCredential,
  ResultDescription,
  VC_V2_CONTEXT,
} from './credential-types';

/**
 * Builds the unsigned Open Badges 3.0 credential for a certificate (DOMAIN.md §6).
 *
 * Mapping choices, since OB 3.0 has no notion of a professional-standard card:
 * - the card is the Achievement (`achievementType: Certification`), identified by the card's row id
 *   (`urn:uuid:`) because a card belongs to exactly one imported version of its standard;
 * - the card and each credited skill are Alignments; a skill aligns as a `ceasn:Competency`, the card
 *   as an `ext:ProfessionCard` because none of OB's target types means an occupational profile;
 * - each credited skill is a Result whose ResultDescription has `resultType: Status`, so the result
 *   carries `status: Completed` and says in `value` how the skill was credited;
 * - the holder has no DID, so they are identified by an IdentityObject of their name, as OB 3.0 allows
 *   when `credentialSubject.id` is absent, and a verifier matches it against their identity document.
 *   No ИИН, not even masked or hashed (issue 17): a masked one still gives the birth date and sex, and
 *   an ИИН has so few possible values (a birth date, a century-and-sex digit, four serial digits, a
 *   check digit) that its salted SHA-256, with the salt in the credential as OB 3.0's IdentityHash
 *   needs for anyone to match it, is reversed by trying them all in seconds;
 * - the certificate number is the subject's `licenseNumber`.
 */

export interface CredentialSkillInput {
  id: string;
  title: string;
  functionTitle: string;
  /** How the skill was credited, e.g. 'passed' or 'credited_by_evidence'. */
  result: string;
}

export interface BuildCredentialInput {
  /** URL of the credential, e.g. `${baseUrl}/api/v1/public/credentials/${number}`. */
  id: string;
  number: string;
  /** `id` is a URL such as `${baseUrl}/issuers/${centreCode}`, or a did:web. */
  issuer: { id: string; name: string; url?: string };
  /** The holder's name only: a credential is handed around, so it carries no ИИН (see above). */
  holder: { name: string };
  card: {
    id: string;
    name: string;
    occupationCode: string | null;
    orkLevel: number;
    standardTitle: string;
    standardVersion: number;
    /** SHA-256 (hex) of the standard version's content, which the certificate was assessed against. */
    standardHash: string;
    /** Number of the order approving the standard, e.g. '394/НҚ'. */
    orderNumber: string | null;
  };
  skills: CredentialSkillInput[];
  /** ISO 8601 date-time with a time zone. */
  validFrom: string;
  /** ISO 8601 date-time with a time zone. */
  validUntil: string;
  /** Where the revocation status can be looked up; omitted from the credential when absent. */
  credentialStatusUrl?: string;
}

// VC 2.0 types validFrom/validUntil as xsd:dateTimeStamp, which requires the time zone.
const DATE_TIME_STAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function buildCredential(input: BuildCredentialInput): OpenBadgeCredential {
  assertValidInput(input);
  const { card, holder, issuer } = input;

  const achievementId = catalogueUrn('card', card.id);
  const framework = `${card.standardTitle}, version ${card.standardVersion}`;

  const cardAlignment: Alignment = {
    type: ['Alignment'],
    targetName: card.name,
    targetUrl: achievementId,
    targetDescription: `ОРК level ${card.orkLevel}`,
    ...(card.occupationCode ? { targetCode: card.occupationCode } : {}),
    targetFramework: framework,
    targetType: 'ext:ProfessionCard',
  };

  const skillAlignments = input.skills.map((skill): Alignment => ({
    type: ['Alignment'],
    targetName: skill.title,
    targetUrl: catalogueUrn('skill', skill.id),
    targetDescription: `Labour function: ${skill.functionTitle}`,
    targetCode: skill.id,
    targetFramework: framework,
    targetType: 'ceasn:Competency',
  }));

  // Fragment ids on the achievement keep each description addressable without inventing a public URL.
  const resultDescriptionId = (skillId: string): string => `${achievementId}#skill-${encodeURIComponent(skillId)}`;

  const resultDescriptions = input.skills.map((skill): ResultDescription => ({
    id: resultDescriptionId(skill.id),
    type: ['ResultDescription'],
    name: skill.title,
    resultType: 'Status',
  }));

  const results = input.skills.map((skill, index): AchievementResult => ({
    type: ['Result'],
    resultDescription: resultDescriptionId(skill.id),
    status: 'Completed',
    value: skill.result,
    alignment: [skillAlignments[index]],
  }));

  const otherIdentifier: IdentifierEntry[] = [
    { type: ['IdentifierEntry'], identifier: card.standardHash, identifierType: 'ext:StandardVersionSha256' },
  ];
  if (card.orderNumber) {
    otherIdentifier.push({
      type: ['IdentifierEntry'],
      identifier: card.orderNumber,
      identifierType: 'ext:StandardApprovalOrder',
    });
  }

  const standardReference =
    `the professional standard "${card.standardTitle}", version ${card.standardVersion}` +
    (card.orderNumber ? ` (approved by order № ${card.orderNumber})` : '');

  const achievement: Achievement = {
    id: achievementId,
    type: ['Achievement'],
    achievementType: 'Certification',
    name: card.name,
    description: `Professional qualification "${card.name}", ОРК level ${card.orkLevel}, defined by ${standardReference}.`,
    criteria: {
      narrative:
        `Awarded after an independent assessment against ${standardReference}, when every skill of every ` +
        'mandatory labour function of the card is credited, by examination or by accepted evidence of prior ' +
        'learning. The credited skills are listed as results.',
    },
    version: String(card.standardVersion),
    alignment: [cardAlignment, ...skillAlignments],
    resultDescription: resultDescriptions,
    otherIdentifier,
  };

  const identifier: IdentityObject[] = [
    { type: ['IdentityObject'], identityType: 'name', hashed: false, identityHash: holder.name },
  ];

  return {
    '@context': [VC_V2_CONTEXT, OB_V3_CONTEXT],
    id: input.id,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: `Certificate ${input.number}: ${card.name}`,
    description: `${holder.name} holds the professional qualification "${card.name}" (ОРК level ${card.orkLevel}), issued by ${issuer.name}.`,
    issuer: { id: issuer.id, type: ['Profile'], name: issuer.name, ...(issuer.url ? { url: issuer.url } : {}) },
    validFrom: input.validFrom,
    validUntil: input.validUntil,
    awardedDate: input.validFrom,
    credentialSubject: {
      type: ['AchievementSubject'],
      identifier,
      licenseNumber: input.number,
      achievement,
      result: results,
    },
    credentialSchema: [{ id: OB_V3_CREDENTIAL_SCHEMA, type: '1EdTechJsonSchemaValidator2019' }],
    ...(input.credentialStatusUrl
      ? { credentialStatus: { id: input.credentialStatusUrl, type: '1EdTechRevocationList' } }
      : {}),
  };
}

/** `urn:uuid:` for the catalogue's UUID keys; anything else still gets a stable, valid URI. */
function catalogueUrn(kind: 'card' | 'skill', id: string): string {
  return UUID.test(id) ? `urn:uuid:${id.toLowerCase()}` : `urn:x-qualcert:${kind}:${encodeURIComponent(id)}`;
}

function assertValidInput(input: BuildCredentialInput): void {
  assertUri(input.id, 'id');
  assertUri(input.issuer.id, 'issuer.id');
  if (input.issuer.url !== undefined) assertUri(input.issuer.url, 'issuer.url');
  if (input.credentialStatusUrl !== undefined) assertUri(input.credentialStatusUrl, 'credentialStatusUrl');
  if (!input.number.trim()) throw new Error('Credential number is empty');
  if (!input.holder.name.trim()) throw new Error('Holder name is empty');
  if (!Number.isInteger(input.card.orkLevel)) throw new Error('card.orkLevel must be an integer');
  const from = parseDateTimeStamp(input.validFrom, 'validFrom');
  const until = parseDateTimeStamp(input.validUntil, 'validUntil');
  if (until <= from) throw new Error('validUntil must be after validFrom');
  const skillIds = new Set<string>();
  for (const skill of input.skills) {
    if (skillIds.has(skill.id)) throw new Error(`Skill ${skill.id} is listed twice`);
    skillIds.add(skill.id);
  }
}

function assertUri(value: string, field: string): void {
  // `new URL` accepts any absolute URI with a scheme, which covers https:, did: and urn: alike.
  if (!URL.canParse(value)) throw new Error(`${field} is not an absolute URI: ${value}`);
}

function parseDateTimeStamp(value: string, field: string): number {
  const time = Date.parse(value);
  if (!DATE_TIME_STAMP.test(value) || Number.isNaN(time)) {
    throw new Error(`${field} must be an ISO 8601 date-time with a time zone: ${value}`);
  }
  return time;
}
