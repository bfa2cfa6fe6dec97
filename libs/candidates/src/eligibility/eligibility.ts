/**
 * Checks a candidate against a card's prerequisite routes (DOMAIN.md §3): the candidate is
 * eligible when any route holds, and every route says which of its conditions held or failed and
 * by how much, in words a centre manager can read out to the candidate.
 *
 * Choices made here:
 * - Every route reports an education and an experience condition, even one it does not ask for
 *   ("no education level required", "no work experience required"; those always hold), so that
 *   the output alone explains why a route held. A learning_evidence condition is added only when
 *   the route sets requiresLearningEvidence (the informal route).
 * - Learning evidence is credited only on the recognition pathway: the informal route exists to
 *   recognise non-formal and informal learning, and the assessment pathway takes no evidence.
 * - A card whose rules need review (status needs_review) gets outcome needs_review even when some
 *   route read from it holds: its route list may be incomplete or wrong, and the parser guessed
 *   no rule for what it could not read, so this check does not guess either. The routes are still
 *   evaluated and returned, for the admin and the centre manager to look at. Once an admin has
 *   confirmed the rules they are used like structured ones: say so with status 'confirmed' or
 *   with the `confirmed` argument (the catalogue keeps the confirmation beside the card, not in
 *   CardPrerequisites).
 * - A card with no routes at all is needs_review too, whatever its status: "no prerequisites" is
 *   written as a route without conditions, so an empty list means nothing was read.
 * - RouteResult.index is the route's position in prerequisites.routes (from 0); the summary counts
 *   routes from 1, as people do.
 */
import { EXPERIENCE_FIELDS } from '@qualcert/standards/prerequisites/prerequisite-parser';
import {
  EDUCATION_LEVELS,
  EDUCATION_LEVEL_LABELS,
  educationRank,
  type CardPrerequisites,
  type EducationLevel,
  type PrerequisiteRoute,
} from '@qualcert/standards/prerequisites/prerequisite-rules';
import { experienceMonths, type EmploymentPeriod } from './experience';

/** confirmed: an admin checked the rules of a needs_review card and they now decide eligibility. */
export type PrerequisiteStatus = CardPrerequisites['status'] | 'confirmed';

/** A card's rules as eligibility reads them: CardPrerequisites, or the same once confirmed. */
export interface EligibilityRules {
  status: PrerequisiteStatus;
  routes: readonly PrerequisiteRoute[];
  reviewReasons?: readonly string[];
}

export type Pathway = 'assessment' | 'recognition';

export interface CandidateRecords {
  educationLevels: readonly EducationLevel[];
  employment: readonly EmploymentPeriod[];
  /** Evidence files of non-formal or informal learning attached to the application. */
  learningEvidenceCount: number;
  pathway: Pathway;
}

export type ConditionKind = 'education' | 'experience' | 'learning_evidence';

export interface Condition {
  kind: ConditionKind;
  holds: boolean;
  /** education: an EducationLevel or 'none'; experience: months; learning_evidence: files. */
  required: string | number;
  /** education: the highest EducationLevel held or 'none'; experience: months; learning_evidence: files. */
  actual: string | number;
  message: string;
}

export interface RouteResult {
  /** Position in prerequisites.routes, from 0. */
  index: number;
  kind: PrerequisiteRoute['kind'];
  holds: boolean;
  sourceText: string;
  conditions: Condition[];
}

export type EligibilityOutcome = 'eligible' | 'ineligible' | 'needs_review';

export interface EligibilityResult {
  outcome: EligibilityOutcome;
  routes: RouteResult[];
  summary: string;
}

const NONE = 'none';
const LEARNING_EVIDENCE = 'evidence file of non-formal or informal learning';

function highestEducation(levels: readonly EducationLevel[]): EducationLevel | null {
  let highest: EducationLevel | null = null;
  for (const level of levels) {
    // Values come from stored data; one that is not a level must not count as one.
    if (!(EDUCATION_LEVELS as readonly string[]).includes(level)) continue;
    if (highest === null || educationRank(level) > educationRank(highest)) highest = level;
  }
  return highest;
}

function educationLabel(level: EducationLevel | null): string {
  return level === null ? NONE : EDUCATION_LEVEL_LABELS[level];
}

function fieldLabel(field: string): string {
  return Object.prototype.hasOwnProperty.call(EXPERIENCE_FIELDS, field) ? EXPERIENCE_FIELDS[field].label : field;
}

function monthsText(months: number): string {
  return `${months} ${months === 1 ? 'month' : 'months'}`;
}

function educationCondition(route: PrerequisiteRoute, highest: EducationLevel | null): Condition {
  const required = route.minEducation;
  const actual = highest ?? NONE;
  if (required === null) {
    return { kind: 'education', holds: true, required: NONE, actual, message: 'no education level required' };
  }
  const holds = highest !== null && educationRank(highest) >= educationRank(required);
  const higher = holds && highest !== required ? ' (a higher level satisfies the requirement)' : '';
  return {
    kind: 'education',
    holds,
    required,
    actual,
    message: `needs ${educationLabel(required)}, has ${educationLabel(highest)}${higher}`,
  };
}

function experienceCondition(route: PrerequisiteRoute, monthsIn: (field: string | null) => number): Condition {
  const required = route.minExperienceMonths;
  const actual = monthsIn(route.experienceField);
  if (required <= 0) {
    return { kind: 'experience', holds: true, required: 0, actual, message: 'no work experience required' };
  }
  const where =
    route.experienceField === null ? 'of work experience in any field' : `in ${fieldLabel(route.experienceField)}`;
  return {
    kind: 'experience',
    holds: actual >= required,
    required,
    actual,
    message: `needs ${monthsText(required)} ${where}, has ${actual}`,
  };
}

function learningEvidenceCondition(candidate: CandidateRecords): Condition {
  const count = Number.isFinite(candidate.learningEvidenceCount) ? Math.max(0, candidate.learningEvidenceCount) : 0;
  const base = { kind: 'learning_evidence' as const, required: 1, actual: count };
  if (candidate.pathway !== 'recognition') {
    return {
      ...base,
      holds: false,
      message:
        `needs at least 1 ${LEARNING_EVIDENCE} on the recognition pathway; ` +
        'this application takes the assessment pathway, which takes no learning evidence',
    };
  }
  return { ...base, holds: count >= 1, message: `needs at least 1 ${LEARNING_EVIDENCE}, has ${count}` };
}

function routeName(route: RouteResult): string {
  return `route ${route.index + 1} (${route.kind})`;
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function summarise(outcome: EligibilityOutcome, rules: EligibilityRules, routes: RouteResult[]): string {
  if (outcome === 'needs_review') {
    if (routes.length === 0 && rules.status !== 'needs_review') {
      return 'Eligibility cannot be decided: the card states no prerequisite routes; an admin must confirm its rules.';
    }
    const reasons =
      rules.reviewReasons !== undefined && rules.reviewReasons.length > 0 ? `: ${rules.reviewReasons.join('; ')}` : '';
    return (
      `Eligibility cannot be decided until an admin confirms the card's prerequisite rules${reasons}. ` +
      `${routes.filter((r) => r.holds).length} of ${routes.length} routes read so far hold.`
    );
  }
  if (outcome === 'eligible') {
    const route = routes.find((r) => r.holds);
    // outcome is eligible only when some route holds.
    if (route === undefined) throw new Error('unreachable: eligible without a holding route');
    return `Eligible by ${routeName(route)}: ${route.conditions.map((c) => c.message).join('; ')}.`;
  }
  const failures = routes.map(
    (route) =>
      `${capitalised(routeName(route))}: ${route.conditions
        .filter((c) => !c.holds)
        .map((c) => c.message)
        .join('; ')}.`,
  );
  return `Not eligible: no route holds. ${failures.join(' ')}`;
}

/**
 * Evaluates every route of the card for the candidate as of `asOf` (YYYY-MM-DD; experience is
 * counted up to it, see experience.ts). `confirmed`: an admin has confirmed the card's rules, so a
 * needs_review status no longer holds the decision back. Throws RangeError when asOf is not a
 * real date.
 */
export function evaluateEligibility(
  prerequisites: EligibilityRules,
  candidate: CandidateRecords,
  asOf: string,
  confirmed = false,
): EligibilityResult {
  const highest = highestEducation(candidate.educationLevels);
  const monthsByField = new Map<string | null, number>();
  const monthsIn = (field: string | null): number => {
    let months = monthsByField.get(field);
    if (months === undefined) {
      months = experienceMonths(candidate.employment, field, asOf);
      monthsByField.set(field, months);
    }
    return months;
  };
  // Validates asOf even for a card whose routes count no experience.
  monthsIn(null);

  const routes = prerequisites.routes.map((route, index): RouteResult => {
    const conditions = [educationCondition(route, highest), experienceCondition(route, monthsIn)];
    if (route.requiresLearningEvidence) conditions.push(learningEvidenceCondition(candidate));
    return {
      index,
      kind: route.kind,
      holds: conditions.every((c) => c.holds),
      sourceText: route.sourceText,
      conditions,
    };
  });

  // Anything but a known decided status is treated as unreviewed: a wrong "eligible" costs more.
  const status: PrerequisiteStatus = confirmed ? 'confirmed' : prerequisites.status;
  const decided = (status === 'structured' || status === 'confirmed') && routes.length > 0;
  const outcome: EligibilityOutcome = !decided
    ? 'needs_review'
    : routes.some((r) => r.holds)
      ? 'eligible'
      : 'ineligible';
  return { outcome, routes, summary: summarise(outcome, { ...prerequisites, status }, routes) };
}
