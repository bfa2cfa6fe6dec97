import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { CentreMembershipEntity } from '../entities/centre-membership.entity';
import { UserEntity, UserStatus } from '../entities/user.entity';
import type { ListUsersQueryDto } from './users.dto';

/** The account and centre-staff tables' queries for the users and auth services. */
@Injectable()
export class UsersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The account whose e-mail key (the address in lower case) this is. */
  findByEmailKey(emailKey: string): Promise<UserEntity | null> {
    return this.dataSource.getRepository(UserEntity).findOne({ where: { emailKey } });
  }

  find(id: string, manager: EntityManager = this.dataSource.manager): Promise<UserEntity | null> {
    return manager.findOne(UserEntity, { where: { id } });
  }

  get(manager: EntityManager, id: string): Promise<UserEntity> {
    return manager.findOneOrFail(UserEntity, { where: { id } });
  }

  /** The account locked (FOR UPDATE) for the caller's transaction; null when there is none. */
  lock(manager: EntityManager, id: string): Promise<UserEntity | null> {
    return manager.findOne(UserEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /**
   * The account and its centres, in a savepoint: a refused insert (a taken e-mail, an unknown
   * centre) leaves the caller's transaction usable.
   */
  async insertWithCentres(manager: EntityManager, user: UserEntity, centreIds: string[]): Promise<void> {
    await manager.transaction(async (inner) => {
      await inner.insert(UserEntity, user);
      if (centreIds.length > 0) {
        await inner.insert(
          CentreMembershipEntity,
          centreIds.map((centreId) => ({ centreId, userId: user.id })),
        );
      }
    });
  }

  /** Sets the status and ends the account's sessions (their access tokens carry the session version). */
  async setStatus(manager: EntityManager, id: string, status: UserStatus): Promise<void> {
    await manager.update(UserEntity, { id }, { status, sessionVersion: () => 'session_version + 1' });
  }

  /** Sets the password hash and ends the account's sessions. */
  async setPasswordHash(manager: EntityManager, id: string, passwordHash: string): Promise<void> {
    await manager.update(UserEntity, { id }, { passwordHash, sessionVersion: () => 'session_version + 1' });
  }

  /** A page of accounts, newest first, with the total matching the filter. */
  page(query: ListUsersQueryDto): Promise<[UserEntity[], number]> {
    const qb = this.dataSource.getRepository(UserEntity).createQueryBuilder('u');
    if (query.role) qb.andWhere('u.role = :role', { role: query.role });
    if (query.q) {
      const q = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      qb.andWhere('(u.email_key ILIKE :q OR u.full_name ILIKE :q)', { q });
    }
    return qb.orderBy('u.created_at', 'DESC').addOrderBy('u.id').skip(query.offset).take(query.limit).getManyAndCount();
  }

  /** The centre's staff, by name. */
  staffOfCentre(centreId: string): Promise<UserEntity[]> {
    return this.dataSource
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .innerJoin(CentreMembershipEntity, 's', 's.user_id = u.id AND s.centre_id = :centreId', { centreId })
      .orderBy('u.full_name', 'ASC')
      .getMany();
  }

  /** The centre memberships of the accounts. */
  memberships(userIds: string[], manager: EntityManager = this.dataSource.manager): Promise<CentreMembershipEntity[]> {
    return manager.find(CentreMembershipEntity, { where: { userId: In(userIds) } });
  }
}
