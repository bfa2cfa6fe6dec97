import type { DataSource, EntityManager } from 'typeorm';
import { ProgressService, type EnrolmentResults } from '@qualcert/assessment';
import { ApplicationEntity, type ApplicationEntity as Application } from '@qualcert/candidates';
import { AccessService, type Actor } from '@qualcert/identity';
import { AuditService, OutboxService } from '@qualcert/shared';
import { automock } from '@qualcert/shared/testing';
import { CardOutlineReader } from '@qualcert/standards';
import { outline } from '@qualcert/standards/testing';
import { AppealsRepository } from '../appeals/appeals.repository';
import { DEFAULT_DECISION_TERMS } from '../rules/decision-terms';
import type { DecisionEntity } from './decision.entity';
import { type ApplicationFacts, DecisionsRepository } from './decisions.repository';
import { DecisionsService } from './decisions.service';

jest.mock('@qualcert/candidates', () => ({
  ...jest.requireActual<object>('@qualcert/candidates'),
  // Reads the identity claims; the rule is specified in identity.repository's own tests.
  requireIdentityResolved: jest.fn().mockResolvedValue(undefined),
}));

const OUTLINE = outline({
  mandatory: { m1: ['s1', 's2'] },
  additional: { a1: ['s3'] },
  abilities: ['can'],
  knowledge: ['knows'],
});

const facts = (overrides: Partial<ApplicationFacts> = {}): ApplicationFacts => ({
  id: 'app',
  candidate_id: 'candidate',
  centre_id: 'centre',
  card_id: 'card',
  status: 'awaiting_decision',
  additional_function_ids: [],
  decided: false,
  next_sequence: 2,
  enrolment_id: 'enrolment',
  reviews: [],
  earlier: [],
  ...overrides,
});

const exam = (...skills: [string, 'passed' | 'failed' | 'pending'][]) =>
  ({ skills: skills.map(([skillId, status]) => ({ skillId, status })) }) as unknown as EnrolmentResults;

const MANAGER: Actor = { userId: 'manager', role: 'centre_manager', centreIds: ['centre'] };

const pending = (overrides: Partial<DecisionEntity> = {}) =>
  ({
    id: 'decision',
    applicationId: 'app',
    status: 'pending_signoff',
    supersedesId: null,
    ...overrides,
  }) as DecisionEntity;

/** The service with its repositories and collaborators mocked, and a manager that writes nothing. */
function newTestService() {
  const manager = { update: jest.fn().mockResolvedValue({ affected: 1 }) };
  const dataSource = { transaction: jest.fn((work: (m: EntityManager) => unknown) => work(manager as never)) };
  const mocks = {
    manager,
    repository: automock(DecisionsRepository),
    appeals: automock(AppealsRepository),
    progress: automock(ProgressService),
    outlines: automock(CardOutlineReader),
    access: automock(AccessService),
    audit: automock(AuditService),
    outbox: automock(OutboxService),
  };
  mocks.outlines.read.mockResolvedValue(OUTLINE);
  mocks.repository.get.mockImplementation((_m, id) => Promise.resolve(pending({ id })));
  mocks.repository.involved.mockResolvedValue(new Set());
  mocks.access.checkAccess.mockImplementation((_actor, _permission, ids) => Promise.resolve(new Set(ids)));
  const sut = new DecisionsService(
    dataSource as unknown as DataSource,
    mocks.repository,
    mocks.appeals,
    mocks.progress,
    mocks.outlines,
    mocks.access,
    mocks.audit,
    mocks.outbox,
  );
  return { sut, mocks };
}

describe(DecisionsService.name, () => {
  describe('compute', () => {
    it.each([
      ['there is no application', undefined],
      ['the application is not awaiting a decision', facts({ status: 'eligible' })],
      ['a decision awaits sign-off or is approved', facts({ decided: true })],
    ])('skips when %s, writing nothing', async (_case, app) => {
      const { sut, mocks } = newTestService();
      mocks.repository.facts.mockResolvedValue(app);
      await expect(sut.compute('app')).resolves.toBe('skipped');
      expect(mocks.repository.facts).toHaveBeenCalledWith(mocks.manager, 'app', true);
      expect(mocks.repository.insertAll).not.toHaveBeenCalled();
    });

    it('decides on the mandatory functions and the chosen ones only, as the next of the sequence', async () => {
      const { sut, mocks } = newTestService();
      mocks.repository.facts.mockResolvedValue(facts());
      mocks.progress.enrolmentResultsOf.mockResolvedValue(
        new Map([['enrolment', exam(['s1', 'passed'], ['s2', 'passed'], ['s3', 'failed'])]]),
      );
      await expect(sut.compute('app')).resolves.toBe('computed');
      const [row] = mocks.repository.insertAll.mock.calls[0][1];
      expect(row).toMatchObject({
        applicationId: 'app',
        sequence: 2,
        status: 'pending_signoff',
        outcome: 'awarded',
        creditedSkillIds: ['s1', 's2'],
        supersedesId: null,
      });
      expect(row.result.reasoning.map((f) => f.functionId)).toEqual(['m1']);
      expect(mocks.audit.recordAll).toHaveBeenCalledWith(mocks.manager, [
        expect.objectContaining({ action: 'decision.computed', entityId: row.id }),
      ]);
    });

    it('credits a chosen additional function', async () => {
      const { sut, mocks } = newTestService();
      mocks.repository.facts.mockResolvedValue(facts({ additional_function_ids: ['a1'] }));
      mocks.progress.enrolmentResultsOf.mockResolvedValue(
        new Map([['enrolment', exam(['s1', 'passed'], ['s2', 'failed'], ['s3', 'passed'])]]),
      );
      await sut.compute('app');
      expect(mocks.repository.insertAll.mock.calls[0][1][0]).toMatchObject({
        outcome: 'partial',
        creditedSkillIds: ['s1', 's3'],
      });
    });

    it('stores nothing while an outcome is pending', async () => {
      const { sut, mocks } = newTestService();
      mocks.repository.facts.mockResolvedValue(facts());
      mocks.progress.enrolmentResultsOf.mockResolvedValue(
        new Map([['enrolment', exam(['s1', 'passed'], ['s2', 'pending'])]]),
      );
      await expect(sut.compute('app')).resolves.toBe('incomplete');
      expect(mocks.repository.insertAll).not.toHaveBeenCalled();
    });

    it('reads no exam without an enrolment: evidence reviews are the outcomes', async () => {
      const { sut, mocks } = newTestService();
      mocks.repository.facts.mockResolvedValue(
        facts({
          enrolment_id: null,
          reviews: [
            { skill_id: 's1', status: 'accepted' },
            { skill_id: 's2', status: 'rejected' },
          ],
        }),
      );
      await sut.compute('app');
      expect(mocks.progress.enrolmentResultsOf).not.toHaveBeenCalled();
      expect(mocks.repository.insertAll.mock.calls[0][1][0]).toMatchObject({
        outcome: 'partial',
        creditedSkillIds: ['s1'],
      });
    });
  });

  describe('computeGroup', () => {
    const results = new Map([
      ['e1', exam(['s1', 'passed'], ['s2', 'passed'])],
      ['e2', exam(['s1', 'passed'], ['s2', 'failed'])],
      ['e3', exam(['s1', 'passed'], ['s2', 'pending'])],
    ]);

    it('reads the group at once and writes its decisions and audit rows in one INSERT each', async () => {
      const { sut, mocks } = newTestService();
      mocks.repository.factsOfGroup.mockResolvedValue([
        facts({ id: 'a1', enrolment_id: 'e1', next_sequence: 1 }),
        facts({ id: 'a2', enrolment_id: 'e2', next_sequence: 3 }),
      ]);
      mocks.progress.enrolmentResultsOf.mockResolvedValue(results);
      const outcomes = await sut.computeGroup(['a1', 'a2']);
      expect(Object.fromEntries(outcomes)).toEqual({ a1: 'computed', a2: 'computed' });
      expect(mocks.repository.factsOfGroup).toHaveBeenCalledWith(mocks.manager, ['a1', 'a2']);
      expect(mocks.progress.enrolmentResultsOf).toHaveBeenCalledTimes(1);
      expect(mocks.progress.enrolmentResultsOf).toHaveBeenCalledWith(mocks.manager, ['e1', 'e2']);
      expect(mocks.repository.insertAll).toHaveBeenCalledTimes(1);
      const rows = mocks.repository.insertAll.mock.calls[0][1];
      expect(rows.map((r) => [r.applicationId, r.sequence, r.outcome])).toEqual([
        ['a1', 1, 'awarded'],
        ['a2', 3, 'partial'],
      ]);
      expect(mocks.audit.recordAll).toHaveBeenCalledTimes(1);
      expect(mocks.audit.recordAll.mock.calls[0][1].map((a) => [a.action, a.entityId])).toEqual(
        rows.map((r) => ['decision.computed', r.id]),
      );
    });

    it('skips the applications whose state moved and those it cannot find, and decides the others', async () => {
      const { sut, mocks } = newTestService();
      mocks.repository.factsOfGroup.mockResolvedValue([
        facts({ id: 'a1', enrolment_id: 'e1' }),
        facts({ id: 'a2', enrolment_id: 'e2', status: 'withdrawn' }),
        facts({ id: 'a3', enrolment_id: 'e3' }),
        facts({ id: 'a4', enrolment_id: 'e1', decided: true }),
      ]);
      mocks.progress.enrolmentResultsOf.mockResolvedValue(results);
      const outcomes = await sut.computeGroup(['a1', 'a2', 'a3', 'a4', 'gone']);
      expect(Object.fromEntries(outcomes)).toEqual({
        a1: 'computed',
        a2: 'skipped',
        a3: 'incomplete',
        a4: 'skipped',
        gone: 'skipped',
      });
      expect(mocks.progress.enrolmentResultsOf).toHaveBeenCalledWith(mocks.manager, ['e1', 'e3']);
      expect(mocks.repository.insertAll.mock.calls[0][1].map((r) => r.applicationId)).toEqual(['a1']);
    });

    it('leaves out an application the rule fails on, for its own job to compute alone, and writes the others', async () => {
      const { sut, mocks } = newTestService();
      mocks.repository.factsOfGroup.mockResolvedValue([
        facts({ id: 'a1', enrolment_id: 'e1' }),
        facts({ id: 'bad', card_id: 'empty', enrolment_id: 'e2' }),
        facts({ id: 'a3', enrolment_id: 'e2' }),
      ]);
      // A card without mandatory skills is a fault the rule refuses (VALIDATION_FAILED).
      mocks.outlines.read.mockImplementation((cardId) =>
        Promise.resolve(cardId === 'empty' ? { cardId, functions: [] } : OUTLINE),
      );
      mocks.progress.enrolmentResultsOf.mockResolvedValue(results);
      const outcomes = await sut.computeGroup(['a1', 'bad', 'a3']);
      expect(Object.fromEntries(outcomes)).toEqual({ a1: 'computed', a3: 'computed' });
      expect(mocks.repository.insertAll.mock.calls[0][1].map((r) => r.applicationId)).toEqual(['a1', 'a3']);
    });

    it('rejects, with nothing of the group kept, when a write fails', async () => {
      const { sut, mocks } = newTestService();
      mocks.repository.factsOfGroup.mockResolvedValue([facts({ id: 'a1', enrolment_id: 'e1' })]);
      mocks.progress.enrolmentResultsOf.mockResolvedValue(results);
      mocks.repository.insertAll.mockRejectedValue(new Error('duplicate key value violates unique constraint'));
      await expect(sut.computeGroup(['a1'])).rejects.toThrow('duplicate key');
      expect(mocks.audit.recordAll).not.toHaveBeenCalled();
    });
  });

  describe('compute, one application', () => {
    it('fails when the rule fails on it, writing nothing', async () => {
      const { sut, mocks } = newTestService();
      mocks.repository.facts.mockResolvedValue(facts({ enrolment_id: null }));
      mocks.outlines.read.mockResolvedValue({ cardId: 'card', functions: [] });
      await expect(sut.compute('app')).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(mocks.repository.insertAll).not.toHaveBeenCalled();
    });
  });

  describe('approve', () => {
    const application = { status: 'awaiting_decision', candidateId: 'candidate', cardId: 'card', centreId: 'centre' };

    it('refuses a manager involved in assessing the application, and writes nothing', async () => {
      const { sut, mocks } = newTestService();
      mocks.repository.find.mockResolvedValue(pending());
      mocks.repository.lockPending.mockResolvedValue(pending());
      mocks.repository.involved.mockResolvedValue(new Set(['manager']));
      await expect(sut.approve(MANAGER, 'decision')).rejects.toMatchObject({ code: 'FORBIDDEN' });
      expect(mocks.repository.update).not.toHaveBeenCalled();
      expect(mocks.manager.update).not.toHaveBeenCalled();
    });

    it('signs with the terms of the program in force and decides the application', async () => {
      const { sut, mocks } = newTestService();
      mocks.repository.find.mockResolvedValue(pending());
      mocks.repository.lockPending.mockResolvedValue(pending());
      mocks.repository.lockApplication.mockResolvedValue(application as Application);
      const terms = {
        certificateValidityMonths: 36,
        creditValidityMonths: 12,
        appealWindowDays: 10,
        retakeWaitDays: 5,
      };
      mocks.repository.termsInForce.mockResolvedValue(terms);
      await sut.approve(MANAGER, 'decision');
      expect(mocks.repository.termsInForce).toHaveBeenCalledWith(mocks.manager, 'centre', 'card');
      expect(mocks.repository.update).toHaveBeenCalledWith(
        mocks.manager,
        'decision',
        expect.objectContaining({ status: 'approved', signedBy: 'manager', ...terms }),
      );
      expect(mocks.manager.update).toHaveBeenCalledWith(
        ApplicationEntity,
        { id: 'app', status: 'awaiting_decision' },
        { status: 'decided' },
      );
      expect(mocks.outbox.publish).toHaveBeenCalledWith(mocks.manager, 'decision.approved', { decisionId: 'decision' });
      expect(mocks.appeals.resolveByDecision).not.toHaveBeenCalled();
    });

    it('fixes the default terms without a program', async () => {
      const { sut, mocks } = newTestService();
      mocks.repository.find.mockResolvedValue(pending());
      mocks.repository.lockPending.mockResolvedValue(pending());
      mocks.repository.lockApplication.mockResolvedValue(application as Application);
      mocks.repository.termsInForce.mockResolvedValue(null);
      await sut.approve(MANAGER, 'decision');
      expect(mocks.repository.update).toHaveBeenCalledWith(
        mocks.manager,
        'decision',
        expect.objectContaining(DEFAULT_DECISION_TERMS),
      );
    });

    it('on appeal supersedes the signed decision, keeps its terms and leaves the application decided', async () => {
      const { sut, mocks } = newTestService();
      const onAppeal = pending({ supersedesId: 'old' });
      mocks.repository.find.mockResolvedValue(onAppeal);
      mocks.repository.lockPending.mockResolvedValue(onAppeal);
      mocks.repository.lockApplication.mockResolvedValue({ ...application, status: 'decided' } as Application);
      const old = { certificateValidityMonths: 24, creditValidityMonths: 6, appealWindowDays: 3, retakeWaitDays: 1 };
      mocks.repository.lockSuperseded.mockResolvedValue({ id: 'old', status: 'approved', ...old } as DecisionEntity);
      await sut.approve(MANAGER, 'decision');
      expect(mocks.repository.update).toHaveBeenCalledWith(mocks.manager, 'old', { status: 'superseded' });
      expect(mocks.repository.update).toHaveBeenCalledWith(
        mocks.manager,
        'decision',
        expect.objectContaining({ status: 'approved', ...old }),
      );
      expect(mocks.appeals.resolveByDecision).toHaveBeenCalledWith(mocks.manager, 'decision');
      expect(mocks.repository.termsInForce).not.toHaveBeenCalled();
      expect(mocks.manager.update).not.toHaveBeenCalled();
      expect(mocks.outbox.publish).toHaveBeenCalledWith(
        mocks.manager,
        'notification.requested',
        expect.objectContaining({ kind: 'appeal.resolved' }),
      );
    });

    it('refuses a decision whose application cannot be decided, with 409', async () => {
      const { sut, mocks } = newTestService();
      mocks.repository.find.mockResolvedValue(pending());
      mocks.repository.lockPending.mockResolvedValue(pending());
      mocks.repository.lockApplication.mockResolvedValue({ ...application, status: 'eligible' } as Application);
      await expect(sut.approve(MANAGER, 'decision')).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
      expect(mocks.outbox.publish).not.toHaveBeenCalled();
    });
  });

  describe('requestComputation', () => {
    it.each(['eligible', 'decided'] as const)(
      'refuses an application %s without an appeal re-assessed',
      async (status) => {
        const { sut, mocks } = newTestService();
        mocks.repository.lockApplication.mockResolvedValue({ status } as Application);
        await expect(sut.requestComputation(MANAGER, 'app')).rejects.toMatchObject({
          code: 'INVALID_TRANSITION',
          details: { currentStatus: status },
        });
        expect(mocks.outbox.publish).not.toHaveBeenCalled();
      },
    );

    it('asks for a decision on the appeal when one was re-assessed, ignoring the approved decision', async () => {
      const { sut, mocks } = newTestService();
      mocks.repository.lockApplication.mockResolvedValue({ status: 'decided' } as Application);
      mocks.appeals.reassessedOf.mockResolvedValue({ id: 'appeal' });
      mocks.repository.hasLive.mockResolvedValue(false);
      await sut.requestComputation(MANAGER, 'app');
      expect(mocks.repository.hasLive).toHaveBeenCalledWith(mocks.manager, 'app', false);
      expect(mocks.outbox.publish).toHaveBeenCalledWith(mocks.manager, 'appeal.reassessed', { appealId: 'appeal' });
    });

    it('refuses while a decision awaits sign-off or is approved', async () => {
      const { sut, mocks } = newTestService();
      mocks.repository.lockApplication.mockResolvedValue({ status: 'awaiting_decision' } as Application);
      mocks.repository.hasLive.mockResolvedValue(true);
      await expect(sut.requestComputation(MANAGER, 'app')).rejects.toMatchObject({ code: 'CONFLICT' });
      expect(mocks.repository.hasLive).toHaveBeenCalledWith(mocks.manager, 'app', true);
      expect(mocks.outbox.publish).not.toHaveBeenCalled();
    });
  });
});
