import type { CardOutline, OutlineFunction } from './card-outline';

export interface OutlineSpec {
  cardId?: string;
  /** Mandatory functions by id, each with its skills' ids, in the card's order. */
  mandatory?: Record<string, string[]>;
  /** Additional functions by id, each with its skills' ids, in the card's order. */
  additional?: Record<string, string[]>;
  /** Skills not recommended for recognition; the others are recommended. */
  notRecommended?: string[];
  /** What each skill lists. */
  abilities?: string[];
  knowledge?: string[];
}

/**
 * A card outline for specs, numbered as the reader numbers a stored card: functions by position
 * within their kind, skills within their function, labels "function.skill". A function's title is
 * its id in capitals, a skill's "skill <id>".
 */
export function outline(spec: OutlineSpec): CardOutline {
  const notRecommended = new Set(spec.notRecommended ?? []);
  const kind = (k: OutlineFunction['kind'], functions: Record<string, string[]> = {}): OutlineFunction[] =>
    Object.entries(functions).map(([id, skillIds], i) => ({
      id,
      kind: k,
      number: i + 1,
      title: id.toUpperCase(),
      skills: skillIds.map((skillId, j) => ({
        id: skillId,
        functionId: id,
        number: j + 1,
        label: `${i + 1}.${j + 1}`,
        title: `skill ${skillId}`,
        recognition: notRecommended.has(skillId) ? 'not_recommended' : 'recommended',
        abilities: spec.abilities ?? [],
        knowledge: spec.knowledge ?? [],
      })),
    }));
  return {
    cardId: spec.cardId ?? 'card',
    functions: [...kind('mandatory', spec.mandatory), ...kind('additional', spec.additional)],
  };
}
