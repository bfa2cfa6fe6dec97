import type { EntityManager } from 'typeorm';
import type { EarlierCreditRow } from './earlier-credits';

/**
 * The skills credited by decisions, which the decisions context (above this one) owns and
 * provides (CreditHistoryModule), so assessment never reads the decision table.
 */
export abstract class CreditHistory {
  /** The approved partial decisions on these applications, as credit rows; none, an empty list. */
  abstract creditsOf(manager: EntityManager, applicationIds: string[]): Promise<EarlierCreditRow[]>;
}
