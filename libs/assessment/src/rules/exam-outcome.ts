/**
 * The outcome of one skill at an exam session (DOMAIN.md §5): the skill passes when its theory
 * share reaches the pass mark and a majority of the session's assessors record competent.
 *
 * - Theory passes at the pass mark exactly (0.7 against 0.7 passes): "reaches".
 * - Majority means strictly more than half: 1 of 2 is a tie and fails, 2 of 3 passes. It is
 *   counted over every assessor of the session, so an assessor who has not signed is not a vote
 *   for either side; were more verdicts given than the session has assessors, they are all
 *   counted, which can only make a majority harder to reach.
 * - The outcome stays pending until both parts are in, even when one part has already failed:
 *   the conclusion and any appeal need the whole record of the skill, and an assessor's verdict
 *   is recorded whatever the theory result.
 * - The reason states both parts, theory first, in plain English.
 */
import { DomainException } from '@qualcert/shared/errors/domain.exception';
import type { FieldError } from '@qualcert/shared/errors/error-codes';

export type PracticalVerdict = 'competent' | 'not_yet_competent';

export type SkillExamStatus = 'pending' | 'passed' | 'failed';

export interface SkillExamInput {
  /** The skill's theory share in [0, 1]; null until the test is scored. */
  theoryShare: number | null;
  /** In [0, 1]; 0.7 is 70 %. */
  passMark: number;
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
  if (input.theoryShare !== null && !isShare(input.theoryShare)) {
    fields.push({ field: 'theoryShare', messages: ['theoryShare must be between 0 and 1'] });
  }
  if (!isShare(input.passMark)) {
    fields.push({ field: 'passMark', messages: ['passMark must be between 0 and 1'] });
  }
  // A session without assessors would fail every candidate for want of a majority.
  if (!Number.isInteger(input.assessorsInSession) || input.assessorsInSession < 1) {
    fields.push({ field: 'assessorsInSession', messages: ['assessorsInSession must be a whole number of at least 1'] });
  }
  if (fields.length > 0) throw DomainException.validation(fields, 'The skill exam outcome cannot be computed');
}

function assessors(count: number): string {
  return count === 1 ? 'assessor' : 'assessors';
}

/** Throws VALIDATION_FAILED for a share or pass mark outside [0, 1] or a session without assessors. */
export function skillExamOutcome(input: SkillExamInput): SkillExamOutcome {
  validate(input);
  const { theoryShare, passMark, verdicts, assessorsInSession } = input;

  let theoryPassed: boolean | null = null;
  let theoryReason = 'waiting for the theory test result';
  if (theoryShare !== null) {
    theoryPassed = theoryShare >= passMark;
    theoryReason = theoryPassed
      ? `theory ${formatPercent(theoryShare)} reaches the pass mark ${formatPercent(passMark)}`
      : `theory ${formatPercent(theoryShare)} below the pass mark ${formatPercent(passMark)}`;
  }

  let practicalPassed: boolean | null = null;
  let practicalReason: string;
  if (verdicts.length < assessorsInSession) {
    const missing = assessorsInSession - verdicts.length;
    practicalReason = `waiting for ${missing === 1 ? 'a verdict' : 'verdicts'} from ${missing} of ${assessorsInSession} ${assessors(assessorsInSession)}`;
  } else {
    const voters = verdicts.length;
    const competent = verdicts.filter((verdict) => verdict === 'competent').length;
    practicalPassed = competent * 2 > voters;
    practicalReason = `${competent} of ${voters} ${assessors(voters)} recorded competent: ${practicalPassed ? 'a majority' : 'no majority'}`;
  }

  let status: SkillExamStatus;
  if (theoryPassed === null || practicalPassed === null) status = 'pending';
  else status = theoryPassed && practicalPassed ? 'passed' : 'failed';

  return { status, theoryPassed, practicalPassed, reason: `${theoryReason}; ${practicalReason}` };
}
