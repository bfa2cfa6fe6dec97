import type { EntityManager } from 'typeorm';
import { UserEntity } from '../entities/user.entity';

/** Serialises the first admin's creation across processes starting together (until the commit). */
export async function lockAdminBootstrap(manager: EntityManager): Promise<void> {
  await manager.query("SELECT pg_advisory_xact_lock(hashtext('qualcert:admin-bootstrap'))");
}

export function adminExists(manager: EntityManager): Promise<boolean> {
  return manager.exists(UserEntity, { where: { role: 'admin' } });
}
