import type { EntityManager } from 'typeorm';
import { applicationIdsOf, type EarlierDecision } from '@qualcert/candidates';

/** The candidate's approved decisions on the card that did not award it, with the wait each granted. */
export async function notAwardedDecisions(
  manager: EntityManager,
  candidateId: string,
  cardId: string,
): Promise<EarlierDecision[]> {
  const applicationIds = await applicationIdsOf(manager, candidateId, cardId);
  if (applicationIds.length === 0) return [];
  // The wait each decision granted when it was signed, never the program's as it is now.
  const rows = await manager.query<{ signed_at: Date; wait_days: number }[]>(
    `SELECT signed_at, retake_wait_days AS wait_days FROM decision
      WHERE application_id = ANY($1::uuid[]) AND status = 'approved' AND outcome IN ('partial', 'not_awarded')`,
    [applicationIds],
  );
  return rows.map((r) => ({ signedAt: r.signed_at, waitDays: r.wait_days }));
}
