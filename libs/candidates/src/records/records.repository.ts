import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { FieldOfActivityEntity, toFieldNode, buildFieldTree, type FieldTree } from '@qualcert/standards';
import { ADMITTED_STATUSES, type AdmittedApplication } from '../applications/record-removal-rule';
import { ApplicationEntity } from '../entities/application.entity';
import { EducationRecordEntity } from '../entities/education-record.entity';
import { EmploymentRecordEntity } from '../entities/employment-record.entity';
import { LearningRecordEntity } from '../entities/learning-record.entity';
import type { CandidateRecordRows, RecordKind } from './record-facts';

export const RECORD_ENTITIES = {
  education: EducationRecordEntity,
  employment: EmploymentRecordEntity,
  learning: LearningRecordEntity,
} as const;

export type RecordRow = EducationRecordEntity | EmploymentRecordEntity | LearningRecordEntity;

/**
 * A candidate's records (read by admission, changed by the candidate, checked by the centre), the
 * field tree, and the applications a change to the records concerns. Every writer that touches both locks applications first (by
 * id), then records, so that two of them never wait on each other.
 */
@Injectable()
export class RecordsRepository {
  /** One after another: a transaction's queries share one connection. */
  async load(manager: EntityManager, candidateId: string): Promise<CandidateRecordRows> {
    const education = await this.education(manager, candidateId);
    const employment = await this.employment(manager, candidateId);
    const learning = await this.learning(manager, candidateId);
    return { education, employment, learning };
  }

  /** The candidate's education, by graduation year. */
  education(manager: EntityManager, candidateId: string): Promise<EducationRecordEntity[]> {
    return manager.find(EducationRecordEntity, {
      where: { candidateId },
      order: { graduationYear: 'ASC', createdAt: 'ASC', id: 'ASC' },
    });
  }

  /** The candidate's jobs, by start. */
  employment(manager: EntityManager, candidateId: string): Promise<EmploymentRecordEntity[]> {
    return manager.find(EmploymentRecordEntity, {
      where: { candidateId },
      order: { startDate: 'ASC', createdAt: 'ASC', id: 'ASC' },
    });
  }

  /** The candidate's learning, by issue date. */
  learning(manager: EntityManager, candidateId: string): Promise<LearningRecordEntity[]> {
    return manager.find(LearningRecordEntity, {
      where: { candidateId },
      order: { issueDate: 'ASC', createdAt: 'ASC', id: 'ASC' },
    });
  }

  async fieldTree(manager: EntityManager): Promise<FieldTree> {
    return buildFieldTree((await manager.find(FieldOfActivityEntity)).map(toFieldNode));
  }

  /** A record of the candidate's, of any kind, locked for update; null when there is none. */
  async lockRecord(
    manager: EntityManager,
    candidateId: string,
    recordId: string,
  ): Promise<{ kind: RecordKind; row: RecordRow } | null> {
    for (const kind of Object.keys(RECORD_ENTITIES) as RecordKind[]) {
      const row = await manager.findOne<RecordRow>(RECORD_ENTITIES[kind], {
        where: { id: recordId, candidateId },
        lock: { mode: 'pessimistic_write' },
      });
      if (row) return { kind, row };
    }
    return null;
  }

  /** The candidate's record of this kind, locked for update; null when there is none. */
  lockOwn(manager: EntityManager, kind: RecordKind, id: string, candidateId: string): Promise<RecordRow | null> {
    return manager.findOne<RecordRow>(RECORD_ENTITIES[kind], {
      where: { id, candidateId },
      lock: { mode: 'pessimistic_write' },
    });
  }

  async insert(manager: EntityManager, kind: RecordKind, row: RecordRow): Promise<void> {
    await manager.insert<RecordRow>(RECORD_ENTITIES[kind], row);
  }

  /** Changes the record's values or its check columns. */
  async update(manager: EntityManager, kind: RecordKind, id: string, changes: Partial<RecordRow>): Promise<void> {
    await manager.update<RecordRow>(RECORD_ENTITIES[kind], { id }, changes);
  }

  async remove(manager: EntityManager, kind: RecordKind, id: string): Promise<void> {
    await manager.delete(RECORD_ENTITIES[kind], { id });
  }

  /** The candidate's admitted applications (eligible or later), with the results they were admitted on. */
  admitted(manager: EntityManager, candidateId: string): Promise<AdmittedApplication[]> {
    return manager.find(ApplicationEntity, {
      where: { candidateId, status: In([...ADMITTED_STATUSES]) },
      select: { id: true, status: true, eligibility: true },
      order: { id: 'ASC' },
    });
  }

  /**
   * The candidate's applications being checked (submitted, or awaiting the document check), plus
   * `alsoId`, locked in id order. A worker's check locks its application before it reads records,
   * so a change made under these locks is never half-seen by a check.
   */
  lockInCheck(manager: EntityManager, candidateId: string, alsoId?: string): Promise<ApplicationEntity[]> {
    return manager.find(ApplicationEntity, {
      where: [
        { candidateId, status: In(['submitted', 'awaiting_documents']) },
        ...(alsoId ? [{ id: alsoId, candidateId }] : []),
      ],
      order: { id: 'ASC' },
      lock: { mode: 'pessimistic_write' },
    });
  }
}
