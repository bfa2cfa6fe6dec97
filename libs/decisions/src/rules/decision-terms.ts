/**
 * The terms a signed decision grants (DOMAIN.md §5, §6): how long its credits count for a retake,
 * how long the candidate may appeal, how long they wait before a retake, and how long a
 * certificate issued on it is valid. They are fixed when the decision is signed — copied from the
 * centre's program in force that day — and read from the decision ever after, so that a centre
 * changing or retiring its program never moves a right already granted. A decision made on appeal
 * keeps the terms of the decision it supersedes: the appeal reviews that decision, it does not
 * grant it anew.
 *
 * Days are UTC calendar days, like every date the system decides on; each period's last day is
 * included.
 */
import { addMonthsToDay, toIsoDay } from '@qualcert/shared';
import { appealDeadline } from './appeal-rule';

export interface DecisionTerms {
  certificateValidityMonths: number;
  creditValidityMonths: number;
  appealWindowDays: number;
  retakeWaitDays: number;
}

/** The domain's defaults (DOMAIN.md §5), for a centre that has no program for the card any more. */
export const DEFAULT_DECISION_TERMS: DecisionTerms = Object.freeze({
  certificateValidityMonths: 60,
  creditValidityMonths: 12,
  appealWindowDays: 10,
  retakeWaitDays: 30,
});

/** The terms to fix at signing: the program's in force, else the defaults. */
export function termsToFix(program: DecisionTerms | null): DecisionTerms {
  const source = program ?? DEFAULT_DECISION_TERMS;
  return {
    certificateValidityMonths: source.certificateValidityMonths,
    creditValidityMonths: source.creditValidityMonths,
    appealWindowDays: source.appealWindowDays,
    retakeWaitDays: source.retakeWaitDays,
  };
}

export interface TermDates {
  /** The last day the decision may be appealed. */
  appealDeadline: string;
  /** The last day its credits count for a retake; null unless the decision is partial. */
  creditValidUntil: string | null;
  /** The first day the candidate may apply for the card again; null for an awarded decision. */
  retakeOpensOn: string | null;
}

/** The days the terms come to for a decision signed at `signedAt`. */
export function termDates(
  signedAt: Date,
  outcome: 'awarded' | 'partial' | 'not_awarded',
  terms: DecisionTerms,
): TermDates {
  const signedOn = toIsoDay(signedAt);
  const retake = new Date(`${signedOn}T00:00:00Z`);
  retake.setUTCDate(retake.getUTCDate() + terms.retakeWaitDays);
  return {
    appealDeadline: appealDeadline(signedAt, terms.appealWindowDays),
    creditValidUntil: outcome === 'partial' ? addMonthsToDay(signedOn, terms.creditValidityMonths) : null,
    retakeOpensOn: outcome === 'awarded' ? null : toIsoDay(retake),
  };
}
