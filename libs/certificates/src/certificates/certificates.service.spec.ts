import type { DataSource, EntityManager } from 'typeorm';
import { AccessService, type Actor } from '@qualcert/identity';
import { AuditService, type FileStorage, OutboxService } from '@qualcert/shared';
import { automock } from '@qualcert/shared/testing';
import { StatusListsService } from '../status-lists/status-lists.service';
import type { CertificateEntity } from './certificate.entity';
import { CertificateIssuer } from './certificate-issuer';
import { CertificatesRepository } from './certificates.repository';
import { CertificatesService } from './certificates.service';

const MANAGER: Actor = { userId: 'manager', role: 'centre_manager', centreIds: ['c1'] };

const certificate = (overrides: Partial<CertificateEntity> = {}) =>
  ({
    id: 'cert',
    number: 'KZ-1',
    applicationId: 'app',
    centreId: 'c1',
    status: 'valid',
    revokedAt: null,
    revokeReason: null,
    statusList: 3,
    pdfKey: 'certificates/cert.pdf',
    ...overrides,
  }) as CertificateEntity;

/** The service with its repository and collaborators mocked, and a transaction that runs at once. */
function newTestService() {
  const manager = {} as EntityManager;
  const dataSource = { transaction: jest.fn((work: (m: EntityManager) => unknown) => work(manager)) };
  const storage = { exists: jest.fn(), get: jest.fn() };
  const mocks = {
    manager,
    storage,
    repository: automock(CertificatesRepository),
    issuer: automock(CertificateIssuer),
    access: automock(AccessService),
    audit: automock(AuditService),
    outbox: automock(OutboxService),
    statusLists: automock(StatusListsService),
  };
  const sut = new CertificatesService(
    dataSource as unknown as DataSource,
    mocks.repository,
    storage as unknown as FileStorage,
    mocks.issuer,
    mocks.access,
    mocks.audit,
    mocks.outbox,
    mocks.statusLists,
  );
  return { sut, mocks };
}

describe(CertificatesService.name, () => {
  describe('revoke', () => {
    it('answers 404, not 403, to a manager of another centre, and changes nothing', async () => {
      const { sut, mocks } = newTestService();
      mocks.repository.find.mockResolvedValue(certificate({ centreId: 'c2' }));
      mocks.access.checkAccess.mockResolvedValue(new Set());
      await expect(sut.revoke(MANAGER, 'cert', 'error')).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect(mocks.access.checkAccess).toHaveBeenCalledWith(MANAGER, expect.anything(), ['c2']);
      expect(mocks.repository.markRevoked).not.toHaveBeenCalled();
    });

    it('answers 404 for a certificate that does not exist', async () => {
      const { sut, mocks } = newTestService();
      mocks.repository.find.mockResolvedValue(null);
      await expect(sut.revoke(MANAGER, 'cert', 'error')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });

    it('refuses to revoke again (409 INVALID_TRANSITION), judged on the locked row', async () => {
      const { sut, mocks } = newTestService();
      mocks.repository.find.mockResolvedValue(certificate());
      mocks.access.checkAccess.mockResolvedValue(new Set(['c1']));
      // Another request revoked it between the read and the lock.
      mocks.repository.lock.mockResolvedValue(certificate({ status: 'revoked' }));
      await expect(sut.revoke(MANAGER, 'cert', 'error')).rejects.toMatchObject({
        code: 'INVALID_TRANSITION',
        details: { currentStatus: 'revoked' },
      });
      expect(mocks.repository.markRevoked).not.toHaveBeenCalled();
      expect(mocks.statusLists.republishLists).not.toHaveBeenCalled();
    });

    it('marks it revoked, sets its status bit, audits it and tells the holder, in one transaction', async () => {
      const { sut, mocks } = newTestService();
      mocks.repository.find.mockResolvedValue(certificate());
      mocks.access.checkAccess.mockResolvedValue(new Set(['c1']));
      mocks.repository.lock.mockResolvedValue(certificate());
      mocks.repository.get.mockResolvedValue(certificate({ status: 'revoked' }));
      await expect(sut.revoke(MANAGER, 'cert', 'issued in error')).resolves.toMatchObject({ status: 'revoked' });
      const [, id, revokedAt, reason] = mocks.repository.markRevoked.mock.calls[0];
      expect([id, reason]).toEqual(['cert', 'issued in error']);
      expect(mocks.statusLists.republishLists).toHaveBeenCalledWith(mocks.manager, 'c1', new Set([3]), revokedAt);
      expect(mocks.audit.record).toHaveBeenCalledWith(
        mocks.manager,
        expect.objectContaining({
          action: 'certificate.revoked',
          before: { status: 'valid' },
          after: { status: 'revoked', reason: 'issued in error' },
        }),
      );
      expect(mocks.outbox.publish).toHaveBeenCalledWith(mocks.manager, 'notification.requested', {
        kind: 'certificate.revoked',
        subjectId: 'cert',
        applicationId: 'app',
      });
    });
  });

  describe('forApplication', () => {
    it('answers 404 while no certificate has been issued for the application', async () => {
      const { sut, mocks } = newTestService();
      mocks.repository.latestOfApplication.mockResolvedValue(null);
      await expect(sut.forApplication(MANAGER, 'app')).rejects.toMatchObject({
        code: 'NOT_FOUND',
        details: { entity: 'Certificate' },
      });
    });
  });

  describe('pdf', () => {
    it('serves the stored PDF, and renders one only while the worker has not stored it yet', async () => {
      const { sut, mocks } = newTestService();
      mocks.repository.get.mockResolvedValue(certificate());
      mocks.storage.exists.mockResolvedValueOnce(true).mockResolvedValueOnce(false);
      mocks.storage.get.mockResolvedValue(Buffer.from('stored'));
      mocks.issuer.storePdf.mockResolvedValue(Buffer.from('rendered'));
      await expect(sut.pdf(MANAGER, 'cert')).resolves.toEqual({ number: 'KZ-1', data: Buffer.from('stored') });
      await expect(sut.pdf(MANAGER, 'cert')).resolves.toEqual({ number: 'KZ-1', data: Buffer.from('rendered') });
      expect(mocks.issuer.storePdf).toHaveBeenCalledTimes(1);
    });
  });
});
