import {
  BuildCompetencyCredentialInput,
  BuildCredentialInput,
  buildCompetencyCredential,
  buildCredential,
} from './credential-builder';
import { expandSafely, ob3SchemaErrors } from './conformance/conformance.spec-support';
import { canonicalizeJson } from './jcs';

const BASE = 'https://qualcert.example.kz';
const CARD_ID = '3f1c2a9e-5b7d-4c1e-9a2f-0d6e8b4c7a11';
const SKILL_1 = '8a0b6c3d-1e2f-4a5b-8c7d-9e0f1a2b3c4d';
const SKILL_2 = 'b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e';

function input(overrides: Partial<BuildCredentialInput> = {}): BuildCredentialInput {
  return {
    id: 'urn:uuid:6d1f3a52-8a7e-4f0b-9c1d-2e3f4a5b6c7d',
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
    status: { listCredential: `${BASE}/api/v1/public/status-lists/ALM-01/0`, index: 4711 },
    ...overrides,
  };
}

describe('buildCredential', () => {
  it('builds an OpenBadgeCredential on the VC 2.0 and OB 3.0 contexts', () => {
    const credential = buildCredential(input());

    expect(credential['@context']).toEqual([
      'https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
      'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json',
    ]);
    expect(credential.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
    expect(credential.id).toBe('urn:uuid:6d1f3a52-8a7e-4f0b-9c1d-2e3f4a5b6c7d');
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
      id: `${BASE}/api/v1/public/status-lists/ALM-01/0#4711`,
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: '4711',
      statusListCredential: `${BASE}/api/v1/public/status-lists/ALM-01/0`,
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
      { type: 'IdentifierEntry', identifier: 'a'.repeat(64), identifierType: 'ext:StandardVersionSha256' },
      { type: 'IdentifierEntry', identifier: '394/НҚ', identifierType: 'ext:StandardApprovalOrder' },
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

  it('identifies the holder by name only, in the IdentityObject alone: no ИИН, masked or hashed', () => {
    const credential = buildCredential(input());

    expect(credential.credentialSubject.identifier).toEqual([
      { type: 'IdentityObject', identityType: 'name', hashed: false, identityHash: 'Иванов Иван Иванович' },
    ]);
    expect(canonicalizeJson(credential).split('Иванов Иван Иванович').length - 1).toBe(1);
    const text = canonicalizeJson(credential);
    expect(text).not.toMatch(/\d{6}\*+\d*|\d{4}\*{6}\d{2}/);
    expect(text).not.toMatch(/NationalIdentityNumber|sha256\$/i);
  });

  it('leaves out what was not given', () => {
    const credential = buildCredential(
      input({
        holder: { name: 'Иванов Иван' },
        issuer: { id: 'did:web:qualcert.example.kz:issuers:ALM-01', name: 'Центр' },
        status: undefined,
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
    ['a negative status index', { status: { listCredential: `${BASE}/s/0`, index: -1 } }, /status.index/],
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

describe('conformance with what wallets and verifiers check', () => {
  it("passes 1EdTech's OB 3.0 AchievementCredential JSON Schema", () => {
    expect(ob3SchemaErrors(buildCredential(input()))).toEqual([]);
    expect(ob3SchemaErrors(buildCredential(input({ status: undefined })))).toEqual([]);
  });

  it('expands in JSON-LD safe mode with the published contexts: every term is defined', async () => {
    const expanded = JSON.stringify(await expandSafely(buildCredential(input())));
    expect(expanded).toContain('https://www.w3.org/ns/credentials/status#BitstringStatusListEntry');
    expect(expanded).toContain('https://purl.imsglobal.org/spec/vccs/v1p0/context.json#1EdTechJsonSchemaValidator2019');
    expect(expanded).toContain('https://purl.imsglobal.org/spec/vc/ob/vocab.html#IdentityObject');
  });

  it('is refused by both checks when a term is wrong, so they can fail', async () => {
    const credential = buildCredential(input());
    const wrongType = structuredClone(credential) as unknown as {
      credentialSubject: { identifier: { type: unknown }[] };
    };
    wrongType.credentialSubject.identifier[0].type = ['IdentityObject'];
    expect(ob3SchemaErrors(wrongType).join()).toMatch(/identifier\/0\/type/);
    await expect(
      expandSafely({ ...credential, credentialStatus: { ...credential.credentialStatus, type: 'Undefined1' } }),
    ).rejects.toThrow(/Safe mode/);
  });
});

describe('buildCompetencyCredential: partial credit', () => {
  const FUNCTION_ID = 'c0ffee00-1111-4222-8333-444455556666';
  function competencyInput(overrides: Partial<BuildCompetencyCredentialInput> = {}): BuildCompetencyCredentialInput {
    const { issuer, holder, card, skills } = input();
    return {
      id: 'urn:uuid:0a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d',
      issuer,
      holder,
      card,
      labourFunction: { id: FUNCTION_ID, title: 'Техническое обслуживание' },
      skills: [skills[0]],
      validFrom: '2025-03-01T10:00:00Z',
      status: { listCredential: `${BASE}/api/v1/public/status-lists/ALM-01/0`, index: 12 },
      ...overrides,
    };
  }

  it('makes the labour function a Competency achievement with its credited skills as results', () => {
    const credential = buildCompetencyCredential(competencyInput());
    const { achievement, result, licenseNumber } = credential.credentialSubject;

    expect(achievement).toMatchObject({
      id: `urn:uuid:${FUNCTION_ID}`,
      achievementType: 'Competency',
      name: 'Техническое обслуживание',
    });
    expect(achievement.alignment.map((a) => a.targetType)).toEqual(['ext:ProfessionCard', 'ceasn:Competency']);
    expect(result).toEqual([expect.objectContaining({ status: 'Completed', value: 'passed' })]);
    expect(licenseNumber).toBeUndefined();
    expect('validUntil' in credential).toBe(false);
    expect(credential.credentialStatus?.statusListIndex).toBe('12');
  });

  it('passes the OB 3.0 schema and expands in JSON-LD safe mode', async () => {
    const credential = buildCompetencyCredential(competencyInput());
    expect(ob3SchemaErrors(credential)).toEqual([]);
    await expect(expandSafely(credential)).resolves.toBeDefined();
  });

  it('is valid for the credit period when the decision granted one', () => {
    const credential = buildCompetencyCredential(competencyInput({ validUntil: '2026-03-01T23:59:59Z' }));
    expect(credential.validUntil).toBe('2026-03-01T23:59:59Z');
    expect(ob3SchemaErrors(credential)).toEqual([]);
  });

  it('refuses a function with no credited skill, and a period ending before it starts', () => {
    expect(() => buildCompetencyCredential(competencyInput({ skills: [] }))).toThrow(/at least one/);
    expect(() => buildCompetencyCredential(competencyInput({ validUntil: '2024-01-01T00:00:00Z' }))).toThrow(
      /after validFrom/,
    );
  });
});
