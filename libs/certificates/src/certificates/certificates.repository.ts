import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { preparedQuery } from '@qualcert/shared';
import { CreditCredentialEntity } from '../status-lists/status-list.entities';
import { CertificateEntity } from './certificate.entity';
import type { PublicCertificate } from './certificate-verifier';

/** What the public verification reads of a certificate, as the statement answers it. */
export interface PublicCertificateRow {
  number: string;
  verification_code: string;
  status: CertificateEntity['status'];
  holder_name: string;
  card: PublicCertificate['card'];
  centre: PublicCertificate['centre'];
  functions: PublicCertificate['functions'] | null;
  issued_on: string;
  valid_until: string;
  revoked_at: Date | null;
  revoke_reason: string | null;
}

/**
 * The reads of the certificate and credit tables for the public, holders, centres and admins, and
 * revocation's writes.
 */
@Injectable()
export class CertificatesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The hottest public route's one statement: an indexed lookup of exactly what the verification
   * page shows, prepared once per connection (docs/PERFORMANCE.md).
   */
  async publicByNumber(number: string): Promise<PublicCertificateRow | undefined> {
    const [row] = await preparedQuery<PublicCertificateRow>(
      this.dataSource,
      'certificate_verify',
      `SELECT number, verification_code, status, holder_name, contents->'card' AS card, contents->'centre' AS centre,
              contents->'functions' AS functions,
              to_char(issued_on, 'YYYY-MM-DD') AS issued_on, to_char(valid_until, 'YYYY-MM-DD') AS valid_until,
              revoked_at, revoke_reason
         FROM certificate WHERE number = $1`,
      [number],
    );
    return row;
  }

  findByNumber(number: string): Promise<CertificateEntity | null> {
    return this.dataSource.getRepository(CertificateEntity).findOne({ where: { number } });
  }

  findCredit(id: string): Promise<CreditCredentialEntity | null> {
    return this.dataSource.getRepository(CreditCredentialEntity).findOne({ where: { id } });
  }

  find(id: string): Promise<CertificateEntity | null> {
    return this.dataSource.getRepository(CertificateEntity).findOne({ where: { id } });
  }

  get(id: string, manager: EntityManager = this.dataSource.manager): Promise<CertificateEntity> {
    return manager.findOneOrFail(CertificateEntity, { where: { id } });
  }

  /** The application's latest certificate (after an appeal, the one that replaced the revoked one). */
  latestOfApplication(applicationId: string): Promise<CertificateEntity | null> {
    return this.dataSource
      .getRepository(CertificateEntity)
      .findOne({ where: { applicationId }, order: { createdAt: 'DESC' } });
  }

  /** The certificate locked (FOR UPDATE) for the caller's transaction. */
  lock(manager: EntityManager, id: string): Promise<CertificateEntity> {
    return manager.findOneOrFail(CertificateEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async markRevoked(manager: EntityManager, id: string, revokedAt: Date, reason: string): Promise<void> {
    await manager.update(CertificateEntity, { id }, { status: 'revoked', revokedAt, revokeReason: reason });
  }

  /** The application's credit credentials, newest first. */
  creditsOfApplication(applicationId: string): Promise<CreditCredentialEntity[]> {
    return this.dataSource
      .getRepository(CreditCredentialEntity)
      .find({ where: { applicationId }, order: { createdAt: 'DESC', functionId: 'ASC' } });
  }
}
