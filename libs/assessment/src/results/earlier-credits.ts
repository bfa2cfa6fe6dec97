/**
 * Skills a candidate carries into a new application for the same card: those credited by an
 * approved partial decision on an earlier application (DOMAIN.md §5, §6). A credit stays valid
 * for the credit period the decision granted (`decision.credit_validity_months`, fixed when it
 * was signed: a later change to the program moves nothing), counted from the day the decision was
 * signed. Credits carry across centres: they are the
 * candidate's, recorded in one national registry. A skill that a partial decision credited by
 * carrying it keeps the dates of the credit it was carried on: a chain of retakes never extends
 * a credit beyond its first period (the decision rule's `carriedCredit`).
 *
 * The decisions context reads the rows (`CreditHistory`, upper-context-ports.ts); these
 * functions read the credits they hold.
 */
import { addMonthsToDay, toIsoDay } from '@qualcert/shared';

/** An approved partial decision's credits, as the decisions context reads them. */
export interface EarlierCreditRow {
  credited_skill_ids: string[];
  signed_at: string;
  /** The credit period the decision granted. */
  months: number;
  /** The credits the decision carried from an earlier one, with their own dates. */
  carried: EarlierCredit[];
}

export interface EarlierCredit {
  skillId: string;
  /** The day the crediting decision was signed. */
  creditedAt: string;
  /** The last day the credit counts. */
  validUntil: string;
}

export function earlierCredits(rows: EarlierCreditRow[]): EarlierCredit[] {
  return rows.flatMap((row) => {
    const signedOn = toIsoDay(new Date(row.signed_at));
    const validUntil = addMonthsToDay(signedOn, row.months);
    const carried = new Map((row.carried ?? []).map((c) => [c.skillId, c]));
    return row.credited_skill_ids.map((skillId) => {
      const earlier = carried.get(skillId);
      if (earlier) return { skillId, creditedAt: earlier.creditedAt, validUntil: earlier.validUntil };
      return { skillId, creditedAt: signedOn, validUntil };
    });
  });
}

/** The skills whose credit still counts on `asOf` (an ISO day; the last day included). */
export function validCarriedSkillIds(credits: EarlierCredit[], asOf: string): string[] {
  return [...new Set(credits.filter((c) => c.validUntil >= asOf).map((c) => c.skillId))];
}
