import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { EvidenceClaimEntity } from '../entities/evidence-claim.entity';
import { EvidenceFileEntity } from '../entities/evidence-file.entity';
import { EvidenceRequests } from './upper-context-ports';

/** The evidence file and claim tables' queries (the storage quota's are EvidenceQuotaRepository's). */
@Injectable()
export class EvidenceRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly requests: EvidenceRequests,
  ) {}

  get(id: string): Promise<EvidenceFileEntity> {
    return this.dataSource.getRepository(EvidenceFileEntity).findOneOrFail({ where: { id } });
  }

  /** The candidate's file with these bytes: the same content is stored once per candidate. */
  findByContent(candidateId: string, sha256: string): Promise<EvidenceFileEntity | null> {
    return this.dataSource.getRepository(EvidenceFileEntity).findOne({ where: { candidateId, sha256 } });
  }

  /** The candidate's file; null when there is none or it is another candidate's. */
  findOwned(manager: EntityManager, id: string, candidateId: string): Promise<EvidenceFileEntity | null> {
    return manager.findOne(EvidenceFileEntity, { where: { id, candidateId } });
  }

  /** The candidate's files, newest first. */
  listOf(candidateId: string): Promise<EvidenceFileEntity[]> {
    return this.dataSource
      .getRepository(EvidenceFileEntity)
      .find({ where: { candidateId }, order: { createdAt: 'DESC' } });
  }

  async insert(manager: EntityManager, row: EvidenceFileEntity): Promise<void> {
    await manager.insert(EvidenceFileEntity, row);
  }

  /** Claims the file for the skills; a claim already there stays as it is. */
  async insertClaims(manager: EntityManager, applicationId: string, evidenceId: string, skillIds: string[]) {
    await manager
      .createQueryBuilder()
      .insert()
      .into(EvidenceClaimEntity)
      .values(skillIds.map((skillId) => ({ applicationId, evidenceId, skillId })))
      .orIgnore()
      .execute();
  }

  /** Whether there was such a claim to remove. */
  async deleteClaim(manager: EntityManager, applicationId: string, evidenceId: string, skillId: string) {
    const result = await manager.delete(EvidenceClaimEntity, { applicationId, evidenceId, skillId });
    return Boolean(result.affected);
  }

  claimsOf(applicationId: string): Promise<EvidenceClaimEntity[]> {
    return this.dataSource.getRepository(EvidenceClaimEntity).find({ where: { applicationId } });
  }

  /** Of the skills, those an assessor asked more evidence for on the application (assessment's reviews). */
  reopenedSkillIds(manager: EntityManager, applicationId: string, skillIds: string[]): Promise<string[]> {
    return this.requests.reopenedSkillIds(manager, applicationId, skillIds);
  }
}
