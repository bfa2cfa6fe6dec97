/**
 * Checks a candidate against a card's prerequisite routes (DOMAIN.md §3): the candidate is
 * eligible when any route holds, and every route says which of its conditions held or failed and
 * by how much, both as structured data (a stable code and its parameters, for a client to render
 * in the reader's language) and as an English message a centre manager can read out.
 *
 * Choices made here:
 * - Records are the candidate's declared education, employment and learning records, each with
 *   the centre's document check (docs/CANDIDATES.md). A record counts as declared when it carries
 *   a document and was not rejected, and as confirmed when the centre confirmed its document. A
 *   route "holds" on the declared records and is "confirmed" on the confirmed ones alone. The
 *   outcome is eligible only on confirmed records; when the declared records would make the
 *   candidate eligible but the documents are not all confirmed yet, it is awaiting_documents.
 *   That is the document-check gate: nobody is admitted on what they only declared.
 * - Experience counts in the field a route names and in every narrower field of the tree
 *   (field-tree.ts): a call centre is part of reference-information services. Never the reverse.
 * - The informal route asks for a learning record of a learning kind with its document, plus the
 *   experience the route names (none where it names none), on either pathway. Evidence claimed for
 *   skills is not a learning record: it credits skills, it does not admit anyone.
 * - Every route reports an education and an experience condition, even one it does not ask for
 *   ("no education level required", "no work experience required"; those always hold), so that
 *   the output alone explains why a route held. A learning condition is added only when the
 *   route asks for learning (the informal route).
 * - A card whose rules need review (status needs_review) gets outcome needs_review even when some
 *   route read from it holds: its route list may be incomplete or wrong, and the parser guessed
 *   no rule for what it could not read, so this check does not guess either. The routes are still
 *   evaluated and returned, for the admin and the centre manager to look at. Once an admin has
 *   confirmed the rules they are used like structured ones: say so with status 'confirmed' or
 *   with the `confirmed` argument (the catalogue keeps the confirmation beside the card, not in
 *   CardPrerequisites).
 * - A card with no routes at all is needs_review too, whatever its status: "no prerequisites" is
 *   written as a route without conditions, so an empty list means nothing was read.
 * - A decided card without an informal route says so in a note (and in the summary of a refusal):
 *   its informal-learning cell is empty, so nobody is admitted without the formal requirements.
 * - RouteResult.index is the route's position in prerequisites.routes (from 0); the summary counts
 *   routes from 1, as people do.
 */
import {
  fieldAndNarrower,
  fieldName,
  type FieldTree,
  EDUCATION_LEVELS,
  EDUCATION_LEVEL_LABELS,
  educationRank,
  type CardPrerequisites,
  type EducationLevel,
  type PrerequisiteRoute,
} from '@qualcert/standards';
import { experienceMonths, mergePeriods, type EmploymentPeriod } from './experience';

/** confirmed: an admin checked the rules of a needs_review card and they now decide eligibility. */
export type PrerequisiteStatus = CardPrerequisites['status'] | 'confirmed';

/** A card's rules as eligibility reads them: CardPrerequisites, or the same once confirmed. */
export interface EligibilityRules {
  status: PrerequisiteStatus;
  routes: readonly PrerequisiteRoute[];
  reviewReasons?: readonly string[];
}

/** Kinds of learning record; each is documented non-formal or informal learning. */
export const LEARNING_KINDS = ['non_formal_course', 'employer_reference', 'informal_statement'] as const;
export type LearningKind = (typeof LEARNING_KINDS)[number];

export const RECORD_VERDICTS = ['pending', 'confirmed', 'rejected'] as const;
export type RecordVerdict = (typeof RECORD_VERDICTS)[number];

/** The centre's document check of one record. */
export interface RecordCheck {
  /** The record carries an uploaded document. */
  hasDocument: boolean;
  verdict: RecordVerdict;
  /** Why the document was rejected (or a note on a confirmation). */
  reason: string | null;
}

interface RecordFacts {
  id: string;
  /** How the record is named in messages ("Колледж связи, 2016"). */
  label: string;
  check: RecordCheck;
}

export interface EducationFacts extends RecordFacts {
  level: EducationLevel;
}

export interface EmploymentFacts extends RecordFacts, EmploymentPeriod {}

export interface LearningFacts extends RecordFacts {
  kind: LearningKind;
}

export interface CandidateRecords {
  education: readonly EducationFacts[];
  employment: readonly EmploymentFacts[];
  learning: readonly LearningFacts[];
}

export type ConditionKind = 'education' | 'experience' | 'learning';

/** Stable codes: a client renders a condition from its code and params in the reader's language. */
export type ConditionCode =
  | 'education_not_required'
  | 'education_met'
  | 'education_not_met'
  | 'experience_not_required'
  | 'experience_met'
  | 'experience_short'
  | 'learning_met'
  | 'learning_missing';

/** The records a condition looked at, by what the document check says of them. */
export interface RecordIds {
  /** Records that count on what was declared: with a document, not rejected. */
  recordIds: string[];
  /** Of those, the ones whose document the centre confirmed; the rest await the check. */
  confirmedRecordIds: string[];
  /** Records that would count but whose document the centre rejected. */
  rejectedRecordIds: string[];
  /** Records that would count but carry no document. */
  undocumentedRecordIds: string[];
}

export interface EducationParams extends RecordIds {
  /** Null when the route sets no level. */
  requiredLevel: EducationLevel | null;
  /** The highest level among the declared records, or null. */
  declaredLevel: EducationLevel | null;
  /** The highest level among the confirmed records, or null. */
  confirmedLevel: EducationLevel | null;
}

export interface ExperienceParams extends RecordIds {
  /** A field code; null when any field counts or none is required. */
  field: string | null;
  monthsRequired: number;
  /** Months on the declared records (in the field and the narrower ones). */
  months: number;
  /** Months on the confirmed records alone. */
  confirmedMonths: number;
}

export type LearningParams = RecordIds;

interface ConditionBase<K extends ConditionKind, P> {
  kind: K;
  code: ConditionCode;
  /** Holds on the declared records. */
  holds: boolean;
  /** Holds on the confirmed records alone. */
  confirmed: boolean;
  params: P;
  message: string;
}

export type EducationCondition = ConditionBase<'education', EducationParams>;
export type ExperienceCondition = ConditionBase<'experience', ExperienceParams>;
export type LearningCondition = ConditionBase<'learning', LearningParams>;
export type Condition = EducationCondition | ExperienceCondition | LearningCondition;

export interface RouteResult {
  /** Position in prerequisites.routes, from 0. */
  index: number;
  kind: PrerequisiteRoute['kind'];
  /** Every condition holds on the declared records. */
  holds: boolean;
  /** Every condition holds on the confirmed records alone. */
  confirmed: boolean;
  sourceText: string;
  conditions: Condition[];
}

/**
 * no_informal_route: the card's informal-learning cell is empty. checked_before_document_checks
 * appears only on results kept from before documents were checked (written by a migration).
 */
export type NoteCode = 'no_informal_route' | 'checked_before_document_checks';

export interface Note {
  code: NoteCode;
  params: Record<string, never>;
  message: string;
}

export type EligibilityOutcome = 'eligible' | 'awaiting_documents' | 'ineligible' | 'needs_review';

export interface EligibilityResult {
  outcome: EligibilityOutcome;
  summary: string;
  routes: RouteResult[];
  /** Records awaiting the document check that a route holding on the declared records rests on. */
  pendingRecordIds: string[];
  notes: Note[];
}

const NONE = 'none';
const LEARNING_WANTED =
  'a learning record (non-formal course certificate, employer reference, or informal-learning statement ' +
  'confirmed by an employer) with its document';

interface Sorted<T extends RecordFacts> {
  declared: T[];
  confirmed: T[];
  rejected: T[];
  undocumented: T[];
}

/** Splits records by the document check: declared (documented, not rejected) ⊇ confirmed. */
function sortByCheck<T extends RecordFacts>(records: readonly T[]): Sorted<T> {
  const sorted: Sorted<T> = { declared: [], confirmed: [], rejected: [], undocumented: [] };
  for (const record of records) {
    if (record.check.verdict === 'rejected') sorted.rejected.push(record);
    else if (!record.check.hasDocument) sorted.undocumented.push(record);
    else {
      sorted.declared.push(record);
      if (record.check.verdict === 'confirmed') sorted.confirmed.push(record);
    }
  }
  return sorted;
}

function ids<T extends RecordFacts>(sorted: Sorted<T>): RecordIds {
  return {
    recordIds: sorted.declared.map((r) => r.id),
    confirmedRecordIds: sorted.confirmed.map((r) => r.id),
    rejectedRecordIds: sorted.rejected.map((r) => r.id),
    undocumentedRecordIds: sorted.undocumented.map((r) => r.id),
  };
}

const quoted = (records: readonly RecordFacts[]): string => records.map((r) => `"${r.label}"`).join(', ');

/**
 * What the document check adds to a condition's message: which records still await it (when the
 * declared records meet the condition but the confirmed ones do not yet), and which records were
 * not counted and why.
 */
function checkTail<T extends RecordFacts>(sorted: Sorted<T>, holds: boolean, confirmed: boolean): string {
  const parts: string[] = [];
  if (holds && !confirmed) {
    const pending = sorted.declared.filter((r) => r.check.verdict !== 'confirmed');
    parts.push(`awaiting the centre's document check of ${quoted(pending)}`);
  }
  for (const record of sorted.rejected) {
    const why = record.check.reason ? `: ${record.check.reason}` : '';
    parts.push(`not counted: the centre rejected the document of "${record.label}"${why}`);
  }
  if (sorted.undocumented.length > 0) {
    parts.push(`not counted, no document attached: ${quoted(sorted.undocumented)}`);
  }
  return parts.map((p) => `; ${p}`).join('');
}

function isLevel(level: unknown): level is EducationLevel {
  // Values come from stored data; one that is not a level must not count as one.
  return (EDUCATION_LEVELS as readonly unknown[]).includes(level);
}

function highest(records: readonly EducationFacts[]): EducationLevel | null {
  let top: EducationLevel | null = null;
  for (const { level } of records) {
    if (top === null || educationRank(level) > educationRank(top)) top = level;
  }
  return top;
}

function educationLabel(level: EducationLevel | null): string {
  return level === null ? NONE : EDUCATION_LEVEL_LABELS[level];
}

function monthsText(months: number): string {
  return `${months} ${months === 1 ? 'month' : 'months'}`;
}

function educationCondition(route: PrerequisiteRoute, education: Sorted<EducationFacts>): EducationCondition {
  const required = route.minEducation;
  const declaredLevel = highest(education.declared);
  const confirmedLevel = highest(education.confirmed);
  if (required === null) {
    return {
      kind: 'education',
      code: 'education_not_required',
      holds: true,
      confirmed: true,
      params: {
        requiredLevel: null,
        declaredLevel,
        confirmedLevel,
        recordIds: [],
        confirmedRecordIds: [],
        rejectedRecordIds: [],
        undocumentedRecordIds: [],
      },
      message: 'no education level required',
    };
  }
  const enough = (r: EducationFacts) => educationRank(r.level) >= educationRank(required);
  const relevant: Sorted<EducationFacts> = {
    declared: education.declared.filter(enough),
    confirmed: education.confirmed.filter(enough),
    rejected: education.rejected.filter(enough),
    undocumented: education.undocumented.filter(enough),
  };
  const holds = relevant.declared.length > 0;
  const confirmed = relevant.confirmed.length > 0;
  const higher = holds && declaredLevel !== required ? ' (a higher level satisfies the requirement)' : '';
  return {
    kind: 'education',
    code: holds ? 'education_met' : 'education_not_met',
    holds,
    confirmed,
    params: { requiredLevel: required, declaredLevel, confirmedLevel, ...ids(relevant) },
    message:
      `needs ${educationLabel(required)}, has ${educationLabel(declaredLevel)}${higher}` +
      checkTail(relevant, holds, confirmed),
  };
}

/**
 * `employment` holds only jobs that count at least a day up to asOf; `counted` gives the fields
 * whose jobs count towards a field (the field and the narrower ones).
 */
function experienceCondition(
  route: PrerequisiteRoute,
  employment: Sorted<EmploymentFacts>,
  fields: FieldTree,
  counted: (field: string) => ReadonlySet<string>,
  asOf: string,
): ExperienceCondition {
  const required = route.minExperienceMonths;
  const field = route.experienceField;
  const within = field === null ? null : counted(field);
  const inField = (r: EmploymentFacts) => within === null || within.has(r.field);
  const relevant: Sorted<EmploymentFacts> = {
    declared: employment.declared.filter(inField),
    confirmed: employment.confirmed.filter(inField),
    rejected: employment.rejected.filter(inField),
    undocumented: employment.undocumented.filter(inField),
  };
  const months = experienceMonths(relevant.declared, null, asOf);
  const confirmedMonths = experienceMonths(relevant.confirmed, null, asOf);
  if (required <= 0) {
    return {
      kind: 'experience',
      code: 'experience_not_required',
      holds: true,
      confirmed: true,
      params: {
        field: null,
        monthsRequired: 0,
        months,
        confirmedMonths,
        recordIds: [],
        confirmedRecordIds: [],
        rejectedRecordIds: [],
        undocumentedRecordIds: [],
      },
      message: 'no work experience required',
    };
  }
  const holds = months >= required;
  const confirmed = confirmedMonths >= required;
  const where = field === null ? 'of work experience in any field' : `in ${fieldName(fields, field)}`;
  const jobs = relevant.declared.length > 0 ? ` (counted: ${quoted(relevant.declared)})` : '';
  return {
    kind: 'experience',
    code: holds ? 'experience_met' : 'experience_short',
    holds,
    confirmed,
    params: { field, monthsRequired: required, months, confirmedMonths, ...ids(relevant) },
    message: `needs ${monthsText(required)} ${where}, has ${months}${jobs}` + checkTail(relevant, holds, confirmed),
  };
}

function learningCondition(learning: Sorted<LearningFacts>): LearningCondition {
  const holds = learning.declared.length > 0;
  const confirmed = learning.confirmed.length > 0;
  return {
    kind: 'learning',
    code: holds ? 'learning_met' : 'learning_missing',
    holds,
    confirmed,
    params: ids(learning),
    message:
      (holds ? `needs ${LEARNING_WANTED}, has ${quoted(learning.declared)}` : `needs ${LEARNING_WANTED}, has none`) +
      checkTail(learning, holds, confirmed),
  };
}

function routeName(route: RouteResult): string {
  return `route ${route.index + 1} (${route.kind})`;
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function summarise(
  outcome: EligibilityOutcome,
  rules: EligibilityRules,
  routes: RouteResult[],
  pending: readonly RecordFacts[],
  notes: readonly Note[],
): string {
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
    const route = routes.find((r) => r.confirmed);
    // outcome is eligible only when some route is confirmed.
    if (route === undefined) throw new Error('unreachable: eligible without a confirmed route');
    return `Eligible by ${routeName(route)}: ${route.conditions.map((c) => c.message).join('; ')}.`;
  }
  if (outcome === 'awaiting_documents') {
    const holding = routes.filter((r) => r.holds).map(routeName);
    return (
      `Awaiting the centre's document check: the records declared meet ${holding.join(' or ')}; ` +
      `admitted once the centre confirms the documents of ${quoted(pending)}.`
    );
  }
  const failures = routes.map(
    (route) =>
      `${capitalised(routeName(route))}: ${route.conditions
        .filter((c) => !c.holds)
        .map((c) => c.message)
        .join('; ')}.`,
  );
  return ['Not eligible: no route holds.', ...failures, ...notes.map((n) => n.message)].join(' ');
}

/**
 * Evaluates every route of the card for the candidate as of `asOf` (YYYY-MM-DD; experience is
 * counted up to it, see experience.ts), with experience counted over the field tree `fields`.
 * `confirmed`: an admin has confirmed the card's rules, so a needs_review status no longer holds
 * the decision back. Throws RangeError when asOf is not a real date.
 */
export function evaluateEligibility(
  prerequisites: EligibilityRules,
  candidate: CandidateRecords,
  fields: FieldTree,
  asOf: string,
  confirmed = false,
): EligibilityResult {
  // Validates asOf even for a card whose routes count no experience.
  experienceMonths([], null, asOf);
  const education = sortByCheck(candidate.education.filter((r) => isLevel(r.level)));
  // A job that lies wholly after asOf, or whose dates cannot be read, counts no day: never listed.
  const employment = sortByCheck(candidate.employment.filter((r) => mergePeriods([r], null, asOf).length > 0));
  const narrower = new Map<string, ReadonlySet<string>>();
  const counted = (field: string): ReadonlySet<string> => {
    let set = narrower.get(field);
    if (set === undefined) {
      set = fieldAndNarrower(fields, field);
      narrower.set(field, set);
    }
    return set;
  };
  const learning = sortByCheck(
    candidate.learning.filter((r) => (LEARNING_KINDS as readonly unknown[]).includes(r.kind)),
  );

  const routes = prerequisites.routes.map((route, index): RouteResult => {
    const conditions: Condition[] = [
      educationCondition(route, education),
      experienceCondition(route, employment, fields, counted, asOf),
    ];
    if (route.requiresLearningEvidence) conditions.push(learningCondition(learning));
    return {
      index,
      kind: route.kind,
      holds: conditions.every((c) => c.holds),
      confirmed: conditions.every((c) => c.confirmed),
      sourceText: route.sourceText,
      conditions,
    };
  });

  // Anything but a known decided status is treated as unreviewed: a wrong "eligible" costs more.
  const status: PrerequisiteStatus = confirmed ? 'confirmed' : prerequisites.status;
  const decided = (status === 'structured' || status === 'confirmed') && routes.length > 0;
  const outcome: EligibilityOutcome = !decided
    ? 'needs_review'
    : routes.some((r) => r.confirmed)
      ? 'eligible'
      : routes.some((r) => r.holds)
        ? 'awaiting_documents'
        : 'ineligible';

  const byId = new Map<string, RecordFacts>(
    [...education.declared, ...employment.declared, ...learning.declared].map((r) => [r.id, r]),
  );
  const pendingIds =
    outcome === 'awaiting_documents'
      ? [
          ...new Set(
            routes
              .filter((r) => r.holds)
              .flatMap((r) => r.conditions.flatMap((c) => c.params.recordIds))
              .filter((id) => byId.get(id)?.check.verdict === 'pending'),
          ),
        ]
      : [];
  const notes: Note[] =
    decided && !prerequisites.routes.some((r) => r.kind === 'informal')
      ? [
          {
            code: 'no_informal_route',
            params: {},
            message:
              'The card admits no one through non-formal or informal learning: its informal-learning cell is empty.',
          },
        ]
      : [];
  const pending = pendingIds.map((id) => byId.get(id) as RecordFacts);
  return {
    outcome,
    summary: summarise(outcome, { ...prerequisites, status }, routes, pending, notes),
    routes,
    pendingRecordIds: pendingIds,
    notes,
  };
}
