import type { EntityManager } from 'typeorm';

/**
 * Who took part in assessing an application, by the records that name them: the assessors of its
 * exam sessions, the reviewers of its evidence, and whoever checked the documents of its admission
 * (a centre's manager or an assessor). None of them may sit on its appeal panel, nor sign its
 * decision: a manager is involved by the document check, the one of these a manager can do.
 */
export async function involvedInApplication(manager: EntityManager, applicationId: string): Promise<Set<string>> {
  const rows = await manager.query<{ user_id: string }[]>(
    `SELECT a.assessor_id AS user_id FROM enrolment e JOIN session_assessor a ON a.session_id = e.session_id WHERE e.application_id = $1
     UNION SELECT assessor_id FROM evidence_review WHERE application_id = $1
     UNION SELECT checked_by FROM candidate_education WHERE checked_application_id = $1
     UNION SELECT checked_by FROM candidate_employment WHERE checked_application_id = $1
     UNION SELECT checked_by FROM candidate_learning WHERE checked_application_id = $1`,
    [applicationId],
  );
  return new Set(rows.map((r) => r.user_id));
}
