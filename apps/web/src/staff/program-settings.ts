/** The program's numeric settings, their bounds as the API validates them, and their defaults. */
export const SETTINGS = [
  { key: 'questionsPerSkill', min: 1, max: 50, initial: 3 },
  { key: 'timeLimitMinutes', min: 5, max: 600, initial: 60 },
  { key: 'passMarkPercent', min: 1, max: 100, initial: 70 },
  { key: 'skillFloorPercent', min: 0, max: 100, initial: 50 },
  { key: 'assessorsPerSession', min: 1, max: 10, initial: 2 },
  { key: 'certificateValidityMonths', min: 1, max: 240, initial: 60 },
  { key: 'creditValidityMonths', min: 1, max: 120, initial: 12 },
  { key: 'appealWindowDays', min: 1, max: 90, initial: 10 },
  { key: 'retakeWaitDays', min: 0, max: 365, initial: 30 },
] as const;

export type SettingKey = (typeof SETTINGS)[number]['key'];
export type Settings = Record<SettingKey, number>;

export const DEFAULT_SETTINGS = Object.fromEntries(SETTINGS.map((s) => [s.key, s.initial])) as Settings;

export interface ReadinessReason {
  code: string;
  params: Record<string, unknown>;
  message: string;
}

/**
 * A readiness reason in words, from its code, so it follows the page's language when the person
 * switches; a code the page does not know is shown as the API rendered it.
 */
export function readinessReason(
  t: (key: string, options?: Record<string, unknown>) => string,
  reason: ReadinessReason,
): string {
  if (reason.code === 'SKILL_HAS_NO_TASK') return t('program.reason.noTask');
  if (reason.code === 'SKILL_HAS_TOO_FEW_QUESTIONS')
    return t('program.reason.questions', { has: reason.params.questions, needs: reason.params.needed });
  return reason.message;
}
