import { BuildCredentialInput, buildCredential } from './credential-builder';
import { canonicalizeJson } from './jcs';

const BASE = 'https://qualcert.example.kz';
const CARD_ID = '3f1c2a9e-5b7d-4c1e-9a2f-0d6e8b4c7a11';
const SKILL_1 = '8a0b6c3d-1e2f-4a5b-8c7d-9e0f1a2b3c4d';
const SKILL_2 = 'b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e';

function input(overrides: Partial<BuildCredentialInput> = {}): BuildCredentialInput {
  return {
    id: `${BASE}/api/v1/public/credentials/KZ-2025-000123`,
    number: 'KZ-2025-000123',
    issuer: {
      id: `${BASE}/issuers/ALM-01`,
      name: 'Алматинский центр оценки квалификаций',
      url: 'https://centre.example.kz',
    },
    holder: { name: 'Иванов Иван Иванович' },
    card: {
      id: CARD_ID,
      name: 'Электромонтёр по ремонту и обслуживанию электрооборудования',
      occupationCode: '7412-1-002',
      orkLevel: 4,
      standardTitle: 'Эксплуатация электрооборудования',
      standardVersion: 2,
      standardHash: 'a'.repeat(64),
      orderNumber: '394/НҚ',
    },
    skills: [
      { id: SKILL_1, title: 'Диагностика неисправностей', functionTitle: 'Техническое обслуживание', result: 'passed' },
      {
        id: SKILL_2,
        title: 'Монтаж кабельных линий',
        functionTitle: 'Монтаж электрооборудования',
        result: 'credited_by_evidence',
      },
    ],
    validFrom: '2025-03-01T00:00:00Z',
    validUntil: '2030-03-01T00:00:00Z',
    credentialStatusUrl: `${BASE}/api/v1/public/credentials/KZ-2025-000123/status`,
    ...overrides,
  };
}

describe('buildCredential', () => {
  it('builds an OpenBadgeCredential on the VC 2.0 and OB 3.0 contexts', () => {
    const credential = buildCredential(input());

    expect(credential['@context']).toEqual([
      'https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
    ]);
    expect(credential.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
    expect(credential.id).toBe(`${BASE}/api/v1/public/credentials/KZ-2025-000123`);
    expect(credential.name).toContain('KZ-2025-000123');
    expect(credential.issuer).toEqual({
      id: `${BASE}/issuers/ALM-01`,
      type: ['Profile'],
      name: 'Алматинский центр оценки квалификаций',
      url: 'https://centre.example.kz',
    });
    expect(credential.validFrom).toBe('2025-03-01T00:00:00Z');
    expect(credential.validUntil).toBe('2030-03-01T00:00:00Z');
    expect(credential.credentialStatus).toEqual({
      id: `${BASE}/api/v1/public/credentials/KZ-2025-000123/status`,
      type: '1EdTechRevocationList',
    });
    expect(credential.credentialSchema).toEqual([
      {
        id: 'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json',
        type: '1EdTechJsonSchemaValidator2019',
      },
    ]);
  });

  it('describes the card as a Certification achievement aligned to the card and every skill', () => {
    const { achievement } = buildCredential(input()).credentialSubject;

    expect(achievement.id).toBe(`urn:uuid:${CARD_ID}`);
    expect(achievement.type).toEqual(['Achievement']);
    expect(achievement.achievementType).toBe('Certification');
    expect(achievement.name).toBe('Электромонтёр по ремонту и обслуживанию электрооборудования');
    expect(achievement.description).toContain('ОРК level 4');
    expect(achievement.criteria.narrative).toContain('Эксплуатация электрооборудования');
    expect(achievement.version).toBe('2');
    expect(achievement.alignment).toEqual([
      {
        type: ['Alignment'],
        targetName: 'Электромонтёр по ремонту и обслуживанию электрооборудования',
        targetUrl: `urn:uuid:${CARD_ID}`,
        targetDescription: 'ОРК level 4',
        targetCode: '7412-1-002',
        targetFramework: 'Эксплуатация электрооборудования, version 2',
        targetType: 'ext:ProfessionCard',
      },
      {
        type: ['Alignment'],
        targetName: 'Диагностика неисправностей',
        targetUrl: `urn:uuid:${SKILL_1}`,
        targetDescription: 'Labour function: Техническое обслуживание',
        targetCode: SKILL_1,
        targetFramework: 'Эксплуатация электрооборудования, version 2',
        targetType: 'ceasn:Competency',
      },
      expect.objectContaining({ targetName: 'Монтаж кабельных линий', targetType: 'ceasn:Competency' }),
    ]);
    expect(achievement.otherIdentifier).toEqual([
      { type: ['IdentifierEntry'], identifier: 'a'.repeat(64), identifierType: 'ext:StandardVersionSha256' },
      { type: ['IdentifierEntry'], identifier: '394/НҚ', identifierType: 'ext:StandardApprovalOrder' },
    ]);
  });

  it('lists one result per credited skill, each pointing at a result description of the achievement', () => {
    const subject = buildCredential(input()).credentialSubject;

    expect(subject.type).toEqual(['AchievementSubject']);
    expect(subject.licenseNumber).toBe('KZ-2025-000123');
    expect(subject.result.map((result) => [result.value, result.status])).toEqual([
      ['passed', 'Completed'],
      ['credited_by_evidence', 'Completed'],
    ]);
    const descriptionIds = subject.achievement.resultDescription.map((description) => description.id);
    expect(subject.result.map((result) => result.resultDescription)).toEqual(descriptionIds);
    expect(subject.achievement.resultDescription[0]).toEqual({
      id: `urn:uuid:${CARD_ID}#skill-${SKILL_1}`,
      type: ['ResultDescription'],
      name: 'Диагностика неисправностей',
      resultType: 'Status',
    });
    expect(subject.result[1].alignment[0].targetUrl).toBe(`urn:uuid:${SKILL_2}`);
  });

  it('identifies the holder by name only: no ИИН, masked or hashed', () => {
    const credential = buildCredential(input());

    expect(credential.credentialSubject.identifier).toEqual([
      { type: ['IdentityObject'], identityType: 'name', hashed: false, identityHash: 'Иванов Иван Иванович' },
    ]);
    const text = canonicalizeJson(credential);
    expect(text).not.toMatch(/\d{6}\*+\d*|\d{4}\*{6}\d{2}/);
    expect(text).not.toMatch(/NationalIdentityNumber|sha256\$/i);
  });

  it('leaves out what was not given', () => {
    const credential = buildCredential(
      input({
        holder: { name: 'Иванов Иван' },
        issuer: { id: 'did:web:qualcert.example.kz:issuers:ALM-01', name: 'Центр' },
        credentialStatusUrl: undefined,
        card: { ...input().card, occupationCode: null, orderNumber: null },
      }),
    );

    expect(credential.credentialSubject.identifier).toHaveLength(1);
    expect(credential.issuer).toEqual({
      id: 'did:web:qualcert.example.kz:issuers:ALM-01',
      type: ['Profile'],
      name: 'Центр',
    });
    expect('credentialStatus' in credential).toBe(false);
    expect('targetCode' in credential.credentialSubject.achievement.alignment[0]).toBe(false);
    expect(credential.credentialSubject.achievement.otherIdentifier).toHaveLength(1);
    expect(credential.credentialSubject.achievement.description).not.toContain('order');
  });

  it('gives catalogue ids that are not UUIDs a valid URI too', () => {
    const credential = buildCredential(
      input({ skills: [{ id: 'skill 7/2', title: 'Skill', functionTitle: 'Function', result: 'passed' }] }),
    );

    expect(credential.credentialSubject.result[0].alignment[0].targetUrl).toBe('urn:x-qualcert:skill:skill%207%2F2');
  });

  it('is deterministic: the same input builds the same credential', () => {
    expect(canonicalizeJson(buildCredential(input()))).toBe(canonicalizeJson(buildCredential(input())));
  });

  it.each<[string, Partial<BuildCredentialInput>, RegExp]>([
    ['a relative id', { id: '/credentials/1' }, /id is not an absolute URI/],
    ['validFrom without a time zone', { validFrom: '2025-03-01T00:00:00' }, /validFrom must be/],
    ['a date-only validUntil', { validUntil: '2030-03-01' }, /validUntil must be/],
    ['validUntil before validFrom', { validUntil: '2024-03-01T00:00:00Z' }, /after validFrom/],
    ['an empty number', { number: ' ' }, /number is empty/],
    [
      'a skill listed twice',
      { skills: [...input().skills, { ...input().skills[0], result: 'passed' }] },
      /listed twice/,
    ],
  ])('refuses %s', (_label, overrides, message) => {
    expect(() => buildCredential(input(overrides))).toThrow(message);
  });
});
