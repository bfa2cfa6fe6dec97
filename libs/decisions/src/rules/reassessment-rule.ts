/**
 * The re-assessment of contested skills on appeal (docs/DECISIONS.md, Appeals):
 *
 * - Every panel member records a verdict on every contested skill; a skill is credited on appeal
 *   when strictly more than half of the panel records `passed`. A tie does not credit, as at the
 *   exam (exam-outcome.ts): crediting needs a majority. Until every member has recorded a
 *   verdict, the skill is pending — no one member's verdict decides, the first no more than the
 *   last.
 * - A skill the standard does not recommend for recognition is credited only by an assessment of
 *   the candidate, never on paper (DOMAIN.md §4): a `passed` verdict on it must rest on a
 *   re-examination record — a theory re-test (questions right of asked) and/or a practical
 *   observation — not on a note. A recommended skill may be re-assessed on the record (a note).
 * - A re-examination record must bear the verdict out: a `passed` verdict with a theory re-test
 *   below the pass mark, or with a practical observation of not yet competent, contradicts itself;
 *   so does `failed` with every part given passing. Each such verdict is refused, naming why.
 */
import { DomainException, explain, type Explanation, fieldError } from '@qualcert/shared';

export type SkillVerdict = 'passed' | 'failed';

export interface ReExamination {
  theory?: { correct: number; total: number };
  practical?: { verdict: 'competent' | 'not_yet_competent' };
}

export interface ReassessmentRecordInput {
  recognition: 'recommended' | 'not_recommended';
  result: SkillVerdict;
  reExamination: ReExamination | null;
  /** The pass mark a theory re-test must reach, in [0, 1]. */
  passMark: number;
}

/** Throws why the verdict may not be recorded (422 RE_EXAMINATION_REQUIRED / RE_EXAMINATION_CONTRADICTS, 400). */
export function checkReassessmentRecord(input: ReassessmentRecordInput): void {
  const theory = input.reExamination?.theory ?? null;
  const practical = input.reExamination?.practical ?? null;
  if (
    theory &&
    (!Number.isInteger(theory.total) ||
      theory.total < 1 ||
      !Number.isInteger(theory.correct) ||
      theory.correct < 0 ||
      theory.correct > theory.total)
  ) {
    throw DomainException.validation([fieldError('reExamination.theory', 'field:reTheory')]);
  }
  const theoryPassed = theory ? theory.correct / theory.total >= input.passMark : null;
  const practicalPassed = practical ? practical.verdict === 'competent' : null;
  const examined = theoryPassed !== null || practicalPassed !== null;

  if (input.result === 'passed' && input.recognition === 'not_recommended' && !examined) {
    throw new DomainException(
      'RE_EXAMINATION_REQUIRED',
      'A skill not recommended for recognition is credited on appeal only by a re-examination (theory and/or practical), not by a note',
      { fields: [fieldError('reExamination', 'field:reExaminationRequired')] },
    );
  }
  const failedParts = [theoryPassed === false ? 'theory' : null, practicalPassed === false ? 'practical' : null].filter(
    (p): p is string => p !== null,
  );
  if (input.result === 'passed' && failedParts.length > 0) {
    throw new DomainException(
      'RE_EXAMINATION_CONTRADICTS',
      `The re-examination does not bear out a pass: ${failedParts.join(' and ')} not passed`,
      {
        fields: failedParts.map((p) => fieldError(`reExamination.${p}`, 'field:notPassed')),
      },
    );
  }
  if (input.result === 'failed' && examined && failedParts.length === 0) {
    throw new DomainException(
      'RE_EXAMINATION_CONTRADICTS',
      'The re-examination passed every part it recorded: the verdict cannot be failed',
      {
        fields: [fieldError('result', 'field:contradicts')],
      },
    );
  }
}

export interface SkillResolution {
  skillId: string;
  status: 'pending' | 'credited' | 'not_credited';
  passed: number;
  recorded: number;
  members: number;
  explanation: Explanation;
}

/** The panel's resolution of one contested skill from its members' verdicts. */
export function skillResolution(skillId: string, verdicts: SkillVerdict[], members: number): SkillResolution {
  const passed = verdicts.filter((v) => v === 'passed').length;
  const recorded = verdicts.length;
  if (recorded < members) {
    return {
      skillId,
      status: 'pending',
      passed,
      recorded,
      members,
      explanation: explain('PANEL_SKILL_PENDING', { missing: members - recorded, members }),
    };
  }
  const credited = passed * 2 > recorded;
  return {
    skillId,
    status: credited ? 'credited' : 'not_credited',
    passed,
    recorded,
    members,
    explanation: explain(credited ? 'PANEL_SKILL_MAJORITY_CREDITS' : 'PANEL_SKILL_NO_MAJORITY', {
      credit: passed,
      members: recorded,
    }),
  };
}

/** Every contested skill's resolution, in the contested order; `complete` when none is pending. */
export function reassessmentResolution(
  contestedSkillIds: string[],
  verdicts: { skillId: string; result: SkillVerdict }[],
  members: number,
): { complete: boolean; skills: SkillResolution[] } {
  const skills = contestedSkillIds.map((skillId) =>
    skillResolution(
      skillId,
      verdicts.filter((v) => v.skillId === skillId).map((v) => v.result),
      members,
    ),
  );
  return { complete: skills.every((s) => s.status !== 'pending'), skills };
}
