import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { CandidateProfileEntity } from '../entities/candidate-profile.entity';

/** The candidate profile table's queries. */
@Injectable()
export class CandidateProfilesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  find(userId: string): Promise<CandidateProfileEntity | null> {
    return this.dataSource.getRepository(CandidateProfileEntity).findOne({ where: { userId } });
  }

  /** The profile locked (FOR UPDATE) for the caller's transaction; null when there is none. */
  lock(manager: EntityManager, userId: string): Promise<CandidateProfileEntity | null> {
    return manager.findOne(CandidateProfileEntity, { where: { userId }, lock: { mode: 'pessimistic_write' } });
  }

  async insert(
    manager: EntityManager,
    row: Pick<CandidateProfileEntity, 'userId' | 'iin' | 'birthDate' | 'sex' | 'phone' | 'address'>,
  ): Promise<void> {
    await manager.insert(CandidateProfileEntity, row);
  }

  async update(manager: EntityManager, userId: string, changes: Partial<CandidateProfileEntity>): Promise<void> {
    await manager.update(CandidateProfileEntity, { userId }, changes);
  }
}
