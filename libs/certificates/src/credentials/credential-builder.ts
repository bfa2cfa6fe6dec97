import {
  Achievement,
  AchievementResult,
  Alignment,
  IdentifierEntry,
  BitstringStatusListEntry,
  IdentityObject,
  OB_V3_CONTEXT,
  OB_V3_EXTENSIONS_CONTEXT,
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
 *   when `credentialSubject.id` is absent, and a verifier matches it against their identity document;
 *   that is the only place the name appears (not in the credential's name or description).
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

/** The credential's bit in its issuer's Bitstring Status List. */
export interface CredentialStatusInput {
  /** URL of the BitstringStatusListCredential. */
  listCredential: string;
  index: number;
}

export interface BuildCredentialInput {
  /** The credential's id: a `urn:uuid:` (docs/CREDENTIALS.md). */
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
  status?: CredentialStatusInput;
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

  const otherIdentifier = standardIdentifiers(card);
  const standardReference = standardReferenceOf(card);

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

  return {
    '@context': [VC_V2_CONTEXT, OB_V3_CONTEXT, OB_V3_EXTENSIONS_CONTEXT],
    id: input.id,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: `Certificate ${input.number}: ${card.name}`,
    description: `The professional qualification "${card.name}" (ОРК level ${card.orkLevel}), issued by ${issuer.name}.`,
    issuer: issuerProfile(issuer),
    validFrom: input.validFrom,
    validUntil: input.validUntil,
    awardedDate: input.validFrom,
    credentialSubject: {
      type: ['AchievementSubject'],
      identifier: holderIdentifier(holder.name),
      licenseNumber: input.number,
      achievement,
      result: results,
    },
    credentialSchema: [{ id: OB_V3_CREDENTIAL_SCHEMA, type: '1EdTechJsonSchemaValidator2019' }],
    ...(input.status ? { credentialStatus: statusEntry(input.status) } : {}),
  };
}

export interface BuildCompetencyCredentialInput {
  /** The credential's id: a `urn:uuid:`. */
  id: string;
  issuer: BuildCredentialInput['issuer'];
  holder: BuildCredentialInput['holder'];
  card: BuildCredentialInput['card'];
  /** The labour function (a unit of competence of the card) whose skills were credited. */
  labourFunction: { id: string; title: string };
  /** The credited skills of that function: all of them or some. */
  skills: CredentialSkillInput[];
  /** ISO 8601 date-time with a time zone: when the decision crediting them was signed. */
  validFrom: string;
  /** The end of the credit period the decision granted, when it granted one. */
  validUntil?: string;
  status?: CredentialStatusInput;
}

/**
 * The credential for partial credit: a decision that credits skills but does not award the card
 * gives one per labour function with credited skills. The function is the Achievement, of
 * `achievementType: Competency` (OB 3.0's term for a unit of competence); its credited skills are
 * results, as on the card's credential. It is valid for the credit period the decision granted, and
 * the status list says when a decision on appeal replaced it.
 */
export function buildCompetencyCredential(input: BuildCompetencyCredentialInput): OpenBadgeCredential {
  assertUri(input.id, 'id');
  assertUri(input.issuer.id, 'issuer.id');
  if (!input.holder.name.trim()) throw new Error('Holder name is empty');
  if (input.skills.length === 0) throw new Error('A competency credential needs at least one credited skill');
  const from = parseDateTimeStamp(input.validFrom, 'validFrom');
  if (input.validUntil !== undefined && parseDateTimeStamp(input.validUntil, 'validUntil') <= from) {
    throw new Error('validUntil must be after validFrom');
  }
  const { card, issuer } = input;
  const achievementId = catalogueUrn('function', input.labourFunction.id);
  const framework = `${card.standardTitle}, version ${card.standardVersion}`;
  const resultDescriptionId = (skillId: string): string => `${achievementId}#skill-${encodeURIComponent(skillId)}`;
  const skillAlignment = (skill: CredentialSkillInput): Alignment => ({
    type: ['Alignment'],
    targetName: skill.title,
    targetUrl: catalogueUrn('skill', skill.id),
    targetDescription: `Labour function: ${skill.functionTitle}`,
    targetCode: skill.id,
    targetFramework: framework,
    targetType: 'ceasn:Competency',
  });
  const standardReference = standardReferenceOf(card);
  const achievement: Achievement = {
    id: achievementId,
    type: ['Achievement'],
    achievementType: 'Competency',
    name: input.labourFunction.title,
    description:
      `Labour function "${input.labourFunction.title}" of the professional qualification "${card.name}" ` +
      `(ОРК level ${card.orkLevel}), defined by ${standardReference}.`,
    criteria: {
      narrative:
        `Credited after an independent assessment against ${standardReference}, by examination or by ` +
        'accepted evidence of prior learning, without the whole qualification being awarded. The credited ' +
        'skills of the labour function are listed as results.',
    },
    version: String(card.standardVersion),
    alignment: [
      {
        type: ['Alignment'],
        targetName: card.name,
        targetUrl: catalogueUrn('card', card.id),
        targetDescription: `ОРК level ${card.orkLevel}`,
        ...(card.occupationCode ? { targetCode: card.occupationCode } : {}),
        targetFramework: framework,
        targetType: 'ext:ProfessionCard',
      },
      ...input.skills.map(skillAlignment),
    ],
    resultDescription: input.skills.map((skill) => ({
      id: resultDescriptionId(skill.id),
      type: ['ResultDescription'],
      name: skill.title,
      resultType: 'Status',
    })),
    otherIdentifier: standardIdentifiers(card),
  };
  return {
    '@context': [VC_V2_CONTEXT, OB_V3_CONTEXT, OB_V3_EXTENSIONS_CONTEXT],
    id: input.id,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: `Credited labour function: ${input.labourFunction.title}`,
    description: `Skills of "${card.name}" (ОРК level ${card.orkLevel}) credited by ${issuer.name}.`,
    issuer: issuerProfile(issuer),
    validFrom: input.validFrom,
    ...(input.validUntil ? { validUntil: input.validUntil } : {}),
    awardedDate: input.validFrom,
    credentialSubject: {
      type: ['AchievementSubject'],
      identifier: holderIdentifier(input.holder.name),
      achievement,
      result: input.skills.map((skill) => ({
        type: ['Result'],
        resultDescription: resultDescriptionId(skill.id),
        status: 'Completed',
        value: skill.result,
        alignment: [skillAlignment(skill)],
      })),
    },
    credentialSchema: [{ id: OB_V3_CREDENTIAL_SCHEMA, type: '1EdTechJsonSchemaValidator2019' }],
    ...(input.status ? { credentialStatus: statusEntry(input.status) } : {}),
  };
}

function issuerProfile(issuer: BuildCredentialInput['issuer']): OpenBadgeCredential['issuer'] {
  return { id: issuer.id, type: ['Profile'], name: issuer.name, ...(issuer.url ? { url: issuer.url } : {}) };
}

/** OB 3.0 places the holder's identity here, in plain text only when `hashed` says so. */
function holderIdentifier(name: string): IdentityObject[] {
  return [{ type: 'IdentityObject', identityType: 'name', hashed: false, identityHash: name }];
}

function statusEntry(status: CredentialStatusInput): BitstringStatusListEntry {
  if (!Number.isInteger(status.index) || status.index < 0) throw new Error('status.index must be a whole number');
  assertUri(status.listCredential, 'status.listCredential');
  return {
    id: `${status.listCredential}#${status.index}`,
    type: 'BitstringStatusListEntry',
    statusPurpose: 'revocation',
    statusListIndex: String(status.index),
    statusListCredential: status.listCredential,
  };
}

function standardIdentifiers(card: BuildCredentialInput['card']): IdentifierEntry[] {
  const entries: IdentifierEntry[] = [
    { type: 'IdentifierEntry', identifier: card.standardHash, identifierType: 'ext:StandardVersionSha256' },
  ];
  if (card.orderNumber) {
    entries.push({
      type: 'IdentifierEntry',
      identifier: card.orderNumber,
      identifierType: 'ext:StandardApprovalOrder',
    });
  }
  return entries;
}

function standardReferenceOf(card: BuildCredentialInput['card']): string {
  return (
    `the professional standard "${card.standardTitle}", version ${card.standardVersion}` +
    (card.orderNumber ? ` (approved by order № ${card.orderNumber})` : '')
  );
}

/** `urn:uuid:` for the catalogue's UUID keys; anything else still gets a stable, valid URI. */
function catalogueUrn(kind: 'card' | 'skill' | 'function', id: string): string {
  return UUID.test(id) ? `urn:uuid:${id.toLowerCase()}` : `urn:x-qualcert:${kind}:${encodeURIComponent(id)}`;
}

function assertValidInput(input: BuildCredentialInput): void {
  assertUri(input.id, 'id');
  assertUri(input.issuer.id, 'issuer.id');
  if (input.issuer.url !== undefined) assertUri(input.issuer.url, 'issuer.url');
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
