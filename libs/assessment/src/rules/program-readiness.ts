/**
 * Whether a qualification program can run an exam session (DOMAIN.md §5): every skill an exam
 * of it can examine — those of the card's mandatory labour functions and of the additional ones
 * the program offers — needs at least one practical task and enough active theory questions to
 * assemble a test (questionsPerSkill of them), so that no exam day of a ready program fails for
 * want of questions.
 *
 * Every skill that falls short is listed with every reason, in the order the skills are given,
 * so the centre can complete the program in one pass. A program with no mandatory skill at all is
 * not ready: it could assess nothing, and it means the card was loaded wrongly; `missing` is then
 * empty because no skill is at fault. Nor is a program whose settings let one wrong answer fail a
 * skill (`settings`, see scoring.ts oneWrongAnswerFailsSkill). Each reason is an explanation (code and
 * parameters) naming the skill by its number and title, rendered in the reader's language.
 */
import { DomainException, explain, type Explanation, fieldError } from '@qualcert/shared';
import { oneWrongAnswerFailsSkill } from './scoring';

export interface ProgramReadinessInput {
  /** Every skill an exam of the program can examine: the mandatory functions' and the offered additional ones'. */
  skillIds: string[];
  /** How each skill is named in messages: its number in the card ("3.2") and its title. */
  skillNames?: Record<string, { number: string; title: string }>;
  /** Practical tasks per skill id; a skill that is absent has none. */
  tasksBySkill: Record<string, number>;
  /** Active questions per skill id; a skill that is absent has none. */
  activeQuestionsBySkill: Record<string, number>;
  questionsPerSkill: number;
  /** The per-skill theory floor, in whole percent. */
  skillFloorPercent: number;
}

/** A setting the program cannot run with, naming the settings at fault. */
export interface SettingsProblem extends Explanation {
  fields: string[];
}

export interface MissingSkill {
  skillId: string;
  reasons: Explanation[];
}

export interface ProgramReadiness {
  ready: boolean;
  missing: MissingSkill[];
  /** Settings under which the exam would be unfair (empty when none). */
  settings: SettingsProblem[];
}

/** What is wrong with the program's settings themselves, whatever its tasks and bank. */
export function settingsProblems(questionsPerSkill: number, skillFloorPercent: number): SettingsProblem[] {
  if (!oneWrongAnswerFailsSkill(questionsPerSkill, skillFloorPercent)) return [];
  return [
    {
      ...explain('SETTINGS_ONE_WRONG_ANSWER_FAILS_SKILL', { questionsPerSkill, skillFloorPercent }),
      fields: ['questionsPerSkill', 'skillFloorPercent'],
    },
  ];
}

function countOf(counts: Record<string, number>, skillId: string): number {
  // Own keys only: a skill id such as "constructor" must not read the prototype.
  if (!Object.prototype.hasOwnProperty.call(counts, skillId)) return 0;
  const count = counts[skillId];
  return Number.isFinite(count) && count > 0 ? Math.floor(count) : 0;
}

/** Throws VALIDATION_FAILED when questionsPerSkill is not a positive whole number. */
export function programReadiness(input: ProgramReadinessInput): ProgramReadiness {
  const { questionsPerSkill } = input;
  if (!Number.isInteger(questionsPerSkill) || questionsPerSkill < 1) {
    throw DomainException.validation([fieldError('questionsPerSkill', 'field:wholeAtLeast', { min: 1 })]);
  }

  const skillIds = [...new Set(input.skillIds)];
  const missing: MissingSkill[] = [];
  for (const skillId of skillIds) {
    const reasons: Explanation[] = [];
    const own = input.skillNames && Object.prototype.hasOwnProperty.call(input.skillNames, skillId);
    const name = own ? input.skillNames![skillId] : { number: '?', title: skillId };
    const skill = { skill: name.number, title: name.title };
    if (countOf(input.tasksBySkill, skillId) < 1) reasons.push(explain('SKILL_HAS_NO_TASK', skill));
    const questions = countOf(input.activeQuestionsBySkill, skillId);
    if (questions < questionsPerSkill) {
      reasons.push(explain('SKILL_HAS_TOO_FEW_QUESTIONS', { ...skill, questions, needed: questionsPerSkill }));
    }
    if (reasons.length > 0) missing.push({ skillId, reasons });
  }
  const settings = settingsProblems(questionsPerSkill, input.skillFloorPercent);
  return { ready: skillIds.length > 0 && missing.length === 0 && settings.length === 0, missing, settings };
}
