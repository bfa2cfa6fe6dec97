import type { EntityManager } from 'typeorm';
import { ApplicationEntity } from '@qualcert/candidates';
import { AuditService, OutboxService, SYSTEM_ACTOR } from '@qualcert/shared';
import { automock } from '@qualcert/shared/testing';
import { CardOutlineReader } from '@qualcert/standards';
import { outline } from '@qualcert/standards/testing';
import { type EnrolmentFacts, ProgressRepository, type ProgressApplicationRow } from './progress.repository';
import { ProgressService } from './progress.service';

const OUTLINE = outline({ mandatory: { m1: ['s1', 's2'] }, additional: { a1: ['s3'] }, notRecommended: ['s2'] });

const application = (overrides: Partial<ProgressApplicationRow> = {}): ProgressApplicationRow => ({
  id: 'app',
  candidate_id: 'candidate',
  centre_id: 'centre',
  card_id: 'card',
  status: 'eligible',
  pathway: 'assessment',
  additional_function_ids: [],
  earlier: [],
  ...overrides,
});

/** A test of 80 % overall, with the share per skill; marks of 70 % and a floor of 50 %. */
const enrolment = (examined: string[], perSkill: Record<string, number>): EnrolmentFacts => ({
  examined_skill_ids: examined,
  pass_mark_percent: 70,
  skill_floor_percent: 50,
  assessors: 1,
  score: {
    overall: { share: 0.8 },
    perSkill: Object.entries(perSkill).map(([skillId, share]) => ({ skillId, share })),
  },
});

const competent = (skillId: string, signed: boolean) => ({
  assessor_id: 'assessor',
  skill_id: skillId,
  verdict: 'competent' as const,
  comment: '',
  signed,
});

function newTestService() {
  const manager = { update: jest.fn().mockResolvedValue({ affected: 1 }) };
  const mocks = {
    manager,
    repository: automock(ProgressRepository),
    audit: automock(AuditService),
    outbox: automock(OutboxService),
    outlines: automock(CardOutlineReader),
  };
  mocks.outlines.read.mockResolvedValue(OUTLINE);
  mocks.repository.application.mockResolvedValue(application());
  mocks.repository.claimedSkillIds.mockResolvedValue([]);
  mocks.repository.reviews.mockResolvedValue([]);
  mocks.repository.currentEnrolmentId.mockResolvedValue(null);
  const sut = new ProgressService(mocks.repository, mocks.audit, mocks.outbox, mocks.outlines);
  return { sut, mocks, manager: manager as unknown as EntityManager };
}

describe(ProgressService.name, () => {
  describe('enrolmentResults', () => {
    it('counts a verdict only once its assessor signed the sheet', async () => {
      const { sut, mocks, manager } = newTestService();
      mocks.repository.enrolmentFacts.mockResolvedValue(enrolment(['s1', 's2'], { s1: 0.9, s2: 0.9 }));
      mocks.repository.verdicts.mockResolvedValue([competent('s1', true), competent('s2', false)]);
      const results = await sut.enrolmentResults(manager, 'enrolment');
      expect(results).toMatchObject({ passMark: 0.7, skillFloor: 0.5, overallShare: 0.8, assessorsInSession: 1 });
      expect(results.skills.map((s) => [s.skillId, s.status, s.theoryShare])).toEqual([
        ['s1', 'passed', 0.9],
        ['s2', 'pending', 0.9],
      ]);
      expect(results.skills[1].verdicts).toEqual([
        { assessorId: 'assessor', verdict: 'competent', signed: false, comment: '' },
      ]);
    });

    it('fails a skill whose theory share is under the floor, whatever the verdicts', async () => {
      const { sut, mocks, manager } = newTestService();
      mocks.repository.enrolmentFacts.mockResolvedValue(enrolment(['s1'], { s1: 0.4 }));
      mocks.repository.verdicts.mockResolvedValue([competent('s1', true)]);
      expect((await sut.enrolmentResults(manager, 'enrolment')).skills[0].status).toBe('failed');
    });
  });

  describe('progress', () => {
    it('needs the mandatory skills and the chosen additional ones only', async () => {
      const { sut, mocks, manager } = newTestService();
      expect((await sut.progress(manager, 'app')).skills.map((s) => s.skillId)).toEqual(['s1', 's2']);
      mocks.repository.application.mockResolvedValue(application({ additional_function_ids: ['a1'] }));
      expect((await sut.progress(manager, 'app')).skills.map((s) => s.skillId)).toEqual(['s1', 's2', 's3']);
    });

    it('reads the current enrolment’s exam results, and none without one', async () => {
      const { sut, mocks, manager } = newTestService();
      await sut.progress(manager, 'app');
      expect(mocks.repository.enrolmentFacts).not.toHaveBeenCalled();
      mocks.repository.currentEnrolmentId.mockResolvedValue('enrolment');
      mocks.repository.enrolmentFacts.mockResolvedValue(enrolment(['s1', 's2'], { s1: 0.9, s2: 0.9 }));
      mocks.repository.verdicts.mockResolvedValue([competent('s1', true), competent('s2', true)]);
      const progress = await sut.progress(manager, 'app');
      expect(mocks.repository.enrolmentFacts).toHaveBeenCalledWith(manager, 'enrolment');
      expect(progress).toMatchObject({ complete: true, status: 'eligible' });
    });
    it('answers 404 for an application that is not there, reading nothing more', async () => {
      const { sut, mocks, manager } = newTestService();
      mocks.repository.application.mockResolvedValue(undefined);
      await expect(sut.progress(manager, 'gone')).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect(mocks.repository.claimedSkillIds).not.toHaveBeenCalled();
    });
  });

  describe('enrolmentResultsOf', () => {
    it('reads many enrolments in two reads and gives each the results enrolmentResults gives it alone', async () => {
      const { sut, mocks, manager } = newTestService();
      const facts = new Map([
        ['e1', enrolment(['s1', 's2'], { s1: 0.9, s2: 0.9 })],
        ['e2', enrolment(['s1'], { s1: 0.4 })],
      ]);
      const verdicts = new Map([
        ['e1', [competent('s1', true), competent('s2', false)]],
        ['e2', [competent('s1', true)]],
      ]);
      mocks.repository.enrolmentFactsOf.mockResolvedValue(facts);
      mocks.repository.verdictsOf.mockResolvedValue(verdicts);
      const results = await sut.enrolmentResultsOf(manager, ['e1', 'e2', 'unknown']);
      expect(mocks.repository.enrolmentFactsOf).toHaveBeenCalledWith(manager, ['e1', 'e2', 'unknown']);
      expect(mocks.repository.verdictsOf).toHaveBeenCalledWith(manager, ['e1', 'e2']);
      expect([...results.keys()]).toEqual(['e1', 'e2']);
      for (const id of ['e1', 'e2']) {
        mocks.repository.enrolmentFacts.mockResolvedValueOnce(facts.get(id) as EnrolmentFacts);
        mocks.repository.verdicts.mockResolvedValueOnce(verdicts.get(id) ?? []);
        expect(results.get(id)).toEqual(await sut.enrolmentResults(manager, id));
      }
      expect(results.get('e1')?.skills.map((s) => s.status)).toEqual(['passed', 'pending']);
      expect(results.get('e2')?.skills.map((s) => s.status)).toEqual(['failed']);
    });

    it('reads nothing for no enrolment', async () => {
      const { sut, mocks, manager } = newTestService();
      expect((await sut.enrolmentResultsOf(manager, [])).size).toBe(0);
      expect(mocks.repository.enrolmentFactsOf).not.toHaveBeenCalled();
    });
  });

  describe('handOverIfComplete', () => {
    it('leaves an application with a pending skill where it is', async () => {
      const { sut, mocks, manager } = newTestService();
      await expect(sut.handOverIfComplete(manager, 'app', SYSTEM_ACTOR)).resolves.toBe(false);
      expect(mocks.repository.lockApplication).toHaveBeenCalledWith(manager, 'app');
      expect(mocks.manager.update).not.toHaveBeenCalled();
      expect(mocks.outbox.publish).not.toHaveBeenCalled();
    });

    it('hands a complete eligible application over to the decisions workflow', async () => {
      const { sut, mocks, manager } = newTestService();
      mocks.repository.currentEnrolmentId.mockResolvedValue('enrolment');
      mocks.repository.enrolmentFacts.mockResolvedValue(enrolment(['s1', 's2'], { s1: 0.9, s2: 0.9 }));
      mocks.repository.verdicts.mockResolvedValue([competent('s1', true), competent('s2', true)]);
      await expect(sut.handOverIfComplete(manager, 'app', SYSTEM_ACTOR)).resolves.toBe(true);
      expect(mocks.manager.update).toHaveBeenCalledWith(
        ApplicationEntity,
        { id: 'app', status: 'eligible' },
        { status: 'awaiting_decision' },
      );
      expect(mocks.outbox.publish).toHaveBeenCalledWith(manager, 'application.awaiting_decision', {
        applicationId: 'app',
      });
    });

    it('does not hand over an application that is no longer eligible', async () => {
      const { sut, mocks, manager } = newTestService();
      mocks.repository.application.mockResolvedValue(application({ status: 'withdrawn' }));
      mocks.repository.currentEnrolmentId.mockResolvedValue('enrolment');
      mocks.repository.enrolmentFacts.mockResolvedValue(enrolment(['s1', 's2'], { s1: 0.9, s2: 0.9 }));
      mocks.repository.verdicts.mockResolvedValue([competent('s1', true), competent('s2', true)]);
      await expect(sut.handOverIfComplete(manager, 'app', SYSTEM_ACTOR)).resolves.toBe(false);
      expect(mocks.manager.update).not.toHaveBeenCalled();
    });
  });
});
