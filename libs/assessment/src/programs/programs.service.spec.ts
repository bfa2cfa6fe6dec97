import { QueryFailedError, type DataSource, type EntityManager } from 'typeorm';
import { holdsAccreditation } from '@qualcert/centres';
import { AccessService, type Actor } from '@qualcert/identity';
import { AuditService } from '@qualcert/shared';
import { automock } from '@qualcert/shared/testing';
import { outline } from '@qualcert/standards/testing';
import { CardOutlineReader, findCard, skillAbilities, type ProfessionCardEntity } from '@qualcert/standards';
import type { PracticalTaskEntity, QualificationProgramEntity } from './program.entities';
import { ProgramsRepository } from './programs.repository';
import { ProgramsService } from './programs.service';
import { QuestionsRepository } from './questions.repository';

jest.mock('@qualcert/standards', () => ({
  ...jest.requireActual<object>('@qualcert/standards'),
  findCard: jest.fn(),
  skillAbilities: jest.fn(),
}));
jest.mock('@qualcert/centres', () => ({
  ...jest.requireActual<object>('@qualcert/centres'),
  holdsAccreditation: jest.fn(),
}));
const cardOf = findCard as jest.MockedFunction<typeof findCard>;
const abilitiesOf = skillAbilities as jest.MockedFunction<typeof skillAbilities>;
const accredited = holdsAccreditation as jest.MockedFunction<typeof holdsAccreditation>;

const MANAGER: Actor = { userId: 'manager', role: 'centre_manager', centreIds: ['centre'] };

const OUTLINE = outline({ mandatory: { m1: ['s1', 's2'] }, additional: { a1: ['s3'] } });

const program = (overrides: Partial<QualificationProgramEntity> = {}) =>
  ({
    id: 'program',
    centreId: 'centre',
    cardId: 'card',
    standardVersionId: 'version',
    version: 1,
    status: 'draft',
    questionsPerSkill: 3,
    timeLimitMinutes: 60,
    passMarkPercent: 70,
    skillFloorPercent: 50,
    assessorsPerSession: 2,
    certificateValidityMonths: 60,
    creditValidityMonths: 12,
    appealWindowDays: 10,
    retakeWaitDays: 30,
    additionalFunctionIds: [],
    activatedAt: null,
    ...overrides,
  }) as QualificationProgramEntity;

/** Every skill of the card covered: a task and three active questions each. */
const FULL = { s1: 3, s2: 3, s3: 3 };
const TASKS = { s1: 1, s2: 1, s3: 1 };

/** The service with its repositories and collaborators mocked, and a manager that writes nothing. */
function newTestService() {
  const manager = {} as EntityManager;
  const dataSource = { manager, transaction: jest.fn((work: (m: EntityManager) => unknown) => work(manager)) };
  const mocks = {
    manager,
    programs: automock(ProgramsRepository),
    questions: automock(QuestionsRepository),
    access: automock(AccessService),
    audit: automock(AuditService),
    outlines: automock(CardOutlineReader),
  };
  mocks.access.checkAccess.mockImplementation((_actor, _permission, ids) => Promise.resolve(new Set(ids)));
  mocks.outlines.read.mockResolvedValue(OUTLINE);
  mocks.programs.find.mockResolvedValue(program());
  mocks.programs.lock.mockResolvedValue(program());
  mocks.programs.exists.mockResolvedValue(false);
  mocks.programs.inStatus.mockResolvedValue(null);
  mocks.programs.tasks.mockResolvedValue([]);
  mocks.programs.tasksBySkill.mockResolvedValue(TASKS);
  mocks.questions.activeCountsBySkill.mockResolvedValue(FULL);
  cardOf.mockReset().mockResolvedValue({ id: 'card', standardVersionId: 'version' } as ProfessionCardEntity);
  abilitiesOf.mockReset().mockResolvedValue({ id: 's1', cardId: 'card', abilityIds: ['ab1', 'ab2'] });
  accredited.mockReset().mockResolvedValue(true);
  const sut = new ProgramsService(
    dataSource as unknown as DataSource,
    mocks.programs,
    mocks.questions,
    mocks.access,
    mocks.audit,
    mocks.outlines,
  );
  return { sut, mocks };
}

describe(ProgramsService.name, () => {
  describe('create', () => {
    it('answers 404 naming cardId for an unknown card', async () => {
      const { sut, mocks } = newTestService();
      cardOf.mockResolvedValue(null);
      await expect(sut.create(MANAGER, 'centre', { cardId: 'nope' })).rejects.toMatchObject({
        code: 'NOT_FOUND',
        details: { fields: [expect.objectContaining({ field: 'cardId' })] },
      });
      expect(mocks.programs.insert).not.toHaveBeenCalled();
    });

    it('refuses a card the centre holds no active accreditation for', async () => {
      const { sut, mocks } = newTestService();
      accredited.mockResolvedValue(false);
      await expect(sut.create(MANAGER, 'centre', { cardId: 'card' })).rejects.toMatchObject({
        code: 'CENTRE_NOT_ACCREDITED',
        details: { fields: [expect.objectContaining({ field: 'cardId' })] },
      });
      expect(accredited).toHaveBeenCalledWith(mocks.manager, 'centre', 'card');
      expect(mocks.programs.insert).not.toHaveBeenCalled();
    });

    it('names each offered function that is not an additional function of the card', async () => {
      const { sut, mocks } = newTestService();
      await expect(
        sut.create(MANAGER, 'centre', { cardId: 'card', additionalFunctionIds: ['a1', 'm1', 'x'] }),
      ).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
        details: {
          fields: [
            {
              field: 'additionalFunctionIds',
              messages: [
                { code: 'field:notAdditionalFunction', params: { id: 'm1' } },
                { code: 'field:notAdditionalFunction', params: { id: 'x' } },
              ],
            },
          ],
        },
      });
      expect(mocks.programs.insert).not.toHaveBeenCalled();
    });

    it('refuses a second program for the same card: the existing one is changed instead', async () => {
      const { sut, mocks } = newTestService();
      mocks.programs.exists.mockResolvedValue(true);
      await expect(sut.create(MANAGER, 'centre', { cardId: 'card' })).rejects.toMatchObject({ code: 'PROGRAM_EXISTS' });
      expect(mocks.programs.insert).not.toHaveBeenCalled();
    });

    it('answers PROGRAM_EXISTS when a concurrent create wins the unique version', async () => {
      const { sut, mocks } = newTestService();
      mocks.programs.insert.mockRejectedValue(
        new QueryFailedError(
          'INSERT',
          [],
          Object.assign(new Error('dup'), { code: '23505', constraint: 'uq_program_version' }),
        ),
      );
      await expect(sut.create(MANAGER, 'centre', { cardId: 'card' })).rejects.toMatchObject({ code: 'PROGRAM_EXISTS' });
    });

    it("creates version 1 as a draft of the card's standard version, each offered function once", async () => {
      const { sut, mocks } = newTestService();
      await sut.create(MANAGER, 'centre', {
        cardId: 'card',
        additionalFunctionIds: ['a1', 'a1'],
        questionsPerSkill: 4,
      });
      expect(mocks.programs.insert).toHaveBeenCalledWith(mocks.manager, {
        id: expect.any(String),
        centreId: 'centre',
        cardId: 'card',
        standardVersionId: 'version',
        version: 1,
        status: 'draft',
        questionsPerSkill: 4,
        additionalFunctionIds: ['a1'],
      });
    });
  });

  describe('update', () => {
    it('refuses to change a superseded version', async () => {
      const { sut, mocks } = newTestService();
      mocks.programs.lock.mockResolvedValue(program({ status: 'superseded' }));
      await expect(sut.update(MANAGER, 'program', { timeLimitMinutes: 90 })).rejects.toMatchObject({
        code: 'PROGRAM_NOT_EDITABLE',
      });
      expect(mocks.programs.update).not.toHaveBeenCalled();
    });

    it('changes a draft in place', async () => {
      const { sut, mocks } = newTestService();
      await sut.update(MANAGER, 'program', { timeLimitMinutes: 90 });
      expect(mocks.programs.update).toHaveBeenCalledWith(mocks.manager, 'program', { timeLimitMinutes: 90 });
      expect(mocks.programs.insert).not.toHaveBeenCalled();
    });

    it('never changes an active version: the change makes the next version a draft, with the same tasks', async () => {
      const { sut, mocks } = newTestService();
      mocks.programs.lock.mockResolvedValue(program({ status: 'active', version: 2, timeLimitMinutes: 60 }));
      await sut.update(MANAGER, 'program', { timeLimitMinutes: 90 });
      expect(mocks.programs.update).not.toHaveBeenCalled();
      expect(mocks.programs.insert).toHaveBeenCalledWith(
        mocks.manager,
        expect.objectContaining({ version: 3, status: 'draft', timeLimitMinutes: 90, passMarkPercent: 70 }),
      );
      const [[, next]] = mocks.programs.insert.mock.calls;
      expect(mocks.programs.copyTasks).toHaveBeenCalledWith(mocks.manager, 'program', next.id);
    });

    it('refuses to draft a second version while one is being drafted', async () => {
      const { sut, mocks } = newTestService();
      mocks.programs.lock.mockResolvedValue(program({ status: 'active' }));
      mocks.programs.inStatus.mockResolvedValue(program({ id: 'draft', version: 2 }));
      await expect(sut.update(MANAGER, 'program', { timeLimitMinutes: 90 })).rejects.toMatchObject({
        code: 'PROGRAM_EXISTS',
        details: { draftId: 'draft' },
      });
      expect(mocks.programs.inStatus).toHaveBeenCalledWith(mocks.manager, 'centre', 'card', 'draft');
      expect(mocks.programs.insert).not.toHaveBeenCalled();
    });
  });

  describe('tasks', () => {
    const task = { skillId: 's1', text: 'Do it', abilityIds: ['ab1', 'ab1'] };

    it('adds tasks to a draft only', async () => {
      const { sut, mocks } = newTestService();
      mocks.programs.lock.mockResolvedValue(program({ status: 'active' }));
      await expect(sut.addTask(MANAGER, 'program', task)).rejects.toMatchObject({ code: 'PROGRAM_NOT_EDITABLE' });
      expect(mocks.programs.insertTask).not.toHaveBeenCalled();
    });

    it.each([
      ['an unknown skill', null],
      ['a skill of another card', { id: 's1', cardId: 'other', abilityIds: ['ab1'] }],
    ])('refuses %s, naming skillId', async (_case, found) => {
      const { sut, mocks } = newTestService();
      abilitiesOf.mockResolvedValue(found);
      await expect(sut.addTask(MANAGER, 'program', task)).rejects.toMatchObject({
        code: 'SKILL_NOT_IN_CARD',
        details: { fields: [expect.objectContaining({ field: 'skillId' })] },
      });
      expect(mocks.programs.insertTask).not.toHaveBeenCalled();
    });

    it('names each ability that is not an ability of the skill', async () => {
      const { sut, mocks } = newTestService();
      await expect(sut.addTask(MANAGER, 'program', { ...task, abilityIds: ['ab1', 'zz'] })).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
        details: { fields: [{ field: 'abilityIds', messages: [{ code: 'field:notAbility', params: { id: 'zz' } }] }] },
      });
      expect(mocks.programs.insertTask).not.toHaveBeenCalled();
    });

    it('adds the task with each ability once', async () => {
      const { sut, mocks } = newTestService();
      await sut.addTask(MANAGER, 'program', task);
      expect(abilitiesOf).toHaveBeenCalledWith(mocks.manager, 's1');
      expect(mocks.programs.insertTask).toHaveBeenCalledWith(mocks.manager, {
        id: expect.any(String),
        programId: 'program',
        skillId: 's1',
        text: 'Do it',
        abilityIds: ['ab1'],
      });
    });

    it("answers 404 for a task that is not the program's", async () => {
      const { sut, mocks } = newTestService();
      mocks.programs.findTask.mockResolvedValue(null);
      await expect(sut.removeTask(MANAGER, 'program', 'task')).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect(mocks.programs.findTask).toHaveBeenCalledWith(mocks.manager, 'task', 'program');
      expect(mocks.programs.deleteTask).not.toHaveBeenCalled();
    });

    it('removes a task of a draft', async () => {
      const { sut, mocks } = newTestService();
      mocks.programs.findTask.mockResolvedValue({ id: 'task', skillId: 's1', text: 'Do it' } as PracticalTaskEntity);
      await sut.removeTask(MANAGER, 'program', 'task');
      expect(mocks.programs.deleteTask).toHaveBeenCalledWith(mocks.manager, 'task');
    });
  });

  describe('readiness', () => {
    it('counts the tasks and active questions of every mandatory skill and of the offered functions only', async () => {
      const { sut, mocks } = newTestService();
      mocks.programs.tasksBySkill.mockResolvedValue({ s1: 1, s2: 1 });
      mocks.questions.activeCountsBySkill.mockResolvedValue({ s1: 3, s2: 3 });
      await expect(sut.readiness(mocks.manager, program())).resolves.toMatchObject({ ready: true, missing: [] });
      const offered = await sut.readiness(mocks.manager, program({ additionalFunctionIds: ['a1'] }));
      expect(offered).toMatchObject({ ready: false, missing: [{ skillId: 's3' }] });
      expect(mocks.programs.tasksBySkill).toHaveBeenCalledWith(mocks.manager, 'program');
      expect(mocks.questions.activeCountsBySkill).toHaveBeenCalledWith(mocks.manager, 'centre', 'card');
    });
  });

  describe('activate', () => {
    it('refuses settings under which one wrong answer fails a skill, naming both settings', async () => {
      const { sut, mocks } = newTestService();
      mocks.programs.lock.mockResolvedValue(program({ questionsPerSkill: 3, skillFloorPercent: 70 }));
      mocks.programs.find.mockResolvedValue(program({ questionsPerSkill: 3, skillFloorPercent: 70 }));
      await expect(sut.activate(MANAGER, 'program')).rejects.toMatchObject({
        code: 'PROGRAM_SETTINGS_TOO_STRICT',
        details: {
          fields: [
            expect.objectContaining({ field: 'questionsPerSkill' }),
            expect.objectContaining({ field: 'skillFloorPercent' }),
          ],
        },
      });
      expect(mocks.programs.update).not.toHaveBeenCalled();
    });

    it('refuses a program that does not cover every examined skill, listing each', async () => {
      const { sut, mocks } = newTestService();
      mocks.programs.tasksBySkill.mockResolvedValue({ s1: 1 });
      await expect(sut.activate(MANAGER, 'program')).rejects.toMatchObject({
        code: 'PROGRAM_NOT_READY',
        details: { missing: [expect.objectContaining({ skillId: 's2' })] },
      });
      expect(mocks.programs.update).not.toHaveBeenCalled();
    });

    it('activates a ready draft and supersedes the version in force', async () => {
      const { sut, mocks } = newTestService();
      mocks.programs.inStatus.mockResolvedValue(program({ id: 'previous', status: 'active' }));
      await sut.activate(MANAGER, 'program');
      expect(mocks.programs.inStatus).toHaveBeenCalledWith(mocks.manager, 'centre', 'card', 'active');
      expect(mocks.programs.update).toHaveBeenCalledWith(mocks.manager, 'previous', { status: 'superseded' });
      expect(mocks.programs.update).toHaveBeenCalledWith(mocks.manager, 'program', {
        status: 'active',
        activatedAt: expect.any(Date),
      });
    });
  });

  describe('access', () => {
    it('answers 404 for a program of a centre the actor may not read', async () => {
      const { sut, mocks } = newTestService();
      mocks.access.checkAccess.mockResolvedValue(new Set());
      await expect(sut.get(MANAGER, 'program')).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(sut.addTask(MANAGER, 'program', { skillId: 's1', text: 'x', abilityIds: [] })).rejects.toMatchObject(
        { code: 'NOT_FOUND' },
      );
      expect(mocks.programs.lock).not.toHaveBeenCalled();
    });
  });
});
