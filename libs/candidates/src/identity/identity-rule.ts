import { type EarlierDecision, retakeOpensOn } from '../applications/retake-rule';

/**
 * Two accounts may declare one ИИН (docs/CANDIDATES.md, "One ИИН, two accounts"): the second
 * account cannot be refused without telling its caller that the ИИН is someone's, so the centre
 * resolves it with the person and their identity document in front of it.
 */
export interface IdentityFacts {
  /** Another account declares the same ИИН. */
  iinAlsoDeclaredElsewhere: boolean;
  /** A centre saw the identity document and confirmed this account holds the ИИН. */
  confirmed: boolean;
}

export type IdentityRefusal =
  | { code: 'IDENTITY_UNCONFIRMED' }
  | {
      code: 'RETAKE_TOO_EARLY';
      /** The first day on which this card may be examined or decided again for the ИИН. */
      opensOn: string;
    };

/** Whether an account's applications wait for the centre's identity check. */
export function identityHeld(facts: IdentityFacts): boolean {
  return facts.iinAlsoDeclaredElsewhere && !facts.confirmed;
}

/**
 * What the centre's steps that follow an application (enrolment in a session, signing its
 * decision) must refuse for the person behind it: an account whose ИИН another account also
 * declares, until a centre confirms it holds it; and, for an account confirmed so, the retake
 * wait that another account's decision for the same card set, so that a second account does not
 * escape the wait. `othersDecisions` are the signed decisions for the card, not awarding it, of
 * the other accounts that declare the ИИН. `today` is an ISO day in UTC.
 */
export function identityRefusal(
  facts: IdentityFacts,
  othersDecisions: EarlierDecision[],
  today: string,
): IdentityRefusal | null {
  if (!facts.iinAlsoDeclaredElsewhere) return null;
  if (!facts.confirmed) return { code: 'IDENTITY_UNCONFIRMED' };
  const opensOn = retakeOpensOn(othersDecisions);
  return opensOn !== null && today < opensOn ? { code: 'RETAKE_TOO_EARLY', opensOn } : null;
}
