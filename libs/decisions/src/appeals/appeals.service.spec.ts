import { QueryFailedError, type DataSource, type EntityManager } from 'typeorm';
import { AssessorsService } from '@qualcert/assessment';
import { ApplicationsService, type ApplicationEntity } from '@qualcert/candidates';
import { AccessService, type Actor } from '@qualcert/identity';
import { AuditService, OutboxService } from '@qualcert/shared';
import { automock } from '@qualcert/shared/testing';
import { CardOutlineReader } from '@qualcert/standards';
import { outline } from '@qualcert/standards/testing';
import type { DecisionEntity } from '../decisions/decision.entity';
import { DecisionsRepository } from '../decisions/decisions.repository';
import type { AppealEntity, AppealPanelMemberEntity } from './appeal.entity';
import { AppealsRepository, type AdmissionAppealFacts } from './appeals.repository';
import { AppealsService } from './appeals.service';

const OUTLINE = outline({ mandatory: { m1: ['s1', 's2'] }, notRecommended: ['s2'] });

const CANDIDATE: Actor = { userId: 'candidate', role: 'candidate', centreIds: [] };
const MANAGER: Actor = { userId: 'manager', role: 'centre_manager', centreIds: ['centre'] };
const MEMBER: Actor = { userId: 'as1', role: 'assessor', centreIds: ['centre'] };

const DAY = 86_400_000;
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

const appeal = (overrides: Partial<AppealEntity> = {}) =>
  ({
    id: 'appeal',
    applicationId: 'app',
    kind: 'decision',
    decisionId: 'decision',
    contestedSkillIds: ['s1', 's2'],
    status: 'hearing',
    ...overrides,
  }) as AppealEntity;

const application: Partial<ApplicationEntity> = {
  id: 'app',
  centreId: 'centre',
  cardId: 'card',
  candidateId: 'candidate',
  additionalFunctionIds: [],
};

const member = (assessorId: string, vote: string | null) =>
  ({ appealId: 'appeal', assessorId, vote, reason: null, votedAt: null }) as AppealPanelMemberEntity;

const unique = (constraint: string) =>
  new QueryFailedError('INSERT', [], Object.assign(new Error('dup'), { code: '23505', constraint }));

/** The service with its repositories and collaborators mocked, and a manager that writes nothing. */
function newTestService() {
  const manager = {} as EntityManager;
  const dataSource = { manager, transaction: jest.fn((work: (m: EntityManager) => unknown) => work(manager)) };
  const mocks = {
    manager,
    repository: automock(AppealsRepository),
    decisions: automock(DecisionsRepository),
    access: automock(AccessService),
    assessors: automock(AssessorsService),
    applications: automock(ApplicationsService),
    outlines: automock(CardOutlineReader),
    audit: automock(AuditService),
    outbox: automock(OutboxService),
  };
  mocks.access.checkAccess.mockImplementation((_actor, _permission, ids) => Promise.resolve(new Set(ids)));
  mocks.outlines.read.mockResolvedValue(OUTLINE);
  mocks.repository.application.mockResolvedValue(application as ApplicationEntity);
  mocks.repository.find.mockResolvedValue(appeal());
  mocks.repository.get.mockImplementation((_m, id) => Promise.resolve(appeal({ id })));
  mocks.repository.lock.mockResolvedValue(appeal());
  mocks.repository.isPanelMember.mockResolvedValue(true);
  mocks.repository.panel.mockResolvedValue([]);
  mocks.repository.reassessments.mockResolvedValue([]);
  mocks.repository.recordVote.mockResolvedValue(true);
  mocks.repository.ownEvidenceIds.mockResolvedValue([]);
  mocks.assessors.refusals.mockResolvedValue([]);
  mocks.decisions.involved.mockResolvedValue(new Set());
  const sut = new AppealsService(
    dataSource as unknown as DataSource,
    mocks.repository,
    mocks.decisions,
    mocks.access,
    mocks.assessors,
    mocks.applications,
    mocks.outlines,
    mocks.audit,
    mocks.outbox,
  );
  return { sut, mocks };
}

describe(AppealsService.name, () => {
  describe('lodge', () => {
    const signed = (overrides: Partial<DecisionEntity> = {}) =>
      ({
        id: 'decision',
        applicationId: 'app',
        status: 'approved',
        signedAt: new Date(Date.now() - 2 * DAY),
        creditedSkillIds: [],
        appealWindowDays: 10,
        ...overrides,
      }) as DecisionEntity;

    it("answers 404 for a decision on someone else's application, as for an unknown one", async () => {
      const { sut, mocks } = newTestService();
      mocks.decisions.find.mockResolvedValue(signed());
      mocks.access.checkAccess.mockResolvedValue(new Set());
      await expect(sut.lodge(CANDIDATE, 'decision', ['s1'], 'grounds')).rejects.toMatchObject({ code: 'NOT_FOUND' });
      mocks.decisions.find.mockResolvedValue(null);
      await expect(sut.lodge(CANDIDATE, 'decision', ['s1'], 'grounds')).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect(mocks.repository.insert).not.toHaveBeenCalled();
    });

    it('lodges within the window the decision granted when it was signed, and tells the centre', async () => {
      const { sut, mocks } = newTestService();
      const decision = signed();
      mocks.decisions.find.mockResolvedValue(decision);
      mocks.decisions.getShared.mockResolvedValue(decision);
      await sut.lodge(CANDIDATE, 'decision', ['s1'], 'grounds');
      expect(mocks.repository.insert).toHaveBeenCalledWith(
        mocks.manager,
        expect.objectContaining({
          kind: 'decision',
          decisionId: 'decision',
          contestedSkillIds: ['s1'],
          status: 'lodged',
          deadline: isoDay(new Date(decision.signedAt!.getTime() + 10 * DAY)),
        }),
      );
      expect(mocks.outbox.publish).toHaveBeenCalledWith(
        mocks.manager,
        'notification.requested',
        expect.objectContaining({ kind: 'appeal.lodged', applicationId: 'app' }),
      );
    });

    it('refuses once the window the decision granted has closed', async () => {
      const { sut, mocks } = newTestService();
      const decision = signed({ appealWindowDays: 1 });
      mocks.decisions.find.mockResolvedValue(decision);
      mocks.decisions.getShared.mockResolvedValue(decision);
      await expect(sut.lodge(CANDIDATE, 'decision', ['s1'], 'grounds')).rejects.toBeDefined();
      expect(mocks.repository.insert).not.toHaveBeenCalled();
    });

    it('answers APPEAL_EXISTS when the decision has been appealed already', async () => {
      const { sut, mocks } = newTestService();
      mocks.decisions.find.mockResolvedValue(signed());
      mocks.decisions.getShared.mockResolvedValue(signed());
      mocks.repository.insert.mockRejectedValue(unique('uq_appeal_decision'));
      await expect(sut.lodge(CANDIDATE, 'decision', ['s1'], 'grounds')).rejects.toMatchObject({
        code: 'APPEAL_EXISTS',
      });
    });
  });

  describe('lodgeForApplication', () => {
    const facts = (overrides: Partial<AdmissionAppealFacts> = {}): AdmissionAppealFacts => ({
      id: 'app',
      status: 'ineligible',
      submission: 2,
      eligibility_checked_at: new Date(Date.now() - DAY),
      window_days: null,
      decision: null,
      ...overrides,
    });

    it('counts an admission appeal from the refusal, in the default window without a program, for that submission', async () => {
      const { sut, mocks } = newTestService();
      const refusedAt = new Date(Date.now() - DAY);
      mocks.repository.lockAdmissionFacts.mockResolvedValue(facts({ eligibility_checked_at: refusedAt }));
      await sut.lodgeForApplication(CANDIDATE, 'app', { kind: 'admission', grounds: 'g' });
      expect(mocks.repository.insert).toHaveBeenCalledWith(
        mocks.manager,
        expect.objectContaining({
          kind: 'admission',
          applicationSubmission: 2,
          deadline: isoDay(new Date(refusedAt.getTime() + 10 * DAY)),
        }),
      );
    });

    it("uses the centre's appeal window when its program has one", async () => {
      const { sut, mocks } = newTestService();
      const refusedAt = new Date(Date.now() - DAY);
      mocks.repository.lockAdmissionFacts.mockResolvedValue(
        facts({ eligibility_checked_at: refusedAt, window_days: 3 }),
      );
      await sut.lodgeForApplication(CANDIDATE, 'app', { kind: 'admission', grounds: 'g' });
      expect(mocks.repository.insert.mock.calls[0][1].deadline).toBe(isoDay(new Date(refusedAt.getTime() + 3 * DAY)));
    });

    it("takes a complaint's documents among the caller's own evidence files", async () => {
      const { sut, mocks } = newTestService();
      mocks.repository.lockAdmissionFacts.mockResolvedValue(facts({ status: 'eligible' }));
      mocks.repository.ownEvidenceIds.mockResolvedValue(['e1']);
      await expect(
        sut.lodgeForApplication(CANDIDATE, 'app', { kind: 'procedural', grounds: 'g', evidenceIds: ['e1', 'e2'] }),
      ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(mocks.repository.ownEvidenceIds).toHaveBeenCalledWith(mocks.manager, 'candidate', ['e1', 'e2']);
      mocks.repository.ownEvidenceIds.mockResolvedValue(['e1', 'e2']);
      await sut.lodgeForApplication(CANDIDATE, 'app', { kind: 'procedural', grounds: 'g', evidenceIds: ['e1', 'e2'] });
      expect(mocks.repository.insert).toHaveBeenCalledWith(
        mocks.manager,
        expect.objectContaining({ kind: 'procedural', evidenceIds: ['e1', 'e2'], applicationSubmission: null }),
      );
    });

    it.each([
      ['uq_appeal_admission', 'admission'],
      ['uq_appeal_procedural_open', 'procedural'],
    ] as const)('answers APPEAL_EXISTS on %s', async (constraint, kind) => {
      const { sut, mocks } = newTestService();
      mocks.repository.lockAdmissionFacts.mockResolvedValue(
        facts({ status: kind === 'admission' ? 'ineligible' : 'eligible' }),
      );
      mocks.repository.insert.mockRejectedValue(unique(constraint));
      await expect(sut.lodgeForApplication(CANDIDATE, 'app', { kind, grounds: 'g' })).rejects.toMatchObject({
        code: 'APPEAL_EXISTS',
      });
    });
  });

  describe('assignPanel', () => {
    it('refuses a panel with a member involved in the application, and names nobody to it', async () => {
      const { sut, mocks } = newTestService();
      mocks.repository.activeAssessorsOfCentre.mockResolvedValue(['as1', 'as2']);
      mocks.decisions.involved.mockResolvedValue(new Set(['as2']));
      await expect(sut.assignPanel(MANAGER, 'appeal', ['as1', 'as2'])).rejects.toMatchObject({
        code: 'PANEL_NOT_IMPARTIAL',
        details: { problems: [expect.objectContaining({ assessorId: 'as2' })] },
      });
      expect(mocks.repository.insertPanel).not.toHaveBeenCalled();
    });

    it("asks the impartiality rules about the centre's own assessors only", async () => {
      const { sut, mocks } = newTestService();
      mocks.repository.activeAssessorsOfCentre.mockResolvedValue(['as1']);
      await expect(sut.assignPanel(MANAGER, 'appeal', ['as1', 'stranger'])).rejects.toMatchObject({
        code: 'PANEL_NOT_IMPARTIAL',
        details: { problems: [expect.objectContaining({ assessorId: 'stranger' })] },
      });
      expect(mocks.assessors.refusals).toHaveBeenCalledTimes(1);
      expect(mocks.assessors.refusals).toHaveBeenCalledWith(mocks.manager, 'as1', 'card', ['candidate']);
    });

    it('seats an impartial panel and opens the hearing', async () => {
      const { sut, mocks } = newTestService();
      mocks.repository.activeAssessorsOfCentre.mockResolvedValue(['as1', 'as2']);
      await sut.assignPanel(MANAGER, 'appeal', ['as1', 'as2']);
      expect(mocks.repository.lock).toHaveBeenCalledWith(mocks.manager, 'appeal', ['lodged']);
      expect(mocks.repository.insertPanel).toHaveBeenCalledWith(mocks.manager, 'appeal', ['as1', 'as2']);
      expect(mocks.repository.setStatus).toHaveBeenCalledWith(mocks.manager, 'appeal', 'hearing');
    });
  });

  describe('vote', () => {
    it('refuses anyone not on the panel', async () => {
      const { sut, mocks } = newTestService();
      mocks.repository.isPanelMember.mockResolvedValue(false);
      await expect(sut.vote(MEMBER, 'appeal', 'uphold', 'r')).rejects.toMatchObject({ code: 'NOT_ON_PANEL' });
    });

    it('refuses a second vote of the same member', async () => {
      const { sut, mocks } = newTestService();
      mocks.repository.recordVote.mockResolvedValue(false);
      await expect(sut.vote(MEMBER, 'appeal', 'uphold', 'r')).rejects.toMatchObject({ code: 'CONFLICT' });
      expect(mocks.audit.record).not.toHaveBeenCalled();
    });

    it('leaves the hearing open while a member has not voted', async () => {
      const { sut, mocks } = newTestService();
      mocks.repository.panel.mockResolvedValue([member('as1', 'uphold'), member('as2', null)]);
      await sut.vote(MEMBER, 'appeal', 'uphold', 'r');
      expect(mocks.repository.setStatus).not.toHaveBeenCalled();
      expect(mocks.outbox.publish).not.toHaveBeenCalled();
    });

    it('admits the application in the same transaction when the panel grants an admission appeal', async () => {
      const { sut, mocks } = newTestService();
      mocks.repository.find.mockResolvedValue(appeal({ kind: 'admission' }));
      mocks.repository.panel.mockResolvedValue([member('as1', 'admit'), member('as2', 'admit')]);
      await sut.vote(MEMBER, 'appeal', 'admit', 'r');
      expect(mocks.repository.setStatus).toHaveBeenCalledWith(mocks.manager, 'appeal', 'admitted', expect.any(Date));
      expect(mocks.applications.admitOnAppeal).toHaveBeenCalledWith(mocks.manager, 'app', expect.anything(), 'appeal');
      expect(mocks.outbox.publish).toHaveBeenCalledWith(
        mocks.manager,
        'notification.requested',
        expect.objectContaining({ kind: 'appeal.admitted' }),
      );
    });

    it('orders a re-assessment on a tie over a decision, and admits nothing', async () => {
      const { sut, mocks } = newTestService();
      mocks.repository.panel.mockResolvedValue([member('as1', 'reassess'), member('as2', 'uphold')]);
      await sut.vote(MEMBER, 'appeal', 'reassess', 'r');
      expect(mocks.repository.setStatus).toHaveBeenCalledWith(
        mocks.manager,
        'appeal',
        'reassessment',
        expect.any(Date),
      );
      expect(mocks.applications.admitOnAppeal).not.toHaveBeenCalled();
      expect(mocks.audit.record).toHaveBeenLastCalledWith(
        mocks.manager,
        expect.objectContaining({ action: 'appeal.reassessment_ordered' }),
      );
    });
  });

  describe('reassess', () => {
    const verdict = (assessorId: string, skillId: string, result: 'passed' | 'failed') =>
      ({ appealId: 'appeal', assessorId, skillId, result }) as never;

    it('refuses a skill that is not contested, naming skillId', async () => {
      const { sut, mocks } = newTestService();
      await expect(sut.reassess(MEMBER, 'appeal', 's9', { result: 'passed', note: 'n' })).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
        details: { fields: [expect.objectContaining({ field: 'skillId' })] },
      });
      expect(mocks.repository.insertReassessment).not.toHaveBeenCalled();
    });

    it('marks a re-test with the pass mark of the program sat, 70 % without one', async () => {
      const { sut, mocks } = newTestService();
      mocks.repository.lock.mockResolvedValue(appeal({ status: 'reassessment' }));
      mocks.repository.passMarkOf.mockResolvedValue(null);
      const record = { result: 'passed' as const, note: 'n', reExamination: { theory: { correct: 7, total: 10 } } };
      await expect(sut.reassess(MEMBER, 'appeal', 's2', record)).resolves.toBeDefined();
      mocks.repository.passMarkOf.mockResolvedValue(80);
      await expect(sut.reassess(MEMBER, 'appeal', 's2', record)).rejects.toMatchObject({
        code: 'RE_EXAMINATION_CONTRADICTS',
      });
    });

    it('asks for the new decision once every member has a verdict on every contested skill', async () => {
      const { sut, mocks } = newTestService();
      mocks.repository.lock.mockResolvedValue(appeal({ status: 'reassessment', contestedSkillIds: ['s1'] }));
      mocks.repository.find.mockResolvedValue(appeal({ contestedSkillIds: ['s1'] }));
      mocks.repository.panel.mockResolvedValue([member('as1', 'reassess'), member('as2', 'reassess')]);
      mocks.repository.reassessments.mockResolvedValueOnce([verdict('as1', 's1', 'passed')]);
      await sut.reassess(MEMBER, 'appeal', 's1', { result: 'passed', note: 'n' });
      expect(mocks.outbox.publish).not.toHaveBeenCalled();
      mocks.repository.reassessments.mockResolvedValueOnce([
        verdict('as1', 's1', 'passed'),
        verdict('as2', 's1', 'failed'),
      ]);
      await sut.reassess(MEMBER, 'appeal', 's1', { result: 'failed', note: 'n' });
      expect(mocks.repository.setStatus).toHaveBeenCalledWith(mocks.manager, 'appeal', 'reassessed');
      expect(mocks.outbox.publish).toHaveBeenCalledWith(mocks.manager, 'appeal.reassessed', { appealId: 'appeal' });
    });

    it('answers CONFLICT to a second verdict of the same member on the skill', async () => {
      const { sut, mocks } = newTestService();
      mocks.repository.lock.mockResolvedValue(appeal({ status: 'reassessment' }));
      mocks.repository.insertReassessment.mockRejectedValue(unique('pk_appeal_reassessment'));
      await expect(sut.reassess(MEMBER, 'appeal', 's1', { result: 'failed', note: 'n' })).rejects.toMatchObject({
        code: 'CONFLICT',
        details: { skillId: 's1' },
      });
    });
  });
});
