/**
 * The wait before a retake (DOMAIN.md §5): after a signed decision that did not award the card
 * (partial or not awarded), the candidate may apply for the same card again once the wait the
 * decision granted (`retake_wait_days`, fixed when it was signed) has passed since the signing,
 * counted in UTC days; on the day itself they
 * may. Of several such decisions the latest-opening one governs. An awarded decision sets no wait:
 * applying again (to renew an expiring certificate, say) is not a retake. A withdrawal after an
 * assessment result counts as a not-awarded decision signed on the day of the withdrawal, with the
 * wait fixed then (docs/CANDIDATES.md, "Withdrawing").
 */
export interface EarlierDecision {
  signedAt: Date;
  /** The waiting period the decision granted. */
  waitDays: number;
}

/** The first ISO day on which the candidate may apply again, or null when nothing makes them wait. */
export function retakeOpensOn(decisions: EarlierDecision[]): string | null {
  let opens: string | null = null;
  for (const decision of decisions) {
    const day = new Date(
      Date.UTC(
        decision.signedAt.getUTCFullYear(),
        decision.signedAt.getUTCMonth(),
        decision.signedAt.getUTCDate() + decision.waitDays,
      ),
    )
      .toISOString()
      .slice(0, 10);
    if (opens === null || day > opens) opens = day;
  }
  return opens;
}
