import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '@qualcert/identity';
import { AuditService, OutboxService, SYSTEM_ACTOR } from '@qualcert/shared';
import { automock } from '@qualcert/shared/testing';
import type { QualificationProgramEntity, QuestionEntity, QuestionVersionEntity } from '../programs/program.entities';
import { QuestionsRepository } from '../programs/questions.repository';
import { ProgressService } from '../results/progress.service';
import type { EnrolmentEntity, ExamSessionEntity, TheoryTestEntity, TheoryTestItemEntity } from './session.entities';
import { SessionsRepository } from './sessions.repository';
import { TheoryTestsRepository } from './theory-tests.repository';
import { TheoryTestsService } from './theory-tests.service';

const CANDIDATE: Actor = { userId: 'candidate', role: 'candidate', centreIds: [] };
const STARTS = new Date('2030-03-01T09:00:00Z');
const ENDS = new Date('2030-03-01T13:00:00Z');

const test = (overrides: Partial<TheoryTestEntity> = {}): TheoryTestEntity => ({
  id: 'test',
  enrolmentId: 'enrolment',
  candidateId: 'candidate',
  status: 'in_progress',
  startedAt: STARTS,
  deadlineAt: new Date(Date.now() + 60_000),
  submittedAt: null,
  submittedBy: null,
  score: null,
  ...overrides,
});

const item = (overrides: Partial<TheoryTestItemEntity> = {}): TheoryTestItemEntity => ({
  id: 'item',
  testId: 'test',
  position: 1,
  questionVersionId: 'v1',
  skillId: 's1',
  optionOrder: ['o2', 'o1'],
  optionLabels: ['L2', 'L1'],
  answerOptionIds: null,
  answeredAt: null,
  ...overrides,
});

const version = (overrides: Partial<QuestionVersionEntity> = {}) =>
  ({
    id: 'v1',
    questionId: 'q1',
    version: 1,
    type: 'single',
    text: 'Question one',
    options: [
      { id: 'o1', text: 'One' },
      { id: 'o2', text: 'Two' },
    ],
    correctOptionIds: ['o1'],
    ...overrides,
  }) as QuestionVersionEntity;

const enrolment = (overrides: Partial<EnrolmentEntity> = {}) =>
  ({
    id: 'enrolment',
    sessionId: 'session',
    applicationId: 'app',
    candidateId: 'candidate',
    examinedSkillIds: ['s1'],
    status: 'enrolled',
    ...overrides,
  }) as EnrolmentEntity;

const session = (overrides: Partial<ExamSessionEntity> = {}) =>
  ({
    id: 'session',
    centreId: 'centre',
    programId: 'program',
    cardId: 'card',
    startsAt: STARTS,
    endsAt: ENDS,
    status: 'scheduled',
    ...overrides,
  }) as ExamSessionEntity;

const program = { id: 'program', questionsPerSkill: 1, timeLimitMinutes: 60 } as QualificationProgramEntity;

/** The service with its repositories and collaborators mocked, and a manager that writes nothing. */
function newTestService() {
  const manager = {} as EntityManager;
  const dataSource = { manager, transaction: jest.fn((work: (m: EntityManager) => unknown) => work(manager)) };
  const mocks = {
    manager,
    repository: automock(TheoryTestsRepository),
    sessions: automock(SessionsRepository),
    questions: automock(QuestionsRepository),
    audit: automock(AuditService),
    outbox: automock(OutboxService),
    progress: automock(ProgressService),
  };
  mocks.repository.find.mockResolvedValue(test());
  mocks.repository.lock.mockResolvedValue(test());
  mocks.repository.ofEnrolment.mockResolvedValue(null);
  mocks.repository.items.mockResolvedValue([item()]);
  mocks.questions.versions.mockResolvedValue([version()]);
  mocks.sessions.lockEnrolmentOf.mockResolvedValue(enrolment());
  mocks.sessions.getSession.mockResolvedValue(session());
  mocks.sessions.getProgram.mockResolvedValue(program);
  mocks.sessions.getEnrolment.mockResolvedValue(enrolment());
  mocks.questions.activeQuestions.mockResolvedValue([{ id: 'q1', skillId: 's1' } as QuestionEntity]);
  mocks.questions.currentVersions.mockResolvedValue([version()]);
  const sut = new TheoryTestsService(
    dataSource as unknown as DataSource,
    mocks.repository,
    mocks.sessions,
    mocks.questions,
    mocks.audit,
    mocks.outbox,
    mocks.progress,
  );
  return { sut, mocks };
}

describe(TheoryTestsService.name, () => {
  describe('saveAnswer', () => {
    it('saves the options chosen, each once and sorted, in one statement and reads nothing when it saves', async () => {
      const { sut, mocks } = newTestService();
      mocks.repository.saveAnswer.mockResolvedValue(true);
      await sut.saveAnswer(CANDIDATE, 'test', 2, ['L2', 'L1', 'L2']);
      expect(mocks.repository.saveAnswer).toHaveBeenCalledWith('test', 2, 'candidate', '["L1","L2"]');
      expect(mocks.repository.find).not.toHaveBeenCalled();
      expect(mocks.repository.item).not.toHaveBeenCalled();
    });

    it("answers 404 for another candidate's test when nothing was saved", async () => {
      const { sut, mocks } = newTestService();
      mocks.repository.saveAnswer.mockResolvedValue(false);
      mocks.repository.find.mockResolvedValue(test({ candidateId: 'someone-else' }));
      await expect(sut.saveAnswer(CANDIDATE, 'test', 1, ['L1'])).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });

    it.each([
      ['a submitted test', test({ status: 'submitted' })],
      ['a test past its deadline', test({ deadlineAt: new Date(Date.now() - 1000) })],
    ])('refuses a save to %s as TEST_CLOSED', async (_case, closed) => {
      const { sut, mocks } = newTestService();
      mocks.repository.saveAnswer.mockResolvedValue(false);
      mocks.repository.find.mockResolvedValue(closed);
      await expect(sut.saveAnswer(CANDIDATE, 'test', 1, ['L1'])).rejects.toMatchObject({
        code: 'TEST_CLOSED',
        details: { status: closed.status },
      });
      expect(mocks.repository.item).not.toHaveBeenCalled();
    });

    it('answers 404 for a position the test does not have', async () => {
      const { sut, mocks } = newTestService();
      mocks.repository.saveAnswer.mockResolvedValue(false);
      mocks.repository.item.mockResolvedValue(null);
      await expect(sut.saveAnswer(CANDIDATE, 'test', 9, ['L1'])).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect(mocks.repository.item).toHaveBeenCalledWith('test', 9);
    });

    it("names each option that is not one of the item's labels", async () => {
      const { sut, mocks } = newTestService();
      mocks.repository.saveAnswer.mockResolvedValue(false);
      mocks.repository.item.mockResolvedValue(item());
      await expect(sut.saveAnswer(CANDIDATE, 'test', 1, ['L1', 'o1', 'x'])).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
        details: {
          fields: [
            {
              field: 'optionIds',
              messages: [
                { code: 'field:notOption', params: { id: 'o1' } },
                { code: 'field:notOption', params: { id: 'x' } },
              ],
            },
          ],
        },
      });
    });

    it('takes a save refused while every fact holds for the deadline passing between the two reads', async () => {
      const { sut, mocks } = newTestService();
      mocks.repository.saveAnswer.mockResolvedValue(false);
      mocks.repository.item.mockResolvedValue(item());
      await expect(sut.saveAnswer(CANDIDATE, 'test', 1, ['L1'])).rejects.toMatchObject({ code: 'TEST_CLOSED' });
    });
  });

  describe('start', () => {
    const during = new Date('2030-03-01T10:00:00Z');

    it.each([
      ['no enrolment of the candidate', null],
      ['a withdrawn enrolment', enrolment({ status: 'withdrawn' })],
    ])('answers 404 for %s', async (_case, found) => {
      const { sut, mocks } = newTestService();
      mocks.sessions.lockEnrolmentOf.mockResolvedValue(found);
      await expect(sut.start(CANDIDATE, 'enrolment', during)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect(mocks.sessions.lockEnrolmentOf).toHaveBeenCalledWith(mocks.manager, 'enrolment', 'candidate');
      expect(mocks.repository.insert).not.toHaveBeenCalled();
    });

    it('gives back the test already started rather than a second one', async () => {
      const { sut, mocks } = newTestService();
      mocks.repository.ofEnrolment.mockResolvedValue(test({ id: 'earlier' }));
      await sut.start(CANDIDATE, 'enrolment', during);
      expect(mocks.repository.insert).not.toHaveBeenCalled();
      expect(mocks.repository.find).toHaveBeenCalledWith('earlier');
    });

    it.each([
      ['before the session starts', session(), new Date('2030-03-01T08:59:59Z')],
      ['at the session end', session(), ENDS],
      ['in a session no longer scheduled', session({ status: 'cancelled' }), during],
    ])('refuses %s with SESSION_NOT_OPEN', async (_case, found, now) => {
      const { sut, mocks } = newTestService();
      mocks.sessions.getSession.mockResolvedValue(found);
      await expect(sut.start(CANDIDATE, 'enrolment', now)).rejects.toMatchObject({ code: 'SESSION_NOT_OPEN' });
      expect(mocks.repository.insert).not.toHaveBeenCalled();
    });

    it('refuses with NOT_ENOUGH_QUESTIONS when the bank lacks questions for an examined skill, naming it', async () => {
      const { sut, mocks } = newTestService();
      mocks.sessions.lockEnrolmentOf.mockResolvedValue(enrolment({ examinedSkillIds: ['s1', 's2'] }));
      await expect(sut.start(CANDIDATE, 'enrolment', during)).rejects.toMatchObject({
        code: 'NOT_ENOUGH_QUESTIONS',
        details: { short: [{ skillId: 's2', available: 0, needed: 1 }] },
      });
      expect(mocks.repository.insert).not.toHaveBeenCalled();
    });

    it("draws from the current versions of the centre's active questions on the examined skills", async () => {
      const { sut, mocks } = newTestService();
      await sut.start(CANDIDATE, 'enrolment', during);
      expect(mocks.questions.activeQuestions).toHaveBeenCalledWith(mocks.manager, 'centre', 'card', ['s1']);
      expect(mocks.questions.currentVersions).toHaveBeenCalledWith(['q1'], mocks.manager);
    });

    it.each([
      ['the time limit', during, new Date('2030-03-01T11:00:00Z')],
      ["the session's end when it comes sooner", new Date('2030-03-01T12:30:00Z'), ENDS],
    ])('sets the deadline at %s and queues the job that enforces it', async (_case, now, deadline) => {
      const { sut, mocks } = newTestService();
      await sut.start(CANDIDATE, 'enrolment', now);
      expect(mocks.repository.insert).toHaveBeenCalledWith(
        mocks.manager,
        expect.objectContaining({
          candidateId: 'candidate',
          status: 'in_progress',
          startedAt: now,
          deadlineAt: deadline,
        }),
        [expect.objectContaining({ position: 1, questionVersionId: 'v1', skillId: 's1', answerOptionIds: null })],
      );
      expect(mocks.outbox.publish).toHaveBeenCalledWith(mocks.manager, 'theory_test.started', {
        testId: expect.any(String),
        deadlineAt: deadline.toISOString(),
      });
    });

    it("labels each item's options with labels that are not the author's option ids", async () => {
      const { sut, mocks } = newTestService();
      await sut.start(CANDIDATE, 'enrolment', during);
      const [[, , items]] = mocks.repository.insert.mock.calls;
      expect(items[0].optionLabels).toHaveLength(2);
      expect(items[0].optionLabels).not.toContain('o1');
      expect(items[0].optionLabels).not.toContain('o2');
    });
  });

  describe('submit and submitAtDeadline', () => {
    it('scores the answers, given as labels, against the author’s correct options and hands the outcome over', async () => {
      const { sut, mocks } = newTestService();
      mocks.repository.items.mockResolvedValue([item({ answerOptionIds: ['L1'] })]);
      await sut.submit(CANDIDATE, 'test');
      expect(mocks.repository.submit).toHaveBeenCalledWith(mocks.manager, 'test', {
        submittedAt: expect.any(Date),
        submittedBy: 'candidate',
        score: expect.objectContaining({ overall: expect.objectContaining({ correct: 1, total: 1 }) }),
      });
      expect(mocks.sessions.getEnrolment).toHaveBeenCalledWith(mocks.manager, 'enrolment');
      expect(mocks.progress.handOverIfComplete).toHaveBeenCalledWith(
        mocks.manager,
        'app',
        expect.objectContaining({ userId: 'candidate' }),
      );
    });

    it('refuses a second submission by the candidate with TEST_CLOSED', async () => {
      const { sut, mocks } = newTestService();
      mocks.repository.lock.mockResolvedValue(test({ status: 'submitted' }));
      await expect(sut.submit(CANDIDATE, 'test')).rejects.toMatchObject({ code: 'TEST_CLOSED' });
      expect(mocks.repository.submit).not.toHaveBeenCalled();
    });

    it.each([
      ['an unknown test', null],
      ['a test already submitted', test({ status: 'submitted' })],
    ])('skips %s at the deadline', async (_case, found) => {
      const { sut, mocks } = newTestService();
      mocks.repository.lock.mockResolvedValue(found);
      await expect(sut.submitAtDeadline('test')).resolves.toBe('skipped');
      expect(mocks.repository.submit).not.toHaveBeenCalled();
    });

    it('leaves a test whose deadline has not come', async () => {
      const { sut, mocks } = newTestService();
      const deadlineAt = new Date('2030-03-01T11:00:00Z');
      mocks.repository.lock.mockResolvedValue(test({ deadlineAt }));
      await expect(sut.submitAtDeadline('test', new Date(deadlineAt.getTime() - 1))).resolves.toBe('not_due');
      expect(mocks.repository.submit).not.toHaveBeenCalled();
    });

    it('submits a test at its deadline as the system', async () => {
      const { sut, mocks } = newTestService();
      const deadlineAt = new Date('2030-03-01T11:00:00Z');
      mocks.repository.lock.mockResolvedValue(test({ deadlineAt }));
      await expect(sut.submitAtDeadline('test', deadlineAt)).resolves.toBe('submitted');
      expect(mocks.repository.submit).toHaveBeenCalledWith(
        mocks.manager,
        'test',
        expect.objectContaining({ submittedBy: 'deadline' }),
      );
      expect(mocks.progress.handOverIfComplete).toHaveBeenCalledWith(mocks.manager, 'app', SYSTEM_ACTOR);
    });
  });

  describe('view', () => {
    it("shows each option's text under its label, never the author's id, and the whole seconds left", async () => {
      const { sut, mocks } = newTestService();
      const now = new Date('2030-03-01T10:00:00Z');
      mocks.repository.find.mockResolvedValue(test({ deadlineAt: new Date(now.getTime() + 90_500) }));
      const view = await sut.view(CANDIDATE, 'test', now);
      expect(view.secondsLeft).toBe(90);
      expect(view.items[0].options).toEqual([
        { id: 'L2', text: 'Two' },
        { id: 'L1', text: 'One' },
      ]);
    });

    it('shows no time left on a submitted test', async () => {
      const { sut, mocks } = newTestService();
      mocks.repository.find.mockResolvedValue(test({ status: 'submitted' }));
      await expect(sut.view(CANDIDATE, 'test')).resolves.toMatchObject({ secondsLeft: 0 });
    });
  });
});
