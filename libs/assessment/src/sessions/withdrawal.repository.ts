import type { EntityManager } from 'typeorm';
import { findApplication, type AssessmentAtWithdrawal } from '@qualcert/candidates';
import { updateReturning } from '@qualcert/shared';

// The program's own default (qualification_program.retake_wait_days), for a centre with none.
const DEFAULT_RETAKE_WAIT_DAYS = 30;

/**
 * The candidates context's AssessmentWithdrawal (AssessmentWithdrawalModule), run inside the
 * transaction that withdraws an application (as an appeal admits one through ApplicationsService):
 * the assessment's side of it, written by the assessment's own code. The caller holds the application's lock, and the enrolment is withdrawn
 * (so locked) before the results are read, so a result being written at that moment is either
 * seen here or finds the enrolment withdrawn.
 *
 * A started test counts as a result: the candidate has seen the questions, and the enrolment
 * itself can no longer be withdrawn from that moment (SessionsService.withdraw).
 */
export async function endAssessmentOnWithdrawal(
  manager: EntityManager,
  applicationId: string,
): Promise<AssessmentAtWithdrawal> {
  // One live enrolment at most (uq_enrolment_application); its seat is freed with it.
  const [released] = await updateReturning<{ id: string; session_id: string }>(
    manager,
    `UPDATE enrolment SET status = 'withdrawn' WHERE application_id = $1 AND status = 'enrolled'
      RETURNING id, session_id`,
    [applicationId],
  );
  if (released) {
    await manager.query('UPDATE exam_session SET enrolled_count = enrolled_count - 1 WHERE id = $1', [
      released.session_id,
    ]);
  }
  // The caller holds the application's lock; its centre and card name the program.
  const app = await findApplication(manager, applicationId);
  const [facts] = await manager.query<{ assessed: boolean; wait_days: number | null }[]>(
    `SELECT EXISTS (SELECT 1 FROM theory_test t JOIN enrolment e ON e.id = t.enrolment_id WHERE e.application_id = $1)
            OR EXISTS (SELECT 1 FROM practical_verdict v JOIN enrolment e ON e.id = v.enrolment_id
                        WHERE e.application_id = $1)
            OR EXISTS (SELECT 1 FROM evidence_review r WHERE r.application_id = $1 AND r.status IN ('accepted', 'rejected'))
              AS assessed,
            COALESCE(
              (SELECT p.retake_wait_days FROM qualification_program p
                WHERE p.centre_id = $2 AND p.card_id = $3 AND p.status = 'active'),
              (SELECT p.retake_wait_days FROM enrolment e JOIN exam_session s ON s.id = e.session_id
                 JOIN qualification_program p ON p.id = s.program_id
                WHERE e.application_id = $1 ORDER BY e.created_at DESC LIMIT 1)) AS wait_days`,
    [applicationId, app?.centreId ?? null, app?.cardId ?? null],
  );
  return {
    assessed: facts.assessed,
    retakeWaitDays: facts.wait_days ?? DEFAULT_RETAKE_WAIT_DAYS,
    releasedEnrolmentId: released?.id ?? null,
  };
}
