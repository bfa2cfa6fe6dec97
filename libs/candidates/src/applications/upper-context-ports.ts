import type { EntityManager } from 'typeorm';
import type { EarlierDecision } from './retake-rule';

export type { EarlierDecision };

/**
 * What the centre's program offers for a card, which the assessment context (above this one)
 * owns and provides (AssessmentWithdrawalModule), so candidates never imports assessment.
 */
export abstract class ProgramOffer {
  /** The additional functions the centre's active program for the card offers; null without one. */
  abstract offeredFunctions(manager: EntityManager, centreId: string, cardId: string): Promise<string[] | null>;
}

/**
 * The candidate's signed decisions that did not award a card, each with the retake wait it
 * granted: the decisions context (above this one) owns and provides it (RetakeHistoryModule).
 */
export abstract class DecisionHistory {
  abstract notAwarded(manager: EntityManager, candidateId: string, cardId: string): Promise<EarlierDecision[]>;
}
