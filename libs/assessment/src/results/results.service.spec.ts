import type { DataSource, EntityManager } from 'typeorm';
import { type ApplicationEntity, lockApplication } from '@qualcert/candidates';
import { AccessService, assessorsOfCentre, type Actor } from '@qualcert/identity';
import { AuditService } from '@qualcert/shared';
import { automock } from '@qualcert/shared/testing';
import { CardOutlineReader, skillAbilities } from '@qualcert/standards';
import { outline } from '@qualcert/standards/testing';
import { AssessorsService } from '../assessors/assessors.service';
import type { EnrolmentEntity, ExamSessionEntity } from '../sessions/session.entities';
import { SessionsRepository } from '../sessions/sessions.repository';
import { ProgressRepository } from './progress.repository';
import { ProgressService } from './progress.service';
import type { EvidenceReviewEntity, PracticalVerdictEntity } from './result.entities';
import { ResultsRepository } from './results.repository';
import { ResultsService } from './results.service';

jest.mock('@qualcert/standards', () => ({
  ...jest.requireActual<object>('@qualcert/standards'),
  skillAbilities: jest.fn(),
}));
jest.mock('@qualcert/candidates', () => ({
  ...jest.requireActual<object>('@qualcert/candidates'),
  lockApplication: jest.fn(),
}));
jest.mock('@qualcert/identity', () => ({
  ...jest.requireActual<object>('@qualcert/identity'),
  assessorsOfCentre: jest.fn(),
}));
const abilitiesOf = skillAbilities as jest.MockedFunction<typeof skillAbilities>;
const lockApp = lockApplication as jest.MockedFunction<typeof lockApplication>;
const staffOf = assessorsOfCentre as jest.MockedFunction<typeof assessorsOfCentre>;

const ASSESSOR: Actor = { userId: 'assessor', role: 'assessor', centreIds: ['centre'] };
const MANAGER: Actor = { userId: 'manager', role: 'centre_manager', centreIds: ['centre'] };
const CANDIDATE: Actor = { userId: 'candidate', role: 'candidate', centreIds: [] };

const OUTLINE = outline({
  mandatory: { m1: ['s1', 's2', 's4', 's5'] },
  additional: { a1: ['s3'] },
  notRecommended: ['s4'],
});

const enrolment = (overrides: Partial<EnrolmentEntity> = {}) =>
  ({
    id: 'enrolment',
    sessionId: 'session',
    applicationId: 'app',
    candidateId: 'candidate',
    examinedSkillIds: ['s1', 's2'],
    status: 'enrolled',
    ...overrides,
  }) as EnrolmentEntity;

const application = (overrides: Partial<ApplicationEntity> = {}) =>
  ({
    id: 'app',
    candidateId: 'candidate',
    centreId: 'centre',
    cardId: 'card',
    pathway: 'recognition',
    status: 'eligible',
    additionalFunctionIds: [],
    ...overrides,
  }) as ApplicationEntity;

const review = (overrides: Partial<EvidenceReviewEntity> = {}) =>
  ({
    id: 'review',
    applicationId: 'app',
    skillId: 's1',
    assessorId: 'assessor',
    status: 'pending',
    criteria: null,
    comment: null,
    moreRequestedAt: null,
    decidedAt: null,
    ...overrides,
  }) as EvidenceReviewEntity;

const verdict = (skillId: string) => ({ skillId, verdict: 'competent' }) as PracticalVerdictEntity;
const ALL_MET = { valid: true, sufficient: true, authentic: true, current: true };

/** The service with its repositories and collaborators mocked, and a manager that writes nothing. */
function newTestService() {
  const manager = {} as EntityManager;
  const dataSource = { manager, transaction: jest.fn((work: (m: EntityManager) => unknown) => work(manager)) };
  const mocks = {
    manager,
    repository: automock(ResultsRepository),
    sessions: automock(SessionsRepository),
    access: automock(AccessService),
    assessors: automock(AssessorsService),
    progress: automock(ProgressService),
    progressReads: automock(ProgressRepository),
    audit: automock(AuditService),
    outlines: automock(CardOutlineReader),
  };
  mocks.sessions.findEnrolment.mockResolvedValue(enrolment());
  mocks.sessions.getSession.mockResolvedValue({ id: 'session', centreId: 'centre' } as ExamSessionEntity);
  mocks.sessions.assignedTo.mockImplementation((_assessor, ids) => Promise.resolve(new Set(ids)));
  mocks.access.checkAccess.mockImplementation((_actor, _permission, ids) => Promise.resolve(new Set(ids)));
  mocks.repository.signed.mockResolvedValue(false);
  mocks.repository.verdictsOf.mockResolvedValue([verdict('s1'), verdict('s2')]);
  mocks.repository.reviewsOfApplication.mockResolvedValue([]);
  mocks.repository.lockReview.mockResolvedValue(review());
  mocks.repository.getReview.mockResolvedValue(review());
  mocks.assessors.refusals.mockResolvedValue([]);
  mocks.outlines.read.mockResolvedValue(OUTLINE);
  mocks.progressReads.claimedSkillIds.mockResolvedValue(['s1', 's2', 's3', 's4']);
  abilitiesOf.mockReset().mockResolvedValue({ id: 's1', cardId: 'card', abilityIds: ['ab1', 'ab2'] });
  lockApp.mockReset().mockResolvedValue(application());
  staffOf.mockReset().mockImplementation((_m, _centre, ids) => Promise.resolve([...ids]));
  const sut = new ResultsService(
    dataSource as unknown as DataSource,
    mocks.repository,
    mocks.sessions,
    mocks.access,
    mocks.assessors,
    mocks.progress,
    mocks.progressReads,
    mocks.audit,
    mocks.outlines,
  );
  return { sut, mocks };
}

describe(ResultsService.name, () => {
  describe('recordVerdict', () => {
    const dto = { verdict: 'competent' as const, abilitiesObserved: ['ab1', 'ab1'], comment: 'ok' };

    it.each([
      ['an enrolment whose session the assessor does not sit on', enrolment(), new Set<string>()],
      ['a withdrawn enrolment', enrolment({ status: 'withdrawn' }), new Set(['session'])],
    ])('answers 404 for %s', async (_case, found, sits) => {
      const { sut, mocks } = newTestService();
      mocks.sessions.findEnrolment.mockResolvedValue(found);
      mocks.sessions.assignedTo.mockResolvedValue(sits);
      await expect(sut.recordVerdict(ASSESSOR, 'enrolment', 's1', dto)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect(mocks.repository.upsertVerdict).not.toHaveBeenCalled();
    });

    it('refuses a skill not examined for the candidate, naming skillId', async () => {
      const { sut, mocks } = newTestService();
      await expect(sut.recordVerdict(ASSESSOR, 'enrolment', 's3', dto)).rejects.toMatchObject({
        code: 'SKILL_NOT_EXAMINED',
        details: { fields: [expect.objectContaining({ field: 'skillId' })] },
      });
      expect(mocks.repository.upsertVerdict).not.toHaveBeenCalled();
    });

    it('names each observed ability that is not an ability of the skill', async () => {
      const { sut, mocks } = newTestService();
      await expect(
        sut.recordVerdict(ASSESSOR, 'enrolment', 's1', { ...dto, abilitiesObserved: ['ab1', 'zz'] }),
      ).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
        details: {
          fields: [{ field: 'abilitiesObserved', messages: [{ code: 'field:notAbility', params: { id: 'zz' } }] }],
        },
      });
      expect(abilitiesOf).toHaveBeenCalledWith(mocks.manager, 's1');
      expect(mocks.repository.upsertVerdict).not.toHaveBeenCalled();
    });

    it('shares the enrolment lock before it looks at the sheet, then records each ability once', async () => {
      const { sut, mocks } = newTestService();
      await sut.recordVerdict(ASSESSOR, 'enrolment', 's1', dto);
      const shared = mocks.repository.shareEnrolmentForVerdict.mock.invocationCallOrder[0];
      const checked = mocks.repository.signed.mock.invocationCallOrder[0];
      expect(shared).toBeLessThan(checked);
      expect(mocks.repository.shareEnrolmentForVerdict).toHaveBeenCalledWith(mocks.manager, 'enrolment');
      expect(mocks.repository.lockEnrolmentForSignature).not.toHaveBeenCalled();
      expect(mocks.repository.upsertVerdict).toHaveBeenCalledWith(
        mocks.manager,
        expect.objectContaining({
          enrolmentId: 'enrolment',
          assessorId: 'assessor',
          skillId: 's1',
          abilitiesObserved: ['ab1'],
        }),
      );
    });

    it('refuses once the assessor has signed their sheet', async () => {
      const { sut, mocks } = newTestService();
      mocks.repository.signed.mockResolvedValue(true);
      await expect(sut.recordVerdict(ASSESSOR, 'enrolment', 's1', dto)).rejects.toMatchObject({ code: 'SHEET_SIGNED' });
      expect(mocks.repository.signed).toHaveBeenCalledWith(mocks.manager, 'enrolment', 'assessor');
      expect(mocks.repository.upsertVerdict).not.toHaveBeenCalled();
    });
  });

  describe('sign', () => {
    it('takes the enrolment alone before it looks at the sheet, then signs and hands the outcome over', async () => {
      const { sut, mocks } = newTestService();
      await sut.sign(ASSESSOR, 'enrolment');
      const locked = mocks.repository.lockEnrolmentForSignature.mock.invocationCallOrder[0];
      expect(locked).toBeLessThan(mocks.repository.signed.mock.invocationCallOrder[0]);
      expect(mocks.repository.shareEnrolmentForVerdict).not.toHaveBeenCalled();
      expect(mocks.repository.insertSheet).toHaveBeenCalledWith(mocks.manager, 'enrolment', 'assessor');
      expect(mocks.progress.handOverIfComplete).toHaveBeenCalledWith(
        mocks.manager,
        'app',
        expect.objectContaining({ userId: 'assessor' }),
      );
    });

    it('refuses a sheet without a verdict on every examined skill, naming those missing', async () => {
      const { sut, mocks } = newTestService();
      mocks.repository.verdictsOf.mockResolvedValue([verdict('s2')]);
      await expect(sut.sign(ASSESSOR, 'enrolment')).rejects.toMatchObject({
        code: 'SHEET_INCOMPLETE',
        details: { missingSkillIds: ['s1'] },
      });
      expect(mocks.repository.insertSheet).not.toHaveBeenCalled();
    });

    it('refuses a sheet already signed', async () => {
      const { sut, mocks } = newTestService();
      mocks.repository.signed.mockResolvedValue(true);
      await expect(sut.sign(ASSESSOR, 'enrolment')).rejects.toMatchObject({ code: 'SHEET_SIGNED' });
      expect(mocks.repository.insertSheet).not.toHaveBeenCalled();
    });
  });

  describe('results', () => {
    it.each([
      ['the candidate themselves', CANDIDATE],
      ['an assessor of the session', ASSESSOR],
      ["a manager of the session's centre", MANAGER],
    ])('shows the results to %s', async (_case, actor) => {
      const { sut, mocks } = newTestService();
      await sut.results(actor, 'enrolment');
      expect(mocks.progress.enrolmentResults).toHaveBeenCalledWith(mocks.manager, 'enrolment');
    });

    it.each([
      ['another candidate', { ...CANDIDATE, userId: 'someone-else' }, () => undefined],
      [
        'an assessor not on the session',
        ASSESSOR,
        (m: ReturnType<typeof newTestService>['mocks']) => m.sessions.assignedTo.mockResolvedValue(new Set()),
      ],
      [
        'a manager of another centre',
        MANAGER,
        (m: ReturnType<typeof newTestService>['mocks']) => m.access.checkAccess.mockResolvedValue(new Set()),
      ],
    ])('answers 404 to %s', async (_case, actor, setup) => {
      const { sut, mocks } = newTestService();
      setup(mocks);
      await expect(sut.results(actor, 'enrolment')).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect(mocks.progress.enrolmentResults).not.toHaveBeenCalled();
    });
  });

  describe('assignReviewer', () => {
    it.each([
      ['an application on the assessment pathway', application({ pathway: 'assessment' })],
      ['an application that is not eligible', application({ status: 'submitted' })],
    ])('refuses %s', async (_case, app) => {
      const { sut, mocks } = newTestService();
      lockApp.mockResolvedValue(app);
      await expect(sut.assignReviewer(MANAGER, 'app', 'assessor')).rejects.toMatchObject({
        code: 'INVALID_TRANSITION',
      });
      expect(mocks.repository.insertReviews).not.toHaveBeenCalled();
    });

    it('answers 404 naming assessorId for someone who is not an assessor of the centre', async () => {
      const { sut, mocks } = newTestService();
      staffOf.mockResolvedValue([]);
      await expect(sut.assignReviewer(MANAGER, 'app', 'stranger')).rejects.toMatchObject({
        code: 'NOT_FOUND',
        details: { fields: [expect.objectContaining({ field: 'assessorId' })] },
      });
      expect(staffOf).toHaveBeenCalledWith(mocks.manager, 'centre', ['stranger'], { activeOnly: false });
    });

    it('refuses an assessor the impartiality rules refuse for the candidate', async () => {
      const { sut, mocks } = newTestService();
      mocks.assessors.refusals.mockResolvedValue([{ rule: 'CONFLICT_WITH_CANDIDATE', message: 'declared' }]);
      await expect(sut.assignReviewer(MANAGER, 'app', 'assessor')).rejects.toMatchObject({
        code: 'ASSESSOR_NOT_ASSIGNABLE',
      });
      expect(mocks.assessors.refusals).toHaveBeenCalledWith(mocks.manager, 'assessor', 'card', ['candidate']);
      expect(mocks.repository.insertReviews).not.toHaveBeenCalled();
    });

    it('reviews only the claimed, recommended skills the application is assessed on, each once', async () => {
      const { sut, mocks } = newTestService();
      // s3 is of an additional function the candidate did not choose, s4 is not recommended, s5 is not claimed.
      mocks.progressReads.claimedSkillIds.mockResolvedValue(['s1', 's2', 's3', 's4']);
      mocks.repository.reviewsOfApplication.mockResolvedValue([review({ skillId: 's2' })]);
      await sut.assignReviewer(MANAGER, 'app', 'assessor');
      expect(mocks.repository.insertReviews).toHaveBeenCalledWith(mocks.manager, [
        expect.objectContaining({ applicationId: 'app', skillId: 's1', assessorId: 'assessor', status: 'pending' }),
      ]);
    });
  });

  describe('decide', () => {
    it("answers 404 for a review that is not the assessor's", async () => {
      const { sut, mocks } = newTestService();
      mocks.repository.lockReview.mockResolvedValue(null);
      await expect(sut.decide(ASSESSOR, 'review', { decision: 'reject', comment: 'no' })).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
      expect(mocks.repository.lockReview).toHaveBeenCalledWith(mocks.manager, 'review', 'assessor');
    });

    it.each(['accepted', 'rejected'] as const)('refuses to change a review already %s', async (status) => {
      const { sut, mocks } = newTestService();
      mocks.repository.lockReview.mockResolvedValue(review({ status }));
      await expect(sut.decide(ASSESSOR, 'review', { decision: 'reject', comment: 'no' })).rejects.toMatchObject({
        code: 'REVIEW_DECIDED',
      });
      expect(mocks.repository.updateReview).not.toHaveBeenCalled();
    });

    it('asks for more evidence once only', async () => {
      const { sut, mocks } = newTestService();
      mocks.repository.lockReview.mockResolvedValue(review({ status: 'more_requested', moreRequestedAt: new Date() }));
      await expect(sut.decide(ASSESSOR, 'review', { decision: 'request_more', comment: 'more' })).rejects.toMatchObject(
        { code: 'MORE_EVIDENCE_ALREADY_REQUESTED' },
      );
      expect(mocks.repository.updateReview).not.toHaveBeenCalled();
    });

    it.each([
      ['without criteria', undefined],
      ['with one criterion unmet', { ...ALL_MET, current: false }],
    ])('accepts evidence only when all four criteria are met: refused %s', async (_case, criteria) => {
      const { sut, mocks } = newTestService();
      await expect(
        sut.decide(ASSESSOR, 'review', { decision: 'accept', comment: 'ok', criteria }),
      ).rejects.toMatchObject({
        code: 'CRITERIA_NOT_MET',
        details: { fields: [expect.objectContaining({ field: 'criteria' })] },
      });
      expect(mocks.repository.updateReview).not.toHaveBeenCalled();
    });

    it('records an acceptance as decided and hands the outcome over', async () => {
      const { sut, mocks } = newTestService();
      await sut.decide(ASSESSOR, 'review', { decision: 'accept', comment: 'ok', criteria: ALL_MET });
      expect(mocks.repository.updateReview).toHaveBeenCalledWith(mocks.manager, 'review', {
        status: 'accepted',
        criteria: ALL_MET,
        comment: 'ok',
        decidedAt: expect.any(Date),
      });
      expect(mocks.progress.handOverIfComplete).toHaveBeenCalledWith(
        mocks.manager,
        'app',
        expect.objectContaining({ userId: 'assessor' }),
      );
    });

    it('records a request for more evidence with its time, leaving the review undecided', async () => {
      const { sut, mocks } = newTestService();
      await sut.decide(ASSESSOR, 'review', { decision: 'request_more', comment: 'more' });
      expect(mocks.repository.updateReview).toHaveBeenCalledWith(mocks.manager, 'review', {
        status: 'more_requested',
        criteria: null,
        comment: 'more',
        moreRequestedAt: expect.any(Date),
      });
    });
  });
});
