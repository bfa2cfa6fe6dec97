import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { EnrolmentEntity } from '../sessions/session.entities';
import { EvidenceReviewEntity, PracticalSheetEntity, PracticalVerdictEntity } from './result.entities';

/** A verdict's columns; its time is the database's. */
export type NewVerdict = Omit<PracticalVerdictEntity, 'recordedAt' | 'enrolment' | 'assessor' | 'skill'>;
/** An evidence review's columns. */
export type NewReview = Omit<EvidenceReviewEntity, 'createdAt' | 'application' | 'skill' | 'assessor'>;
/** What a decision on a review changes. */
export type ReviewChanges = Partial<
  Pick<EvidenceReviewEntity, 'status' | 'criteria' | 'comment' | 'moreRequestedAt' | 'decidedAt'>
>;

/**
 * The practical sheets' and evidence reviews' queries, and the two locks on an enrolment that order
 * verdicts against a signature: verdicts share it (FOR SHARE), a signature takes it alone (FOR
 * UPDATE), so a verdict sent while its sheet is being signed waits, then finds the sheet signed.
 */
@Injectable()
export class ResultsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Locks the enrolment FOR SHARE: shared with other verdicts, exclusive with a signature. */
  async shareEnrolmentForVerdict(manager: EntityManager, enrolmentId: string): Promise<void> {
    await manager.findOne(EnrolmentEntity, {
      where: { id: enrolmentId },
      select: { id: true },
      lock: { mode: 'pessimistic_read' },
    });
  }

  /** Locks the enrolment FOR UPDATE: a signature waits for the verdicts being written and holds off new ones. */
  async lockEnrolmentForSignature(manager: EntityManager, enrolmentId: string): Promise<void> {
    await manager.query('SELECT id FROM enrolment WHERE id = $1 FOR UPDATE', [enrolmentId]);
  }

  /** Whether the assessor has signed their sheet for the enrolment. */
  signed(manager: EntityManager, enrolmentId: string, assessorId: string): Promise<boolean> {
    return manager.exists(PracticalSheetEntity, { where: { enrolmentId, assessorId } });
  }

  /** Records the verdict, or replaces the assessor's earlier verdict on the skill. */
  async upsertVerdict(manager: EntityManager, verdict: NewVerdict): Promise<void> {
    await manager.upsert(PracticalVerdictEntity, verdict, {
      conflictPaths: ['enrolmentId', 'assessorId', 'skillId'],
      skipUpdateIfNoValuesChanged: false,
    });
  }

  verdictsOf(manager: EntityManager, enrolmentId: string, assessorId: string): Promise<PracticalVerdictEntity[]> {
    return manager.find(PracticalVerdictEntity, { where: { enrolmentId, assessorId } });
  }

  async insertSheet(manager: EntityManager, enrolmentId: string, assessorId: string): Promise<void> {
    await manager.insert(PracticalSheetEntity, { enrolmentId, assessorId });
  }

  /** The application's reviews, the oldest first. */
  reviewsOfApplication(
    applicationId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<EvidenceReviewEntity[]> {
    return manager.find(EvidenceReviewEntity, { where: { applicationId }, order: { createdAt: 'ASC' } });
  }

  /** The assessor's reviews, the latest first. */
  reviewsOfAssessor(assessorId: string): Promise<EvidenceReviewEntity[]> {
    return this.dataSource
      .getRepository(EvidenceReviewEntity)
      .find({ where: { assessorId }, order: { createdAt: 'DESC' } });
  }

  async insertReviews(manager: EntityManager, rows: NewReview[]): Promise<void> {
    await manager.insert(EvidenceReviewEntity, rows);
  }

  /** The assessor's review, locked (FOR UPDATE); null when they have none of that id. */
  lockReview(manager: EntityManager, id: string, assessorId: string): Promise<EvidenceReviewEntity | null> {
    return manager.findOne(EvidenceReviewEntity, { where: { id, assessorId }, lock: { mode: 'pessimistic_write' } });
  }

  async updateReview(manager: EntityManager, id: string, changes: ReviewChanges): Promise<void> {
    await manager.update(EvidenceReviewEntity, { id }, changes);
  }

  getReview(manager: EntityManager, id: string): Promise<EvidenceReviewEntity> {
    return manager.findOneOrFail(EvidenceReviewEntity, { where: { id } });
  }
}
