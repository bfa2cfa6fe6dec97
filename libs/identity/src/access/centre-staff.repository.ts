import type { EntityManager } from 'typeorm';

/**
 * Which of `userIds` are assessors on the centre's staff; with `activeOnly`, only those whose
 * account is active. For the contexts that name assessors (sessions, evidence reviews, panels).
 */
export async function assessorsOfCentre(
  manager: EntityManager,
  centreId: string,
  userIds: string[],
  options: { activeOnly: boolean },
): Promise<string[]> {
  const rows = await manager.query<{ user_id: string }[]>(
    `SELECT s.user_id FROM centre_staff s JOIN app_user u ON u.id = s.user_id
      WHERE s.centre_id = $1 AND s.user_id = ANY($2::uuid[]) AND u.role = 'assessor'
        AND (u.status = 'active' OR NOT $3)`,
    [centreId, userIds, options.activeOnly],
  );
  return rows.map((r) => r.user_id);
}
