import type { EntityManager } from 'typeorm';
import type { Role, UserStatus } from '../entities/user.entity';

export interface LockedAccounts {
  /** The account whose role changes, or undefined when there is none. */
  target?: { id: string; role: Role; status: UserStatus };
  /** Active administrators, the target included when it is one. */
  activeAdmins: number;
}

/**
 * Locks the account and every active administrator in one statement, in id order, so two
 * administrators demoted at once wait for each other instead of both seeing the other still there
 * (and never lock each other's rows in opposite orders).
 */
export async function lockForRoleChange(manager: EntityManager, userId: string): Promise<LockedAccounts> {
  const rows = await manager.query<{ id: string; role: Role; status: UserStatus }[]>(
    `SELECT id, role, status FROM app_user
      WHERE id = $1 OR (role = 'admin' AND status = 'active')
      ORDER BY id FOR UPDATE`,
    [userId],
  );
  return {
    target: rows.find((r) => r.id === userId),
    activeAdmins: rows.filter((r) => r.role === 'admin' && r.status === 'active').length,
  };
}

/** Sets the account's role and ends its sessions (their access tokens carry the session version). */
export async function setRole(manager: EntityManager, userId: string, role: Role): Promise<void> {
  await manager.query(
    'UPDATE app_user SET role = $2, session_version = session_version + 1, updated_at = now() WHERE id = $1',
    [userId, role],
  );
}

/** The account's centres become exactly these. */
export async function replaceCentres(manager: EntityManager, userId: string, centreIds: string[]): Promise<void> {
  await manager.query('DELETE FROM centre_staff WHERE user_id = $1 AND NOT (centre_id = ANY($2::uuid[]))', [
    userId,
    centreIds,
  ]);
  if (centreIds.length > 0) {
    await manager.query(
      `INSERT INTO centre_staff (centre_id, user_id)
       SELECT c, $1 FROM unnest($2::uuid[]) AS c
       ON CONFLICT DO NOTHING`,
      [userId, centreIds],
    );
  }
}
