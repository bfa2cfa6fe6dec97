import { QueryFailedError, type DataSource, type EntityManager } from 'typeorm';
import { accreditedOn, findCentre, type CentreEntity } from '@qualcert/centres';
import { AccessService, type Actor } from '@qualcert/identity';
import { AuditService, OutboxService } from '@qualcert/shared';
import { automock } from '@qualcert/shared/testing';
import { CardOutlineReader, findCard, type ProfessionCardEntity } from '@qualcert/standards';
import { outline } from '@qualcert/standards/testing';
import type { ApplicationEntity } from '../entities/application.entity';
import { identityFactsOf } from '../identity/identity.repository';
import { lockApplication } from './application.repository';
import { ApplicationsRepository } from './applications.repository';
import { ApplicationsService } from './applications.service';
import type { AssessmentWithdrawal } from './assessment-withdrawal';
import type { DecisionHistory, ProgramOffer } from './upper-context-ports';

jest.mock('@qualcert/standards', () => ({
  ...jest.requireActual<object>('@qualcert/standards'),
  findCard: jest.fn(),
}));
jest.mock('@qualcert/centres', () => ({
  ...jest.requireActual<object>('@qualcert/centres'),
  findCentre: jest.fn(),
  accreditedOn: jest.fn(),
}));
jest.mock('./application.repository', () => ({
  ...jest.requireActual<object>('./application.repository'),
  lockApplication: jest.fn(),
}));
jest.mock('../identity/identity.repository', () => ({
  ...jest.requireActual<object>('../identity/identity.repository'),
  identityFactsOf: jest.fn(),
}));
const cardFound = findCard as jest.MockedFunction<typeof findCard>;
const centreFound = findCentre as jest.MockedFunction<typeof findCentre>;
const accredited = accreditedOn as jest.MockedFunction<typeof accreditedOn>;
const locked = lockApplication as jest.MockedFunction<typeof lockApplication>;
const identityFacts = identityFactsOf as jest.MockedFunction<typeof identityFactsOf>;

const CANDIDATE: Actor = { userId: 'candidate', role: 'candidate', centreIds: [] };
const MANAGER: Actor = { userId: 'manager', role: 'centre_manager', centreIds: ['centre'] };
const ADMIN: Actor = { userId: 'admin', role: 'admin', centreIds: [] };

const OUTLINE = outline({ mandatory: { m1: [] }, additional: { a1: [], a2: [] } });

const card = (overrides: Partial<ProfessionCardEntity> = {}) =>
  ({ id: 'card', standardVersionId: 'sv', prerequisiteStatus: 'confirmed', ...overrides }) as ProfessionCardEntity;
const centre = (overrides: Partial<CentreEntity> = {}) =>
  ({ id: 'centre', code: 'C-1', status: 'active', ...overrides }) as CentreEntity;
const application = (overrides: Partial<ApplicationEntity> = {}) =>
  ({
    id: 'app',
    candidateId: 'candidate',
    centreId: 'centre',
    cardId: 'card',
    pathway: 'assessment',
    additionalFunctionIds: [],
    status: 'draft',
    submission: 0,
    ...overrides,
  }) as ApplicationEntity;

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);

/** The service with its repository, ports and collaborators mocked, and a manager whose updates succeed. */
function newTestService() {
  const manager = { update: jest.fn().mockResolvedValue({ affected: 1 }) };
  const dataSource = { transaction: jest.fn((work: (m: EntityManager) => unknown) => work(manager as never)) };
  const mocks = {
    manager,
    repository: automock(ApplicationsRepository),
    access: automock(AccessService),
    audit: automock(AuditService),
    outbox: automock(OutboxService),
    withdrawal: { end: jest.fn() } satisfies AssessmentWithdrawal,
    offer: { offeredFunctions: jest.fn() } satisfies ProgramOffer,
    history: { notAwarded: jest.fn() } satisfies DecisionHistory,
    outlines: automock(CardOutlineReader),
  };
  mocks.repository.hasProfile.mockResolvedValue(true);
  mocks.repository.withdrawalsAfterResults.mockResolvedValue([]);
  mocks.repository.get.mockImplementation((_m, id) => Promise.resolve(application({ id })));
  mocks.history.notAwarded.mockResolvedValue([]);
  mocks.offer.offeredFunctions.mockResolvedValue(['a1']);
  mocks.outlines.read.mockResolvedValue(OUTLINE);
  cardFound.mockReset().mockResolvedValue(card());
  centreFound.mockReset().mockResolvedValue(centre());
  accredited.mockReset().mockResolvedValue(true);
  locked.mockReset().mockResolvedValue(application());
  identityFacts.mockReset().mockResolvedValue(new Map());
  const sut = new ApplicationsService(
    dataSource as unknown as DataSource,
    mocks.repository,
    mocks.access,
    mocks.audit,
    mocks.outbox,
    mocks.withdrawal,
    mocks.offer,
    mocks.history,
    mocks.outlines,
  );
  return { sut, mocks };
}

describe(ApplicationsService.name, () => {
  describe('apply', () => {
    const dto = { cardId: 'card', centreId: 'centre', pathway: 'assessment' as const };

    it('creates a draft for the card at its standard version, audited', async () => {
      const { sut, mocks } = newTestService();
      const created = await sut.apply(CANDIDATE, dto);
      expect(mocks.repository.insert).toHaveBeenCalledWith(
        mocks.manager,
        expect.objectContaining({
          id: created.id,
          candidateId: 'candidate',
          centreId: 'centre',
          cardId: 'card',
          standardVersionId: 'sv',
          status: 'draft',
          additionalFunctionIds: [],
        }),
      );
      expect(mocks.audit.record).toHaveBeenCalledWith(
        mocks.manager,
        expect.objectContaining({ action: 'application.created' }),
      );
      expect(created.warnings).toEqual([]);
    });

    it('requires a profile first', async () => {
      const { sut, mocks } = newTestService();
      mocks.repository.hasProfile.mockResolvedValue(false);
      await expect(sut.apply(CANDIDATE, dto)).rejects.toMatchObject({ code: 'PROFILE_REQUIRED' });
      expect(mocks.repository.insert).not.toHaveBeenCalled();
    });

    it('answers 404 naming cardId for an unknown card', async () => {
      const { sut } = newTestService();
      cardFound.mockResolvedValue(null);
      await expect(sut.apply(CANDIDATE, dto)).rejects.toMatchObject({
        code: 'NOT_FOUND',
        details: { fields: [expect.objectContaining({ field: 'cardId' })] },
      });
    });

    it("refuses a card whose prerequisites await an admin's review", async () => {
      const { sut } = newTestService();
      cardFound.mockResolvedValue(card({ prerequisiteStatus: 'needs_review' }));
      await expect(sut.apply(CANDIDATE, dto)).rejects.toMatchObject({ code: 'CARD_NEEDS_REVIEW' });
    });

    it('answers 404 naming centreId for an unknown centre', async () => {
      const { sut } = newTestService();
      centreFound.mockResolvedValue(null);
      await expect(sut.apply(CANDIDATE, dto)).rejects.toMatchObject({
        code: 'NOT_FOUND',
        details: { fields: [expect.objectContaining({ field: 'centreId' })] },
      });
    });

    it.each([
      ['a suspended centre', centre({ status: 'suspended' }), true],
      ['a centre with no accreditation for the card in force today', centre(), false],
    ])('refuses %s', async (_case, found, inForce) => {
      const { sut, mocks } = newTestService();
      centreFound.mockResolvedValue(found);
      accredited.mockResolvedValue(inForce);
      await expect(sut.apply(CANDIDATE, dto)).rejects.toMatchObject({
        code: 'CENTRE_NOT_ACCREDITED',
        details: { fields: [expect.objectContaining({ field: 'centreId' })] },
      });
      expect(accredited).toHaveBeenCalledWith(
        mocks.manager,
        'centre',
        'card',
        expect.stringMatching(/^\d{4}-\d\d-\d\d$/),
      );
    });

    it.each([
      ['a decision that did not award the card', 'history'],
      ['a withdrawal after results', 'withdrawals'],
    ] as const)('refuses a retake while the wait after %s runs, naming the day it opens', async (_case, source) => {
      const { sut, mocks } = newTestService();
      const earlier = [{ signedAt: daysAgo(10), waitDays: 30 }];
      if (source === 'history') mocks.history.notAwarded.mockResolvedValue(earlier);
      else mocks.repository.withdrawalsAfterResults.mockResolvedValue(earlier);
      await expect(sut.apply(CANDIDATE, dto)).rejects.toMatchObject({
        code: 'RETAKE_TOO_EARLY',
        details: { opensOn: expect.any(String), fields: [expect.objectContaining({ field: 'cardId' })] },
      });
      expect(mocks.history.notAwarded).toHaveBeenCalledWith(mocks.manager, 'candidate', 'card');
      expect(mocks.repository.insert).not.toHaveBeenCalled();
    });

    it.each([
      ['on the day the wait ends', 30],
      ['once the wait has passed', 40],
    ])('lets the candidate apply again %s', async (_case, days) => {
      const { sut, mocks } = newTestService();
      mocks.history.notAwarded.mockResolvedValue([{ signedAt: daysAgo(days), waitDays: 30 }]);
      await expect(sut.apply(CANDIDATE, dto)).resolves.toMatchObject({ status: 'draft' });
    });

    it('takes the chosen additional functions the centre offers', async () => {
      const { sut, mocks } = newTestService();
      await sut.apply(CANDIDATE, { ...dto, additionalFunctionIds: ['a1'] });
      expect(mocks.offer.offeredFunctions).toHaveBeenCalledWith(mocks.manager, 'centre', 'card');
      expect(mocks.repository.insert).toHaveBeenCalledWith(
        mocks.manager,
        expect.objectContaining({ additionalFunctionIds: ['a1'] }),
      );
    });

    it("refuses a function the centre's program does not offer", async () => {
      const { sut, mocks } = newTestService();
      await expect(sut.apply(CANDIDATE, { ...dto, additionalFunctionIds: ['a2'] })).rejects.toMatchObject({
        code: 'FUNCTION_NOT_OFFERED',
        details: { functionIds: ['a2'] },
      });
      expect(mocks.repository.insert).not.toHaveBeenCalled();
    });

    it('answers APPLICATION_EXISTS naming cardId when an open application for the card exists', async () => {
      const { sut, mocks } = newTestService();
      mocks.repository.insert.mockRejectedValue(
        new QueryFailedError(
          'INSERT',
          [],
          Object.assign(new Error('dup'), { code: '23505', constraint: 'uq_application_open' }),
        ),
      );
      await expect(sut.apply(CANDIDATE, dto)).rejects.toMatchObject({
        code: 'APPLICATION_EXISTS',
        details: { fields: [expect.objectContaining({ field: 'cardId' })] },
      });
    });
  });

  describe('transitions', () => {
    it('submits a draft as the next submission and asks for an eligibility check in the same transaction', async () => {
      const { sut, mocks } = newTestService();
      locked.mockResolvedValue(application({ submission: 2 }));
      await sut.submit(CANDIDATE, 'app');
      expect(mocks.repository.update).toHaveBeenCalledWith(
        mocks.manager,
        'app',
        expect.objectContaining({ submission: 3, eligibility: null, eligibilityCheckedAt: null }),
      );
      expect(mocks.outbox.publish).toHaveBeenCalledWith(mocks.manager, 'application.submitted', {
        applicationId: 'app',
        submission: 3,
      });
    });

    it('refuses an illegal transition and publishes nothing', async () => {
      const { sut, mocks } = newTestService();
      locked.mockResolvedValue(application({ status: 'withdrawn' }));
      await expect(sut.submit(CANDIDATE, 'app')).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
      expect(mocks.outbox.publish).not.toHaveBeenCalled();
    });

    it('answers 404 for an application that is not there', async () => {
      const { sut } = newTestService();
      locked.mockResolvedValue(null);
      await expect(sut.submit(CANDIDATE, 'app')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });

    it("keeps the program's retake wait on a withdrawal after results, and audits it", async () => {
      const { sut, mocks } = newTestService();
      locked.mockResolvedValue(application({ status: 'eligible' }));
      mocks.withdrawal.end.mockResolvedValue({ assessed: true, retakeWaitDays: 45, releasedEnrolmentId: 'e' });
      await sut.withdraw(CANDIDATE, 'app');
      expect(mocks.withdrawal.end).toHaveBeenCalledWith(mocks.manager, 'app');
      expect(mocks.repository.update).toHaveBeenCalledWith(
        mocks.manager,
        'app',
        expect.objectContaining({ withdrawalRetakeWaitDays: 45 }),
      );
      expect(mocks.audit.record).toHaveBeenCalledWith(
        mocks.manager,
        expect.objectContaining({
          action: 'application.withdraw',
          after: expect.objectContaining({ afterResults: true, retakeWaitDays: 45, releasedEnrolmentId: 'e' }),
        }),
      );
    });

    it('sets no retake wait on a withdrawal before any result', async () => {
      const { sut, mocks } = newTestService();
      locked.mockResolvedValue(application({ status: 'eligible' }));
      mocks.withdrawal.end.mockResolvedValue({ assessed: false, retakeWaitDays: 45, releasedEnrolmentId: null });
      await sut.withdraw(CANDIDATE, 'app');
      expect(mocks.repository.update).toHaveBeenCalledWith(
        mocks.manager,
        'app',
        expect.objectContaining({ withdrawalRetakeWaitDays: null }),
      );
    });
  });

  describe('list', () => {
    it.each([
      ['a candidate their own', CANDIDATE, { candidateId: 'candidate' }],
      ["a centre's staff their centres'", MANAGER, { centreIds: ['centre'] }],
      ['an admin every', ADMIN, 'all'],
    ])('lists for %s applications', async (_case, actor, scope) => {
      const { sut, mocks } = newTestService();
      mocks.repository.page.mockResolvedValue([[], 0]);
      await sut.list(actor, { limit: 20, offset: 0 });
      expect(mocks.repository.page).toHaveBeenCalledWith(scope, expect.objectContaining({ limit: 20, offset: 0 }));
    });

    it('filters by whole days of submission', async () => {
      const { sut, mocks } = newTestService();
      mocks.repository.page.mockResolvedValue([[], 0]);
      await sut.list(ADMIN, { limit: 20, offset: 0, submittedFrom: '2026-03-01', submittedTo: '2026-03-01' });
      expect(mocks.repository.page).toHaveBeenCalledWith(
        'all',
        expect.objectContaining({
          start: new Date('2026-03-01T00:00:00Z'),
          end: new Date('2026-03-02T00:00:00Z'),
        }),
      );
    });

    it("shows staff whether a candidate's ИИН is declared elsewhere, never the candidate", async () => {
      const { sut, mocks } = newTestService();
      mocks.repository.page.mockResolvedValue([[application()], 1]);
      identityFacts.mockResolvedValue(new Map([['candidate', { iinAlsoDeclaredElsewhere: true, confirmed: false }]]));
      const staff = await sut.list(MANAGER, { limit: 20, offset: 0 });
      expect(staff.items[0]).toMatchObject({ iinAlsoDeclaredElsewhere: true, identityConfirmed: false });
      const own = await sut.list(CANDIDATE, { limit: 20, offset: 0 });
      expect(own.items[0]).not.toHaveProperty('iinAlsoDeclaredElsewhere');
    });
  });
});
