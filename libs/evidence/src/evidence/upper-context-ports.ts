import type { EntityManager } from 'typeorm';

/**
 * The evidence reviews an assessor closed with "more evidence requested": the assessment context
 * (above this one) owns them and provides the reader (EvidenceReviewsPortModule), so evidence never
 * imports assessment.
 */
export abstract class EvidenceRequests {
  /** Of the skills, those an assessor asked more evidence for on the application. */
  abstract reopenedSkillIds(manager: EntityManager, applicationId: string, skillIds: string[]): Promise<string[]>;
}
