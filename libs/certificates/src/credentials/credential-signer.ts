import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  KeyObject,
  sign,
  verify,
} from 'node:crypto';
import { decodeMultibaseBase58btc, encodeMultibaseBase58btc } from './base58btc';
import { DataIntegrityProof, SignedCredential } from './credential-types';
import { canonicalizeJson } from './jcs';

/**
 * Ed25519 issuer keys and Data Integrity proofs with the `eddsa-jcs-2022` cryptosuite
 * (W3C Data Integrity EdDSA Cryptosuites v1.0, §3.3), which needs no JSON-LD processing:
 * the document and the proof options are each canonicalized with JCS and hashed with SHA-256, and
 * the signature covers hash(proof options) || hash(document).
 */

export const CRYPTOSUITE = 'eddsa-jcs-2022';

// Multicodec varint prefixes: ed25519-pub (0xed) and ed25519-priv (0x1300).
const ED25519_PUB_MULTICODEC = Uint8Array.of(0xed, 0x01);
const ED25519_PRIV_MULTICODEC = Uint8Array.of(0x80, 0x26);
// DER headers that turn a raw 32-byte Ed25519 key into PKCS#8 / SPKI, which is what KeyObject imports.
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const ED25519_KEY_LENGTH = 32;
const ED25519_SIGNATURE_LENGTH = 64;

export interface IssuerKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** The raw 32-byte public key. */
  publicKeyRaw: Uint8Array;
  /** `z6Mk…`: multibase base58btc of 0xed 0x01 followed by the raw public key (Multikey). */
  publicKeyMultibase: string;
  /** The verification method id under a controller: `${controllerId}#${publicKeyMultibase}`. */
  verificationMethod(controllerId: string): string;
}

export interface IssuerKeyConfig {
  /** A PKCS#8 PEM Ed25519 private key (`openssl genpkey -algorithm ed25519`). */
  privateKeyPem?: string;
  /** The raw 32-byte Ed25519 seed, base64. */
  privateKeyBase64?: string;
}

export function loadIssuerKey(config: IssuerKeyConfig): IssuerKey {
  const pem = config.privateKeyPem?.trim();
  const base64 = config.privateKeyBase64?.trim();
  if (pem && base64) throw new Error('Issuer key: give either a PEM or a base64 seed, not both');
  if (pem) {
    let privateKey: KeyObject;
    try {
      privateKey = createPrivateKey(pem);
    } catch {
      // The underlying error can quote the input; the key must not end up in a log.
      throw new Error('Issuer key: the PEM could not be parsed');
    }
    if (privateKey.asymmetricKeyType !== 'ed25519') {
      throw new Error(`Issuer key: expected an Ed25519 key, got ${privateKey.asymmetricKeyType ?? 'unknown'}`);
    }
    return issuerKeyFrom(privateKey);
  }
  if (base64) {
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) throw new Error('Issuer key: the seed is not base64');
    const seed = Buffer.from(base64, 'base64');
    if (seed.length !== ED25519_KEY_LENGTH) {
      throw new Error(`Issuer key: the seed must be ${ED25519_KEY_LENGTH} bytes, got ${seed.length}`);
    }
    return issuerKeyFromSeed(seed);
  }
  throw new Error('Issuer key: no key configured');
}

/** A fresh key, for development and tests; production keys are configured and loaded. */
export function generateIssuerKey(): IssuerKey {
  return issuerKeyFrom(generateKeyPairSync('ed25519').privateKey);
}

/** Imports a key from its raw 32-byte seed. */
export function issuerKeyFromSeed(seed: Uint8Array): IssuerKey {
  if (seed.length !== ED25519_KEY_LENGTH) throw new Error(`Ed25519 seed must be ${ED25519_KEY_LENGTH} bytes`);
  return issuerKeyFrom(
    createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: 'der', type: 'pkcs8' }),
  );
}

/** Imports a key from a Multikey `secretKeyMultibase` (`z3u2…`: 0x80 0x26 followed by the seed). */
export function issuerKeyFromSecretKeyMultibase(secretKeyMultibase: string): IssuerKey {
  const bytes = decodeMultibaseBase58btc(secretKeyMultibase);
  if (!hasPrefix(bytes, ED25519_PRIV_MULTICODEC) || bytes.length !== 2 + ED25519_KEY_LENGTH) {
    throw new Error('Not an Ed25519 secretKeyMultibase');
  }
  return issuerKeyFromSeed(bytes.subarray(2));
}

/** The raw 32-byte Ed25519 public key in a `z6Mk…` publicKeyMultibase. */
export function publicKeyFromMultibase(publicKeyMultibase: string): Uint8Array {
  const bytes = decodeMultibaseBase58btc(publicKeyMultibase);
  if (!hasPrefix(bytes, ED25519_PUB_MULTICODEC) || bytes.length !== 2 + ED25519_KEY_LENGTH) {
    throw new Error('Not an Ed25519 publicKeyMultibase');
  }
  return bytes.slice(2);
}

export function publicKeyMultibaseOf(publicKeyRaw: Uint8Array): string {
  if (publicKeyRaw.length !== ED25519_KEY_LENGTH)
    throw new Error(`Ed25519 public key must be ${ED25519_KEY_LENGTH} bytes`);
  return encodeMultibaseBase58btc(Buffer.concat([ED25519_PUB_MULTICODEC, publicKeyRaw]));
}

function issuerKeyFrom(privateKey: KeyObject): IssuerKey {
  const publicKey = createPublicKey(privateKey);
  const publicKeyRaw = rawPublicKey(publicKey);
  const publicKeyMultibase = publicKeyMultibaseOf(publicKeyRaw);
  return {
    privateKey,
    publicKey,
    publicKeyRaw,
    publicKeyMultibase,
    verificationMethod: (controllerId) => `${controllerId}#${publicKeyMultibase}`,
  };
}

function rawPublicKey(publicKey: KeyObject): Uint8Array {
  const spki = publicKey.export({ format: 'der', type: 'spki' });
  return new Uint8Array(spki.subarray(SPKI_ED25519_PREFIX.length));
}

function publicKeyObject(key: Uint8Array | KeyObject): KeyObject {
  if (key instanceof KeyObject) {
    if (key.asymmetricKeyType !== 'ed25519') throw new Error('The resolved key is not an Ed25519 key');
    // A private key also verifies, but a resolver handing one out is a bug worth surfacing.
    if (key.type !== 'public') throw new Error('The resolved key is not a public key');
    return key;
  }
  if (key.length !== ED25519_KEY_LENGTH) throw new Error(`The resolved key is not ${ED25519_KEY_LENGTH} bytes`);
  return createPublicKey({ key: Buffer.concat([SPKI_ED25519_PREFIX, key]), format: 'der', type: 'spki' });
}

function hasPrefix(bytes: Uint8Array, prefix: Uint8Array): boolean {
  return prefix.every((byte, index) => bytes[index] === byte);
}

// --- Proofs -------------------------------------------------------------------------------------

/**
 * Adds an `eddsa-jcs-2022` proof (Data Integrity EdDSA §3.3.1 Create Proof).
 *
 * As the cryptosuite prescribes, the proof gets a copy of the document's `@context`, so a verifier
 * can tell if the context was swapped. Only one proof is supported: a document that already carries
 * one is refused rather than turned into a proof set.
 */
export function signCredential<T extends object>(
  credential: T,
  key: IssuerKey,
  verificationMethodId: string,
  created: Date = new Date(),
): SignedCredential<T> {
  if ('proof' in credential) throw new Error('The credential already has a proof');
  if (Number.isNaN(created.getTime())) throw new Error('Proof creation time is not a valid date');
  const context: unknown = (credential as Record<string, unknown>)['@context'];
  const proofOptions: Omit<DataIntegrityProof, 'proofValue'> = {
    type: 'DataIntegrityProof',
    cryptosuite: CRYPTOSUITE,
    // xsd:dateTime in UTC without milliseconds, the form the spec's examples use.
    created: created.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    verificationMethod: verificationMethodId,
    proofPurpose: 'assertionMethod',
    ...(context !== undefined ? { '@context': context } : {}),
  };
  const signature = sign(null, hashData(credential, proofOptions), key.privateKey);
  return { ...credential, proof: { ...proofOptions, proofValue: encodeMultibaseBase58btc(signature) } };
}

/**
 * The same signed document with its proof as a set of one, as 1EdTech's OB 3.0 JSON Schema requires
 * (`proof` is an array there); the signature is unchanged, since a proof never covers the proof property.
 */
export function withProofSet<T extends object>(signed: SignedCredential<T>): T & { proof: [DataIntegrityProof] } {
  return { ...signed, proof: [signed.proof] };
}

/** SHA-256(JCS(proof options)) || SHA-256(JCS(document without proof)): what the signature covers. */
export function hashData(unsecuredDocument: object, proofOptions: object): Buffer {
  const sha256 = (value: object): Buffer => createHash('sha256').update(canonicalizeJson(value), 'utf8').digest();
  return Buffer.concat([sha256(proofOptions), sha256(unsecuredDocument)]);
}

// --- Verification ---------------------------------------------------------------------------------

export type SignatureCheck = 'valid' | 'invalid' | 'missing';
export type IssuerKeyCheck = 'known' | 'unknown';
export type ExpiryCheck = 'valid' | 'expired' | 'not_yet_valid';

/**
 * The outcome of each check, so a caller can say which one failed. Revocation is not here: it needs
 * the registry, so the caller checks it and combines the two.
 */
export interface VerificationResult {
  /** True only when the signature is valid, the key is known and `now` is inside the validity period. */
  verified: boolean;
  checks: { signature: SignatureCheck; issuerKey: IssuerKeyCheck; expiry: ExpiryCheck };
  /** Human-readable reasons for every check that did not pass. */
  errors: string[];
  /** The proof's verification method, when the proof names one. */
  verificationMethod: string | null;
  /** The credential's issuer id, when it has one. */
  issuer: string | null;
}

/**
 * Resolves a verification method to the issuer's public key: raw 32 bytes or a KeyObject. Returns
 * null for a key it does not recognise as belonging to `issuerId` — the resolver is what ties a
 * key to an issuer, so it must not hand out keys of other parties.
 */
export type PublicKeyResolver = (
  verificationMethodId: string,
  issuerId: string | null,
) => Uint8Array | KeyObject | null;

/**
 * Verifies an `eddsa-jcs-2022` proof (Data Integrity EdDSA §3.3.2 Verify Proof) and the validity
 * period. `signed` is typically parsed from untrusted JSON, so nothing about its shape is assumed.
 */
export function verifyCredential(
  signed: unknown,
  resolvePublicKey: PublicKeyResolver,
  now: Date = new Date(),
): VerificationResult {
  const errors: string[] = [];
  if (!isRecord(signed)) {
    return {
      verified: false,
      checks: { signature: 'missing', issuerKey: 'unknown', expiry: 'expired' },
      errors: ['The credential is not a JSON object'],
      verificationMethod: null,
      issuer: null,
    };
  }

  const issuer = issuerIdOf(signed.issuer);
  const expiry = checkExpiry(signed, now, errors);
  const { proof, ...unsecuredDocument } = signed;

  let signature: SignatureCheck;
  let issuerKey: IssuerKeyCheck = 'unknown';
  let verificationMethod: string | null = null;

  if (proof === undefined) {
    signature = 'missing';
    errors.push('The credential has no proof');
  } else {
    const parsed = parseProof(proof, unsecuredDocument, errors);
    verificationMethod = parsed.verificationMethod;
    const publicKey =
      verificationMethod === null ? null : resolveKey(resolvePublicKey, verificationMethod, issuer, errors);
    issuerKey = publicKey ? 'known' : 'unknown';
    signature = 'invalid';
    if (parsed.proofOptions && parsed.signature && publicKey) {
      // §3.3.2 step 4.2: what was signed is the document under the proof's copy of the context.
      const signedDocument =
        parsed.proofOptions['@context'] === undefined
          ? unsecuredDocument
          : { ...unsecuredDocument, '@context': parsed.proofOptions['@context'] };
      if (verify(null, hashData(signedDocument, parsed.proofOptions), publicKey, parsed.signature)) {
        signature = 'valid';
      } else {
        errors.push('The signature does not match the credential: it was altered or signed with another key');
      }
    }
  }

  return {
    verified: signature === 'valid' && issuerKey === 'known' && expiry === 'valid',
    checks: { signature, issuerKey, expiry },
    errors,
    verificationMethod,
    issuer,
  };
}

interface ParsedProof {
  verificationMethod: string | null;
  /** The proof without `proofValue`, when the proof is well formed. */
  proofOptions: Record<string, unknown> | null;
  signature: Buffer | null;
}

function parseProof(proof: unknown, unsecuredDocument: Record<string, unknown>, errors: string[]): ParsedProof {
  // A set of one proof is the form the OB 3.0 JSON Schema requires; it signs what a lone proof signs.
  if (Array.isArray(proof) && proof.length === 1) return parseProof(proof[0], unsecuredDocument, errors);
  if (Array.isArray(proof)) {
    errors.push('Proof sets of several proofs are not supported');
    return { verificationMethod: null, proofOptions: null, signature: null };
  }
  if (!isRecord(proof)) {
    errors.push('The proof is not an object');
    return { verificationMethod: null, proofOptions: null, signature: null };
  }

  const verificationMethod = typeof proof.verificationMethod === 'string' ? proof.verificationMethod : null;
  if (verificationMethod === null) errors.push('The proof names no verification method');
  const problems: string[] = [];
  if (proof.type !== 'DataIntegrityProof') problems.push(`unsupported proof type ${String(proof.type)}`);
  if (proof.cryptosuite !== CRYPTOSUITE) problems.push(`unsupported cryptosuite ${String(proof.cryptosuite)}`);
  if (proof.proofPurpose !== 'assertionMethod') problems.push(`proof purpose is ${String(proof.proofPurpose)}`);
  if (proof.created !== undefined && (typeof proof.created !== 'string' || Number.isNaN(Date.parse(proof.created)))) {
    problems.push('proof creation time is not a date-time');
  }
  if (proof['@context'] !== undefined && !contextStartsWith(unsecuredDocument['@context'], proof['@context'])) {
    // §3.3.2 step 4: the proof's copy of the context must be a prefix of the document's.
    problems.push("the proof's @context does not match the credential's");
  }

  let signature: Buffer | null = null;
  if (typeof proof.proofValue !== 'string') {
    problems.push('proofValue is missing');
  } else {
    try {
      signature = Buffer.from(decodeMultibaseBase58btc(proof.proofValue));
      if (signature.length !== ED25519_SIGNATURE_LENGTH) {
        problems.push(`proofValue is ${signature.length} bytes, not an Ed25519 signature`);
        signature = null;
      }
    } catch {
      problems.push('proofValue is not multibase base58btc');
    }
  }

  if (problems.length > 0) {
    errors.push(...problems.map((problem) => `Invalid proof: ${problem}`));
    return { verificationMethod, proofOptions: null, signature: null };
  }
  const { proofValue: _proofValue, ...proofOptions } = proof;
  return { verificationMethod, proofOptions, signature };
}

function resolveKey(
  resolvePublicKey: PublicKeyResolver,
  verificationMethod: string,
  issuer: string | null,
  errors: string[],
): KeyObject | null {
  try {
    const resolved = resolvePublicKey(verificationMethod, issuer);
    if (resolved === null) {
      errors.push(`The verification method ${verificationMethod} is not a known key of the issuer`);
      return null;
    }
    return publicKeyObject(resolved);
  } catch (error: unknown) {
    errors.push(`The verification method ${verificationMethod} could not be resolved: ${errorMessage(error)}`);
    return null;
  }
}

function checkExpiry(credential: Record<string, unknown>, now: Date, errors: string[]): ExpiryCheck {
  const at = now.getTime();
  const { validFrom, validUntil } = credential;
  if (validFrom !== undefined) {
    // A malformed bound cannot be honoured, so it counts against the credential.
    if (typeof validFrom !== 'string' || Number.isNaN(Date.parse(validFrom))) {
      errors.push('validFrom is not a date-time');
      return 'not_yet_valid';
    }
    if (at < Date.parse(validFrom)) {
      errors.push(`The credential is not valid before ${validFrom}`);
      return 'not_yet_valid';
    }
  }
  if (validUntil !== undefined) {
    if (typeof validUntil !== 'string' || Number.isNaN(Date.parse(validUntil))) {
      errors.push('validUntil is not a date-time');
      return 'expired';
    }
    if (at > Date.parse(validUntil)) {
      errors.push(`The credential expired at ${validUntil}`);
      return 'expired';
    }
  }
  return 'valid';
}

function contextStartsWith(documentContext: unknown, proofContext: unknown): boolean {
  const documentList = Array.isArray(documentContext) ? documentContext : [documentContext];
  const proofList = Array.isArray(proofContext) ? proofContext : [proofContext];
  return (
    proofList.length <= documentList.length &&
    proofList.every((entry, index) => canonicalOrNull(entry) === canonicalOrNull(documentList[index]))
  );
}

function canonicalOrNull(value: unknown): string | null {
  try {
    return canonicalizeJson(value);
  } catch {
    return null;
  }
}

function issuerIdOf(issuer: unknown): string | null {
  if (typeof issuer === 'string') return issuer;
  if (isRecord(issuer) && typeof issuer.id === 'string') return issuer.id;
  return null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

// --- Publishing the key ------------------------------------------------------------------------------

export interface MultikeyVerificationMethod {
  id: string;
  type: 'Multikey';
  controller: string;
  publicKeyMultibase: string;
}

export interface PublicKeyDocument {
  '@context': string[];
  id: string;
  verificationMethod: MultikeyVerificationMethod[];
  assertionMethod: string[];
}

/**
 * The controller document to publish at the controller's URL (or as did.json for did:web): it lists
 * the key as a Multikey and authorises it for `assertionMethod`, the purpose the proofs use.
 */
export function publicKeyDocument(
  key: IssuerKey,
  controllerId: string,
  verificationMethodId: string,
): PublicKeyDocument {
  const context = controllerId.startsWith('did:')
    ? ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1']
    : ['https://www.w3.org/ns/cid/v1'];
  return {
    '@context': context,
    id: controllerId,
    verificationMethod: [
      {
        id: verificationMethodId,
        type: 'Multikey',
        controller: controllerId,
        publicKeyMultibase: key.publicKeyMultibase,
      },
    ],
    assertionMethod: [verificationMethodId],
  };
}
