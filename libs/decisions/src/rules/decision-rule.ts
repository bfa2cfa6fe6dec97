/**
 * The decision on an application for a profession card (DOMAIN.md §4, §6): which skills are
 * credited, whether the qualification is awarded, and the conclusion naming what to improve.
 * Pure and deterministic, so that a decision job run twice gives the same decision, whatever the
 * order its records were read in.
 *
 * A skill is credited on one of three bases, in this order of precedence:
 * 1. exam: an exam outcome `passed`. Of several exam outcomes a pass prevails (a retake replaces
 *    a failure).
 * 2. evidence: an evidence outcome `accepted`, only for a `recommended` skill. Evidence on a
 *    `not_recommended` skill is never credited, whatever its result: it is reported in the
 *    reasoning and never throws, since the application has already been accepted by then. Of
 *    several evidence outcomes a rejection prevails over an acceptance, as in the assessment
 *    rules (application-progress.ts): crediting without an exam needs evidence nobody rejected.
 * 3. carried: a credit from an earlier partial decision for the same card whose `validUntil` is
 *    on or after `asOf` (the day itself included). Expired ones are ignored and reported. A
 *    carried credit that rests on evidence is refused for a `not_recommended` skill, for the same
 *    reason as fresh evidence. Of several valid ones the longest-lived is kept.
 * Any basis credits the skill: a failed exam does not undo accepted evidence (the recognition
 * pathway credits the skill as well as the exam would), and a rejected review does not undo a
 * passed exam (the exam is the route a rejected skill goes to). Precedence only names the
 * basis: an outcome of this application comes before a carried credit because it restarts the
 * credit period, and the exam comes before evidence because it is the direct assessment.
 *
 * Outcome of the decision:
 * - `incomplete`: a skill not otherwise credited still has an outcome that could credit it
 *   pending (an exam, or an evidence review of a `recommended` skill). No decision may be made
 *   yet; the result still shows where every skill stands, and its conclusion is empty. An
 *   additional skill counts as well: a pending outcome for it means the application asked for it.
 * - `awarded`: every skill of every mandatory function is credited.
 * - `partial`: at least one skill is credited, of any function, but not every mandatory one.
 *   Credits of additional functions alone make a partial decision too, since they are carried
 *   into a retake like any other credit.
 * - `not_awarded`: no skill is credited.
 * A skill with no outcome at all is not credited ("no outcome"), not pending: whether every
 * needed skill has an outcome is the assessment's check (application-progress.ts reports such a
 * skill as pending), and a carried credit that expired before a retake must not block it forever.
 *
 * Ordering: mandatory functions first, then additional ones, each kind in the card's order;
 * skills by their number within the function. Outcomes and carried credits for skills the card
 * does not hold are ignored.
 *
 * A card that cannot be decided on (no mandatory skill, a function without skills, repeated ids),
 * a date that is not ISO or an outcome that does not belong to its source (an `accepted` exam)
 * throws VALIDATION_FAILED: they are faults of the caller, not of the candidate.
 */
import { DomainException, isIsoDay } from '@qualcert/shared';
import type { FieldError } from '@qualcert/shared';

export type DecisionFunctionKind = 'mandatory' | 'additional';

export type DecisionSkillRecognition = 'recommended' | 'not_recommended';

export type OutcomeSource = 'exam' | 'evidence';

/** `passed` / `failed` belong to exams, `accepted` / `rejected` to evidence, `pending` to both. */
export type OutcomeResult = 'passed' | 'failed' | 'accepted' | 'rejected' | 'pending';

export type CreditBasis = 'exam' | 'evidence' | 'carried';

export type DecisionOutcome = 'awarded' | 'partial' | 'not_awarded' | 'incomplete';

export interface DecisionSkill {
  id: string;
  /** Position within its function, 1-based. */
  number: number;
  title: string;
  recognition: DecisionSkillRecognition;
  abilities: string[];
  knowledge: string[];
}

export interface DecisionFunction {
  id: string;
  kind: DecisionFunctionKind;
  number: number;
  title: string;
  skills: DecisionSkill[];
}

export interface DecisionCard {
  functions: DecisionFunction[];
}

export interface SkillOutcomeRecord {
  skillId: string;
  source: OutcomeSource;
  result: OutcomeResult;
}

/** A skill credited by an earlier partial decision for the same card. */
export interface CarriedCredit {
  skillId: string;
  /** ISO date. */
  creditedAt: string;
  /** ISO date, the last day the credit holds. */
  validUntil: string;
  source: OutcomeSource;
}

export interface DecisionInput {
  card: DecisionCard;
  outcomes: SkillOutcomeRecord[];
  carriedCredits: CarriedCredit[];
  /** ISO date of the decision; carried credits are checked against its calendar day. */
  asOf: string;
}

export interface SkillReasoning {
  skillId: string;
  number: number;
  title: string;
  credited: boolean;
  basis: CreditBasis | null;
  /** True while an outcome that could still credit the skill is pending. */
  pending: boolean;
  /**
   * Every fact about the skill, "; "-joined: the one that decides first (the basis, the pending
   * outcome), then the others in the order exam, evidence, carried credit.
   */
  note: string;
  /**
   * The carried credit the skill rests on, when `basis` is `carried`: a new partial decision must
   * keep its dates rather than start a new credit period.
   */
  carriedCredit: CarriedCredit | null;
}

export interface FunctionReasoning {
  functionId: string;
  kind: DecisionFunctionKind;
  number: number;
  title: string;
  /** Every skill of the function is credited. */
  complete: boolean;
  skills: SkillReasoning[];
}

/** A function with at least one credited skill. */
export interface CreditedFunction {
  functionId: string;
  kind: DecisionFunctionKind;
  complete: boolean;
  creditedSkillIds: string[];
}

/** A mandatory skill not credited, with what it takes as the recommendation to the candidate. */
export interface SkillToImprove {
  skillId: string;
  number: number;
  title: string;
  functionId: string;
  functionTitle: string;
  abilities: string[];
  knowledge: string[];
}

export interface DecisionResult {
  outcome: DecisionOutcome;
  /** Credited skills of every function, in reasoning order. */
  creditedSkillIds: string[];
  creditedFunctions: CreditedFunction[];
  /** Skills that keep the decision `incomplete`; empty exactly when it is not. */
  pendingSkillIds: string[];
  reasoning: FunctionReasoning[];
  conclusion: {
    /** Every mandatory skill not credited, for `partial` and `not_awarded`; empty otherwise. */
    skillsToImprove: SkillToImprove[];
  };
}

export const NOTE = {
  examPassed: 'passed at the exam',
  examFailed: 'failed at the exam',
  examPending: 'awaiting the exam result',
  evidenceAccepted: 'evidence accepted',
  evidenceRejected: 'evidence rejected',
  evidencePending: 'awaiting the evidence review',
  evidenceNotRecognisable: 'evidence on a skill not recommended for recognition is not credited',
  carriedEvidenceNotRecognisable:
    'a credit carried on evidence is not credited: the skill is not recommended for recognition',
  noOutcome: 'no outcome',
  carried: (validUntil: string) => `carried from an earlier decision, valid until ${validUntil}`,
  carriedExpired: (validUntil: string) => `carried credit expired on ${validUntil}`,
} as const;

const EXAM_RESULTS: readonly OutcomeResult[] = ['passed', 'failed', 'pending'];
const EVIDENCE_RESULTS: readonly OutcomeResult[] = ['accepted', 'rejected', 'pending'];

type ExamState = 'passed' | 'failed' | 'pending' | null;
type EvidenceState = 'accepted' | 'rejected' | 'pending' | null;

// A pass replaces an earlier failure; a pending retake (ordered on appeal) only matters while
// nothing has passed.
function examState(results: OutcomeResult[]): ExamState {
  if (results.includes('passed')) return 'passed';
  if (results.includes('pending')) return 'pending';
  if (results.includes('failed')) return 'failed';
  return null;
}

function evidenceState(results: OutcomeResult[]): EvidenceState {
  if (results.includes('rejected')) return 'rejected';
  if (results.includes('accepted')) return 'accepted';
  if (results.includes('pending')) return 'pending';
  return null;
}

/** The calendar day of an ISO date or date-time, as written; null when it is not one. */
function calendarDay(value: string): string | null {
  const day = value.slice(0, 10);
  return (value.length === 10 || value[10] === 'T') && isIsoDay(day) ? day : null;
}

function validate(input: DecisionInput): void {
  const fields: FieldError[] = [];
  const fail = (field: string, message: string) => fields.push({ field, messages: [message] });

  const functionIds = new Set<string>();
  const skillIds = new Set<string>();
  let mandatorySkills = 0;
  input.card.functions.forEach((fn, f) => {
    if (functionIds.has(fn.id)) fail(`card.functions[${f}].id`, `function ${fn.id} appears twice`);
    functionIds.add(fn.id);
    // A function with nothing to assess would be credited on nothing.
    if (fn.skills.length === 0) fail(`card.functions[${f}].skills`, `function ${fn.id} has no skills`);
    if (fn.kind === 'mandatory') mandatorySkills += fn.skills.length;
    fn.skills.forEach((skill, s) => {
      if (skillIds.has(skill.id)) fail(`card.functions[${f}].skills[${s}].id`, `skill ${skill.id} appears twice`);
      skillIds.add(skill.id);
    });
  });
  // Awarding a card without mandatory skills would award a qualification for nothing.
  if (mandatorySkills === 0) fail('card.functions', 'the card has no mandatory skill');

  input.outcomes.forEach((outcome, i) => {
    const allowed = outcome.source === 'exam' ? EXAM_RESULTS : EVIDENCE_RESULTS;
    if (!allowed.includes(outcome.result)) {
      fail(`outcomes[${i}].result`, `an ${outcome.source} outcome cannot be ${outcome.result}`);
    }
  });
  input.carriedCredits.forEach((credit, i) => {
    if (calendarDay(credit.creditedAt) === null) fail(`carriedCredits[${i}].creditedAt`, 'not an ISO date');
    if (calendarDay(credit.validUntil) === null) fail(`carriedCredits[${i}].validUntil`, 'not an ISO date');
  });
  if (calendarDay(input.asOf) === null) fail('asOf', 'not an ISO date');

  if (fields.length > 0) throw DomainException.validation(fields, 'The decision cannot be made on this input');
}

function groupBySkill<T extends { skillId: string }>(records: T[]): Map<string, T[]> {
  const grouped = new Map<string, T[]>();
  for (const record of records) {
    const list = grouped.get(record.skillId) ?? [];
    list.push(record);
    grouped.set(record.skillId, list);
  }
  return grouped;
}

// Longest-lived first; the rest of the key only makes the choice independent of input order.
function compareCarried(a: CarriedCredit, b: CarriedCredit): number {
  const byDay = (x: string, y: string) => (x < y ? 1 : x > y ? -1 : 0);
  return (
    byDay(calendarDay(a.validUntil) ?? '', calendarDay(b.validUntil) ?? '') ||
    byDay(a.creditedAt, b.creditedAt) ||
    byDay(a.validUntil, b.validUntil) ||
    (a.source === b.source ? 0 : a.source === 'exam' ? -1 : 1)
  );
}

interface Fact {
  text: string;
  decisive: boolean;
}

function judgeSkill(
  skill: DecisionSkill,
  outcomes: SkillOutcomeRecord[],
  carried: CarriedCredit[],
  asOfDay: string,
): SkillReasoning {
  const recommended = skill.recognition === 'recommended';
  const exam = examState(outcomes.filter((o) => o.source === 'exam').map((o) => o.result));
  const evidenceResults = outcomes.filter((o) => o.source === 'evidence').map((o) => o.result);
  const evidence = recommended ? evidenceState(evidenceResults) : null;

  const creditable = carried.filter((c) => c.source === 'exam' || recommended);
  const valid = creditable.filter((c) => (calendarDay(c.validUntil) ?? '') >= asOfDay).sort(compareCarried);
  const expired = creditable.filter((c) => !valid.includes(c)).sort(compareCarried);
  const kept = valid[0] ?? null;

  let basis: CreditBasis | null = null;
  if (exam === 'passed') basis = 'exam';
  else if (evidence === 'accepted') basis = 'evidence';
  else if (kept) basis = 'carried';
  const credited = basis !== null;
  const pending = !credited && (exam === 'pending' || evidence === 'pending');

  const facts: Fact[] = [];
  if (exam !== null) {
    const text = { passed: NOTE.examPassed, failed: NOTE.examFailed, pending: NOTE.examPending }[exam];
    facts.push({ text, decisive: basis === 'exam' || (pending && exam === 'pending') });
  }
  if (evidence !== null) {
    const text = { accepted: NOTE.evidenceAccepted, rejected: NOTE.evidenceRejected, pending: NOTE.evidencePending }[
      evidence
    ];
    facts.push({ text, decisive: basis === 'evidence' || (pending && evidence === 'pending') });
  }
  if (!recommended && evidenceResults.length > 0) {
    facts.push({ text: NOTE.evidenceNotRecognisable, decisive: false });
  }
  if (kept) {
    facts.push({ text: NOTE.carried(calendarDay(kept.validUntil) ?? kept.validUntil), decisive: basis === 'carried' });
  } else if (expired.length > 0) {
    facts.push({ text: NOTE.carriedExpired(calendarDay(expired[0].validUntil) ?? ''), decisive: false });
  }
  if (carried.some((c) => c.source === 'evidence' && !recommended)) {
    facts.push({ text: NOTE.carriedEvidenceNotRecognisable, decisive: false });
  }
  const ordered = [...facts.filter((f) => f.decisive), ...facts.filter((f) => !f.decisive)];

  return {
    skillId: skill.id,
    number: skill.number,
    title: skill.title,
    credited,
    basis,
    pending,
    note: ordered.length > 0 ? ordered.map((f) => f.text).join('; ') : NOTE.noOutcome,
    carriedCredit: basis === 'carried' && kept ? { ...kept } : null,
  };
}

function cardOrder(card: DecisionCard): DecisionFunction[] {
  const byKind = (kind: DecisionFunctionKind) => card.functions.filter((fn) => fn.kind === kind);
  return [...byKind('mandatory'), ...byKind('additional')].map((fn) => ({
    ...fn,
    // Array.prototype.sort is stable: skills printed with the same number keep the card's order.
    skills: [...fn.skills].sort((a, b) => a.number - b.number),
  }));
}

/** Throws VALIDATION_FAILED for a card, an outcome or a date it cannot decide on (see above). */
export function decide(input: DecisionInput): DecisionResult {
  validate(input);
  const asOfDay = calendarDay(input.asOf) ?? '';
  const outcomes = groupBySkill(input.outcomes);
  const carried = groupBySkill(input.carriedCredits);
  const functions = cardOrder(input.card);

  const reasoning: FunctionReasoning[] = functions.map((fn) => {
    const skills = fn.skills.map((skill) =>
      judgeSkill(skill, outcomes.get(skill.id) ?? [], carried.get(skill.id) ?? [], asOfDay),
    );
    return {
      functionId: fn.id,
      kind: fn.kind,
      number: fn.number,
      title: fn.title,
      complete: skills.every((s) => s.credited),
      skills,
    };
  });

  const allSkills = reasoning.flatMap((fn) => fn.skills);
  const creditedSkillIds = allSkills.filter((s) => s.credited).map((s) => s.skillId);
  const pendingSkillIds = allSkills.filter((s) => s.pending).map((s) => s.skillId);
  const mandatory = reasoning.filter((fn) => fn.kind === 'mandatory');

  let outcome: DecisionOutcome;
  if (pendingSkillIds.length > 0) outcome = 'incomplete';
  else if (mandatory.every((fn) => fn.complete)) outcome = 'awarded';
  else if (creditedSkillIds.length > 0) outcome = 'partial';
  else outcome = 'not_awarded';

  const creditedFunctions: CreditedFunction[] = reasoning
    .map((fn) => ({
      functionId: fn.functionId,
      kind: fn.kind,
      complete: fn.complete,
      creditedSkillIds: fn.skills.filter((s) => s.credited).map((s) => s.skillId),
    }))
    .filter((fn) => fn.creditedSkillIds.length > 0);

  const credited = new Set(creditedSkillIds);
  const skillsToImprove: SkillToImprove[] =
    outcome === 'partial' || outcome === 'not_awarded'
      ? functions
          .filter((fn) => fn.kind === 'mandatory')
          .flatMap((fn) =>
            fn.skills
              .filter((skill) => !credited.has(skill.id))
              .map((skill) => ({
                skillId: skill.id,
                number: skill.number,
                title: skill.title,
                functionId: fn.id,
                functionTitle: fn.title,
                abilities: [...skill.abilities],
                knowledge: [...skill.knowledge],
              })),
          )
      : [];

  return {
    outcome,
    creditedSkillIds,
    creditedFunctions,
    pendingSkillIds,
    reasoning,
    conclusion: { skillsToImprove },
  };
}
