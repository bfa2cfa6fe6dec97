/**
 * The outcome of one skill at an exam session (DOMAIN.md §5): the skill passes when its theory
 * outcome is met — the whole test reaches the program's pass mark and the skill reaches the
 * per-skill floor (scoring.ts, theoryOutcome) — and a majority of the session's assessors record
 * competent.
 *
 * - Majority means strictly more than half: 1 of 2 is a tie and fails, 2 of 3 passes. It is
 *   counted over every assessor of the session, so an assessor who has not signed is not a vote
 *   for either side; were more verdicts given than the session has assessors, they are all
 *   counted, which can only make a majority harder to reach.
 * - The outcome stays pending until both parts are in, even when one part has already failed:
 *   the conclusion and any appeal need the whole record of the skill, and an assessor's verdict
 *   is recorded whatever the theory result.
 * - The reason states both parts, theory first, in plain English; `explanations` carries the same
 *   as codes and parameters for clients that localise.
 */
import { DomainException, explain, type Explanation, fieldError } from '@qualcert/shared';
import type { FieldError } from '@qualcert/shared';
import { theoryOutcome } from './scoring';

export type PracticalVerdict = 'competent' | 'not_yet_competent';

export type SkillExamStatus = 'pending' | 'passed' | 'failed';

export interface SkillExamInput {
  /** The skill's theory share in [0, 1]; null until the test is scored. */
  theoryShare: number | null;
  /** The whole test's share in [0, 1]; null until the test is scored. */
  overallShare: number | null;
  /** The overall pass mark of the test, in [0, 1]; 0.7 is 70 %. */
  passMark: number;
  /** The least share each skill must reach, in [0, 1]. */
  skillFloor: number;
  /** One per assessor who signed a verdict for this skill. */
  verdicts: PracticalVerdict[];
  /** How many assessors the session has; each must sign before the outcome is known. */
  assessorsInSession: number;
}

export interface SkillExamOutcome {
  status: SkillExamStatus;
  /** null until the theory share is known. */
  theoryPassed: boolean | null;
  /** null until every assessor of the session has signed. */
  practicalPassed: boolean | null;
  reason: string;
  /** The reason as codes and parameters: theory first, then practical. */
  explanations: Explanation[];
}

/** 0.6667 → "66.67%", 0.7 → "70%". */
export function formatPercent(share: number): string {
  return `${Number((share * 100).toFixed(2))}%`;
}

function isShare(value: number): boolean {
  return Number.isFinite(value) && value >= 0 && value <= 1;
}

function validate(input: SkillExamInput): void {
  const fields: FieldError[] = [];
  for (const field of ['theoryShare', 'overallShare'] as const) {
    const value = input[field];
    if (value !== null && !isShare(value)) fields.push(fieldError(field, 'field:share'));
  }
  for (const field of ['passMark', 'skillFloor'] as const) {
    if (!isShare(input[field])) fields.push(fieldError(field, 'field:share'));
  }
  // A session without assessors would fail every candidate for want of a majority.
  if (!Number.isInteger(input.assessorsInSession) || input.assessorsInSession < 1) {
    fields.push(fieldError('assessorsInSession', 'field:wholeAtLeast', { min: 1 }));
  }
  if (fields.length > 0) throw DomainException.validation(fields, 'The skill exam outcome cannot be computed');
}

function theoryExplanation(input: SkillExamInput): { passed: boolean | null; explanation: Explanation } {
  const theory = theoryOutcome({
    skillShare: input.theoryShare,
    overallShare: input.overallShare,
    passMark: input.passMark,
    skillFloor: input.skillFloor,
  });
  if (theory.met === null || input.theoryShare === null || input.overallShare === null) {
    return { passed: null, explanation: explain('THEORY_PENDING') };
  }
  const params = {
    overall: formatPercent(input.overallShare),
    passMark: formatPercent(input.passMark),
    skill: formatPercent(input.theoryShare),
    floor: formatPercent(input.skillFloor),
  };
  // The overall mark is named first when both fail: it is the mark the candidate was told of.
  if (!theory.overallPassed) {
    return {
      passed: false,
      explanation: explain('THEORY_OVERALL_BELOW_PASS_MARK', { overall: params.overall, passMark: params.passMark }),
    };
  }
  if (!theory.skillReachedFloor) {
    return {
      passed: false,
      explanation: explain('THEORY_SKILL_BELOW_FLOOR', { skill: params.skill, floor: params.floor }),
    };
  }
  return { passed: true, explanation: explain('THEORY_MET', params) };
}

/** Throws VALIDATION_FAILED for a share or mark outside [0, 1] or a session without assessors. */
export function skillExamOutcome(input: SkillExamInput): SkillExamOutcome {
  validate(input);
  const { verdicts, assessorsInSession } = input;
  const theory = theoryExplanation(input);

  let practicalPassed: boolean | null = null;
  let practical: Explanation;
  if (verdicts.length < assessorsInSession) {
    practical = explain('PRACTICAL_PENDING', {
      missing: assessorsInSession - verdicts.length,
      assessors: assessorsInSession,
    });
  } else {
    const voters = verdicts.length;
    const competent = verdicts.filter((verdict) => verdict === 'competent').length;
    practicalPassed = competent * 2 > voters;
    practical = explain(practicalPassed ? 'PRACTICAL_MAJORITY' : 'PRACTICAL_NO_MAJORITY', { competent, voters });
  }

  let status: SkillExamStatus;
  if (theory.passed === null || practicalPassed === null) status = 'pending';
  else status = theory.passed && practicalPassed ? 'passed' : 'failed';

  const explanations = [theory.explanation, practical];
  return {
    status,
    theoryPassed: theory.passed,
    practicalPassed,
    reason: explanations.map((e) => e.message).join('; '),
    explanations,
  };
}
