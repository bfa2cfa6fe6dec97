import type { EntityManager } from 'typeorm';

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
