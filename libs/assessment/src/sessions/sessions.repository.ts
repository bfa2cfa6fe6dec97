import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { updateReturning } from '@qualcert/shared';
import { QualificationProgramEntity } from '../programs/program.entities';
import { EnrolmentEntity, ExamSessionEntity, SessionAssessorEntity, TheoryTestEntity } from './session.entities';

/** A new session's columns. */
export type NewSession = Omit<ExamSessionEntity, 'createdAt' | 'updatedAt' | 'centre' | 'program'>;
/** A new enrolment's columns; its time is the database's. */
export type NewEnrolment = Pick<
  EnrolmentEntity,
  'id' | 'sessionId' | 'applicationId' | 'candidateId' | 'examinedSkillIds' | 'status'
>;

/** A session with its assessors, its enrolments (oldest first) and their theory tests. */
export interface SessionRoster {
  assessorIds: string[];
  enrolments: EnrolmentEntity[];
  /** The theory test of each enrolment that has one, by enrolment id. */
  tests: Map<string, string>;
}

/** The session, seat and enrolment tables' queries. */
@Injectable()
export class SessionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The program, at the centre when one is named; null when there is none. */
  program(manager: EntityManager, id: string, centreId?: string): Promise<QualificationProgramEntity | null> {
    return manager.findOne(QualificationProgramEntity, { where: centreId ? { id, centreId } : { id } });
  }

  findSession(id: string): Promise<ExamSessionEntity | null> {
    return this.dataSource.getRepository(ExamSessionEntity).findOne({ where: { id } });
  }

  /** The session; inside a transaction pass its manager. */
  getSession(id: string, manager: EntityManager = this.dataSource.manager): Promise<ExamSessionEntity> {
    return manager.findOneOrFail(ExamSessionEntity, { where: { id } });
  }

  getProgram(manager: EntityManager, id: string): Promise<QualificationProgramEntity> {
    return manager.findOneOrFail(QualificationProgramEntity, { where: { id } });
  }

  /** A centre's sessions, the latest first. */
  sessionsOfCentre(centreId: string): Promise<ExamSessionEntity[]> {
    return this.dataSource.getRepository(ExamSessionEntity).find({ where: { centreId }, order: { startsAt: 'DESC' } });
  }

  async insertSession(manager: EntityManager, session: NewSession, assessorIds: string[]): Promise<void> {
    await manager.insert(ExamSessionEntity, session);
    await manager.insert(
      SessionAssessorEntity,
      assessorIds.map((assessorId) => ({ sessionId: session.id, assessorId })),
    );
  }

  async assessorIdsOf(manager: EntityManager, sessionId: string): Promise<string[]> {
    return (await manager.find(SessionAssessorEntity, { where: { sessionId } })).map((a) => a.assessorId);
  }

  /** Of the sessions named, those the assessor sits on. */
  async assignedTo(assessorId: string, sessionIds: string[]): Promise<Set<string>> {
    if (sessionIds.length === 0) return new Set();
    const rows = await this.dataSource
      .getRepository(SessionAssessorEntity)
      .find({ where: { assessorId, sessionId: In(sessionIds) } });
    return new Set(rows.map((r) => r.sessionId));
  }

  /**
   * Takes a seat of a scheduled session by one conditional update of its counter, so concurrent
   * enrolments never exceed the capacity; false when none is free.
   */
  async takeSeat(manager: EntityManager, sessionId: string): Promise<boolean> {
    const seat = await updateReturning<{ id: string }>(
      manager,
      `UPDATE exam_session SET enrolled_count = enrolled_count + 1 WHERE id = $1 AND status = 'scheduled' AND enrolled_count < capacity RETURNING id`,
      [sessionId],
    );
    return seat.length > 0;
  }

  async insertEnrolment(manager: EntityManager, row: NewEnrolment): Promise<void> {
    await manager.insert(EnrolmentEntity, row);
  }

  findEnrolment(id: string): Promise<EnrolmentEntity | null> {
    return this.dataSource.getRepository(EnrolmentEntity).findOne({ where: { id } });
  }

  lockEnrolment(manager: EntityManager, id: string): Promise<EnrolmentEntity> {
    return manager.findOneOrFail(EnrolmentEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** The candidate's own enrolment, locked (FOR UPDATE); null when they have none of that id. */
  lockEnrolmentOf(manager: EntityManager, id: string, candidateId: string): Promise<EnrolmentEntity | null> {
    return manager.findOne(EnrolmentEntity, { where: { id, candidateId }, lock: { mode: 'pessimistic_write' } });
  }

  getEnrolment(manager: EntityManager, id: string): Promise<EnrolmentEntity> {
    return manager.findOneOrFail(EnrolmentEntity, { where: { id } });
  }

  testStarted(manager: EntityManager, enrolmentId: string): Promise<boolean> {
    return manager.exists(TheoryTestEntity, { where: { enrolmentId } });
  }

  /** Withdraws the enrolment and gives its seat back. */
  async withdrawEnrolment(manager: EntityManager, enrolment: Pick<EnrolmentEntity, 'id' | 'sessionId'>): Promise<void> {
    await manager.update(EnrolmentEntity, { id: enrolment.id }, { status: 'withdrawn' });
    await manager.query('UPDATE exam_session SET enrolled_count = enrolled_count - 1 WHERE id = $1', [
      enrolment.sessionId,
    ]);
  }

  /** A candidate's enrolments, the latest first. */
  enrolmentsOfCandidate(candidateId: string): Promise<EnrolmentEntity[]> {
    return this.dataSource
      .getRepository(EnrolmentEntity)
      .find({ where: { candidateId }, order: { createdAt: 'DESC' } });
  }

  /** The enrolment and the id of its theory test (null before it starts). */
  async enrolmentWithTest(id: string): Promise<{ enrolment: EnrolmentEntity; theoryTestId: string | null }> {
    const enrolment = await this.dataSource.getRepository(EnrolmentEntity).findOneOrFail({ where: { id } });
    const test = await this.dataSource
      .getRepository(TheoryTestEntity)
      .findOne({ where: { enrolmentId: id }, select: { id: true } });
    return { enrolment, theoryTestId: test?.id ?? null };
  }

  async roster(sessionId: string): Promise<SessionRoster> {
    const [assessors, enrolments] = await Promise.all([
      this.dataSource.getRepository(SessionAssessorEntity).find({ where: { sessionId } }),
      this.dataSource.getRepository(EnrolmentEntity).find({ where: { sessionId }, order: { createdAt: 'ASC' } }),
    ]);
    const tests =
      enrolments.length === 0
        ? []
        : await this.dataSource
            .getRepository(TheoryTestEntity)
            .find({ where: { enrolmentId: In(enrolments.map((e) => e.id)) }, select: { id: true, enrolmentId: true } });
    return {
      assessorIds: assessors.map((a) => a.assessorId),
      enrolments,
      tests: new Map(tests.map((t) => [t.enrolmentId, t.id])),
    };
  }
}
