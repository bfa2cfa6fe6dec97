import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { CreditCredentialEntity } from '../status-lists/status-list.entities';
import { CertificateEntity } from './certificate.entity';

/** The reads of the certificate and credit tables for holders, centres and admins, and revocation's writes. */
@Injectable()
export class CertificatesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

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
