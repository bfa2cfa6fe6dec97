import type { FunctionKind, RecognitionFlag } from '../parser/parsed-standard';

export interface OutlineSkill {
  readonly id: string;
  readonly functionId: string;
  /** Position within its function, 1-based. */
  readonly number: number;
  /** "1.2": the function's number within its kind and the skill's, as documents print them. */
  readonly label: string;
  readonly title: string;
  readonly recognition: RecognitionFlag;
  readonly abilities: readonly string[];
  readonly knowledge: readonly string[];
}

export interface OutlineFunction {
  readonly id: string;
  readonly kind: FunctionKind;
  /** Position within its kind. */
  readonly number: number;
  readonly title: string;
  /** By number. */
  readonly skills: readonly OutlineSkill[];
}

/** A card's labour functions and skills, functions in the card's order (mandatory first). */
export interface CardOutline {
  readonly cardId: string;
  readonly functions: readonly OutlineFunction[];
}

/**
 * The functions an application (or a program) is assessed on: every mandatory one and the
 * additional ones chosen, in the card's order. Ids of functions the card does not hold are ignored.
 */
export function assessedFunctions(outline: CardOutline, chosenAdditional: readonly string[]): OutlineFunction[] {
  const chosen = new Set(chosenAdditional);
  return outline.functions.filter((f) => f.kind === 'mandatory' || chosen.has(f.id));
}

/** The skills of the assessed functions, in the card's order. */
export function assessedSkills(outline: CardOutline, chosenAdditional: readonly string[]): OutlineSkill[] {
  return assessedFunctions(outline, chosenAdditional).flatMap((f) => f.skills);
}

/** The ids of the card's additional functions, in the card's order. */
export function additionalFunctionIds(outline: CardOutline): string[] {
  return outline.functions.filter((f) => f.kind === 'additional').map((f) => f.id);
}
