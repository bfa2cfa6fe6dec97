import type { EntityManager, EntityTarget, FindOptionsWhere } from 'typeorm';
import { DomainException } from './errors/domain.exception';

/**
 * Runs an UPDATE … RETURNING and gives back the returned rows. TypeORM's PostgreSQL driver
 * answers an UPDATE with [rows, affectedCount] rather than the rows alone.
 */
export async function updateReturning<T>(
  manager: Pick<EntityManager, 'query'>,
  sql: string,
  parameters: unknown[],
): Promise<T[]> {
  const result: unknown = await manager.query(sql, parameters);
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') {
    return result[0] as T[];
  }
  return result as T[];
}

/**
 * Locks a row (FOR UPDATE) and checks it is in one of the states an action may start from; in any
 * other, a 409 INVALID_TRANSITION naming the state it is in ("<subject> is <status>").
 */
export async function lockInStatus<T extends { id: string; status: string }>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  id: string,
  allowed: readonly T['status'][],
  subject: string,
): Promise<T> {
  const row = await manager.findOneOrFail(entity, {
    where: { id } as FindOptionsWhere<T>,
    lock: { mode: 'pessimistic_write' },
  });
  if (!allowed.includes(row.status)) {
    throw new DomainException('INVALID_TRANSITION', `${subject} is ${row.status}`, { currentStatus: row.status });
  }
  return row;
}
