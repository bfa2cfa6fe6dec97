import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccessService, Actor, Permission, toAuditActor } from '@qualcert/identity';
import { AuditService, DomainException, FILE_STORAGE, FileStorage, OutboxService } from '@qualcert/shared';
import { StatusListsService } from '../status-lists/status-lists.service';
import type { CertificateEntity } from './certificate.entity';
import { CertificateIssuer } from './certificate-issuer';
import { CertificatesRepository } from './certificates.repository';

/** A certificate as its holder, its centre and admins read it. */
export type CertificateView = CertificateEntity & { credential: Record<string, unknown>; verificationUrl: string };

/**
 * Certificates as their holders, centres and admins read them (the row, its PDF, its credential,
 * the credits), and their revocation. Issuing is the worker's (`CertificateIssuer`); what the public
 * learns is the verifier's (`CertificateVerifier`).
 */
@Injectable()
export class CertificatesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: CertificatesRepository,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    private readonly issuer: CertificateIssuer,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly statusLists: StatusListsService,
  ) {}

  /**
   * The application's latest certificate (after an appeal, the one that replaced the revoked one),
   * with its verification code and the URL its QR code carries.
   */
  async forApplication(actor: Actor, applicationId: string): Promise<CertificateView> {
    await this.access.requireAccess(actor, Permission.ApplicationRead, [applicationId], 'Application');
    const row = await this.repository.latestOfApplication(applicationId);
    if (!row)
      throw new DomainException('NOT_FOUND', 'No certificate has been issued for this application', {
        entity: 'Certificate',
      });
    return {
      ...row,
      credential: await this.issuer.ensureCredential(row),
      verificationUrl: this.issuer.verificationUrl(row),
    };
  }

  async pdf(actor: Actor, id: string): Promise<{ number: string; data: Buffer }> {
    const row = await this.readable(actor, id);
    // Asked for in the moment between the issuing commit and the worker's render: render it here.
    const data = (await this.storage.exists(row.pdfKey))
      ? await this.storage.get(row.pdfKey)
      : await this.issuer.storePdf(row);
    return { number: row.number, data };
  }

  async credential(actor: Actor, id: string): Promise<Record<string, unknown>> {
    return this.issuer.ensureCredential(await this.readable(actor, id));
  }

  /** The centre's manager or an admin revokes, with a reason; the certificate stays, as revoked. */
  async revoke(actor: Actor, id: string, reason: string): Promise<CertificateEntity> {
    const row = await this.repository.find(id);
    if (
      !row ||
      !(await this.access.checkAccess(actor, Permission.CentreManageStaff, [row.centreId])).has(row.centreId)
    ) {
      throw DomainException.notFound('Certificate', id);
    }
    return this.dataSource.transaction(async (manager) => {
      const locked = await this.repository.lock(manager, id);
      if (locked.status === 'revoked')
        throw new DomainException('INVALID_TRANSITION', 'The certificate is already revoked', {
          currentStatus: 'revoked',
        });
      const revokedAt = new Date();
      await this.repository.markRevoked(manager, id, revokedAt, reason);
      // The bit is set, and the list signed again, before the revocation commits.
      await this.statusLists.republishLists(manager, locked.centreId, new Set([locked.statusList]), revokedAt);
      await this.audit.record(manager, {
        actor: toAuditActor(actor),
        action: 'certificate.revoked',
        entityType: 'certificate',
        entityId: id,
        before: { status: locked.status },
        after: { status: 'revoked', reason },
      });
      await this.outbox.publish(manager, 'notification.requested', {
        kind: 'certificate.revoked',
        subjectId: id,
        applicationId: locked.applicationId,
      });
      return this.repository.get(id, manager);
    });
  }

  /** The credentials for partial credit of an application's decisions, newest first. */
  async creditCredentials(actor: Actor, applicationId: string): Promise<Record<string, unknown>[]> {
    await this.access.requireAccess(actor, Permission.ApplicationRead, [applicationId], 'Application');
    return (await this.repository.creditsOfApplication(applicationId)).map((r) => r.credential);
  }

  /** The holder, admins, the centre's managers, and assessors assigned to its application. */
  private async readable(actor: Actor, id: string): Promise<CertificateEntity> {
    await this.access.requireAccess(actor, Permission.CertificateRead, [id], 'Certificate');
    return this.repository.get(id);
  }
}
