/**
 * The re-assessment of contested skills on appeal: the panel's majority per skill, and the
 * re-examination a skill not recommended for recognition needs (docs/DECISIONS.md, Appeals, step 4).
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
