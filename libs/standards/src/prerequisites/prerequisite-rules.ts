/**
 * A card's prerequisites as machine-checkable rules (DOMAIN.md §3). The catalogue stores them
 * beside the original text; eligibility (a later context) evaluates them against a candidate.
 */

/** Ordered from lowest to highest; a higher level satisfies a lower requirement. */
export const EDUCATION_LEVELS = [
  'general_secondary',
  'tvet_worker',
  'tvet_specialist',
  'post_secondary',
  'higher',
  'postgraduate',
] as const;
export type EducationLevel = (typeof EDUCATION_LEVELS)[number];

export const EDUCATION_LEVEL_LABELS: Record<EducationLevel, string> = {
  general_secondary: 'общее среднее образование',
  tvet_worker: 'ТиПО (рабочие профессии)',
  tvet_specialist: 'ТиПО (специалист среднего звена)',
  post_secondary: 'послесреднее образование (прикладной бакалавриат)',
  higher: 'высшее образование (бакалавриат, специалитет)',
  postgraduate: 'послевузовское образование (магистратура, докторантура)',
};

export function educationRank(level: EducationLevel): number {
  return EDUCATION_LEVELS.indexOf(level);
}

/**
 * One way to meet the card's prerequisites. All of its conditions must hold; the candidate is
 * eligible when any route of the card holds.
 */
export interface PrerequisiteRoute {
  /** formal: education + experience; informal: non-formal/informal learning with experience. */
  kind: 'formal' | 'informal';
  /** Minimum education level, or null when the route sets none. */
  minEducation: EducationLevel | null;
  /** Minimum experience in whole months; 0 when no experience is required. */
  minExperienceMonths: number;
  /**
   * The field the experience must be in, as a code of the field tree (the parser reads the ones in
   * EXPERIENCE_FIELDS), or null when any experience counts or none is required. Experience in a
   * narrower field of the tree counts too.
   */
  experienceField: string | null;
  /**
   * For informal routes: the candidate must hold documented non-formal or informal learning, i.e.
   * a learning record (non-formal course certificate, employer reference, informal-learning
   * statement confirmed by an employer) with its document. Evidence claimed for skills does not
   * count: that credits skills, it does not admit.
   */
  requiresLearningEvidence: boolean;
  /** The words of the source this route was read from. */
  sourceText: string;
}

export interface CardPrerequisites {
  /** needs_review: some text did not fit a known pattern; no rule was guessed for it. */
  status: 'structured' | 'needs_review';
  routes: PrerequisiteRoute[];
  /** Why the card needs review (empty when structured). */
  reviewReasons: string[];
}
