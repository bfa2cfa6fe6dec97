import type { EntityManager } from 'typeorm';

/** The assessors of the application's exam sessions and the reviewers of its evidence. */
export async function assessorsOfApplication(manager: EntityManager, applicationId: string): Promise<string[]> {
  const rows = await manager.query<{ user_id: string }[]>(
    `SELECT a.assessor_id AS user_id FROM enrolment e JOIN session_assessor a ON a.session_id = e.session_id WHERE e.application_id = $1
     UNION SELECT assessor_id FROM evidence_review WHERE application_id = $1`,
    [applicationId],
  );
  return rows.map((r) => r.user_id);
}
