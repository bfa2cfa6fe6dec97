import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ApplicationEntity } from '../entities/application.entity';
import { CandidateProfileEntity } from '../entities/candidate-profile.entity';
import type { EarlierDecision } from './retake-rule';

/** Whose applications a reader sees: a candidate's own, a centre's staff their centres', an admin all. */
export type ApplicationScope = { candidateId: string } | { centreIds: string[] } | 'all';

/** What a page of applications is filtered by; `start`/`end` bound the submission (or creation) time. */
export interface ApplicationFilter {
  status?: string;
  centreId?: string;
  cardId?: string;
  pathway?: string;
  start?: Date;
  end?: Date;
  offset: number;
  limit: number;
}

/** The application table's queries, and the profile an application needs. */
@Injectable()
export class ApplicationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  hasProfile(manager: EntityManager, userId: string): Promise<boolean> {
    return manager.exists(CandidateProfileEntity, { where: { userId } });
  }

  find(id: string): Promise<ApplicationEntity | null> {
    return this.dataSource.getRepository(ApplicationEntity).findOne({ where: { id } });
  }

  get(manager: EntityManager, id: string): Promise<ApplicationEntity> {
    return manager.findOneOrFail(ApplicationEntity, { where: { id } });
  }

  async insert(manager: EntityManager, row: ApplicationEntity): Promise<void> {
    await manager.insert(ApplicationEntity, row);
  }

  /** Changes columns other than the status, which only transitionApplication writes. */
  async update(
    manager: EntityManager,
    id: string,
    changes: Partial<Omit<ApplicationEntity, 'id' | 'status'>>,
  ): Promise<void> {
    await manager.update(ApplicationEntity, { id }, changes);
  }

  /** The candidate's withdrawals of the card after a result, as decisions that did not award it. */
  async withdrawalsAfterResults(
    manager: EntityManager,
    candidateId: string,
    cardId: string,
  ): Promise<EarlierDecision[]> {
    const rows = await manager.query<{ withdrawn_at: Date; wait_days: number }[]>(
      `SELECT withdrawn_at, withdrawal_retake_wait_days AS wait_days FROM application
        WHERE candidate_id = $1 AND card_id = $2 AND withdrawal_retake_wait_days IS NOT NULL`,
      [candidateId, cardId],
    );
    return rows.map((r) => ({ signedAt: r.withdrawn_at, waitDays: r.wait_days }));
  }

  /** A page of the applications in scope, the newest first, and how many there are in all. */
  page(scope: ApplicationScope, filter: ApplicationFilter): Promise<[ApplicationEntity[], number]> {
    const qb = this.dataSource.getRepository(ApplicationEntity).createQueryBuilder('a');
    if (scope !== 'all' && 'candidateId' in scope) qb.where('a.candidate_id = :me', { me: scope.candidateId });
    else if (scope !== 'all')
      qb.where('a.centre_id IN (:...centres)', {
        centres: scope.centreIds.length > 0 ? scope.centreIds : [randomUUID()],
      });
    if (filter.status) qb.andWhere('a.status = :status', { status: filter.status });
    if (filter.centreId) qb.andWhere('a.centre_id = :centreId', { centreId: filter.centreId });
    if (filter.cardId) qb.andWhere('a.card_id = :cardId', { cardId: filter.cardId });
    if (filter.pathway) qb.andWhere('a.pathway = :pathway', { pathway: filter.pathway });
    // A draft has no submission yet: it is dated by its creation, as the portal shows it.
    if (filter.start) qb.andWhere('COALESCE(a.submitted_at, a.created_at) >= :start', { start: filter.start });
    if (filter.end) qb.andWhere('COALESCE(a.submitted_at, a.created_at) < :end', { end: filter.end });
    return qb
      .orderBy('a.created_at', 'DESC')
      .addOrderBy('a.id')
      .skip(filter.offset)
      .take(filter.limit)
      .getManyAndCount();
  }
}
