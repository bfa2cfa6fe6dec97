import { skillExamOutcome, type PracticalVerdict, type SkillExamStatus } from './exam-outcome';

/** What one enrolment's exam outcome is computed from (as ProgressService.enrolmentResults reads it). */
export interface ExamFacts {
  cardId: string;
  examinedSkillIds: string[];
  /** In [0, 1]. */
  passMark: number;
  skillFloor: number;
  assessorsInSession: number;
  /** The whole test's share and each skill's; null until the test is submitted. */
  overallShare: number | null;
  skillShares: Map<string, number>;
  /** Signed verdicts only, by skill. */
  verdicts: Map<string, PracticalVerdict[]>;
}

export interface OutcomeTally {
  passed: number;
  failed: number;
  pending: number;
}

export interface ExamTally {
  /** Per card: candidates examined, and each one's whole exam (passed only when every examined skill passed). */
  cards: Map<string, OutcomeTally>;
  /** Per card and skill: the skill's outcomes. */
  skills: Map<string, { cardId: string } & OutcomeTally>;
}

const empty = (): OutcomeTally => ({ passed: 0, failed: 0, pending: 0 });

/**
 * The exam outcomes of many enrolments counted per card and per skill, by the same rule as each
 * candidate's own results (exam-outcome.ts). A candidate's exam is pending while any skill is,
 * failed when a skill failed and none is pending, passed when every skill passed.
 */
export function tallyExamOutcomes(enrolments: ExamFacts[]): ExamTally {
  const cards = new Map<string, OutcomeTally>();
  const skills = new Map<string, { cardId: string } & OutcomeTally>();
  for (const e of enrolments) {
    const statuses: SkillExamStatus[] = e.examinedSkillIds.map((skillId) => {
      const { status } = skillExamOutcome({
        theoryShare: e.skillShares.get(skillId) ?? null,
        overallShare: e.overallShare,
        passMark: e.passMark,
        skillFloor: e.skillFloor,
        verdicts: e.verdicts.get(skillId) ?? [],
        assessorsInSession: e.assessorsInSession,
      });
      const skill = skills.get(skillId) ?? { cardId: e.cardId, ...empty() };
      skill[status] += 1;
      skills.set(skillId, skill);
      return status;
    });
    const card = cards.get(e.cardId) ?? empty();
    if (statuses.includes('pending')) card.pending += 1;
    else if (statuses.includes('failed')) card.failed += 1;
    else card.passed += 1;
    cards.set(e.cardId, card);
  }
  return { cards, skills };
}
