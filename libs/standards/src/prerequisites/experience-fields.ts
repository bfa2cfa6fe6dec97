/** The catalogue of experience fields employment records are tagged with, and the words that name them. */

export interface ExperienceFieldDefinition {
  /** Russian name, as shown to candidates and staff. */
  label: string;
  /**
   * Matched against normalised text (see normaliseText): lower case, "ё" as "е", every dash as
   * "-", single spaces. Russian inflects, so patterns match stems.
   */
  patterns: RegExp[];
}

export const FIELD_DEFINITIONS = {
  reference_information_services: {
    label: 'справочно-информационные службы',
    patterns: [
      /справочно\s*-\s*информационн[а-я]*\s+(?:служб|обслуживани|услуг|деятельност|центр)[а-я]*/,
      // The same activity named the other way round, as standards' labour functions do.
      /информационно\s*-\s*справочн[а-я]*\s+(?:служб|обслуживани|услуг|деятельност|центр)[а-я]*/,
    ],
  },
  remote_information_consulting: {
    label: 'дистанционное информационно-консультационное обслуживание',
    patterns: [
      /дистанционн[а-я]*\s+информационно\s*-\s*консультационн[а-я]*\s+(?:обслуживани|услуг|деятельност|служб|центр)[а-я]*/,
    ],
  },
} satisfies Record<string, ExperienceFieldDefinition>;

/** The key employment records are tagged with. Stable: stored data refers to it. */
export type ExperienceFieldKey = keyof typeof FIELD_DEFINITIONS;

export const EXPERIENCE_FIELDS: Readonly<Record<string, ExperienceFieldDefinition>> = FIELD_DEFINITIONS;

export interface ExperienceFieldSummary {
  key: string;
  label: string;
}

/** The catalogue as an API lists it (patterns are an implementation detail). */
export function listExperienceFields(): ExperienceFieldSummary[] {
  return Object.entries(EXPERIENCE_FIELDS).map(([key, field]) => ({ key, label: field.label }));
}

export function isExperienceField(key: string): boolean {
  return Object.prototype.hasOwnProperty.call(EXPERIENCE_FIELDS, key);
}
