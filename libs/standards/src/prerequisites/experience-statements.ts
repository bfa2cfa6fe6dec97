/** Experience statements: whether experience is required, how long, and in which field. */
import { scanDurations } from './durations';
import { type EducationMention, mentionsFromMatches, rawLevelMatches } from './education-levels';
import { type ExperienceFieldKey, FIELD_DEFINITIONS } from './experience-fields';
import {
  blank,
  globalCopy,
  normaliseText,
  prepare,
  type PreparedText,
  type Span,
  uniq,
  wordRe,
} from './prerequisite-text';

export const NO_REQUIREMENT_RES: RegExp[] = [
  wordRe(
    'без\\s+(?:предъявлени[а-я]*\\s+)?(?:каких\\s*-\\s*либо\\s+)?(?:требовани[а-я]*\\s+)?(?:к\\s+)?(?:стаж|опыт)[а-я]*',
  ),
  wordRe('(?:стаж|опыт)[а-я]*(?:\\s+работы)?\\s+не\\s+(?:требуется|обязател[а-я]*)'),
];
/** In an experience text any mention of experience or a bound announces a duration. */
export const EXPERIENCE_ANCHOR_RE = wordRe('(?:опыт|стаж)[а-я]*|не\\s+менее');
/**
 * In an informal text "опыта специалиста (сертификаты…)" describes evidence, so only phrases
 * that require experience count: "с … опытом/стажем", "обязательно … стажа", "не менее".
 */
const INFORMAL_ANCHOR_RE = wordRe(
  // The gap is bounded: the obligation and its object sit in one short clause, and an unbounded
  // lazy gap makes long texts quadratic.
  'опытом|стажем|(?:обязательн[а-я]*|требуется)[^.;]{0,120}?(?:опыт|стаж)[а-я]*|не\\s+менее',
);
const RELATIVE_FIELD_RE = wordRe(
  '(?:(?:в|во|по)\\s+)?соответствующ[а-я]*\\s+(?:сфер|област|отрасл|направлени)[а-я]*(?:\\s+деятельности)?',
);
/** A preposition (and "сфере"-like noun) that introduces a field, swallowed with the field. */
const FIELD_LEAD_RE = /(?<![а-я])(?:в|во|по|на)\s+(?:(?:сфере|области|отрасли|направлении)(?:\s+деятельности)?\s+)?$/;
const NAMED_FIELD_RE = wordRe(
  '(?:в|во)\\s+(?:сфере|области|отрасли|направлении)(?:\\s+деятельности)?\\s+[а-яa-z][^.;,()#]*',
);
const FIELD_AFTER_ANCHOR_RE = wordRe('(?:в|во|по|на)\\s+(?!течение|том\\s+числе)[а-яa-z][^.;,()#]*');
const FIELD_AFTER_DURATION_RE = /^\s*(?:работы\s+)?(?:в|во|по|на)\s+(?!течение|том\s+числе)[а-яa-z][^.;,()#]*/;

interface FieldScan {
  /** Catalogue keys named, in order of appearance, without repeats. */
  known: ExperienceFieldKey[];
  /** "в соответствующей сфере деятельности": the field is named elsewhere. */
  relative: boolean;
  /** Field phrases the catalogue does not know. */
  unknown: string[];
}

function fieldKeys(): ExperienceFieldKey[] {
  return Object.keys(FIELD_DEFINITIONS) as ExperienceFieldKey[];
}

/** The catalogue key a phrase names, or null. Exported for tagging and tests. */
export function matchExperienceField(text: string): string | null {
  const lower = normaliseText(text);
  for (const key of fieldKeys()) {
    if (FIELD_DEFINITIONS[key].patterns.some((re) => new RegExp(re.source, re.flags).test(lower))) {
      return key;
    }
  }
  return null;
}

function scanFields(prepared: PreparedText, mode: 'experience' | 'informal', durations: Span[]): FieldScan {
  const { original, lower } = prepared;
  const chars = [...lower];
  const found: Array<{ key: ExperienceFieldKey; start: number }> = [];
  for (const key of fieldKeys()) {
    for (const re of FIELD_DEFINITIONS[key].patterns) {
      for (const m of lower.matchAll(globalCopy(re))) {
        const lead = FIELD_LEAD_RE.exec(lower.slice(0, m.index));
        const start = lead ? lead.index : m.index;
        found.push({ key, start: m.index });
        blank(chars, { start, end: m.index + m[0].length });
      }
    }
  }
  found.sort((a, b) => a.start - b.start);
  const relativeMatches = [...lower.matchAll(RELATIVE_FIELD_RE)];
  for (const m of relativeMatches) blank(chars, { start: m.index, end: m.index + m[0].length });
  for (const d of durations) blank(chars, d);

  const blanked = chars.join('');
  const unknown = new Map<number, string>();
  const note = (start: number, length: number): void => {
    const phrase = original.slice(start, start + length).trim();
    if (phrase !== '' && ![...unknown.values()].some((p) => p.includes(phrase))) {
      unknown.set(start, phrase);
    }
  };
  for (const m of blanked.matchAll(NAMED_FIELD_RE)) note(m.index, m[0].length);
  if (mode === 'experience') {
    // A field is stated after the experience it qualifies; before it stand education words
    // such as "по специальности (квалификации)".
    const anchor = globalCopy(EXPERIENCE_ANCHOR_RE).exec(lower);
    if (anchor !== null) {
      const from = anchor.index;
      for (const m of blanked.slice(from).matchAll(FIELD_AFTER_ANCHOR_RE)) {
        note(from + m.index, m[0].length);
      }
    }
  } else {
    for (const d of durations) {
      const m = FIELD_AFTER_DURATION_RE.exec(blanked.slice(d.end));
      if (m) note(d.end, m[0].length);
    }
  }
  return {
    known: uniq(found.map((f) => f.key)),
    relative: relativeMatches.length > 0,
    unknown: [...unknown.entries()].sort((a, b) => a[0] - b[0]).map(([, phrase]) => phrase),
  };
}

export interface StatementReading {
  text: string;
  mentions: EducationMention[];
  noRequirement: boolean;
  /** The text speaks of experience at all (so a duration was meant). */
  mentionsExperience: boolean;
  durations: number[];
  durationProblems: string[];
  fields: FieldScan;
}

export function readStatement(text: string, mode: 'experience' | 'informal'): StatementReading {
  const prepared = prepare(text);
  const { lower } = prepared;
  const scan = scanDurations(prepared.original);
  const anchorRe = mode === 'experience' ? EXPERIENCE_ANCHOR_RE : INFORMAL_ANCHOR_RE;
  return {
    text: prepared.original,
    mentions: mentionsFromMatches(lower, rawLevelMatches(lower)),
    noRequirement: NO_REQUIREMENT_RES.some((re) => globalCopy(re).test(lower)),
    mentionsExperience: globalCopy(anchorRe).test(lower),
    durations: uniq(scan.items.map((d) => d.months)),
    durationProblems: scan.problems,
    fields: scanFields(prepared, mode, scan.items),
  };
}
