import { createHash, generateKeyPairSync } from 'node:crypto';
import { decodeMultibaseBase58btc } from './base58btc';
import { BuildCredentialInput, buildCredential } from './credential-builder';
import {
  generateIssuerKey,
  hashData,
  IssuerKey,
  issuerKeyFromSecretKeyMultibase,
  loadIssuerKey,
  PublicKeyResolver,
  publicKeyDocument,
  publicKeyFromMultibase,
  signCredential,
  withProofSet,
  verifyCredential,
} from './credential-signer';
import { OpenBadgeCredential, SignedCredential } from './credential-types';
import { ob3SchemaErrors } from './conformance/conformance.spec-support';
import { canonicalizeJson } from './jcs';

const BASE = 'https://qualcert.example.kz';
const ISSUER_ID = `${BASE}/issuers/ALM-01`;
const CREATED = new Date('2025-03-01T09:30:00.123Z');
const DURING_VALIDITY = new Date('2026-01-01T00:00:00Z');

function credentialInput(): BuildCredentialInput {
  return {
    id: `${BASE}/api/v1/public/credentials/KZ-2025-000123`,
    number: 'KZ-2025-000123',
    issuer: { id: ISSUER_ID, name: 'Алматинский центр оценки квалификаций' },
    holder: { name: 'Иванов Иван Иванович' },
    card: {
      id: '3f1c2a9e-5b7d-4c1e-9a2f-0d6e8b4c7a11',
      name: 'Электромонтёр',
      occupationCode: '7412-1-002',
      orkLevel: 4,
      standardTitle: 'Эксплуатация электрооборудования',
      standardVersion: 2,
      standardHash: 'a'.repeat(64),
      orderNumber: '394/НҚ',
    },
    skills: [
      {
        id: '8a0b6c3d-1e2f-4a5b-8c7d-9e0f1a2b3c4d',
        title: 'Диагностика неисправностей',
        functionTitle: 'Техническое обслуживание',
        result: 'passed',
      },
      {
        id: 'b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e',
        title: 'Монтаж кабельных линий',
        functionTitle: 'Монтаж',
        result: 'credited_by_evidence',
      },
    ],
    validFrom: '2025-03-01T00:00:00Z',
    validUntil: '2030-03-01T00:00:00Z',
  };
}

/** A resolver that knows exactly one key, of one issuer, as a registry-backed resolver would. */
function resolverFor(key: IssuerKey, issuerId = ISSUER_ID): PublicKeyResolver {
  const vm = key.verificationMethod(issuerId);
  return (verificationMethodId, credentialIssuer) =>
    verificationMethodId === vm && credentialIssuer === issuerId ? key.publicKeyRaw : null;
}

/** A deep copy that looks like what a verifier gets after the credential went over the wire. */
function overTheWire<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

describe('issuer keys', () => {
  it('publishes the public key as a z6Mk… Multikey over 0xed 0x01', () => {
    const key = generateIssuerKey();

    expect(key.publicKeyMultibase).toMatch(/^z6Mk[1-9A-HJ-NP-Za-km-z]{44}$/);
    const decoded = decodeMultibaseBase58btc(key.publicKeyMultibase);
    expect([...decoded.subarray(0, 2)]).toEqual([0xed, 0x01]);
    expect(decoded.subarray(2)).toEqual(key.publicKeyRaw);
    expect(publicKeyFromMultibase(key.publicKeyMultibase)).toEqual(key.publicKeyRaw);
    expect(key.verificationMethod(ISSUER_ID)).toBe(`${ISSUER_ID}#${key.publicKeyMultibase}`);
  });

  it('loads the same key from a PEM and from its base64 seed', () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    const seed = privateKey.export({ format: 'der', type: 'pkcs8' }).subarray(-32).toString('base64');

    const fromPem = loadIssuerKey({ privateKeyPem: pem });
    const fromSeed = loadIssuerKey({ privateKeyBase64: seed });

    expect(fromSeed.publicKeyMultibase).toBe(fromPem.publicKeyMultibase);
    const credential = buildCredential(credentialInput());
    const signed = signCredential(credential, fromSeed, fromSeed.verificationMethod(ISSUER_ID), CREATED);
    expect(verifyCredential(signed, resolverFor(fromPem), DURING_VALIDITY).verified).toBe(true);
  });

  it.each<[string, Parameters<typeof loadIssuerKey>[0], RegExp]>([
    ['no key', {}, /no key configured/],
    ['both forms', { privateKeyPem: 'x', privateKeyBase64: 'x' }, /not both/],
    ['a seed of the wrong length', { privateKeyBase64: Buffer.alloc(16).toString('base64') }, /32 bytes, got 16/],
    ['a seed that is not base64', { privateKeyBase64: 'not base64!' }, /not base64/],
    [
      'a PEM that does not parse',
      { privateKeyPem: '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----' },
      /could not be parsed/,
    ],
    [
      'a key of another type',
      {
        privateKeyPem: generateKeyPairSync('ec', { namedCurve: 'P-256' })
          .privateKey.export({ format: 'pem', type: 'pkcs8' })
          .toString(),
      },
      /expected an Ed25519 key, got ec/,
    ],
  ])('refuses %s', (_label, config, message) => {
    expect(() => loadIssuerKey(config)).toThrow(message);
  });

  it('publishes a Multikey controller document', () => {
    const key = generateIssuerKey();
    const vm = key.verificationMethod(ISSUER_ID);

    expect(publicKeyDocument(key, ISSUER_ID, vm)).toEqual({
      '@context': ['https://www.w3.org/ns/cid/v1'],
      id: ISSUER_ID,
      verificationMethod: [
        { id: vm, type: 'Multikey', controller: ISSUER_ID, publicKeyMultibase: key.publicKeyMultibase },
      ],
      assertionMethod: [vm],
    });
    expect(
      publicKeyDocument(key, 'did:web:qualcert.example.kz', 'did:web:qualcert.example.kz#key-1')['@context'],
    ).toEqual(['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1']);
  });
});

describe('signCredential / verifyCredential', () => {
  const key = generateIssuerKey();
  const vm = key.verificationMethod(ISSUER_ID);
  let signed: SignedCredential<OpenBadgeCredential>;

  beforeEach(() => {
    signed = overTheWire(signCredential(buildCredential(credentialInput()), key, vm, CREATED));
  });

  it('adds an eddsa-jcs-2022 Data Integrity proof', () => {
    expect(signed.proof).toEqual({
      type: 'DataIntegrityProof',
      cryptosuite: 'eddsa-jcs-2022',
      created: '2025-03-01T09:30:00Z',
      verificationMethod: vm,
      proofPurpose: 'assertionMethod',
      '@context': signed['@context'],
      proofValue: expect.stringMatching(/^z[1-9A-HJ-NP-Za-km-z]+$/),
    });
    expect(decodeMultibaseBase58btc(signed.proof.proofValue)).toHaveLength(64);
  });

  it('verifies what it signed', () => {
    expect(verifyCredential(signed, resolverFor(key), DURING_VALIDITY)).toEqual({
      verified: true,
      checks: { signature: 'valid', issuerKey: 'known', expiry: 'valid' },
      errors: [],
      verificationMethod: vm,
      issuer: ISSUER_ID,
    });
  });

  it('accepts the key as a KeyObject too', () => {
    expect(verifyCredential(signed, () => key.publicKey, DURING_VALIDITY).verified).toBe(true);
  });

  it('verifies whatever the key order, since the hashes are over JCS', () => {
    const reorder = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(reorder);
      if (typeof value !== 'object' || value === null) return value;
      return Object.fromEntries(
        Object.entries(value)
          .reverse()
          .map(([k, v]) => [k, reorder(v)]),
      );
    };
    const reordered = reorder(signed);

    expect(Object.keys(reordered as object)[0]).toBe('proof');
    expect(JSON.stringify(reordered)).not.toBe(JSON.stringify(signed));
    expect(verifyCredential(reordered, resolverFor(key), DURING_VALIDITY).verified).toBe(true);
  });

  it.each<[string, (credential: SignedCredential<OpenBadgeCredential>) => void]>([
    ['the holder name', (c) => (c.credentialSubject.identifier[0].identityHash = 'Петров Пётр')],
    ['a nested skill title', (c) => (c.credentialSubject.achievement.alignment[2].targetName = 'Другой навык')],
    ['a result value', (c) => (c.credentialSubject.result[1].value = 'passed')],
    ['validUntil', (c) => (c.validUntil = '2099-03-01T00:00:00Z')],
    ['the issuer name', (c) => (c.issuer.name = 'Другой центр')],
    ['an added property', (c) => Object.assign(c, { extra: true })],
    ['a removed skill', (c) => c.credentialSubject.result.pop()],
    ['the proof creation time', (c) => (c.proof.created = '2025-03-02T09:30:00Z')],
    ['the credential @context', (c) => (c['@context'][1] = 'https://example.org/other-context.json' as never)],
  ])('rejects the signature when %s is changed', (_label, tamper) => {
    tamper(signed);

    const result = verifyCredential(signed, resolverFor(key), DURING_VALIDITY);
    expect(result.verified).toBe(false);
    expect(result.checks.signature).toBe('invalid');
    expect(result.checks.issuerKey).toBe('known');
    expect(result.errors.length).toBeGreaterThan(0);
  });

  it('rejects a proof made with another key under the same verification method: signature invalid', () => {
    const forger = generateIssuerKey();
    const { proof: _proof, ...unsigned } = signed;
    const forged = overTheWire(signCredential(unsigned, forger, vm, CREATED));

    const result = verifyCredential(forged, resolverFor(key), DURING_VALIDITY);
    expect(result.checks).toEqual({ signature: 'invalid', issuerKey: 'known', expiry: 'valid' });
    expect(result.errors).toEqual([expect.stringContaining('signed with another key')]);
  });

  it('rejects a proof made with a key the issuer never published: issuer key unknown', () => {
    const forger = generateIssuerKey();
    const { proof: _proof, ...unsigned } = signed;
    const forged = overTheWire(signCredential(unsigned, forger, forger.verificationMethod(ISSUER_ID), CREATED));

    const result = verifyCredential(forged, resolverFor(key), DURING_VALIDITY);
    expect(result.verified).toBe(false);
    expect(result.checks).toEqual({ signature: 'invalid', issuerKey: 'unknown', expiry: 'valid' });
    expect(result.errors).toEqual([expect.stringContaining('not a known key of the issuer')]);
  });

  it('passes the issuer to the resolver, so a key of one centre cannot vouch for another', () => {
    const other = overTheWire({ ...signed, issuer: { ...signed.issuer, id: `${BASE}/issuers/AST-02` } });

    const result = verifyCredential(other, resolverFor(key), DURING_VALIDITY);
    expect(result.checks.issuerKey).toBe('unknown');
    expect(result.issuer).toBe(`${BASE}/issuers/AST-02`);
  });

  it('reports a resolver failure as an unknown key rather than throwing', () => {
    const result = verifyCredential(
      signed,
      () => {
        throw new Error('registry unavailable');
      },
      DURING_VALIDITY,
    );
    expect(result.checks.issuerKey).toBe('unknown');
    expect(result.errors).toEqual([expect.stringContaining('registry unavailable')]);
  });

  it('refuses a private key from the resolver', () => {
    const result = verifyCredential(signed, () => key.privateKey, DURING_VALIDITY);
    expect(result.checks.issuerKey).toBe('unknown');
  });

  it('reports a credential that is expired or not yet valid, with a valid signature', () => {
    const expired = verifyCredential(signed, resolverFor(key), new Date('2030-03-01T00:00:01Z'));
    expect(expired.verified).toBe(false);
    expect(expired.checks).toEqual({ signature: 'valid', issuerKey: 'known', expiry: 'expired' });
    expect(expired.errors).toEqual(['The credential expired at 2030-03-01T00:00:00Z']);

    const early = verifyCredential(signed, resolverFor(key), new Date('2025-02-28T23:59:59Z'));
    expect(early.checks).toEqual({ signature: 'valid', issuerKey: 'known', expiry: 'not_yet_valid' });

    expect(verifyCredential(signed, resolverFor(key), new Date('2030-03-01T00:00:00Z')).checks.expiry).toBe('valid');
  });

  it('reports a removed proof as missing', () => {
    const { proof: _proof, ...unsigned } = signed;

    expect(verifyCredential(unsigned, resolverFor(key), DURING_VALIDITY)).toEqual({
      verified: false,
      checks: { signature: 'missing', issuerKey: 'unknown', expiry: 'valid' },
      errors: ['The credential has no proof'],
      verificationMethod: null,
      issuer: ISSUER_ID,
    });
  });

  it.each<[string, (credential: SignedCredential<OpenBadgeCredential>) => void, RegExp]>([
    ['another cryptosuite', (c) => (c.proof.cryptosuite = 'eddsa-rdfc-2022' as never), /unsupported cryptosuite/],
    ['another proof purpose', (c) => (c.proof.proofPurpose = 'authentication' as never), /proof purpose/],
    [
      'a truncated proofValue',
      (c) => (c.proof.proofValue = c.proof.proofValue.slice(0, 40)),
      /not an Ed25519 signature/,
    ],
    ['a proofValue that is not base58btc', (c) => (c.proof.proofValue = 'u' + c.proof.proofValue), /not multibase/],
    [
      'a proof @context that is not the credential’s',
      (c) => (c.proof['@context'] = ['https://example.org']),
      /@context/,
    ],
  ])('rejects %s as an invalid signature', (_label, tamper, message) => {
    tamper(signed);

    const result = verifyCredential(signed, resolverFor(key), DURING_VALIDITY);
    expect(result.checks.signature).toBe('invalid');
    expect(result.errors).toEqual([expect.stringMatching(message)]);
  });

  it('rejects input that is not a credential at all', () => {
    expect(verifyCredential('not a credential', resolverFor(key)).checks.signature).toBe('missing');
    const proofSet = verifyCredential(
      { ...signed, proof: [signed.proof, signed.proof] },
      resolverFor(key),
      DURING_VALIDITY,
    );
    expect(proofSet.checks.signature).toBe('invalid');
    expect(proofSet.errors).toEqual([expect.stringContaining('Proof sets')]);
  });

  it('accepts the proof as a set of one, as the OB 3.0 schema writes it, and still catches tampering', () => {
    const set = withProofSet(signed);
    expect(Array.isArray(set.proof)).toBe(true);
    expect(ob3SchemaErrors(set)).toEqual([]);
    expect(ob3SchemaErrors(signed)).toEqual(['/proof must be array {"type":"array"}']);
    expect(verifyCredential(set, resolverFor(key), DURING_VALIDITY).checks.signature).toBe('valid');
    const tampered = { ...set, name: 'Another name' };
    expect(verifyCredential(tampered, resolverFor(key), DURING_VALIDITY).checks.signature).toBe('invalid');
  });

  it('refuses to sign a credential that already has a proof', () => {
    expect(() => signCredential(signed, key, vm)).toThrow(/already has a proof/);
  });
});

/**
 * Official test vectors of W3C Data Integrity EdDSA Cryptosuites v1.0, eddsa-jcs-2022
 * (github.com/w3c/vc-di-eddsa, TestVectors/keyPair.json and TestVectors/eddsa-jcs-2022/).
 */
describe('eddsa-jcs-2022 W3C test vectors', () => {
  const keyPair = {
    publicKeyMultibase: 'z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2',
    secretKeyMultibase: 'z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq',
  };
  const context = ['https://www.w3.org/ns/credentials/v2', 'https://www.w3.org/ns/credentials/examples/v2'];
  const unsecured = {
    '@context': context,
    id: 'urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33',
    type: ['VerifiableCredential', 'AlumniCredential'],
    name: 'Alumni Credential',
    description: 'A minimum viable example of an Alumni Credential.',
    issuer: 'https://vc.example/issuers/5678',
    validFrom: '2023-01-01T00:00:00Z',
    credentialSubject: { id: 'did:example:abcdefgh', alumniOf: 'The School of Examples' },
  };
  const created = new Date('2023-02-24T23:36:38Z');
  const sha256Hex = (text: string): string => createHash('sha256').update(text).digest('hex');

  it('derives the vector public key from the vector secret key', () => {
    expect(issuerKeyFromSecretKeyMultibase(keyPair.secretKeyMultibase).publicKeyMultibase).toBe(
      keyPair.publicKeyMultibase,
    );
  });

  it('canonicalizes and hashes the document as canonDocJCS.txt / docHashJCS.txt', () => {
    const canonical = canonicalizeJson(unsecured);
    expect(canonical).toBe(
      '{"@context":["https://www.w3.org/ns/credentials/v2","https://www.w3.org/ns/credentials/examples/v2"],' +
        '"credentialSubject":{"alumniOf":"The School of Examples","id":"did:example:abcdefgh"},' +
        '"description":"A minimum viable example of an Alumni Credential.",' +
        '"id":"urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33","issuer":"https://vc.example/issuers/5678",' +
        '"name":"Alumni Credential","type":["VerifiableCredential","AlumniCredential"],' +
        '"validFrom":"2023-01-01T00:00:00Z"}',
    );
    expect(sha256Hex(canonical)).toBe('59b7cb6251b8991add1ce0bc83107e3db9dbbab5bd2c28f687db1a03abc92f19');
  });

  it('canonicalizes and hashes the proof configuration as proofCanonJCS.txt / combinedHashJCS.txt', () => {
    const didKeyVm = `did:key:${keyPair.publicKeyMultibase}#${keyPair.publicKeyMultibase}`;
    const proofConfig = {
      type: 'DataIntegrityProof',
      cryptosuite: 'eddsa-jcs-2022',
      created: '2023-02-24T23:36:38Z',
      verificationMethod: didKeyVm,
      proofPurpose: 'assertionMethod',
      '@context': context,
    };
    expect(canonicalizeJson(proofConfig)).toBe(
      '{"@context":["https://www.w3.org/ns/credentials/v2","https://www.w3.org/ns/credentials/examples/v2"],' +
        '"created":"2023-02-24T23:36:38Z","cryptosuite":"eddsa-jcs-2022","proofPurpose":"assertionMethod",' +
        `"type":"DataIntegrityProof","verificationMethod":"${didKeyVm}"}`,
    );
    expect(hashData(unsecured, proofConfig).toString('hex')).toBe(
      '66ab154f5c2890a140cb8388a22a160454f80575f6eae09e5a097cabe539a1db' +
        '59b7cb6251b8991add1ce0bc83107e3db9dbbab5bd2c28f687db1a03abc92f19',
    );
  });

  // signedJCS.json and sigHexJCS.txt (verification method under https://vc.example/issuers/5678).
  const vectorVm = `https://vc.example/issuers/5678#${keyPair.publicKeyMultibase}`;
  const vectorProofValue = 'z63t83Y53KfzJ5ZosfKTnqfMcKB2dmTrfjSaQjeNNjAD5srBowQfmWqeRb8rRjmeEuCBEsddF9LsVogtuTsijJKh4';

  it('reproduces the signed vector byte for byte (Ed25519 is deterministic)', () => {
    const key = issuerKeyFromSecretKeyMultibase(keyPair.secretKeyMultibase);
    const signedVector = signCredential(unsecured, key, vectorVm, created);

    expect(signedVector.proof).toEqual({
      type: 'DataIntegrityProof',
      cryptosuite: 'eddsa-jcs-2022',
      created: '2023-02-24T23:36:38Z',
      verificationMethod: vectorVm,
      proofPurpose: 'assertionMethod',
      '@context': context,
      proofValue: vectorProofValue,
    });
    expect(Buffer.from(decodeMultibaseBase58btc(vectorProofValue)).toString('hex')).toBe(
      'fc91dec6565f35fbe185a77352e7fc512f95d1904da305cfef32ab8135469301' +
        'f5a72d4e7a58368fc6ffc497b44633993bac054e3bc1436e3c846db8f1544503',
    );
  });

  it('verifies the signed vector with the published public key alone', () => {
    const signedVector = {
      ...unsecured,
      proof: {
        type: 'DataIntegrityProof',
        cryptosuite: 'eddsa-jcs-2022',
        created: '2023-02-24T23:36:38Z',
        verificationMethod: vectorVm,
        proofPurpose: 'assertionMethod',
        '@context': context,
        proofValue: vectorProofValue,
      },
    };
    const resolve: PublicKeyResolver = (id) =>
      id === vectorVm ? publicKeyFromMultibase(id.slice(id.indexOf('#') + 1)) : null;

    expect(verifyCredential(signedVector, resolve, new Date('2024-01-01T00:00:00Z')).checks).toEqual({
      signature: 'valid',
      issuerKey: 'known',
      expiry: 'valid',
    });
  });
});
