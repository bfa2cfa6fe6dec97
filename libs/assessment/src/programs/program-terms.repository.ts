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
