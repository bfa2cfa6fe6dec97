import type { Pool, PoolClient } from 'pg';
import { QueryFailedError } from 'typeorm';
import type { DataSource, EntityManager, EntityTarget, FindOptionsWhere } from 'typeorm';
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

/**
 * Runs one statement of a hot route as a named prepared statement, straight on the driver's pool:
 * PostgreSQL parses and plans it once per connection, and TypeORM's query runner (a runner object,
 * its logging and bookkeeping per call) is skipped. A failure is a QueryFailedError, as from
 * DataSource.query, so the exception filter maps it the same way. Only for statements outside a
 * transaction; the name must be unique to the text.
 */
export async function preparedQuery<T>(
  dataSource: DataSource,
  name: string,
  text: string,
  values: unknown[],
): Promise<T[]> {
  const pool = (dataSource.driver as unknown as { master: Pool }).master;
  try {
    return (await pool.query({ name, text, values })).rows as T[];
  } catch (error) {
    throw new QueryFailedError(text, values, error as Error);
  }
}

/**
 * Runs one statement as a named prepared statement on the connection of the caller's transaction
 * (the manager of `DataSource.transaction`): parsed and planned once per connection, without
 * TypeORM's query builder or runner bookkeeping. A failure is a QueryFailedError, as from
 * `manager.query`. The name must be unique to the text.
 */
export async function preparedQueryIn<T>(
  manager: EntityManager,
  name: string,
  text: string,
  values: unknown[],
): Promise<T[]> {
  const runner = manager.queryRunner as unknown as { databaseConnection?: PoolClient; isTransactionActive?: boolean };
  if (!runner?.isTransactionActive || !runner.databaseConnection) {
    throw new Error(`preparedQueryIn(${name}) runs only inside a transaction`);
  }
  try {
    return (await runner.databaseConnection.query({ name, text, values })).rows as T[];
  } catch (error) {
    throw new QueryFailedError(text, values, error as Error);
  }
}
