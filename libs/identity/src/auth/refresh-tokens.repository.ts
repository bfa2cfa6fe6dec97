import { Injectable } from '@nestjs/common';
import { EntityManager, IsNull } from 'typeorm';
import { RefreshTokenEntity } from '../entities/refresh-token.entity';

/** The refresh-token table's queries; each runs in the caller's transaction. */
@Injectable()
export class RefreshTokensRepository {
  find(manager: EntityManager, id: string): Promise<RefreshTokenEntity | null> {
    return manager.findOne(RefreshTokenEntity, { where: { id } });
  }

  /** The token locked (FOR UPDATE), so two rotations of it take turns. */
  lock(manager: EntityManager, id: string): Promise<RefreshTokenEntity | null> {
    return manager.findOne(RefreshTokenEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async insert(manager: EntityManager, row: Omit<RefreshTokenEntity, 'createdAt' | 'user'>): Promise<void> {
    await manager.insert(RefreshTokenEntity, row);
  }

  async markUsed(manager: EntityManager, id: string): Promise<void> {
    await manager.update(RefreshTokenEntity, { id }, { usedAt: new Date() });
  }

  /** Revokes the family's tokens not yet revoked. */
  async revokeFamily(manager: EntityManager, familyId: string, reason: string): Promise<void> {
    await manager.update(
      RefreshTokenEntity,
      { familyId, revokedAt: IsNull() },
      { revokedAt: new Date(), revokeReason: reason },
    );
  }

  /** Revokes the user's tokens not yet revoked. */
  async revokeAllOfUser(manager: EntityManager, userId: string, reason: string): Promise<void> {
    await manager.update(
      RefreshTokenEntity,
      { userId, revokedAt: IsNull() },
      { revokedAt: new Date(), revokeReason: reason },
    );
  }
}
