import type { EntityManager } from 'typeorm';

/** What a program grants with a decision: how long a certificate and a credit last, the appeal window, the retake wait. */
export interface ProgramTerms {
  certificateValidityMonths: number;
  creditValidityMonths: number;
  appealWindowDays: number;
  retakeWaitDays: number;
}

/** The terms of the centre's program for the card in force today; null without one. */
export async function activeProgramTerms(
  manager: EntityManager,
  centreId: string,
  cardId: string,
): Promise<ProgramTerms | null> {
  const [program] = await manager.query<ProgramTerms[]>(
    `SELECT certificate_validity_months AS "certificateValidityMonths",
            credit_validity_months AS "creditValidityMonths",
            appeal_window_days AS "appealWindowDays", retake_wait_days AS "retakeWaitDays"
       FROM qualification_program WHERE centre_id = $1 AND card_id = $2 AND status = 'active'`,
    [centreId, cardId],
  );
  return program ?? null;
}

/** The additional functions the centre's program for the card in force offers; null without one. */
export async function offeredAdditionalFunctions(
  manager: EntityManager,
  centreId: string,
  cardId: string,
): Promise<string[] | null> {
  const [program] = await manager.query<{ offered: string[] }[]>(
    `SELECT additional_function_ids AS offered FROM qualification_program
      WHERE centre_id = $1 AND card_id = $2 AND status = 'active'`,
    [centreId, cardId],
  );
  return program?.offered ?? null;
}

/**
 * The pass mark a re-test of the application is marked with, in percent: that of the program
 * the candidate sat the exam under (the latest enrolment), else the centre's program for the card
 * in force; null with neither.
 */
export async function retestPassMark(
  manager: EntityManager,
  application: { id: string; centreId: string; cardId: string },
): Promise<number | null> {
  const [row] = await manager.query<{ pass_mark: number | null }[]>(
    `SELECT COALESCE(
              (SELECT p.pass_mark_percent FROM enrolment e JOIN exam_session x ON x.id = e.session_id
                 JOIN qualification_program p ON p.id = x.program_id
                WHERE e.application_id = $1 ORDER BY e.created_at DESC LIMIT 1),
              (SELECT p.pass_mark_percent FROM qualification_program p
                WHERE p.centre_id = $2 AND p.card_id = $3 AND p.status = 'active')) AS pass_mark`,
    [application.id, application.centreId, application.cardId],
  );
  return row?.pass_mark ?? null;
}
