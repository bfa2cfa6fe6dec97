import { type FieldFault, fieldFault, localise } from '@qualcert/shared';
import type { AppliedCorrection } from '../entities/standard.entity';
import type { FunctionKind, ParsedCard, ParsedFunction, ParsedSkill, ParsedStandard } from '../parser/parsed-standard';

/**
 * A fix of what no parser can know (which words of a split title belong together, say), kept in
 * a file beside the standard's text. It names its target and the text as parsed, so a
 * correction written for one text is never applied blindly to another.
 */
export interface Correction {
  /** Position of the card in the standard, 1-based. */
  card: number;
  function?: { kind: FunctionKind; number: number };
  /** Position of the skill within its function, 1-based. */
  skill?: number;
  field: CorrectionField;
  /** For list fields (abilities, knowledge): the item's position, 1-based. */
  index?: number;
  asParsed: string;
  shouldRead: string;
  reason?: string;
}

export const CARD_FIELDS = [
  'name',
  'mainGoal',
  'educationLevelText',
  'experienceText',
  'informalText',
  'specialty',
  'qualification',
] as const;
export const FUNCTION_FIELDS = ['title'] as const;
export const SKILL_FIELDS = ['title', 'abilities', 'knowledge'] as const;
export type CorrectionField =
  (typeof CARD_FIELDS)[number] | (typeof FUNCTION_FIELDS)[number] | (typeof SKILL_FIELDS)[number];

export interface CorrectionsFile {
  corrections: Correction[];
}

export class CorrectionsFileError extends Error {
  constructor(readonly problems: FieldFault[]) {
    super(`corrections file is not valid: ${(localise(problems, 'en') as unknown as string[]).join('; ')}`);
    this.name = 'CorrectionsFileError';
  }
}

const isPositiveInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v > 0;
const isText = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;

/** Checks the shape of a corrections file; the targets are checked when applied. */
export function readCorrectionsFile(json: unknown): CorrectionsFile {
  const problems: FieldFault[] = [];
  const list = (json as { corrections?: unknown } | null)?.corrections;
  if (!Array.isArray(list)) throw new CorrectionsFileError([fieldFault('field:isArray', { field: 'corrections' })]);
  list.forEach((raw: unknown, i) => {
    const at = `corrections[${i}]`;
    const c = (raw ?? {}) as Record<string, unknown>;
    if (!isPositiveInt(c.card)) problems.push(fieldFault('field:positiveWhole', { field: `${at}.card` }));
    if (!isText(c.asParsed)) problems.push(fieldFault('field:nonEmptyText', { field: `${at}.asParsed` }));
    if (!isText(c.shouldRead)) problems.push(fieldFault('field:nonEmptyText', { field: `${at}.shouldRead` }));
    const fn = c.function as { kind?: unknown; number?: unknown } | undefined;
    if (fn !== undefined && (!['mandatory', 'additional'].includes(String(fn.kind)) || !isPositiveInt(fn.number))) {
      problems.push(fieldFault('field:correctionFunction', { field: `${at}.function` }));
    }
    if (c.skill !== undefined && (fn === undefined || !isPositiveInt(c.skill))) {
      problems.push(fieldFault('field:correctionSkill', { field: `${at}.skill` }));
    }
    const allowed: readonly string[] =
      c.skill !== undefined ? SKILL_FIELDS : fn !== undefined ? FUNCTION_FIELDS : CARD_FIELDS;
    if (typeof c.field !== 'string' || !allowed.includes(c.field)) {
      problems.push(fieldFault('field:isIn', { field: `${at}.field`, values: allowed.join(', ') }));
    }
    const isList = c.field === 'abilities' || c.field === 'knowledge';
    if (isList !== (c.index !== undefined) || (isList && !isPositiveInt(c.index))) {
      problems.push(fieldFault('field:correctionIndex', { field: `${at}.index` }));
    }
  });
  if (problems.length > 0) throw new CorrectionsFileError(problems);
  return { corrections: list as Correction[] };
}

function describe(c: Correction): string {
  const parts = [`card ${c.card}`];
  if (c.function) parts.push(`${c.function.kind} function ${c.function.number}`);
  if (c.skill !== undefined) parts.push(`skill ${c.skill}`);
  return parts.join(', ');
}

interface Slot {
  get(): string | null;
  set(value: string): void;
}

function slotFor(standard: ParsedStandard, c: Correction): Slot | null {
  const card: ParsedCard | undefined = standard.cards[c.card - 1];
  if (!card) return null;
  if (!c.function) {
    const field = c.field as (typeof CARD_FIELDS)[number];
    return { get: () => card[field], set: (v) => (card[field] = v) };
  }
  const fn: ParsedFunction | undefined = card.functions.filter((f) => f.kind === c.function?.kind)[
    c.function.number - 1
  ];
  if (!fn) return null;
  if (c.skill === undefined) return { get: () => fn.title, set: (v) => (fn.title = v) };
  const skill: ParsedSkill | undefined = fn.skills[c.skill - 1];
  if (!skill) return null;
  if (c.field === 'title') return { get: () => skill.title, set: (v) => (skill.title = v) };
  const items = c.field === 'abilities' ? skill.abilities : skill.knowledge;
  const i = (c.index ?? 0) - 1;
  if (i < 0 || i >= items.length) return null;
  return { get: () => items[i], set: (v) => (items[i] = v) };
}

/**
 * Applies the corrections in place. One whose target is missing or whose "as parsed" text no
 * longer matches is reported and skipped: the text has changed and a person must look again.
 */
export function applyCorrections(standard: ParsedStandard, corrections: Correction[]): AppliedCorrection[] {
  return corrections.map((c) => {
    const target = describe(c);
    const field = c.index !== undefined ? `${c.field}[${c.index}]` : c.field;
    const result = { target, field, asParsed: c.asParsed, shouldRead: c.shouldRead };
    const slot = slotFor(standard, c);
    if (!slot) return { ...result, applied: false, reason: 'target not found in this text' };
    const current = slot.get();
    if (current !== c.asParsed) {
      return { ...result, applied: false, reason: `text as parsed no longer matches (it reads "${current ?? ''}")` };
    }
    slot.set(c.shouldRead);
    return c.reason ? { ...result, applied: true, reason: c.reason } : { ...result, applied: true };
  });
}
