import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { requireIdentityResolved } from '@qualcert/candidates';
import { AccessService, Actor, assessorsOfCentre, Permission, toAuditActor } from '@qualcert/identity';
import { assessedSkills, CardOutlineReader } from '@qualcert/standards';
import {
  AuditService,
  DomainException,
  isUniqueViolation,
  utcToday,
  toIsoDay,
  fieldError,
  fieldFault,
} from '@qualcert/shared';
import { AssessorsService } from '../assessors/assessors.service';
import { earlierCredits, validCarriedSkillIds } from '../results/earlier-credits';
import { ProgressRepository, type ProgressApplicationRow } from '../results/progress.repository';
import { applicationSkillOutcomes } from '../rules/application-progress';
import type { ExamSessionEntity } from './session.entities';
import { SessionsRepository } from './sessions.repository';
import type { CreateSessionDto, EnrolmentDto, ExamSessionDto } from './sessions.dto';

@Injectable()
export class SessionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: SessionsRepository,
    private readonly access: AccessService,
    private readonly assessors: AssessorsService,
    private readonly audit: AuditService,
    private readonly outlines: CardOutlineReader,
    private readonly progressReads: ProgressRepository,
  ) {}

  /** Schedules a session of an active program with assessors who pass the impartiality rules. */
  async schedule(actor: Actor, centreId: string, dto: CreateSessionDto): Promise<ExamSessionDto> {
    await this.access.requireAccess(actor, Permission.CentreManageStaff, [centreId], 'Centre');
    if (dto.endsAt <= dto.startsAt)
      throw DomainException.validation([fieldError('endsAt', 'field:after', { other: 'startsAt' })]);
    const assessorIds = [...new Set(dto.assessorIds)];
    const id = randomUUID();
    await this.dataSource.transaction(async (manager) => {
      const program = await this.repository.program(manager, dto.programId, centreId);
      if (!program)
        throw new DomainException('NOT_FOUND', 'The program was not found at this centre', {
          fields: [fieldError('programId', 'field:unknownProgram')],
        });
      if (program.status !== 'active')
        throw new DomainException('PROGRAM_NOT_ACTIVE', 'Only an active program can have sessions', {
          currentStatus: program.status,
        });
      if (assessorIds.length < program.assessorsPerSession) {
        throw new DomainException(
          'NOT_ENOUGH_ASSESSORS',
          `The program needs ${program.assessorsPerSession} assessors per session`,
          {
            fields: [fieldError('assessorIds', 'field:minAssessors', { count: program.assessorsPerSession })],
          },
        );
      }
      const staff = await assessorsOfCentre(manager, centreId, assessorIds, { activeOnly: true });
      const strangers = assessorIds.filter((a) => !staff.includes(a));
      if (strangers.length > 0) {
        throw new DomainException('NOT_FOUND', 'Some assessors are not active assessors of this centre', {
          fields: [{ field: 'assessorIds', messages: strangers.map((id) => fieldFault('field:notFoundId', { id })) }],
        });
      }
      for (const assessorId of assessorIds) {
        const refusals = await this.assessors.refusals(manager, assessorId, program.cardId, [], toIsoDay(dto.startsAt));
        if (refusals.length > 0) {
          throw new DomainException(
            'ASSESSOR_NOT_ASSIGNABLE',
            `Assessor ${assessorId} may not assess this card: ${refusals.map((r) => r.message).join('; ')}`,
            { assessorId, refusals },
          );
        }
      }
      await this.repository.insertSession(
        manager,
        {
          id,
          centreId,
          programId: program.id,
          cardId: program.cardId,
          startsAt: dto.startsAt,
          endsAt: dto.endsAt,
          place: dto.place ?? null,
          capacity: dto.capacity,
          enrolledCount: 0,
          status: 'scheduled',
        },
        assessorIds,
      );
      await this.audit.record(manager, {
        actor: toAuditActor(actor),
        action: 'session.scheduled',
        entityType: 'session',
        entityId: id,
        after: {
          programId: program.id,
          startsAt: dto.startsAt,
          endsAt: dto.endsAt,
          place: dto.place ?? null,
          capacity: dto.capacity,
          assessorIds,
        },
      });
    });
    return this.get(actor, id);
  }

  /**
   * Enrols an eligible application. The seat is taken by one conditional UPDATE of the session's
   * counter, so concurrent enrolments can never exceed the capacity; the unique index on live
   * enrolments keeps an application in at most one session.
   */
  async enrol(actor: Actor, sessionId: string, applicationId: string): Promise<EnrolmentDto> {
    const session = await this.requireSession(actor, sessionId, Permission.CentreManageStaff);
    const enrolmentId = randomUUID();
    try {
      await this.dataSource.transaction(async (manager) => {
        const app = await this.progressReads.application(manager, applicationId);
        if (!app || app.centre_id !== session.centreId) {
          throw new DomainException('NOT_FOUND', `Application ${applicationId} was not found at this centre`, {
            fields: [fieldError('applicationId', 'field:unknownApplication')],
          });
        }
        if (app.card_id !== session.cardId)
          throw new DomainException('CONFLICT', 'The application is for another card than the session’s');
        if (app.status !== 'eligible')
          throw new DomainException(
            'NOT_ELIGIBLE',
            `Only eligible applications are enrolled; this one is ${app.status}`,
            { currentStatus: app.status },
          );
        // Another account declaring the ИИН: the centre confirms who this is first, and a second
        // account does not escape a retake wait (docs/CANDIDATES.md). As of the session's day.
        await requireIdentityResolved(manager, app.candidate_id, app.card_id, toIsoDay(session.startsAt));
        // The session's program must assess every function the candidate chose, or the exam would
        // examine skills it has no questions or tasks for.
        const program = await this.repository.program(manager, session.programId);
        if (!program) throw DomainException.notFound('Program', session.programId);
        const notOffered = app.additional_function_ids.filter((f) => !program.additionalFunctionIds.includes(f));
        if (notOffered.length > 0) {
          throw new DomainException(
            'FUNCTION_NOT_OFFERED',
            'The session’s program does not assess additional functions the candidate chose',
            {
              functionIds: notOffered,
              fields: [
                { field: 'applicationId', messages: notOffered.map((f) => fieldFault('field:notOffered', { id: f })) },
              ],
            },
          );
        }
        const assessorIds = await this.repository.assessorIdsOf(manager, sessionId);
        for (const assessorId of assessorIds) {
          const refusals = await this.assessors.refusals(
            manager,
            assessorId,
            session.cardId,
            [app.candidate_id],
            toIsoDay(session.startsAt),
          );
          if (refusals.length > 0) {
            throw new DomainException(
              'ASSESSOR_NOT_ASSIGNABLE',
              `Assessor ${assessorId} may not assess this candidate: ${refusals.map((r) => r.message).join('; ')}`,
              { assessorId, refusals },
            );
          }
        }
        if (!(await this.repository.takeSeat(manager, sessionId)))
          throw new DomainException('SESSION_FULL', 'The session has no free seat', { capacity: session.capacity });
        const examinedSkillIds = await this.examinedSkills(manager, app);
        // Every skill is carried or left to evidence review: a session would examine nothing.
        // (Refused inside the transaction, the seat taken above is given back.)
        if (examinedSkillIds.length === 0) {
          throw new DomainException('NOTHING_TO_EXAMINE', 'The application has no skill left for an exam to examine', {
            fields: [fieldError('applicationId', 'field:noSkill')],
          });
        }
        await this.repository.insertEnrolment(manager, {
          id: enrolmentId,
          sessionId,
          applicationId,
          candidateId: app.candidate_id,
          examinedSkillIds,
          status: 'enrolled',
        });
        await this.audit.record(manager, {
          actor: toAuditActor(actor),
          action: 'session.enrolled',
          entityType: 'session',
          entityId: sessionId,
          after: { enrolmentId, applicationId, examinedSkillIds },
        });
      });
    } catch (error) {
      if (isUniqueViolation(error, 'uq_enrolment_application')) {
        throw new DomainException('ALREADY_ENROLLED', 'The application is already enrolled in a session', {
          fields: [fieldError('applicationId', 'field:alreadyEnrolled')],
        });
      }
      throw error;
    }
    return this.enrolmentDto(enrolmentId);
  }

  /** Frees the seat. The centre's manager or the candidate may withdraw before the test starts. */
  async withdraw(actor: Actor, enrolmentId: string): Promise<EnrolmentDto> {
    const enrolment = await this.repository.findEnrolment(enrolmentId);
    if (!enrolment) throw DomainException.notFound('Enrolment', enrolmentId);
    const session = await this.repository.getSession(enrolment.sessionId);
    const mine = actor.role === 'candidate' && enrolment.candidateId === actor.userId;
    const manages = (await this.access.checkAccess(actor, Permission.CentreManageStaff, [session.centreId])).has(
      session.centreId,
    );
    if (!mine && !manages) throw DomainException.notFound('Enrolment', enrolmentId);
    await this.dataSource.transaction(async (manager) => {
      const row = await this.repository.lockEnrolment(manager, enrolmentId);
      if (row.status !== 'enrolled')
        throw new DomainException('INVALID_TRANSITION', 'The enrolment is already withdrawn', {
          currentStatus: row.status,
        });
      if (await this.repository.testStarted(manager, enrolmentId)) {
        throw new DomainException(
          'INVALID_TRANSITION',
          'The theory test has started: the enrolment can no longer be withdrawn',
          { currentStatus: 'testing' },
        );
      }
      await this.repository.withdrawEnrolment(manager, row);
      await this.audit.record(manager, {
        actor: toAuditActor(actor),
        action: 'session.withdrawn',
        entityType: 'session',
        entityId: row.sessionId,
        after: { enrolmentId },
      });
    });
    return this.enrolmentDto(enrolmentId);
  }

  async list(actor: Actor, centreId: string): Promise<ExamSessionDto[]> {
    await this.access.requireAccess(actor, Permission.CentreRead, [centreId], 'Centre');
    const sessions = await this.repository.sessionsOfCentre(centreId);
    const visible =
      actor.role === 'assessor'
        ? await this.repository.assignedTo(
            actor.userId,
            sessions.map((s) => s.id),
          )
        : new Set(sessions.map((s) => s.id));
    return Promise.all(sessions.filter((s) => visible.has(s.id)).map((s) => this.toDto(s)));
  }

  /** Managers of the centre, admins, and the session's own assessors (404 for anyone else). */
  async get(actor: Actor, id: string): Promise<ExamSessionDto> {
    return this.toDto(await this.requireSession(actor, id, Permission.CentreRead));
  }

  async myEnrolments(actor: Actor): Promise<EnrolmentDto[]> {
    const rows = await this.repository.enrolmentsOfCandidate(actor.userId);
    return Promise.all(rows.map((r) => this.enrolmentDto(r.id)));
  }

  async requireSession(actor: Actor, id: string, permission: Permission): Promise<ExamSessionEntity> {
    const session = await this.repository.findSession(id);
    if (!session) throw DomainException.notFound('Session', id);
    const allowed = (await this.access.checkAccess(actor, permission, [session.centreId])).has(session.centreId);
    const ok =
      actor.role === 'assessor'
        ? (await this.repository.assignedTo(actor.userId, [id])).has(id) && permission === Permission.CentreRead
        : allowed;
    if (!ok) throw DomainException.notFound('Session', id);
    return session;
  }

  /** The skills the exam must examine: all of them, less those left to evidence review or carried. */
  private async examinedSkills(manager: EntityManager, app: ProgressApplicationRow): Promise<string[]> {
    const skills = assessedSkills(await this.outlines.read(app.card_id, manager), app.additional_function_ids);
    const claimedSkillIds = await this.progressReads.claimedSkillIds(manager, app.id);
    const progress = applicationSkillOutcomes({
      pathway: app.pathway,
      skills,
      claimedSkillIds,
      reviews: [],
      exams: [],
      carriedSkillIds: validCarriedSkillIds(earlierCredits(app.earlier), utcToday()),
    });
    return progress.examSkillIds;
  }

  private async enrolmentDto(id: string): Promise<EnrolmentDto> {
    const { enrolment, theoryTestId } = await this.repository.enrolmentWithTest(id);
    const { sessionId, applicationId, candidateId, examinedSkillIds, status } = enrolment;
    return { id, sessionId, applicationId, candidateId, examinedSkillIds, status, theoryTestId };
  }

  private async toDto(s: ExamSessionEntity): Promise<ExamSessionDto> {
    const { assessorIds, enrolments, tests } = await this.repository.roster(s.id);
    return {
      id: s.id,
      centreId: s.centreId,
      programId: s.programId,
      cardId: s.cardId,
      startsAt: s.startsAt,
      endsAt: s.endsAt,
      place: s.place,
      online: s.place === null,
      capacity: s.capacity,
      enrolledCount: s.enrolledCount,
      status: s.status,
      assessorIds,
      enrolments: enrolments.map((e) => ({
        id: e.id,
        sessionId: e.sessionId,
        applicationId: e.applicationId,
        candidateId: e.candidateId,
        examinedSkillIds: e.examinedSkillIds,
        status: e.status,
        theoryTestId: tests.get(e.id) ?? null,
      })),
    };
  }
}
