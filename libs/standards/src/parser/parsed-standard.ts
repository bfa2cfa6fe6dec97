/**
 * What the parser makes of a published standard's text, before anything is stored.
 * Every element carries the 1-based line of the source it came from, so that warnings,
 * corrections and reviewers can point back at the text.
 */

export type RecognitionFlag = 'recommended' | 'not_recommended';
export type FunctionKind = 'mandatory' | 'additional';

/** A defect of the source that the parser worked around. Never silent. */
export interface ParseWarning {
  line: number;
  /** Stable machine code, e.g. CARD_MISNUMBERED, SKILL_MISNUMBERED, FLAG_MISSPELT. */
  code: string;
  message: string;
}

export interface OkedCode {
  code: string;
  name: string;
}

export interface CodedName {
  /** НКЗ occupation code such as 4224-5-003, or null when the text gives none. */
  code: string | null;
  name: string;
}

export interface RelatedProfession {
  orkLevel: number | null;
  code: string | null;
  name: string;
}

/**
 * What a line of a card's skill table was read as. Lets an audit (see `skillTableWords`) account
 * for every word of the table: text roles ("title", "ability", "knowledge") carry skill text,
 * the others carry layout or defects the parser left out.
 */
export type SkillLineRole =
  'function-label' | 'skill-heading' | 'title' | 'marker' | 'ability' | 'knowledge' | 'flag' | 'junk';

export interface SkillTableLine {
  line: number;
  role: SkillLineRole;
  /** Index of the skill (0-based, in the card's reading order) the line belongs to; -1 for none. */
  skill: number;
}

/** The source lines of a card's "Описание трудовых функций", first row to last flag. */
export interface SkillTableSource {
  startLine: number;
  endLine: number;
  /** Every non-blank line of the range, with what it was read as. */
  lines: SkillTableLine[];
}

/** An entry of the passport's "Перечень карточек профессий". */
export interface ListedCard {
  number: number;
  name: string;
  orkLevel: number;
  line: number;
}

export interface ParsedSkill {
  line: number;
  /** The number as printed ("Навык 3:"); may be wrong in the source, see warnings. */
  printedNumber: number;
  /** Position within its function, 1-based. */
  number: number;
  title: string;
  recognition: RecognitionFlag;
  abilities: string[];
  knowledge: string[];
}

export interface ParsedFunction {
  line: number;
  kind: FunctionKind;
  /** Position within its kind, 1-based, in the order of the card's "Перечень трудовых функций". */
  number: number;
  title: string;
  skills: ParsedSkill[];
}

export interface ParsedCard {
  line: number;
  /** The number printed before "Карточка профессии" (8, 10, 11…: the source misnumbers). */
  printedNumber: number | null;
  /** Position in the standard, 1-based. */
  number: number;
  groupCode: string | null;
  occupationCode: string | null;
  name: string;
  orkLevel: number;
  orkSublevel: string | null;
  /** "Уровень квалификации по ЕТКС, КС…" reference, when given. */
  qualificationReference: string | null;
  educationLevelText: string;
  /** Each "Уровень образования" the card prints, when it gives alternatives ("; "-joined above). */
  educationLevels?: string[];
  specialty: string | null;
  qualification: string | null;
  experienceText: string;
  informalText: string;
  otherNames: CodedName[];
  mainGoal: string;
  functions: ParsedFunction[];
  personalCompetencies: string[];
  technicalStandards: string[];
  relatedProfessions: RelatedProfession[];
  /** Where the skill table was read from and what each of its lines was read as. */
  skillTable?: SkillTableSource;
}

export interface ParsedStandard {
  title: string;
  /** e.g. "394/НҚ" */
  orderNumber: string | null;
  /** ISO date, e.g. "2025-07-30" */
  orderDate: string | null;
  /** Who issued the order, as printed, e.g. "Министр цифрового развития…". */
  issuedBy: string | null;
  okedCodes: OkedCode[];
  /** The passport's list of cards, against which the cards are checked. */
  cardList?: ListedCard[];
  cards: ParsedCard[];
  warnings: ParseWarning[];
}

/** A text that cannot be made sense of. Nothing is imported from it. */
export class StandardParseError extends Error {
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(`line ${line}: ${reason}`);
    this.name = 'StandardParseError';
  }
}
