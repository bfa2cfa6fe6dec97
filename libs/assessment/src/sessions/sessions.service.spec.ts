import { QueryFailedError, type DataSource, type EntityManager } from 'typeorm';
import { requireIdentityResolved } from '@qualcert/candidates';
import { AccessService, assessorsOfCentre, Permission, type Actor } from '@qualcert/identity';
import { AuditService, DomainException } from '@qualcert/shared';
import { automock } from '@qualcert/shared/testing';
import { CardOutlineReader } from '@qualcert/standards';
import { outline } from '@qualcert/standards/testing';
import { AssessorsService } from '../assessors/assessors.service';
import type { QualificationProgramEntity } from '../programs/program.entities';
import { ProgressRepository, type ProgressApplicationRow } from '../results/progress.repository';
import type { EnrolmentEntity, ExamSessionEntity } from './session.entities';
import { SessionsRepository } from './sessions.repository';
import { SessionsService } from './sessions.service';

jest.mock('@qualcert/candidates', () => ({
  ...jest.requireActual<object>('@qualcert/candidates'),
  // Reads the identity claims; the rule is specified in identity.repository's own tests.
  requireIdentityResolved: jest.fn(),
}));
jest.mock('@qualcert/identity', () => ({
  ...jest.requireActual<object>('@qualcert/identity'),
  assessorsOfCentre: jest.fn(),
}));
const identityResolved = requireIdentityResolved as jest.MockedFunction<typeof requireIdentityResolved>;
const staffOf = assessorsOfCentre as jest.MockedFunction<typeof assessorsOfCentre>;

const OUTLINE = outline({ mandatory: { m1: ['s1', 's2'] }, additional: { a1: ['s3'] } });

const MANAGER: Actor = { userId: 'manager', role: 'centre_manager', centreIds: ['centre'] };
const CANDIDATE: Actor = { userId: 'candidate', role: 'candidate', centreIds: [] };
const ASSESSOR: Actor = { userId: 'assessor', role: 'assessor', centreIds: ['centre'] };

const program = (overrides: Partial<QualificationProgramEntity> = {}) =>
  ({
    id: 'program',
    centreId: 'centre',
    cardId: 'card',
    status: 'active',
    assessorsPerSession: 2,
    additionalFunctionIds: ['a1'],
    ...overrides,
  }) as QualificationProgramEntity;

const session = (overrides: Partial<ExamSessionEntity> = {}) =>
  ({
    id: 'session',
    centreId: 'centre',
    programId: 'program',
    cardId: 'card',
    startsAt: new Date('2030-03-01T09:00:00Z'),
    endsAt: new Date('2030-03-01T13:00:00Z'),
    place: null,
    capacity: 10,
    enrolledCount: 0,
    status: 'scheduled',
    ...overrides,
  }) as ExamSessionEntity;

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

const refusal = { code: 'CONFLICT_DECLARED', message: 'declared a conflict' } as never;

/** The service with its repositories and collaborators mocked, and a manager that writes nothing. */
function newTestService() {
  const manager = {} as EntityManager;
  const dataSource = { transaction: jest.fn((work: (m: EntityManager) => unknown) => work(manager)) };
  const mocks = {
    manager,
    repository: automock(SessionsRepository),
    access: automock(AccessService),
    assessors: automock(AssessorsService),
    audit: automock(AuditService),
    outlines: automock(CardOutlineReader),
    progress: automock(ProgressRepository),
  };
  mocks.access.checkAccess.mockImplementation((_actor, _permission, ids) => Promise.resolve(new Set(ids)));
  mocks.assessors.refusals.mockResolvedValue([]);
  mocks.outlines.read.mockResolvedValue(OUTLINE);
  mocks.progress.claimedSkillIds.mockResolvedValue([]);
  mocks.repository.program.mockResolvedValue(program());
  mocks.repository.findSession.mockResolvedValue(session());
  mocks.repository.getSession.mockResolvedValue(session());
  mocks.repository.roster.mockResolvedValue({ assessorIds: ['as1', 'as2'], enrolments: [], tests: new Map() });
  mocks.repository.assessorIdsOf.mockResolvedValue(['as1', 'as2']);
  mocks.repository.takeSeat.mockResolvedValue(true);
  mocks.repository.enrolmentWithTest.mockResolvedValue({ enrolment: enrolment(), theoryTestId: null });
  mocks.repository.assignedTo.mockResolvedValue(new Set());
  identityResolved.mockReset().mockResolvedValue(undefined);
  staffOf.mockReset().mockImplementation((_m, _centre, ids) => Promise.resolve([...ids]));
  const sut = new SessionsService(
    dataSource as unknown as DataSource,
    mocks.repository,
    mocks.access,
    mocks.assessors,
    mocks.audit,
    mocks.outlines,
    mocks.progress,
  );
  return { sut, mocks };
}

describe(SessionsService.name, () => {
  describe('schedule', () => {
    const dto = {
      programId: 'program',
      startsAt: new Date('2030-03-01T09:00:00Z'),
      endsAt: new Date('2030-03-01T13:00:00Z'),
      capacity: 10,
      assessorIds: ['as1', 'as2', 'as1'],
    };

    it('refuses a session that does not end after it starts, before any read', async () => {
      const { sut, mocks } = newTestService();
      await expect(sut.schedule(MANAGER, 'centre', { ...dto, endsAt: dto.startsAt })).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
        details: { fields: [expect.objectContaining({ field: 'endsAt' })] },
      });
      expect(mocks.repository.program).not.toHaveBeenCalled();
    });

    it('answers 404 naming programId for a program of another centre', async () => {
      const { sut, mocks } = newTestService();
      mocks.repository.program.mockResolvedValue(null);
      await expect(sut.schedule(MANAGER, 'centre', dto)).rejects.toMatchObject({
        code: 'NOT_FOUND',
        details: { fields: [expect.objectContaining({ field: 'programId' })] },
      });
      expect(mocks.repository.program).toHaveBeenCalledWith(mocks.manager, 'program', 'centre');
    });

    it('refuses a program that is not active', async () => {
      const { sut, mocks } = newTestService();
      mocks.repository.program.mockResolvedValue(program({ status: 'draft' }));
      await expect(sut.schedule(MANAGER, 'centre', dto)).rejects.toMatchObject({ code: 'PROGRAM_NOT_ACTIVE' });
    });

    it('counts each assessor once against the number the program needs', async () => {
      const { sut, mocks } = newTestService();
      mocks.repository.program.mockResolvedValue(program({ assessorsPerSession: 3 }));
      await expect(sut.schedule(MANAGER, 'centre', dto)).rejects.toMatchObject({
        code: 'NOT_ENOUGH_ASSESSORS',
        details: { fields: [expect.objectContaining({ field: 'assessorIds' })] },
      });
    });

    it('names each assessor who is not an active assessor of the centre', async () => {
      const { sut, mocks } = newTestService();
      staffOf.mockResolvedValue(['as1']);
      await expect(sut.schedule(MANAGER, 'centre', dto)).rejects.toMatchObject({
        code: 'NOT_FOUND',
        details: { fields: [{ field: 'assessorIds', messages: [expect.objectContaining({ params: { id: 'as2' } })] }] },
      });
      expect(mocks.repository.insertSession).not.toHaveBeenCalled();
    });

    it('refuses an assessor the impartiality rules refuse on the session day', async () => {
      const { sut, mocks } = newTestService();
      mocks.assessors.refusals.mockImplementation((_m, assessorId) =>
        Promise.resolve(assessorId === 'as2' ? [refusal] : []),
      );
      await expect(sut.schedule(MANAGER, 'centre', dto)).rejects.toMatchObject({
        code: 'ASSESSOR_NOT_ASSIGNABLE',
        details: { assessorId: 'as2' },
      });
      expect(mocks.assessors.refusals).toHaveBeenCalledWith(mocks.manager, 'as1', 'card', [], '2030-03-01');
      expect(mocks.repository.insertSession).not.toHaveBeenCalled();
    });

    it("schedules an empty session of the program's card with each assessor once, online without a place", async () => {
      const { sut, mocks } = newTestService();
      await sut.schedule(MANAGER, 'centre', dto);
      expect(mocks.repository.insertSession).toHaveBeenCalledWith(
        mocks.manager,
        expect.objectContaining({
          centreId: 'centre',
          programId: 'program',
          cardId: 'card',
          place: null,
          enrolledCount: 0,
          status: 'scheduled',
        }),
        ['as1', 'as2'],
      );
      expect(mocks.audit.record).toHaveBeenCalledWith(
        mocks.manager,
        expect.objectContaining({ action: 'session.scheduled' }),
      );
    });
  });

  describe('enrol', () => {
    function enrolled(
      app: ProgressApplicationRow | undefined,
      setup?: (mocks: ReturnType<typeof newTestService>['mocks']) => void,
    ) {
      const { sut, mocks } = newTestService();
      mocks.progress.application.mockResolvedValue(app);
      setup?.(mocks);
      const result = sut.enrol(MANAGER, 'session', 'app');
      return { result, mocks };
    }

    it.each([
      ['no such application', undefined],
      ['an application at another centre', application({ centre_id: 'elsewhere' })],
    ])('answers 404 naming applicationId for %s', async (_case, app) => {
      const { result } = enrolled(app);
      await expect(result).rejects.toMatchObject({
        code: 'NOT_FOUND',
        details: { fields: [expect.objectContaining({ field: 'applicationId' })] },
      });
    });

    it('refuses an application for another card', async () => {
      const { result } = enrolled(application({ card_id: 'other' }));
      await expect(result).rejects.toMatchObject({ code: 'CONFLICT' });
    });

    it('refuses an application that is not eligible', async () => {
      const { result, mocks } = enrolled(application({ status: 'submitted' }));
      await expect(result).rejects.toMatchObject({ code: 'NOT_ELIGIBLE', details: { currentStatus: 'submitted' } });
      expect(mocks.repository.takeSeat).not.toHaveBeenCalled();
    });

    it("checks the candidate's identity as of the session's day", async () => {
      const { result, mocks } = enrolled(application());
      await result;
      expect(identityResolved).toHaveBeenCalledWith(mocks.manager, 'candidate', 'card', '2030-03-01');
    });

    it('refuses a chosen additional function the program does not assess, naming it', async () => {
      const { result, mocks } = enrolled(application({ additional_function_ids: ['a1', 'a2'] }));
      await expect(result).rejects.toMatchObject({ code: 'FUNCTION_NOT_OFFERED', details: { functionIds: ['a2'] } });
      expect(mocks.repository.takeSeat).not.toHaveBeenCalled();
    });

    it("refuses when a session's assessor may not assess this candidate", async () => {
      const { result, mocks } = enrolled(application(), (m) =>
        m.assessors.refusals.mockImplementation((_m, id) => Promise.resolve(id === 'as2' ? [refusal] : [])),
      );
      await expect(result).rejects.toMatchObject({ code: 'ASSESSOR_NOT_ASSIGNABLE', details: { assessorId: 'as2' } });
      expect(mocks.assessors.refusals).toHaveBeenCalledWith(mocks.manager, 'as1', 'card', ['candidate'], '2030-03-01');
      expect(mocks.repository.takeSeat).not.toHaveBeenCalled();
    });

    it('answers SESSION_FULL when no seat is free', async () => {
      const { result, mocks } = enrolled(application(), (m) => m.repository.takeSeat.mockResolvedValue(false));
      await expect(result).rejects.toMatchObject({ code: 'SESSION_FULL' });
      expect(mocks.repository.insertEnrolment).not.toHaveBeenCalled();
    });

    it('examines the mandatory skills and the chosen functions, less those left to evidence review', async () => {
      const { result, mocks } = enrolled(
        application({ pathway: 'recognition', additional_function_ids: ['a1'] }),
        (m) => m.progress.claimedSkillIds.mockResolvedValue(['s2']),
      );
      await result;
      expect(mocks.repository.insertEnrolment).toHaveBeenCalledWith(
        mocks.manager,
        expect.objectContaining({
          applicationId: 'app',
          candidateId: 'candidate',
          examinedSkillIds: ['s1', 's3'],
          status: 'enrolled',
        }),
      );
    });

    it('refuses an application with nothing left to examine, after the seat (which the rollback gives back)', async () => {
      const { result, mocks } = enrolled(application({ pathway: 'recognition' }), (m) =>
        m.progress.claimedSkillIds.mockResolvedValue(['s1', 's2']),
      );
      await expect(result).rejects.toMatchObject({
        code: 'NOTHING_TO_EXAMINE',
        details: { fields: [expect.objectContaining({ field: 'applicationId' })] },
      });
      expect(mocks.repository.insertEnrolment).not.toHaveBeenCalled();
    });

    it('answers ALREADY_ENROLLED when the application holds a live enrolment', async () => {
      const { result } = enrolled(application(), (m) =>
        m.repository.insertEnrolment.mockRejectedValue(
          new QueryFailedError(
            'INSERT',
            [],
            Object.assign(new Error('dup'), { code: '23505', constraint: 'uq_enrolment_application' }),
          ),
        ),
      );
      await expect(result).rejects.toMatchObject({ code: 'ALREADY_ENROLLED' });
    });
  });

  describe('withdraw', () => {
    it('answers 404 to a candidate withdrawing another candidate', async () => {
      const { sut, mocks } = newTestService();
      mocks.repository.findEnrolment.mockResolvedValue(enrolment({ candidateId: 'someone-else' }));
      mocks.access.checkAccess.mockResolvedValue(new Set());
      await expect(sut.withdraw(CANDIDATE, 'enrolment')).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect(mocks.repository.withdrawEnrolment).not.toHaveBeenCalled();
    });

    it('lets the candidate withdraw their own enrolment, and the seat is given back', async () => {
      const { sut, mocks } = newTestService();
      mocks.repository.findEnrolment.mockResolvedValue(enrolment());
      mocks.access.checkAccess.mockResolvedValue(new Set());
      mocks.repository.lockEnrolment.mockResolvedValue(enrolment());
      mocks.repository.testStarted.mockResolvedValue(false);
      await sut.withdraw(CANDIDATE, 'enrolment');
      expect(mocks.repository.withdrawEnrolment).toHaveBeenCalledWith(
        mocks.manager,
        expect.objectContaining({ id: 'enrolment', sessionId: 'session' }),
      );
    });

    it('refuses an enrolment already withdrawn', async () => {
      const { sut, mocks } = newTestService();
      mocks.repository.findEnrolment.mockResolvedValue(enrolment());
      mocks.repository.lockEnrolment.mockResolvedValue(enrolment({ status: 'withdrawn' }));
      await expect(sut.withdraw(MANAGER, 'enrolment')).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
      expect(mocks.repository.withdrawEnrolment).not.toHaveBeenCalled();
    });

    it('refuses once the theory test has started', async () => {
      const { sut, mocks } = newTestService();
      mocks.repository.findEnrolment.mockResolvedValue(enrolment());
      mocks.repository.lockEnrolment.mockResolvedValue(enrolment());
      mocks.repository.testStarted.mockResolvedValue(true);
      await expect(sut.withdraw(MANAGER, 'enrolment')).rejects.toMatchObject({
        code: 'INVALID_TRANSITION',
        details: { currentStatus: 'testing' },
      });
      expect(mocks.repository.withdrawEnrolment).not.toHaveBeenCalled();
    });
  });

  describe('requireSession', () => {
    it('lets an assessor read a session they sit on, and nothing more', async () => {
      const { sut, mocks } = newTestService();
      mocks.repository.assignedTo.mockResolvedValue(new Set(['session']));
      await expect(sut.requireSession(ASSESSOR, 'session', Permission.CentreRead)).resolves.toMatchObject({
        id: 'session',
      });
      await expect(sut.requireSession(ASSESSOR, 'session', Permission.CentreManageStaff)).rejects.toBeInstanceOf(
        DomainException,
      );
      mocks.repository.assignedTo.mockResolvedValue(new Set());
      await expect(sut.requireSession(ASSESSOR, 'session', Permission.CentreRead)).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
    });

    it('answers 404 to a manager of another centre', async () => {
      const { sut, mocks } = newTestService();
      mocks.access.checkAccess.mockResolvedValue(new Set());
      await expect(sut.requireSession(MANAGER, 'session', Permission.CentreRead)).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
    });
  });

  describe('list', () => {
    it('shows an assessor only the sessions they sit on', async () => {
      const { sut, mocks } = newTestService();
      mocks.repository.sessionsOfCentre.mockResolvedValue([session({ id: 'x' }), session({ id: 'y' })]);
      mocks.repository.assignedTo.mockResolvedValue(new Set(['y']));
      await expect(sut.list(ASSESSOR, 'centre')).resolves.toEqual([expect.objectContaining({ id: 'y' })]);
      await expect(sut.list(MANAGER, 'centre')).resolves.toHaveLength(2);
    });
  });
});
