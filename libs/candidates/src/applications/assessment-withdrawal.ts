import type { EntityManager } from 'typeorm';

/** What the assessment had reached when its application was withdrawn, and what the withdrawal freed. */
export interface AssessmentAtWithdrawal {
  /**
   * Any result exists: a theory test started or submitted, a practical verdict recorded, an
   * evidence review decided. The withdrawal then counts as not awarded for the retake rule.
   */
  assessed: boolean;
  /** The retake wait of the centre's program for the card (the session's, without an active one). */
  retakeWaitDays: number;
  /** The live enrolment withdrawn, its seat freed; null when there was none. */
  releasedEnrolmentId: string | null;
}

/**
 * The assessment's side of a withdrawal, run inside the transaction that withdraws the
 * application. The assessment context, above this one, provides it (AssessmentWithdrawalModule),
 * so candidates never imports assessment.
 */
export abstract class AssessmentWithdrawal {
  abstract end(manager: EntityManager, applicationId: string): Promise<AssessmentAtWithdrawal>;
}
