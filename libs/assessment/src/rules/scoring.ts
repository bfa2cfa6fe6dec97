/**
 * Automatic scoring of a theory test, per skill and overall (DOMAIN.md §5).
 *
 * - A single-choice item is correct when the candidate chose exactly one option and it is the
 *   key's one option. A key that does not name exactly one option is a bank defect; such an item
 *   cannot be answered correctly, rather than being scored by a guess at what was meant.
 * - A multiple-choice item is correct only when the chosen set equals the key's set: no partial
 *   credit, order and repeated ids ignored. Partial credit would let a candidate who ticks every
 *   box score on every item.
 * - An unanswered item (null, or no option chosen) is wrong, so leaving an item blank never pays.
 * - share = correct / total, rounded half up to SHARE_DECIMALS places (0 when there are no
 *   items), so that it stores and prints the same everywhere. With fewer than 200 items a skill,
 *   rounding cannot carry a share onto a pass mark given in whole percent: a share that is not the
 *   pass mark differs from it by at least 1/(100·total), more than the 0.00005 rounding moves it.
 * - The overall share comes from the counts, not from averaging the skills' shares.
 */

export type QuestionType = 'single' | 'multiple';

export interface ScoredItem {
  skillId: string;
  type: QuestionType;
  correctOptionIds: string[];
  /** null: never answered. */
  answerOptionIds: string[] | null;
}

export interface Score {
  correct: number;
  total: number;
  /** correct / total in [0, 1], SHARE_DECIMALS places. */
  share: number;
}

export interface SkillScore extends Score {
  skillId: string;
}

export interface TestScore {
  /** In the order each skill first appears in the items. */
  perSkill: SkillScore[];
  overall: Score;
}

export const SHARE_DECIMALS = 4;

const SHARE_SCALE = 10 ** SHARE_DECIMALS;

/** correct / total rounded to SHARE_DECIMALS places; 0 for an empty total. */
export function shareOf(correct: number, total: number): number {
  if (total <= 0) return 0;
  // Scaling before dividing keeps exact fractions exact: 7 * 10000 / 10 is 7000, not 6999.999….
  return Math.round((correct * SHARE_SCALE) / total) / SHARE_SCALE;
}

/** Whether one item was answered correctly, by the rules above. */
export function isAnswerCorrect(item: Pick<ScoredItem, 'type' | 'correctOptionIds' | 'answerOptionIds'>): boolean {
  if (item.answerOptionIds === null) return false;
  const chosen = new Set(item.answerOptionIds);
  const key = new Set(item.correctOptionIds);
  if (chosen.size === 0) return false;
  if (item.type === 'single') {
    if (key.size !== 1 || chosen.size !== 1) return false;
    const [only] = chosen;
    return key.has(only);
  }
  if (chosen.size !== key.size) return false;
  return [...chosen].every((option) => key.has(option));
}

export function scoreTest(items: readonly ScoredItem[]): TestScore {
  const counts = new Map<string, { correct: number; total: number }>();
  let correct = 0;
  for (const item of items) {
    const skill = counts.get(item.skillId) ?? { correct: 0, total: 0 };
    const right = isAnswerCorrect(item);
    skill.total += 1;
    if (right) {
      skill.correct += 1;
      correct += 1;
    }
    counts.set(item.skillId, skill);
  }

  // A Map iterates in insertion order, which is each skill's first appearance.
  const perSkill: SkillScore[] = [...counts].map(([skillId, skill]) => ({
    skillId,
    correct: skill.correct,
    total: skill.total,
    share: shareOf(skill.correct, skill.total),
  }));
  return { perSkill, overall: { correct, total: items.length, share: shareOf(correct, items.length) } };
}

/**
 * A skill's theory outcome under an overall pass mark and a per-skill floor (DOMAIN.md §5, as exam
 * bodies mark): met when the whole test reaches the pass mark AND the skill reaches the floor. A
 * strong test does not carry a skill the candidate clearly does not know, and one slip in a skill
 * of three questions does not fail it while the test as a whole passes. Both marks are reached at
 * the mark exactly ("reaches"). Shares and marks are in [0, 1].
 */
export interface TheoryOutcomeInput {
  /** The skill's share; null until the test is scored. */
  skillShare: number | null;
  /** The whole test's share; null until the test is scored. */
  overallShare: number | null;
  passMark: number;
  skillFloor: number;
}

export interface TheoryOutcome {
  /** null until the test is scored. */
  met: boolean | null;
  overallPassed: boolean | null;
  skillReachedFloor: boolean | null;
}

export function theoryOutcome(input: TheoryOutcomeInput): TheoryOutcome {
  if (input.skillShare === null || input.overallShare === null) {
    return { met: null, overallPassed: null, skillReachedFloor: null };
  }
  const overallPassed = input.overallShare >= input.passMark;
  const skillReachedFloor = input.skillShare >= input.skillFloor;
  return { met: overallPassed && skillReachedFloor, overallPassed, skillReachedFloor };
}

/**
 * Whether one wrong answer in a skill fails it under these settings: questions × (1 − floor) < 1,
 * counted in whole percent so that no rounding decides (q · (100 − floor%) < 100). A program
 * whose every skill is failed by one slip is the 100 % pass mark in disguise.
 */
export function oneWrongAnswerFailsSkill(questionsPerSkill: number, skillFloorPercent: number): boolean {
  return questionsPerSkill * (100 - skillFloorPercent) < 100;
}
