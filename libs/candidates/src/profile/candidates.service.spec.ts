import { QueryFailedError, type DataSource, type EntityManager } from 'typeorm';
import { AccessService, type Actor, userContact, userNames } from '@qualcert/identity';
import { AuditService } from '@qualcert/shared';
import { automock } from '@qualcert/shared/testing';
import { buildFieldTree } from '@qualcert/standards';
import { AdmissionService } from '../applications/admission.service';
import { removalBlockedBy } from '../applications/record-removal-rule';
import type { ApplicationEntity } from '../entities/application.entity';
import type { CandidateProfileEntity } from '../entities/candidate-profile.entity';
import type { EmploymentRecordEntity } from '../entities/employment-record.entity';
import { identityFactsOf } from '../identity/identity.repository';
import { RecordsRepository } from '../records/records.repository';
import { CandidateProfilesRepository } from './candidate-profiles.repository';
import { CandidatesService } from './candidates.service';

jest.mock('@qualcert/identity', () => ({
  ...jest.requireActual<object>('@qualcert/identity'),
  userNames: jest.fn(),
  userContact: jest.fn(),
}));
jest.mock('../identity/identity.repository', () => ({ identityFactsOf: jest.fn() }));
jest.mock('../applications/record-removal-rule', () => ({
  ...jest.requireActual<object>('../applications/record-removal-rule'),
  removalBlockedBy: jest.fn(),
}));
const namesFound = userNames as jest.MockedFunction<typeof userNames>;
const contactFound = userContact as jest.MockedFunction<typeof userContact>;
const factsFound = identityFactsOf as jest.MockedFunction<typeof identityFactsOf>;
const removalBlocked = removalBlockedBy as jest.MockedFunction<typeof removalBlockedBy>;

const CANDIDATE: Actor = { userId: 'cand', role: 'candidate', centreIds: [] };
const MANAGER: Actor = { userId: 'manager', role: 'centre_manager', centreIds: ['c1'] };
const ASSESSOR: Actor = { userId: 'assessor', role: 'assessor', centreIds: ['c1'] };
const IIN = '900515300018';
const OTHER_IIN = '751130401238';

const profile = (overrides: Partial<CandidateProfileEntity> = {}) =>
  ({
    userId: 'cand',
    iin: IIN,
    birthDate: '1990-05-15',
    sex: 'male',
    phone: null,
    address: null,
    identityConfirmedAt: null,
    identityConfirmedBy: null,
    identityDocument: null,
    ...overrides,
  }) as CandidateProfileEntity;

const job = (overrides: Partial<EmploymentRecordEntity> = {}) =>
  ({
    id: 'job',
    candidateId: 'cand',
    employer: 'Plant',
    position: 'Welder',
    field: 'F1',
    startDate: '2020-01-01',
    endDate: null,
    documentRef: 'book',
    documentId: 'doc',
    checkStatus: 'confirmed',
    checkReason: null,
    checkedBy: 'manager',
    checkedAt: new Date('2026-01-01T00:00:00Z'),
    checkedApplicationId: 'app',
    ...overrides,
  }) as EmploymentRecordEntity;

const jobDto = {
  employer: 'Plant',
  position: 'Welder',
  field: 'F1',
  startDate: '2020-01-01',
  documentRef: 'book',
  documentId: 'doc',
};

const pgError = (code: string, constraint: string) =>
  new QueryFailedError('INSERT', [], Object.assign(new Error('refused'), { code, constraint }));

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
    profiles: automock(CandidateProfilesRepository),
  };
  const sut = new CandidatesService(
    dataSource as unknown as DataSource,
    mocks.access,
    mocks.audit,
    mocks.records,
    mocks.admission,
    mocks.profiles,
  );
  mocks.records.lockInCheck.mockResolvedValue([]);
  mocks.records.education.mockResolvedValue([]);
  mocks.records.employment.mockResolvedValue([]);
  mocks.records.learning.mockResolvedValue([]);
  mocks.records.fieldTree.mockResolvedValue(buildFieldTree([]));
  mocks.profiles.find.mockResolvedValue(profile());
  mocks.profiles.lock.mockResolvedValue(profile());
  namesFound.mockResolvedValue(new Map([['cand', 'Candidate']]));
  contactFound.mockResolvedValue({ email: 'cand@example.kz', active: true });
  factsFound.mockResolvedValue(new Map([['cand', { iinAlsoDeclaredElsewhere: true, confirmed: false }]]));
  removalBlocked.mockReturnValue(null);
  return { sut, mocks };
}

describe(CandidatesService.name, () => {
  describe('the profile', () => {
    const dto = { iin: IIN, birthDate: '1990-05-15', sex: 'male' as const };

    it('refuses an ИИН that does not match the birth date and sex (INVALID_IIN), naming the field', async () => {
      const { sut, mocks } = newTestService();
      await expect(sut.upsertProfile(CANDIDATE, { ...dto, birthDate: '1991-05-15' })).rejects.toMatchObject({
        code: 'INVALID_IIN',
        details: { fields: [expect.objectContaining({ field: 'iin' })] },
      });
      expect(mocks.profiles.lock).not.toHaveBeenCalled();
    });

    it('creates the profile the first time', async () => {
      const { sut, mocks } = newTestService();
      mocks.profiles.lock.mockResolvedValue(null);
      await sut.upsertProfile(CANDIDATE, dto);
      expect(mocks.profiles.insert).toHaveBeenCalledWith(mocks.manager, {
        userId: 'cand',
        ...dto,
        phone: null,
        address: null,
      });
      expect(mocks.audit.record.mock.calls[0][1].action).toBe('candidate.profile_created');
    });

    it('ends a centre’s confirmation when another ИИН is declared', async () => {
      const { sut, mocks } = newTestService();
      mocks.profiles.lock.mockResolvedValue(
        profile({ iin: OTHER_IIN, identityConfirmedAt: new Date(), identityConfirmedBy: 'manager' }),
      );
      await sut.upsertProfile(CANDIDATE, dto);
      expect(mocks.profiles.update).toHaveBeenCalledWith(
        mocks.manager,
        'cand',
        expect.objectContaining({ iin: IIN, identityConfirmedAt: null, identityConfirmedBy: null }),
      );
    });

    it('keeps the confirmation while the ИИН stays the same', async () => {
      const { sut, mocks } = newTestService();
      mocks.profiles.lock.mockResolvedValue(profile({ identityConfirmedAt: new Date(), identityConfirmedBy: 'm' }));
      await sut.upsertProfile(CANDIDATE, { ...dto, phone: '+7 700 000 00 00' });
      expect(mocks.profiles.update.mock.calls[0][2]).not.toHaveProperty('identityConfirmedAt');
    });

    it('answers the same whether or not another account declares the ИИН: the candidate never learns it', async () => {
      const { sut } = newTestService();
      const answer = await sut.upsertProfile(CANDIDATE, dto);
      expect(answer).not.toHaveProperty('iinAlsoDeclaredElsewhere');
      expect(answer).not.toHaveProperty('identityConfirmation');
      expect(factsFound).not.toHaveBeenCalled();
    });
  });

  describe('who sees the ИИН', () => {
    it.each([
      ['its owner sees it whole, and not whether it is declared elsewhere', CANDIDATE, true, false],
      ['a centre’s manager sees it whole, and whether it is declared elsewhere', MANAGER, true, true],
      ['an assessor sees it masked, and whether it is declared elsewhere', ASSESSOR, false, true],
    ])('%s', async (_rule, actor, whole, staff) => {
      const { sut } = newTestService();
      const { profile: seen } = await sut.getCandidate(actor, 'cand');
      expect(seen).toMatchObject({ iinMasked: !whole, fullName: 'Candidate', email: 'cand@example.kz' });
      expect(seen?.iin === IIN).toBe(whole);
      expect(seen?.iinAlsoDeclaredElsewhere).toBe(staff ? true : undefined);
    });

    it('has no profile for an account that has none', async () => {
      const { sut, mocks } = newTestService();
      mocks.profiles.find.mockResolvedValue(null);
      await expect(sut.getOwnProfile(CANDIDATE)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });
  });

  describe('the identity confirmation', () => {
    const dto = { iin: IIN, document: 'ID card 012345678' };

    it('refuses a document whose ИИН is not the profile’s (CONFLICT), naming the field', async () => {
      const { sut, mocks } = newTestService();
      mocks.profiles.lock.mockResolvedValue(profile({ iin: OTHER_IIN }));
      await expect(sut.confirmIdentity(MANAGER, 'cand', dto)).rejects.toMatchObject({
        code: 'CONFLICT',
        details: { fields: [expect.objectContaining({ field: 'iin' })] },
      });
      expect(mocks.profiles.update).not.toHaveBeenCalled();
    });

    it('answers IDENTITY_CONFIRMED_ELSEWHERE when another account holds the ИИН’s confirmation', async () => {
      const { sut, mocks } = newTestService();
      mocks.profiles.update.mockRejectedValue(pgError('23505', 'uq_candidate_profile_iin_confirmed'));
      await expect(sut.confirmIdentity(MANAGER, 'cand', dto)).rejects.toMatchObject({
        code: 'IDENTITY_CONFIRMED_ELSEWHERE',
      });
    });

    it('records who confirmed and on which document', async () => {
      const { sut, mocks } = newTestService();
      await sut.confirmIdentity(MANAGER, 'cand', dto);
      expect(mocks.profiles.update).toHaveBeenCalledWith(
        mocks.manager,
        'cand',
        expect.objectContaining({ identityConfirmedBy: 'manager', identityDocument: dto.document }),
      );
    });

    it('cannot withdraw a confirmation nobody made (INVALID_TRANSITION)', async () => {
      const { sut, mocks } = newTestService();
      await expect(sut.withdrawIdentityConfirmation(MANAGER, 'cand', { reason: 'wrong' })).rejects.toMatchObject({
        code: 'INVALID_TRANSITION',
      });
      expect(mocks.profiles.update).not.toHaveBeenCalled();
    });
  });

  describe('the records', () => {
    it.each([
      ['an impossible date', { startDate: '2021-02-30' }, 'startDate', 'field:realDate'],
      ['a date in the future', { startDate: '2999-01-01' }, 'startDate', 'field:future'],
      ['an end before the start', { endDate: '2019-12-31' }, 'endDate', 'field:notBefore'],
    ])('refuses a job with %s, naming the field', async (_name, dates, field, fault) => {
      const { sut, mocks } = newTestService();
      await expect(sut.addEmployment(CANDIDATE, { ...jobDto, ...dates })).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
        details: { fields: [expect.objectContaining({ field, messages: [expect.objectContaining({ code: fault })] })] },
      });
      expect(mocks.records.insert).not.toHaveBeenCalled();
    });

    it('adds a record unchecked and asks for a re-check of the applications in their document check', async () => {
      const { sut, mocks } = newTestService();
      const inCheck = [{ id: 'app', status: 'awaiting_documents' } as ApplicationEntity];
      mocks.records.lockInCheck.mockResolvedValue(inCheck);
      const added = await sut.addEmployment(CANDIDATE, jobDto);
      expect(added.check).toMatchObject({ status: 'pending', checkedBy: null });
      expect(mocks.records.insert).toHaveBeenCalledWith(mocks.manager, 'employment', expect.anything());
      expect(mocks.admission.requestRecheck).toHaveBeenCalledWith(mocks.manager, inCheck);
    });

    it('changes nothing, and keeps the check, on an identical update', async () => {
      const { sut, mocks } = newTestService();
      mocks.records.lockOwn.mockResolvedValue(job());
      const answer = await sut.updateEmployment(CANDIDATE, 'job', jobDto);
      expect(answer.check.status).toBe('confirmed');
      expect(mocks.records.update).not.toHaveBeenCalled();
      expect(mocks.audit.record).not.toHaveBeenCalled();
    });

    it('puts the document check back to pending when a record changes', async () => {
      const { sut, mocks } = newTestService();
      mocks.records.lockOwn.mockResolvedValue(job());
      const answer = await sut.updateEmployment(CANDIDATE, 'job', { ...jobDto, position: 'Senior welder' });
      expect(answer.check).toMatchObject({ status: 'pending', checkedBy: null, applicationId: null });
      expect(mocks.records.update).toHaveBeenCalledWith(
        mocks.manager,
        'employment',
        'job',
        expect.objectContaining({ position: 'Senior welder', checkStatus: 'pending', checkedBy: null }),
      );
    });

    it('answers 404 for a record that is not the candidate’s', async () => {
      const { sut, mocks } = newTestService();
      mocks.records.lockOwn.mockResolvedValue(null);
      await expect(sut.updateEmployment(CANDIDATE, 'job', jobDto)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect(mocks.records.lockOwn).toHaveBeenCalledWith(mocks.manager, 'employment', 'job', 'cand');
    });

    it('keeps a record an admitted application rests on (RECORD_IN_USE)', async () => {
      const { sut, mocks } = newTestService();
      mocks.records.lockOwn.mockResolvedValue(job());
      removalBlocked.mockReturnValue({ applicationId: 'app', applicationStatus: 'eligible' });
      await expect(sut.removeRecord(CANDIDATE, 'employment', 'job')).rejects.toMatchObject({
        code: 'RECORD_IN_USE',
        details: { applicationId: 'app', recordId: 'job' },
      });
      expect(mocks.records.remove).not.toHaveBeenCalled();
    });

    it('removes a record no admitted application rests on', async () => {
      const { sut, mocks } = newTestService();
      mocks.records.lockOwn.mockResolvedValue(job());
      await sut.removeRecord(CANDIDATE, 'employment', 'job');
      expect(mocks.records.remove).toHaveBeenCalledWith(mocks.manager, 'employment', 'job');
    });

    it('answers a document that is not one of the candidate’s files with 404 naming documentId', async () => {
      const { sut, mocks } = newTestService();
      mocks.records.insert.mockRejectedValue(pgError('23503', 'fk_candidate_employment_document'));
      await expect(sut.addEmployment(CANDIDATE, jobDto)).rejects.toMatchObject({
        code: 'NOT_FOUND',
        details: { fields: [expect.objectContaining({ field: 'documentId' })] },
      });
    });

    it('answers a field code that is not in the tree with 400 naming the field', async () => {
      const { sut, mocks } = newTestService();
      mocks.records.insert.mockRejectedValue(pgError('23503', 'fk_candidate_employment_field'));
      await expect(sut.addEmployment(CANDIDATE, jobDto)).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
        details: { fields: [expect.objectContaining({ field: 'field' })] },
      });
    });
  });
});
