import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainException, errorMessage, toIsoDay } from '@qualcert/shared';
import { verifyCredential } from '../credentials/credential-signer';
import { OB_V3_CONTEXT, VC_V2_CONTEXT } from '../credentials/credential-types';
import { StatusListsRepository } from '../status-lists/status-lists.repository';
import { StatusListsService } from '../status-lists/status-lists.service';
import type { CertificateContents } from './certificate.entity';
import { CertificatesRepository } from './certificates.repository';
import { certificateStatus, CertificateStatus, presentedStatus, RegistryEntry } from './certificate-status';
import { IssuerKeyProvider } from './issuer-key.provider';
import { verificationCodesMatch } from './verification-code';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

// Compared against when the number is unknown, so that both refusals do the same work.
const UNKNOWN_CODE = '0000000000';

/** What anyone with a certificate's number and verification code learns: no ИИН (docs/DECISIONS.md). */
export interface PublicCertificate {
  number: string;
  status: CertificateStatus;
  holderName: string;
  card: { name: string; occupationCode: string | null; orkLevel: number };
  issuedOn: string;
  validUntil: string;
  centre: { code: string; name: string };
  /** The credited labour functions and their skills, as the certificate lists them. */
  functions: CertificateContents['functions'];
  revokedAt?: string;
  revokeReason?: string;
}

/**
 * The public side of certificates: a certificate by its number and code, a presented credential,
 * a centre's issuer profile. Reads only, and no more than the public may learn.
 */
@Injectable()
export class CertificateVerifier {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly certificates: CertificatesRepository,
    private readonly issuer: IssuerKeyProvider,
    private readonly statusLists: StatusListsService,
    private readonly statusListsRepository: StatusListsRepository,
  ) {}

  /**
   * What anyone may learn about a certificate from its number and verification code, and nothing
   * else. An unknown number and a wrong code get the same 404 after the same work: one indexed
   * lookup by number, then a comparison in constant time.
   */
  async verifyNumber(number: string, code: string, now = new Date()): Promise<PublicCertificate> {
    const row = await this.certificates.publicByNumber(number);
    if (!verificationCodesMatch(row?.verification_code ?? UNKNOWN_CODE, code) || !row) {
      // One body for both, naming neither the number nor the code.
      throw new DomainException('NOT_FOUND', errorMessage('NOT_FOUND:certificate'), {
        entity: 'Certificate',
      });
    }
    const status = certificateStatus({ status: row.status, validUntil: row.valid_until }, toIsoDay(now));
    return {
      number: row.number,
      status,
      holderName: row.holder_name,
      card: row.card,
      issuedOn: row.issued_on,
      validUntil: row.valid_until,
      centre: row.centre,
      functions: row.functions ?? [],
      ...(row.status === 'revoked'
        ? { revokedAt: row.revoked_at?.toISOString(), revokeReason: row.revoke_reason ?? undefined }
        : {}),
    };
  }

  /** Checks a presented credential: its signature and issuer key, then its status in the registry. */
  async verifyCredential(presented: unknown, now = new Date()) {
    const result = verifyCredential(
      presented,
      (vm) => (vm === this.issuer.verificationMethodId ? this.issuer.key.publicKeyRaw : null),
      now,
    );
    const doc = presented as {
      id?: unknown;
      credentialSubject?: { licenseNumber?: unknown };
      credentialStatus?: unknown;
    } | null;
    const registry = await this.registryEntry(doc?.credentialSubject?.licenseNumber, doc?.id);
    // The credential's own status entry, read as any verifier reads it: the signed list and its bit.
    const listStatus = await this.statusLists.statusOf(doc?.credentialStatus);
    const status = presentedStatus(listStatus, registry, toIsoDay(now));
    const verified = result.verified && status === 'valid';
    const failed = [
      ...(result.checks.signature !== 'valid' ? ['signature'] : []),
      ...(result.checks.issuerKey !== 'known' ? ['issuerKey'] : []),
      ...(result.checks.expiry !== 'valid' ? ['expiry'] : []),
      ...(status !== 'valid' ? ['status'] : []),
    ];
    return { verified, checks: { ...result.checks, status, statusList: listStatus }, failed, errors: result.errors };
  }

  /** A certificate by its number, or a credit credential by its `urn:uuid:` id. */
  private async registryEntry(number: unknown, id: unknown): Promise<RegistryEntry | null> {
    if (typeof number === 'string') {
      const row = await this.certificates.findByNumber(number);
      return row ? { status: row.status, validUntil: row.validUntil } : null;
    }
    const uuid = typeof id === 'string' ? /^urn:uuid:([0-9a-f-]{36})$/.exec(id)?.[1] : undefined;
    if (!uuid || !UUID.test(uuid)) return null;
    const credit = await this.certificates.findCredit(uuid);
    if (!credit) return null;
    const until = credit.credential.validUntil;
    return { status: credit.status, validUntil: typeof until === 'string' ? until.slice(0, 10) : null };
  }

  /**
   * A centre's issuer profile, as its credentials' `issuer.id` resolves: an OB 3.0 Profile on the
   * published contexts. The key that signs is the platform's, published at `public/issuer`.
   */
  async issuerProfile(code: string): Promise<Record<string, unknown> | null> {
    const centre = await this.statusListsRepository.findCentre(this.dataSource.manager, code);
    if (!centre) return null;
    return {
      '@context': [VC_V2_CONTEXT, OB_V3_CONTEXT],
      id: this.issuer.centreIssuerId(centre.code),
      type: ['Profile'],
      name: centre.name,
      ...(centre.email ? { email: centre.email } : {}),
    };
  }
}
