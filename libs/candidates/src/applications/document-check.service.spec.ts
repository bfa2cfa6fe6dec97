import type { DataSource, EntityManager } from 'typeorm';
import { AccessService, type Actor } from '@qualcert/identity';
import { AuditService } from '@qualcert/shared';
import { automock } from '@qualcert/shared/testing';
import type { EligibilityResult } from '../eligibility/eligibility';
import type { ApplicationEntity } from '../entities/application.entity';
import type { EmploymentRecordEntity } from '../entities/employment-record.entity';
import { RecordsRepository } from '../records/records.repository';
import { AdmissionService } from './admission.service';
import { ApplicationsRepository } from './applications.repository';
import { DocumentCheckService } from './document-check.service';

const ASSESSOR: Actor = { userId: 'assessor', role: 'assessor', centreIds: ['c1'] };

const application = (overrides: Partial<ApplicationEntity> = {}) =>
  ({
    id: 'app',
    candidateId: 'cand',
    status: 'awaiting_documents',
    eligibility: null,
    ...overrides,
  }) as ApplicationEntity;

const job = (id: string, overrides: Partial<EmploymentRecordEntity> = {}) =>
  ({
    id,
    candidateId: 'cand',
    employer: 'Plant',
    position: 'Welder',
    field: 'F1',
    startDate: '2020-01-01',
    endDate: null,
    documentRef: 'book',
    documentId: 'doc',
    checkStatus: 'pending',
    checkReason: null,
    checkedBy: null,
    checkedAt: null,
    checkedApplicationId: null,
    ...overrides,
  }) as EmploymentRecordEntity;

/** A stored result whose second route rests on record j2, awaiting its check with j3. */
const eligibility = {
  routes: [
    { index: 0, conditions: [{ params: { recordIds: [], rejectedRecordIds: [], undocumentedRecordIds: [] } }] },
    { index: 1, conditions: [{ params: { recordIds: ['j2'], rejectedRecordIds: [], undocumentedRecordIds: [] } }] },
  ],
  pendingRecordIds: ['j2', 'j3'],
} as unknown as EligibilityResult;

/** The service with its repositories and collaborators mocked, and a transaction that runs at once. */
function newTestService() {
  const manager = {} as EntityManager;
  const dataSource = { manager, transaction: jest.fn((work: (m: EntityManager) => unknown) => work(manager)) };
  const mocks = {
    manager,
    access: automock(AccessService),
    audit: automock(AuditService),
    records: automock(RecordsRepository),
    admission: automock(AdmissionService),
    applications: automock(ApplicationsRepository),
  };
  const sut = new DocumentCheckService(
    dataSource as unknown as DataSource,
    mocks.access,
    mocks.audit,
    mocks.records,
    mocks.admission,
    mocks.applications,
  );
  mocks.applications.get.mockResolvedValue(application());
  mocks.records.lockInCheck.mockResolvedValue([application()]);
  mocks.records.lockRecord.mockResolvedValue({ kind: 'employment', row: job('j1') });
  mocks.records.load.mockResolvedValue({ education: [], employment: [job('j1')], learning: [] });
  return { sut, mocks };
}

describe(DocumentCheckService.name, () => {
  describe('verdict', () => {
    it('refuses once the application no longer awaits its document check, before locking the record', async () => {
      const { sut, mocks } = newTestService();
      mocks.records.lockInCheck.mockResolvedValue([application({ status: 'eligible' })]);
      await expect(sut.verdict(ASSESSOR, 'app', 'j1', { verdict: 'rejected' })).rejects.toMatchObject({
        code: 'DOCUMENT_CHECK_CLOSED',
      });
      expect(mocks.records.lockRecord).not.toHaveBeenCalled();
    });

    it('answers 404 for a record that is not the application’s candidate’s', async () => {
      const { sut, mocks } = newTestService();
      mocks.records.lockRecord.mockResolvedValue(null);
      await expect(sut.verdict(ASSESSOR, 'app', 'j1', { verdict: 'rejected' })).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
      expect(mocks.records.lockRecord).toHaveBeenCalledWith(mocks.manager, 'cand', 'j1');
    });

    it('refuses to confirm a record without a document (DOCUMENT_MISSING), writing nothing', async () => {
      const { sut, mocks } = newTestService();
      mocks.records.lockRecord.mockResolvedValue({ kind: 'employment', row: job('j1', { documentId: null }) });
      await expect(sut.verdict(ASSESSOR, 'app', 'j1', { verdict: 'confirmed' })).rejects.toMatchObject({
        code: 'DOCUMENT_MISSING',
      });
      expect(mocks.records.update).not.toHaveBeenCalled();
    });

    it('records a confirmation on the record, audits it, and completes the checks awaiting it at once', async () => {
      const { sut, mocks } = newTestService();
      const waiting = application();
      const submitted = application({ id: 'other', status: 'submitted' });
      mocks.records.lockInCheck.mockResolvedValue([waiting, submitted]);
      await sut.verdict(ASSESSOR, 'app', 'j1', { verdict: 'confirmed' });
      expect(mocks.records.update).toHaveBeenCalledWith(
        mocks.manager,
        'employment',
        'j1',
        expect.objectContaining({ checkStatus: 'confirmed', checkedBy: 'assessor', checkedApplicationId: 'app' }),
      );
      expect(mocks.audit.record).toHaveBeenCalledWith(
        mocks.manager,
        expect.objectContaining({ action: 'application.document_checked', entityId: 'app' }),
      );
      expect(mocks.admission.evaluate.mock.calls.map((c) => c[1])).toEqual([waiting]);
      expect(mocks.admission.requestRecheck).not.toHaveBeenCalled();
    });

    it('on a rejection, asks the worker to check eligibility again', async () => {
      const { sut, mocks } = newTestService();
      await sut.verdict(ASSESSOR, 'app', 'j1', { verdict: 'rejected', reason: 'illegible' });
      expect(mocks.records.update.mock.calls[0][3]).toMatchObject({
        checkStatus: 'rejected',
        checkReason: 'illegible',
      });
      expect(mocks.admission.requestRecheck).toHaveBeenCalledWith(mocks.manager, [application()]);
      expect(mocks.admission.evaluate).not.toHaveBeenCalled();
    });
  });

  describe('view', () => {
    it('lists the records the stored result looks at first, with the routes that look at them', async () => {
      const { sut, mocks } = newTestService();
      mocks.applications.get.mockResolvedValue(application({ eligibility }));
      mocks.records.load.mockResolvedValue({ education: [], employment: [job('j1'), job('j2')], learning: [] });
      const view = await sut.view(ASSESSOR, 'app');
      expect(view.records.map((r) => [r.id, r.routes])).toEqual([
        ['j2', [1]],
        ['j1', []],
      ]);
    });

    it('lists as pending only the records still unchecked, and only while the check is open', async () => {
      const { sut, mocks } = newTestService();
      mocks.applications.get.mockResolvedValue(application({ eligibility }));
      mocks.records.load.mockResolvedValue({
        education: [],
        employment: [job('j2'), job('j3', { checkStatus: 'rejected' })],
        learning: [],
      });
      expect((await sut.view(ASSESSOR, 'app')).pendingRecordIds).toEqual(['j2']);
      mocks.applications.get.mockResolvedValue(application({ eligibility, status: 'eligible' }));
      expect((await sut.view(ASSESSOR, 'app')).pendingRecordIds).toEqual([]);
    });
  });
});
