import type { EntityManager } from 'typeorm';
import { DomainException } from '@qualcert/shared';
import { IdentityFacts, identityRefusal } from './identity-rule';

type Queryable = Pick<EntityManager, 'query'>;

/**
 * Whether each candidate's ИИН is also declared by another account, and whether a centre
 * confirmed theirs. Staff see these facts; the candidate never does (that would tell them the ИИН
 * they typed is someone's). Candidates without a profile are absent from the map.
 */
export async function identityFactsOf(db: Queryable, candidateIds: string[]): Promise<Map<string, IdentityFacts>> {
  if (candidateIds.length === 0) return new Map();
  const rows = await db.query<{ user_id: string; shared: boolean; confirmed: boolean }[]>(
    `SELECT p.user_id, p.identity_confirmed_at IS NOT NULL AS confirmed,
            EXISTS (SELECT 1 FROM candidate_profile o WHERE o.iin = p.iin AND o.user_id <> p.user_id) AS shared
       FROM candidate_profile p WHERE p.user_id = ANY($1::uuid[])`,
    [candidateIds],
  );
  return new Map(rows.map((r) => [r.user_id, { iinAlsoDeclaredElsewhere: r.shared, confirmed: r.confirmed }]));
}

/**
 * Refuses a centre's step on an application (enrolment, signing its decision) while the
 * candidate's ИИН is also declared by another account and no centre has confirmed this one
 * (409 IDENTITY_UNCONFIRMED), or while another account declaring it waits out a retake of the
 * card (409 RETAKE_TOO_EARLY): see identityRefusal. One query.
 */
export async function requireIdentityResolved(
  db: Queryable,
  candidateId: string,
  cardId: string,
  today: string,
): Promise<void> {
  const [row] = await db.query<
    { shared: boolean; confirmed: boolean; decisions: { signedAt: string; waitDays: number }[] }[]
  >(
    `SELECT p.identity_confirmed_at IS NOT NULL AS confirmed,
            EXISTS (SELECT 1 FROM candidate_profile o WHERE o.iin = p.iin AND o.user_id <> p.user_id) AS shared,
            COALESCE((
              SELECT jsonb_agg(jsonb_build_object(
                       'signedAt', d.signed_at,
                       'waitDays', d.retake_wait_days))
                FROM candidate_profile o
                JOIN application a ON a.candidate_id = o.user_id
                JOIN decision d ON d.application_id = a.id
               WHERE o.iin = p.iin AND o.user_id <> p.user_id AND a.card_id = $2
                 AND d.status = 'approved' AND d.outcome IN ('partial', 'not_awarded')), '[]'::jsonb)
            || COALESCE((
              SELECT jsonb_agg(jsonb_build_object(
                       'signedAt', a.withdrawn_at,
                       'waitDays', a.withdrawal_retake_wait_days))
                FROM candidate_profile o
                JOIN application a ON a.candidate_id = o.user_id
               WHERE o.iin = p.iin AND o.user_id <> p.user_id AND a.card_id = $2
                 AND a.withdrawal_retake_wait_days IS NOT NULL), '[]'::jsonb) AS decisions
       FROM candidate_profile p WHERE p.user_id = $1`,
    [candidateId, cardId],
  );
  if (!row) return;
  const refusal = identityRefusal(
    { iinAlsoDeclaredElsewhere: row.shared, confirmed: row.confirmed },
    row.decisions.map((d) => ({ signedAt: new Date(d.signedAt), waitDays: d.waitDays })),
    today,
  );
  if (refusal?.code === 'IDENTITY_UNCONFIRMED') {
    throw new DomainException(
      'IDENTITY_UNCONFIRMED',
      'Another account declares this candidate’s ИИН: a centre must check their identity document and confirm this account (POST /candidates/{id}/identity-confirmation) first',
      { candidateId },
    );
  }
  if (refusal?.code === 'RETAKE_TOO_EARLY') {
    throw new DomainException(
      'RETAKE_TOO_EARLY',
      `A decision for this card under the same ИИН did not award it; the retake opens on ${refusal.opensOn}`,
      { opensOn: refusal.opensOn, candidateId },
    );
  }
}
