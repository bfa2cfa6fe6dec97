import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AssessorAccreditationEntity, AssessorProfileEntity, ConflictDeclarationEntity } from './assessor.entities';

/** A new accreditation's columns. */
export type NewAccreditation = Omit<AssessorAccreditationEntity, 'createdAt' | 'assessor' | 'card'>;
/** A declared conflict's columns. */
export type Conflict = Omit<ConflictDeclarationEntity, 'assessor' | 'candidate'>;

/** An assessor's profile, accreditations (the latest period first) and conflicts (the latest first). */
export interface AssessorRecord {
  profile: AssessorProfileEntity | null;
  accreditations: AssessorAccreditationEntity[];
  conflicts: ConflictDeclarationEntity[];
}

/** What the impartiality rule reads of an assessor: the profile, every accreditation, the open conflicts. */
export type ImpartialityFacts = Omit<AssessorRecord, 'conflicts'> & { openConflicts: ConflictDeclarationEntity[] };

/** The assessor tables' queries: profiles, accreditations and declared conflicts. */
@Injectable()
export class AssessorsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  profile(manager: EntityManager, userId: string): Promise<AssessorProfileEntity | null> {
    return manager.findOne(AssessorProfileEntity, { where: { userId } });
  }

  async setProfile(manager: EntityManager, profile: Pick<AssessorProfileEntity, 'userId' | 'orkLevel' | 'field'>) {
    await manager.upsert(AssessorProfileEntity, profile, ['userId']);
  }

  async insertAccreditations(manager: EntityManager, rows: NewAccreditation[]): Promise<void> {
    await manager.insert(AssessorAccreditationEntity, rows);
  }

  /** The assessor's accreditation, locked (FOR UPDATE); null when the assessor has none of that id. */
  lockAccreditation(manager: EntityManager, id: string, assessorId: string) {
    return manager.findOne(AssessorAccreditationEntity, {
      where: { id, assessorId },
      lock: { mode: 'pessimistic_write' },
    });
  }

  async revokeAccreditation(manager: EntityManager, id: string): Promise<void> {
    await manager.update(AssessorAccreditationEntity, { id }, { status: 'revoked' });
  }

  async record(assessorId: string): Promise<AssessorRecord> {
    const [profile, accreditations, conflicts] = await Promise.all([
      this.dataSource.getRepository(AssessorProfileEntity).findOne({ where: { userId: assessorId } }),
      this.dataSource
        .getRepository(AssessorAccreditationEntity)
        .find({ where: { assessorId }, order: { validFrom: 'DESC' } }),
      this.dataSource
        .getRepository(ConflictDeclarationEntity)
        .find({ where: { assessorId }, order: { createdAt: 'DESC' } }),
    ]);
    return { profile, accreditations, conflicts };
  }

  async insertConflict(manager: EntityManager, row: Conflict): Promise<void> {
    await manager.insert(ConflictDeclarationEntity, row);
  }

  /** The assessor's own declaration, locked (FOR UPDATE); null when they have none of that id. */
  lockConflict(manager: EntityManager, id: string, assessorId: string) {
    return manager.findOne(ConflictDeclarationEntity, {
      where: { id, assessorId },
      lock: { mode: 'pessimistic_write' },
    });
  }

  async closeConflict(manager: EntityManager, id: string, closedReason: string, closedAt: Date): Promise<void> {
    await manager.update(ConflictDeclarationEntity, { id }, { status: 'closed', closedReason, closedAt });
  }

  // One after another: the manager may be a transaction's, whose queries share one connection.
  async impartialityFacts(manager: EntityManager, assessorId: string): Promise<ImpartialityFacts> {
    const profile = await manager.findOne(AssessorProfileEntity, { where: { userId: assessorId } });
    const accreditations = await manager.find(AssessorAccreditationEntity, { where: { assessorId } });
    const openConflicts = await manager.find(ConflictDeclarationEntity, { where: { assessorId, status: 'open' } });
    return { profile, accreditations, openConflicts };
  }
}
