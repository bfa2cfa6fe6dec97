/**
 * Explanations and warnings shown to people: a stable code, its parameters and the message
 * rendered in English from the code's template. Clients (and, later, the API by Accept-Language)
 * localise by the code and the parameters; the English message is what a client without a
 * translation shows. A code, once published, keeps its meaning and its parameters.
 */
export type ExplanationParams = Record<string, string | number | boolean | null>;

export interface Explanation {
  code: string;
  params: ExplanationParams;
  message: string;
}

/** Every code's English template; `{name}` is replaced by the parameter of that name. */
export const EXPLANATION_TEMPLATES = {
  // Theory (docs/ASSESSMENT.md §5)
  THEORY_PENDING: 'theory: waiting for the test result',
  THEORY_MET:
    'theory: the test {overall} reaches the pass mark {passMark} and the skill {skill} reaches the floor {floor}',
  THEORY_OVERALL_BELOW_PASS_MARK: 'theory: the test {overall} is below the pass mark {passMark}',
  THEORY_SKILL_BELOW_FLOOR: 'theory: the skill {skill} is below the floor {floor}',
  PRACTICAL_PENDING: 'practical: waiting for {missing} of {assessors} assessors to sign',
  PRACTICAL_MAJORITY: 'practical: {competent} of {voters} assessors recorded competent, a majority',
  PRACTICAL_NO_MAJORITY: 'practical: {competent} of {voters} assessors recorded competent, no majority',
  // Program settings (docs/ASSESSMENT.md §2)
  SETTINGS_ONE_WRONG_ANSWER_FAILS_SKILL:
    'with {questionsPerSkill} questions per skill and a floor of {skillFloorPercent}%, one wrong answer fails a skill: ask more questions or lower the floor',
  // The catalogue and applications (docs/CANDIDATES.md)
  EVERY_SKILL_EXAMINED:
    'none of the skills to be assessed is recommended for recognition: on the recognition pathway every skill will be examined at an exam session',
  // Appeals (docs/DECISIONS.md)
  PANEL_SKILL_MAJORITY_CREDITS: '{credit} of {members} panel members credit the skill: a majority',
  PANEL_SKILL_NO_MAJORITY: '{credit} of {members} panel members credit the skill: no majority, not credited',
  PANEL_SKILL_PENDING: '{missing} of {members} panel members have not recorded a verdict',
} as const;

export type ExplanationCode = keyof typeof EXPLANATION_TEMPLATES;

function render(template: string, params: ExplanationParams): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
  );
}

export function explain(code: ExplanationCode, params: ExplanationParams = {}): Explanation {
  return { code, params, message: render(EXPLANATION_TEMPLATES[code], params) };
}
