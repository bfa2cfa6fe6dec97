import type { DataSource, EntityManager } from 'typeorm';
import { AccessService, type Actor } from '@qualcert/identity';
import { AuditService } from '@qualcert/shared';
import { automock } from '@qualcert/shared/testing';
import { skillsWithKnowledge } from '@qualcert/standards';
import type { QuestionEntity, QuestionVersionEntity } from './program.entities';
import type { QuestionInputDto } from './programs.dto';
import { QuestionsRepository } from './questions.repository';
import { questionProblems, QuestionsService } from './questions.service';

jest.mock('@qualcert/standards', () => ({
  ...jest.requireActual<object>('@qualcert/standards'),
  skillsWithKnowledge: jest.fn(),
}));
const skillsFound = skillsWithKnowledge as jest.MockedFunction<typeof skillsWithKnowledge>;

const MANAGER: Actor = { userId: 'manager', role: 'centre_manager', centreIds: ['centre'] };

const input = (overrides: Partial<QuestionInputDto> = {}): QuestionInputDto => ({
  type: 'single',
  text: 'Which one?',
  options: ['one', 'two', 'three'],
  correctOptions: [1],
  ...overrides,
});

const question = (overrides: Partial<QuestionEntity> = {}): QuestionEntity => ({
  id: 'q',
  centreId: 'centre',
  cardId: 'card',
  skillId: 's1',
  status: 'active',
  currentVersion: 3,
  createdAt: new Date(),
  updatedAt: new Date(),
  ...overrides,
});

const version = (overrides: Partial<QuestionVersionEntity> = {}): QuestionVersionEntity => ({
  id: 'v',
  questionId: 'q',
  version: 3,
  type: 'single',
  text: 'Which one?',
  options: [
    { id: 'a', text: 'one' },
    { id: 'b', text: 'two' },
  ],
  correctOptionIds: ['b'],
  explanation: null,
  knowledgeItemId: null,
  createdAt: new Date(),
  ...overrides,
});

const fieldsOf = (problems: { field: string; messages: { code: string }[] }[]) =>
  problems.map((p) => `${p.field} ${p.messages.map((m) => m.code).join()}`);

/** The service with its repository and collaborators mocked, and a manager that writes nothing. */
function newTestService() {
  const manager = {} as EntityManager;
  const dataSource = { transaction: jest.fn((work: (m: EntityManager) => unknown) => work(manager)) };
  const mocks = {
    manager,
    repository: automock(QuestionsRepository),
    access: automock(AccessService),
    audit: automock(AuditService),
  };
  mocks.access.checkAccess.mockImplementation((_actor, _permission, ids) => Promise.resolve(new Set(ids)));
  skillsFound.mockResolvedValue([
    { id: 's1', cardId: 'card', knowledgeItemIds: ['k1'] },
    { id: 's2', cardId: 'other-card', knowledgeItemIds: [] },
  ]);
  const sut = new QuestionsService(dataSource as unknown as DataSource, mocks.repository, mocks.access, mocks.audit);
  return { sut, mocks };
}

describe('questionProblems', () => {
  it('accepts a well-formed question', () => {
    expect(questionProblems(input(), [])).toEqual([]);
    expect(questionProblems(input({ type: 'multiple', correctOptions: [0, 2] }), [])).toEqual([]);
  });

  it.each([
    [
      'a repeated correct option',
      input({ type: 'multiple', correctOptions: [1, 1] }),
      'correctOptions field:repeatOption',
    ],
    ['a correct option that is not there', input({ correctOptions: [3] }), 'correctOptions field:optionMissing'],
    ['two answers to a single choice', input({ correctOptions: [0, 1] }), 'correctOptions field:singleChoice'],
    [
      'options alike but for case and spaces',
      input({ options: ['One', ' one ', 'two'] }),
      'options field:optionsDiffer',
    ],
    ['a knowledge item of another skill', input({ knowledgeItemId: 'k9' }), 'knowledgeItemId field:notKnowledgeItem'],
  ])('names %s', (_case, given, expected) => {
    expect(fieldsOf(questionProblems(given, ['k1']) as never)).toEqual([expected]);
  });

  it('prefixes the field of an imported question', () => {
    expect(fieldsOf(questionProblems(input({ correctOptions: [5] }), [], 'questions[2].') as never)).toEqual([
      'questions[2].correctOptions field:optionMissing',
    ]);
  });
});

describe(QuestionsService.name, () => {
  describe('create and import', () => {
    it('stores a question at version 1 with the options lettered and the correct ones by letter', async () => {
      const { sut, mocks } = newTestService();
      const created = await sut.create(MANAGER, 'centre', {
        ...input({ type: 'multiple', options: [' one ', 'two', 'three'], correctOptions: [2, 0] }),
        cardId: 'card',
        skillId: 's1',
        knowledgeItemId: 'k1',
      });
      const [, questions, versions] = mocks.repository.insert.mock.calls[0];
      expect(questions).toEqual([expect.objectContaining({ id: created.id, currentVersion: 1, status: 'active' })]);
      expect(versions[0]).toMatchObject({
        questionId: created.id,
        version: 1,
        options: [
          { id: 'a', text: 'one' },
          { id: 'b', text: 'two' },
          { id: 'c', text: 'three' },
        ],
        correctOptionIds: ['a', 'c'],
        knowledgeItemId: 'k1',
      });
      expect(created.correctOptions).toEqual([0, 2]);
      expect(mocks.audit.record).toHaveBeenCalledWith(
        mocks.manager,
        expect.objectContaining({ action: 'question.created', entityId: 'centre' }),
      );
    });

    it('refuses a skill of another card, or none, and stores nothing', async () => {
      const { sut, mocks } = newTestService();
      for (const skillId of ['s2', 'unknown']) {
        await expect(sut.create(MANAGER, 'centre', { ...input(), cardId: 'card', skillId })).rejects.toMatchObject({
          code: 'QUESTION_INVALID',
          details: { fields: [expect.objectContaining({ field: 'skillId' })] },
        });
      }
      expect(mocks.repository.insert).not.toHaveBeenCalled();
    });

    it('checks a knowledge item against its own skill', async () => {
      const { sut } = newTestService();
      await expect(
        sut.create(MANAGER, 'centre', { ...input({ knowledgeItemId: 'k1' }), cardId: 'card', skillId: 's2' }),
      ).rejects.toMatchObject({
        details: {
          fields: [
            expect.objectContaining({ field: 'skillId' }),
            expect.objectContaining({ field: 'knowledgeItemId' }),
          ],
        },
      });
    });

    it('imports all or nothing, naming each faulty question by its position', async () => {
      const { sut, mocks } = newTestService();
      await expect(
        sut.importQuestions(MANAGER, 'centre', {
          cardId: 'card',
          questions: [
            { ...input(), skillId: 's1' },
            { ...input({ correctOptions: [9] }), skillId: 's1' },
            { ...input(), skillId: 's2' },
          ],
        }),
      ).rejects.toMatchObject({
        code: 'QUESTION_INVALID',
        details: {
          fields: [
            expect.objectContaining({ field: 'questions[1].correctOptions' }),
            expect.objectContaining({ field: 'questions[2].skillId' }),
          ],
        },
      });
      expect(mocks.repository.insert).not.toHaveBeenCalled();
    });

    it('imports many as one audited import', async () => {
      const { sut, mocks } = newTestService();
      const result = await sut.importQuestions(MANAGER, 'centre', {
        cardId: 'card',
        questions: [
          { ...input(), skillId: 's1' },
          { ...input(), skillId: 's1' },
        ],
      });
      expect(result.imported).toBe(2);
      expect(skillsFound).toHaveBeenCalledWith(mocks.manager, ['s1']);
      expect(mocks.audit.record).toHaveBeenCalledTimes(1);
      expect(mocks.audit.record).toHaveBeenCalledWith(
        mocks.manager,
        expect.objectContaining({ action: 'question.imported' }),
      );
    });
  });

  describe('update', () => {
    it('answers 404 for a question of a centre the actor may not manage, as for an unknown one', async () => {
      const { sut, mocks } = newTestService();
      mocks.repository.find.mockResolvedValue(question({ centreId: 'elsewhere' }));
      mocks.access.checkAccess.mockResolvedValue(new Set(['centre']));
      await expect(sut.update(MANAGER, 'q', input())).rejects.toMatchObject({ code: 'NOT_FOUND' });
      mocks.repository.find.mockResolvedValue(null);
      await expect(sut.update(MANAGER, 'q', input())).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect(mocks.repository.revise).not.toHaveBeenCalled();
    });

    it('adds the next version to the locked question', async () => {
      const { sut, mocks } = newTestService();
      mocks.repository.find.mockResolvedValue(question({ currentVersion: 2 }));
      mocks.repository.lock.mockResolvedValue(question({ currentVersion: 3 }));
      const updated = await sut.update(MANAGER, 'q', input({ text: 'Reworded?' }));
      expect(mocks.repository.revise).toHaveBeenCalledWith(
        mocks.manager,
        expect.objectContaining({ questionId: 'q', version: 4, text: 'Reworded?' }),
      );
      expect(updated.version).toBe(4);
    });

    it('refuses a knowledge item of another skill and writes nothing', async () => {
      const { sut, mocks } = newTestService();
      mocks.repository.find.mockResolvedValue(question());
      mocks.repository.lock.mockResolvedValue(question());
      await expect(sut.update(MANAGER, 'q', input({ knowledgeItemId: 'k2' }))).rejects.toMatchObject({
        code: 'QUESTION_INVALID',
      });
      expect(mocks.repository.revise).not.toHaveBeenCalled();
    });
  });

  describe('retire', () => {
    it('retires an active question and records it', async () => {
      const { sut, mocks } = newTestService();
      mocks.repository.find.mockResolvedValue(question());
      mocks.repository.lock.mockResolvedValue(question());
      mocks.repository.version.mockResolvedValue(version());
      await expect(sut.retire(MANAGER, 'q')).resolves.toMatchObject({ status: 'retired', version: 3 });
      expect(mocks.repository.retire).toHaveBeenCalledWith(mocks.manager, 'q');
      expect(mocks.repository.version).toHaveBeenCalledWith(mocks.manager, 'q', 3);
      expect(mocks.audit.record).toHaveBeenCalledTimes(1);
    });

    it('retiring again writes and records nothing', async () => {
      const { sut, mocks } = newTestService();
      mocks.repository.find.mockResolvedValue(question({ status: 'retired' }));
      mocks.repository.lock.mockResolvedValue(question({ status: 'retired' }));
      mocks.repository.version.mockResolvedValue(version());
      await expect(sut.retire(MANAGER, 'q')).resolves.toMatchObject({ status: 'retired' });
      expect(mocks.repository.retire).not.toHaveBeenCalled();
      expect(mocks.audit.record).not.toHaveBeenCalled();
    });
  });

  describe('list', () => {
    it('pairs each question with its current version and reads no versions for an empty bank', async () => {
      const { sut, mocks } = newTestService();
      mocks.repository.list.mockResolvedValue([]);
      await expect(sut.list(MANAGER, 'centre', { cardId: 'card' })).resolves.toEqual([]);
      expect(mocks.repository.currentVersions).not.toHaveBeenCalled();
      mocks.repository.list.mockResolvedValue([question({ id: 'q1' }), question({ id: 'q2' })]);
      mocks.repository.currentVersions.mockResolvedValue([
        version({ questionId: 'q2', version: 7 }),
        version({ questionId: 'q1', version: 2 }),
      ]);
      const listed = await sut.list(MANAGER, 'centre', { cardId: 'card' });
      expect(listed.map((q) => [q.id, q.version])).toEqual([
        ['q1', 2],
        ['q2', 7],
      ]);
    });
  });
});
