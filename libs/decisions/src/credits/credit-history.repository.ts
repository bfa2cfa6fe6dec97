import type { EntityManager } from 'typeorm';
import type { EarlierCreditRow } from '@qualcert/assessment';

// An approved partial decision's credits (`d`), as one JSON array of EarlierCreditRow: the skills
// it credited, when it was signed, the credit period it granted, and the credits it carried from
// an earlier decision with their own dates (the decision rule's `carriedCredit`).
const CREDIT_ROWS = `COALESCE(json_agg(json_build_object(
            'credited_skill_ids', d.credited_skill_ids, 'signed_at', d.signed_at,
            'months', d.credit_validity_months,
            'carried', (SELECT COALESCE(jsonb_agg(c), '[]'::jsonb) FROM jsonb_path_query(d.result,
                         '$.reasoning[*].skills[*] ? (@.basis == "carried").carriedCredit') c))), '[]')`;

const CREDITING = `d.status = 'approved' AND d.outcome = 'partial'`;

/**
 * The candidate's earlier credits for application `a`'s card, a select-list subquery over
 * `application a`: the decision computation reads them in its one query of facts.
 */
export const EARLIER_CREDITS_SQL = `
  (SELECT ${CREDIT_ROWS}
     FROM decision d JOIN application o ON o.id = d.application_id
    WHERE o.candidate_id = a.candidate_id AND o.card_id = a.card_id AND o.id <> a.id
      AND ${CREDITING})`;

/** The credits of the approved partial decisions on these applications (the assessment's CreditHistory). */
export async function creditsOfApplications(
  manager: EntityManager,
  applicationIds: string[],
): Promise<EarlierCreditRow[]> {
  const [row] = await manager.query<{ earlier: EarlierCreditRow[] }[]>(
    `SELECT ${CREDIT_ROWS} AS earlier FROM decision d WHERE d.application_id = ANY($1::uuid[]) AND ${CREDITING}`,
    [applicationIds],
  );
  return row.earlier;
}
