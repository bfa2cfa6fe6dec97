/**
 * Turns a profession card's three prerequisite texts (DOMAIN.md §3) into PrerequisiteRoute rules.
 *
 * The code knows the vocabulary of such texts in Kazakhstan's professional standards (education
 * level names, number words, "не менее", "без предъявления требований к стажу", "или"/"либо") and
 * nothing about one particular standard, because an assessment centre loads many standards written
 * in the same register. What it cannot read it reports (status needs_review) instead of guessing:
 * a wrong rule would silently admit or refuse candidates, a review costs a person a minute.
 *
 * Readings chosen where the texts leave room:
 * - An education level text naming several levels ("послесреднее … ТиПО (специалист среднего
 *   звена)") lists the levels the card accepts, so its minimum is the lowest of them.
 * - An alternative naming ТиПО without saying which ("Техническое и профессиональное по
 *   специальности") means the ТиПО level the card's education level text names; when the card
 *   names none, any ТиПО qualifies, i.e. ТиПО (рабочие профессии).
 * - An alternative naming no level takes the card's education level.
 * - "в соответствующей сфере деятельности" refers to the field named in the same text (its nearest
 *   antecedent); failing that, to the single field the card's other prerequisite text names.
 *   No field or several candidate fields → needs_review.
 * - Experience stated without a field ("с опытом работы не менее одного года") counts experience
 *   in any field (experienceField null), as the text says. With no experience required the field
 *   is null too, because there is nothing to count.
 * - The informal text is one route: its "либо"/"или" join kinds of learning evidence, not
 *   alternative routes. An informal text that states no experience gives a route with 0 months
 *   (the text, not DOMAIN's typical "at least one year", decides). An empty informal text (a card
 *   whose cell is blank) or an explicit refusal ("не допускается") gives no informal route.
 * - "по специальности (квалификации)" after an education level is not modelled: routes carry no
 *   speciality, and the seed cards' Специальность column is "-".
 * - Only routes read in full are returned; with needs_review the list is incomplete and must not
 *   decide eligibility on its own.
 */
import {
  educationRank,
  type CardPrerequisites,
  type EducationLevel,
  type PrerequisiteRoute,
} from './prerequisite-rules';

// ---------------------------------------------------------------------------------------------
// Experience fields
// ---------------------------------------------------------------------------------------------

export interface ExperienceFieldDefinition {
  /** Russian name, as shown to candidates and staff. */
  label: string;
  /**
   * Matched against normalised text (see normaliseText): lower case, "ё" as "е", every dash as
   * "-", single spaces. Russian inflects, so patterns match stems.
   */
  patterns: RegExp[];
}

const FIELD_DEFINITIONS = {
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

// ---------------------------------------------------------------------------------------------
// Text preparation
// ---------------------------------------------------------------------------------------------

/**
 * Two views of one text with identical length, so that a span found in `lower` can be cut out of
 * `original` for sourceText and messages.
 */
interface PreparedText {
  original: string;
  lower: string;
}

function prepare(text: string): PreparedText {
  const original = text
    .replace(/\u00ad/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return { original, lower: normaliseText(original) };
}

/** Lower case, "ё" → "е", dashes → "-"; never changes the length of the string. */
export function normaliseText(text: string): string {
  let out = '';
  for (const ch of text) {
    const lowered = ch.toLowerCase();
    // A few characters lower-case into two; keep them as they are so indices stay aligned.
    const kept = lowered.length === ch.length ? lowered : ch;
    out += kept
      .replace(/ё/g, 'е')
      .replace(/[\u2010-\u2015\u2212]/g, '-')
      .replace(/\s/g, ' ');
  }
  return out;
}

interface Span {
  start: number;
  end: number;
}

const LETTER = 'а-яa-z';
const NOT_AFTER_LETTER = `(?<![${LETTER}0-9])`;
const NOT_BEFORE_LETTER = `(?![${LETTER}0-9])`;

/** A whole-word global regex: JavaScript's \b does not know Cyrillic letters. */
function wordRe(source: string): RegExp {
  return new RegExp(`${NOT_AFTER_LETTER}(?:${source})${NOT_BEFORE_LETTER}`, 'g');
}

function globalCopy(re: RegExp): RegExp {
  return new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
}

function blank(chars: string[], span: Span): void {
  for (let i = span.start; i < span.end; i += 1) chars[i] = '#';
}

function quote(text: string): string {
  return `"${text}"`;
}

function uniq<T>(values: T[]): T[] {
  return [...new Set(values)];
}

// ---------------------------------------------------------------------------------------------
// Education levels
// ---------------------------------------------------------------------------------------------

type LevelFamily = 'general_secondary' | 'tvet' | 'post_secondary' | 'higher' | 'postgraduate';

/**
 * head: names a level and may be followed by a parenthesised refinement ("высшее образование
 * (бакалавриат, специалитет)") whose words then do not count as levels of their own;
 * keyword: a sub-level named alone ("магистратура"); tvet_qualifier: which ТиПО level.
 */
type LevelPatternKind = 'head' | 'keyword' | 'tvet_qualifier';

interface LevelPattern {
  kind: LevelPatternKind;
  family: LevelFamily;
  /** null: the family's level is not stated (ТиПО without "рабочие профессии" or "специалист…"). */
  level: EducationLevel | null;
  re: RegExp;
}

const EDUCATION = '(?:\\s+образовани[а-я]*)?';

const LEVEL_PATTERNS: LevelPattern[] = [
  {
    kind: 'head',
    family: 'postgraduate',
    level: 'postgraduate',
    re: wordRe(`послевузовск[а-я]*${EDUCATION}`),
  },
  {
    kind: 'head',
    family: 'post_secondary',
    level: 'post_secondary',
    re: wordRe(`послесредн[а-я]*(?:\\s+профессиональн[а-я]*)?${EDUCATION}`),
  },
  {
    kind: 'head',
    family: 'higher',
    level: 'higher',
    re: wordRe('высш[а-я]*\\s+(?:профессиональн[а-я]*\\s+)?образовани[а-я]*'),
  },
  {
    kind: 'head',
    family: 'tvet',
    level: null,
    re: wordRe(`техническ[а-я]*\\s+и\\s+профессиональн[а-я]*${EDUCATION}`),
  },
  { kind: 'head', family: 'tvet', level: null, re: wordRe('типо') },
  {
    // The pre-ТиПО names of the same level.
    kind: 'head',
    family: 'tvet',
    level: null,
    re: wordRe(`средн[а-я]*\\s+(?:профессиональн|специальн)[а-я]*${EDUCATION}`),
  },
  {
    kind: 'head',
    family: 'tvet',
    level: 'tvet_worker',
    re: wordRe(`(?:начальн[а-я]*\\s+профессиональн|профессионально\\s*-\\s*техническ)[а-я]*${EDUCATION}`),
  },
  {
    kind: 'head',
    family: 'general_secondary',
    level: 'general_secondary',
    re: wordRe(`(?:общ[а-я]*\\s+средн[а-я]*|средн[а-я]*\\s+общ[а-я]*)${EDUCATION}|среднее\\s+образовани[а-я]*`),
  },
  {
    kind: 'keyword',
    family: 'postgraduate',
    level: 'postgraduate',
    re: wordRe('(?:магистратур|докторантур|резидентур)[а-я]*'),
  },
  {
    kind: 'keyword',
    family: 'post_secondary',
    level: 'post_secondary',
    re: wordRe('прикладн[а-я]*\\s+бакалавриат[а-я]*'),
  },
  {
    kind: 'keyword',
    family: 'higher',
    level: 'higher',
    re: wordRe('(?:бакалавриат|специалитет)[а-я]*'),
  },
  {
    kind: 'tvet_qualifier',
    family: 'tvet',
    level: 'tvet_worker',
    re: wordRe('рабоч[а-я]*\\s+професси[а-я]*|квалифицированн[а-я]*\\s+рабоч[а-я]*(?:\\s+кадр[а-я]*)?'),
  },
  {
    kind: 'tvet_qualifier',
    family: 'tvet',
    level: 'tvet_specialist',
    re: wordRe('специалист[а-я]*\\s+среднего\\s+звена|средн[а-я]*\\s+звен[а-я]*'),
  },
];

/** Words that may stand in an education level text without naming a level. */
const EDUCATION_FILLER: RegExp[] = [
  wordRe('уровень(?:\\s+образования)?'),
  wordRe('образовани[а-я]*'),
  wordRe('по\\s+специальност[а-я]*'),
  wordRe('специальност[а-я]*'),
  wordRe('квалификаци[а-я]*'),
  wordRe('не\\s+ниже'),
  wordRe('а\\s+также'),
  wordRe('или|либо|и'),
  // Sub-levels printed inside a level's parentheses; the head names the level.
  wordRe('(?:ординатур|интернатур)[а-я]*'),
];

export interface EducationMention {
  family: LevelFamily;
  /** null: ТиПО named without saying which of its two levels. */
  level: EducationLevel | null;
  start: number;
  end: number;
}

interface RawLevelMatch extends Span {
  pattern: LevelPattern;
}

function rawLevelMatches(lower: string): RawLevelMatch[] {
  const all: RawLevelMatch[] = [];
  for (const pattern of LEVEL_PATTERNS) {
    for (const m of lower.matchAll(globalCopy(pattern.re))) {
      all.push({ pattern, start: m.index, end: m.index + m[0].length });
    }
  }
  // Longest match at the earliest position wins: "прикладной бакалавриат" over "бакалавриат".
  all.sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start));
  const chosen: RawLevelMatch[] = [];
  let reached = 0;
  for (const match of all) {
    if (match.start >= reached) {
      chosen.push(match);
      reached = match.end;
    }
  }
  return chosen;
}

/** The end of a parenthesised group opening right after `from`, or null when there is none. */
function parenthesisEnd(lower: string, from: number): number | null {
  const open = /^\s*\(/.exec(lower.slice(from));
  if (!open) return null;
  let depth = 0;
  for (let i = from + open[0].length - 1; i < lower.length; i += 1) {
    if (lower[i] === '(') depth += 1;
    if (lower[i] === ')') {
      depth -= 1;
      if (depth === 0) return i + 1;
    }
  }
  return lower.length;
}

function mentionsFromMatches(lower: string, matches: RawLevelMatch[]): EducationMention[] {
  const mentions: EducationMention[] = [];
  for (let i = 0; i < matches.length; i += 1) {
    const match = matches[i];
    const { pattern } = match;
    if (pattern.kind !== 'head') {
      mentions.push({
        family: pattern.family,
        level: pattern.level,
        start: match.start,
        end: match.end,
      });
      continue;
    }
    let level = pattern.level;
    let end = match.end;
    const closing = parenthesisEnd(lower, match.end);
    if (closing !== null) {
      // The parenthesis refines the head: its words are not levels of their own.
      let j = i + 1;
      while (j < matches.length && matches[j].start < closing) {
        if (pattern.family === 'tvet' && level === null && matches[j].pattern.kind === 'tvet_qualifier') {
          level = matches[j].pattern.level;
        }
        j += 1;
      }
      i = j - 1;
      end = closing;
    } else if (pattern.family === 'tvet' && level === null) {
      // "ТиПО специалист среднего звена" without parentheses.
      const next = matches[i + 1];
      if (
        next !== undefined &&
        next.pattern.kind === 'tvet_qualifier' &&
        /^[\s,:-]*$/.test(lower.slice(match.end, next.start))
      ) {
        level = next.pattern.level;
        end = next.end;
        i += 1;
      }
    }
    mentions.push({ family: pattern.family, level, start: match.start, end });
  }
  return mentions;
}

/** Education levels named in a (normalised) text, in order of appearance. */
export function findEducationMentions(text: string): EducationMention[] {
  const lower = normaliseText(text);
  return mentionsFromMatches(lower, rawLevelMatches(lower));
}

function lowestLevel(levels: EducationLevel[]): EducationLevel | null {
  if (levels.length === 0) return null;
  return levels.reduce((low, level) => (educationRank(level) < educationRank(low) ? level : low));
}

function sortLevels(levels: EducationLevel[]): EducationLevel[] {
  return uniq(levels).sort((a, b) => educationRank(a) - educationRank(b));
}

export interface EducationReading {
  /** The minimum the text accepts (the lowest level it names); null when none could be read. */
  level: EducationLevel | null;
  /** Every level named, lowest first; an unqualified ТиПО counts as ТиПО (рабочие профессии). */
  levels: EducationLevel[];
  /** The ТиПО levels named explicitly, lowest first; they narrow an unqualified "ТиПО" elsewhere. */
  tvetLevels: EducationLevel[];
  /** Words that name no known level; any means the text needs review. */
  unrecognised: string[];
}

/** Reads a card's "Уровень образования" text. */
export function readEducationLevel(text: string): EducationReading {
  const prepared = prepare(text);
  const matches = rawLevelMatches(prepared.lower);
  const mentions = mentionsFromMatches(prepared.lower, matches);
  const levels = sortLevels(mentions.map((m) => m.level ?? 'tvet_worker'));
  const tvetLevels = sortLevels(mentions.flatMap((m) => (m.family === 'tvet' && m.level !== null ? [m.level] : [])));

  const chars = [...prepared.lower];
  for (const match of matches) blank(chars, match);
  for (const filler of EDUCATION_FILLER) {
    for (const m of chars.join('').matchAll(globalCopy(filler))) {
      blank(chars, { start: m.index, end: m.index + m[0].length });
    }
  }
  const rest = chars.join('');
  const unrecognised = [...rest.matchAll(/[а-яa-z]+(?:-[а-яa-z]+)*/g)].map((m) =>
    prepared.original.slice(m.index, m.index + m[0].length),
  );

  return { level: lowestLevel(levels), levels, tvetLevels, unrecognised };
}

// ---------------------------------------------------------------------------------------------
// Durations
// ---------------------------------------------------------------------------------------------

const NUMBER_WORDS: Record<string, number> = {
  один: 1,
  одного: 1,
  одному: 1,
  одним: 1,
  одном: 1,
  два: 2,
  двух: 2,
  двум: 2,
  двумя: 2,
  три: 3,
  трех: 3,
  трем: 3,
  тремя: 3,
  четыре: 4,
  четырех: 4,
  четырем: 4,
  пять: 5,
  пяти: 5,
  шесть: 6,
  шести: 6,
  семь: 7,
  семи: 7,
  восемь: 8,
  восьми: 8,
  девять: 9,
  девяти: 9,
  десять: 10,
  десяти: 10,
  одиннадцать: 11,
  одиннадцати: 11,
  двенадцать: 12,
  двенадцати: 12,
  полтора: 1.5,
  полутора: 1.5,
};

const NUMBER_SOURCE = ['\\d+(?:[.,]\\d+)?', ...Object.keys(NUMBER_WORDS).sort((a, b) => b.length - a.length)].join('|');
const YEAR_UNIT = 'год(?:а|у|ом|ов)?|лет';
const MONTH_UNIT = 'месяц(?:а|ев|у|ем|ам|ами)?';
const DURATION_RE = new RegExp(
  `${NOT_AFTER_LETTER}(?:(${NUMBER_SOURCE})\\s+)?(${YEAR_UNIT}|${MONTH_UNIT})(?![${LETTER}])` +
    `|${NOT_AFTER_LETTER}(полгода|полугода)(?![${LETTER}])`,
  'g',
);
/** Bounds that make a duration a minimum. */
const AT_LEAST_BEFORE = /(?<![а-я])(?:не\s+менее|не\s+меньше|от|минимум)\s+$/;
/** Bounds that do not: a maximum, or a strict "more than" that whole months cannot express. */
const NOT_AT_LEAST_BEFORE = /(?<![а-я])(?:не\s+более|не\s+больше|более|больше|свыше|до)\s+$/;
/** Longest plausible requirement; a larger number is a date or an age, not a duration. */
const MAX_MONTHS = 50 * 12;

interface DurationItem extends Span {
  months: number;
  unit: 'years' | 'months';
}

export interface DurationScan {
  /** Each duration read, in whole months, in order of appearance. */
  items: Array<{ months: number; start: number; end: number }>;
  /** Durations that were stated but cannot serve as a minimum in whole months. */
  problems: string[];
}

/** Reads "не менее одного года", "не менее 6 месяцев", "пяти лет", "2 года 6 месяцев"… */
export function scanDurations(text: string): DurationScan {
  const { original, lower } = prepare(text);
  const items: DurationItem[] = [];
  const problems: string[] = [];
  for (const m of lower.matchAll(DURATION_RE)) {
    const start = m.index;
    const end = start + m[0].length;
    const phrase = original.slice(start, end);
    const before = lower.slice(0, start);
    if (m[3] !== undefined) {
      items.push({ months: 6, unit: 'months', start, end });
      continue;
    }
    const numberText = m[1];
    const unitText = m[2] ?? '';
    const unit = unitText.startsWith('месяц') ? 'months' : 'years';
    let value: number;
    if (numberText === undefined) {
      // A bare "года" is a duration only after a bound ("не менее года"); elsewhere it is not one.
      if (!AT_LEAST_BEFORE.test(before) && !NOT_AT_LEAST_BEFORE.test(before)) continue;
      value = 1;
    } else {
      value = NUMBER_WORDS[numberText] ?? Number(numberText.replace(',', '.'));
    }
    const months = value * (unit === 'years' ? 12 : 1);
    if (NOT_AT_LEAST_BEFORE.test(before)) {
      problems.push(`${quote(phrase)} is not stated as a minimum ("не менее …")`);
      continue;
    }
    if (!Number.isInteger(months) || months <= 0 || months > MAX_MONTHS) {
      problems.push(`${quote(phrase)} is not a plausible whole number of months`);
      continue;
    }
    items.push({ months, unit, start, end });
  }
  // "2 года 6 месяцев" is one duration.
  const merged: DurationItem[] = [];
  for (const item of items) {
    const last = merged[merged.length - 1];
    if (
      last !== undefined &&
      last.unit === 'years' &&
      item.unit === 'months' &&
      /^\s*(?:и\s+)?$/.test(lower.slice(last.end, item.start))
    ) {
      merged[merged.length - 1] = { ...last, months: last.months + item.months, end: item.end };
    } else {
      merged.push(item);
    }
  }
  return {
    items: merged.map(({ months, start, end }) => ({ months, start, end })),
    problems,
  };
}

// ---------------------------------------------------------------------------------------------
// Experience statements and fields
// ---------------------------------------------------------------------------------------------

const NO_REQUIREMENT_RES: RegExp[] = [
  wordRe(
    'без\\s+(?:предъявлени[а-я]*\\s+)?(?:каких\\s*-\\s*либо\\s+)?(?:требовани[а-я]*\\s+)?(?:к\\s+)?(?:стаж|опыт)[а-я]*',
  ),
  wordRe('(?:стаж|опыт)[а-я]*(?:\\s+работы)?\\s+не\\s+(?:требуется|обязател[а-я]*)'),
];
/** In an experience text any mention of experience or a bound announces a duration. */
const EXPERIENCE_ANCHOR_RE = wordRe('(?:опыт|стаж)[а-я]*|не\\s+менее');
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

interface StatementReading {
  text: string;
  mentions: EducationMention[];
  noRequirement: boolean;
  /** The text speaks of experience at all (so a duration was meant). */
  mentionsExperience: boolean;
  durations: number[];
  durationProblems: string[];
  fields: FieldScan;
}

function readStatement(text: string, mode: 'experience' | 'informal'): StatementReading {
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

// ---------------------------------------------------------------------------------------------
// Alternatives
// ---------------------------------------------------------------------------------------------

const ALTERNATIVE_SEPARATOR_RE = /;|(?<![а-яa-z-])(?:или|либо)(?![а-яa-z-])/g;

function hasSubstance(text: string): boolean {
  const lower = normaliseText(text);
  return (
    rawLevelMatches(lower).length > 0 ||
    scanDurations(text).items.length > 0 ||
    NO_REQUIREMENT_RES.some((re) => globalCopy(re).test(lower)) ||
    globalCopy(EXPERIENCE_ANCHOR_RE).test(lower)
  );
}

function trimRange(text: string, range: Span): Span | null {
  let { start, end } = range;
  while (start < end && /[\s,.;:]/.test(text[start])) start += 1;
  while (end > start && /[\s,;:]/.test(text[end - 1])) end -= 1;
  return /[а-яa-z0-9]/i.test(text.slice(start, end)) ? { start, end } : null;
}

/**
 * Splits an experience text into its alternatives at "или", "либо" and ";" outside parentheses.
 * A piece that names no level and no experience ("…продаж или обслуживания клиентов") is part of
 * its neighbour, not an alternative.
 */
export function splitAlternatives(text: string): string[] {
  const { original, lower } = prepare(text);
  const cuts: Span[] = [];
  let depth = 0;
  let scanned = 0;
  for (const m of lower.matchAll(ALTERNATIVE_SEPARATOR_RE)) {
    for (; scanned < m.index; scanned += 1) {
      if (lower[scanned] === '(') depth += 1;
      if (lower[scanned] === ')') depth = Math.max(0, depth - 1);
    }
    if (depth === 0) cuts.push({ start: m.index, end: m.index + m[0].length });
  }
  const ranges: Span[] = [];
  let from = 0;
  for (const cut of [...cuts, { start: original.length, end: original.length }]) {
    const range = trimRange(original, { start: from, end: cut.start });
    if (range !== null) ranges.push(range);
    from = cut.end;
  }
  const pieces: Span[] = [];
  ranges.forEach((range, index) => {
    const last = pieces[pieces.length - 1];
    if (hasSubstance(original.slice(range.start, range.end))) {
      pieces.push({ ...range });
    } else if (last !== undefined) {
      last.end = range.end;
    } else if (index + 1 < ranges.length) {
      ranges[index + 1] = { start: range.start, end: ranges[index + 1].end };
    } else {
      pieces.push({ ...range });
    }
  });
  return pieces.map((p) => original.slice(p.start, p.end));
}

// ---------------------------------------------------------------------------------------------
// The card
// ---------------------------------------------------------------------------------------------

export interface PrerequisiteTexts {
  /** "Уровень образования", cleaned (letter spacing joined, lines re-joined). */
  educationLevelText: string;
  /** "Требования к опыту работы", cleaned. */
  experienceText: string;
  /** "Связь с неформальным и информальным образованием", cleaned; "" when the cell is empty. */
  informalText: string;
}

const EMPTY_TEXT_RE = /^[\s\-–—.]*$/;
const INFORMAL_REFUSED_RE = wordRe('не\\s+(?:допускается|допустимо|предусмотрен[а-я]*|применяется)');
const INFORMAL_LEARNING_RE = wordRe('(?:неформальн|информальн|обучени|курс|сертификат|самообразовани)[а-я]*');
const SOURCE_JOINER = ' — ';

interface LevelChoice {
  level: EducationLevel;
  /** The card's education level text decided or narrowed the level. */
  fromCardText: boolean;
}

function levelOfMentions(mentions: EducationMention[], card: EducationReading): LevelChoice | null {
  const choices = mentions.map((m): LevelChoice => {
    if (m.level !== null) return { level: m.level, fromCardText: false };
    const named = card.tvetLevels[0];
    return named !== undefined ? { level: named, fromCardText: true } : { level: 'tvet_worker', fromCardText: false };
  });
  if (choices.length === 0) return null;
  return choices.reduce((low, c) => (educationRank(c.level) < educationRank(low.level) ? c : low));
}

interface FieldChoice {
  field: string | null;
  /** Text of another statement the field was taken from ("соответствующей сфере"). */
  borrowedFrom: string | null;
  problems: string[];
}

/**
 * The field a stated duration must be served in. `elsewhere` lists, nearest first, the other
 * statements of the card that may hold the antecedent of "соответствующей сфере".
 */
function chooseField(own: StatementReading, elsewhere: StatementReading[][]): FieldChoice {
  const problems = own.fields.unknown.map(
    (phrase) => `field ${quote(phrase)} is not in the experience field catalogue`,
  );
  if (own.fields.known.length > 1) {
    problems.push(`names several fields (${own.fields.known.join(', ')}); which one counts is unclear`);
  }
  if (problems.length > 0) return { field: null, borrowedFrom: null, problems };
  if (own.fields.known.length === 1) {
    return { field: own.fields.known[0], borrowedFrom: null, problems };
  }
  if (!own.fields.relative) return { field: null, borrowedFrom: null, problems };
  for (const tier of elsewhere) {
    const keys = uniq(tier.flatMap((s) => s.fields.known));
    if (keys.length === 1) {
      const source = tier.find((s) => s.fields.known.includes(keys[0]));
      return { field: keys[0], borrowedFrom: source?.text ?? null, problems };
    }
    if (keys.length > 1) {
      return {
        field: null,
        borrowedFrom: null,
        problems: [`"соответствующей сфере" may mean any of ${keys.join(', ')}; which one is unclear`],
      };
    }
  }
  return {
    field: null,
    borrowedFrom: null,
    problems: ['"соответствующей сфере" refers to a field that the card does not name'],
  };
}

function durationOf(statement: StatementReading): { months: number | null; problems: string[] } {
  const problems = [...statement.durationProblems];
  if (statement.noRequirement && statement.durations.length > 0) {
    problems.push('states both that no experience is required and a duration');
  } else if (statement.durations.length > 1) {
    problems.push(`states several durations (${statement.durations.join(', ')} months)`);
  } else if (
    statement.durations.length === 0 &&
    !statement.noRequirement &&
    statement.mentionsExperience &&
    problems.length === 0
  ) {
    problems.push('speaks of experience but its duration cannot be read');
  }
  if (problems.length > 0) return { months: null, problems };
  return { months: statement.durations[0] ?? 0, problems };
}

interface Work {
  routes: PrerequisiteRoute[];
  reasons: string[];
}

function readFormalRoutes(
  texts: PrerequisiteTexts,
  card: EducationReading,
  informal: StatementReading | null,
  work: Work,
): void {
  const educationText = prepare(texts.educationLevelText).original;
  const alternatives = EMPTY_TEXT_RE.test(texts.experienceText)
    ? []
    : splitAlternatives(texts.experienceText).map((t) => readStatement(t, 'experience'));

  if (alternatives.length === 0) {
    // Nothing is said about experience: the education level alone is the requirement.
    if (card.level === null) {
      work.reasons.push('no education level and no experience requirement could be read');
      return;
    }
    work.routes.push({
      kind: 'formal',
      minEducation: card.level,
      minExperienceMonths: 0,
      experienceField: null,
      requiresLearningEvidence: false,
      sourceText: educationText,
    });
    return;
  }

  alternatives.forEach((alt, index) => {
    const where =
      alternatives.length > 1
        ? `experience requirement, alternative ${index + 1} (${quote(alt.text)})`
        : `experience requirement (${quote(alt.text)})`;
    const problems: string[] = [];

    let level: LevelChoice | null = levelOfMentions(alt.mentions, card);
    if (level === null) {
      if (card.level === null) {
        problems.push("names no education level, and the card's education level could not be read");
      } else {
        level = { level: card.level, fromCardText: true };
      }
    }

    const duration = durationOf(alt);
    problems.push(...duration.problems);
    if (
      duration.months === 0 &&
      !alt.noRequirement &&
      alternatives.slice(index + 1).some((later) => later.durations.length > 0 || later.mentionsExperience)
    ) {
      // "A или B с опытом …": the experience may belong to both.
      problems.push('states no experience while a later alternative does; it may share that requirement');
    }

    let field: FieldChoice = { field: null, borrowedFrom: null, problems: [] };
    if (duration.months !== null && duration.months > 0) {
      const others = alternatives.filter((_, i) => i !== index);
      field = chooseField(alt, [others, informal === null ? [] : [informal]]);
      problems.push(...field.problems);
    }

    if (problems.length > 0 || level === null || duration.months === null) {
      work.reasons.push(...problems.map((p) => `${where}: ${p}`));
      return;
    }
    const sources = [
      ...(level.fromCardText ? [educationText] : []),
      alt.text,
      ...(field.borrowedFrom !== null ? [field.borrowedFrom] : []),
    ];
    work.routes.push({
      kind: 'formal',
      minEducation: level.level,
      minExperienceMonths: duration.months,
      experienceField: duration.months > 0 ? field.field : null,
      requiresLearningEvidence: false,
      sourceText: uniq(sources).join(SOURCE_JOINER),
    });
  });
}

function readInformalRoute(
  texts: PrerequisiteTexts,
  card: EducationReading,
  informal: StatementReading | null,
  work: Work,
): void {
  if (informal === null) return;
  const lower = normaliseText(informal.text);
  if (globalCopy(INFORMAL_REFUSED_RE).test(lower)) return;
  const where = `informal learning (${quote(informal.text)})`;
  if (!globalCopy(INFORMAL_LEARNING_RE).test(lower)) {
    work.reasons.push(`${where}: does not say which non-formal or informal learning is accepted`);
    return;
  }
  const problems: string[] = [];
  const duration = durationOf(informal);
  problems.push(...duration.problems);

  let field: FieldChoice = { field: null, borrowedFrom: null, problems: [] };
  if (duration.months !== null && duration.months > 0) {
    const experience = EMPTY_TEXT_RE.test(texts.experienceText)
      ? []
      : splitAlternatives(texts.experienceText).map((t) => readStatement(t, 'experience'));
    field = chooseField(informal, [experience]);
    problems.push(...field.problems);
  }
  const level = levelOfMentions(informal.mentions, card);

  if (problems.length > 0 || duration.months === null) {
    work.reasons.push(...problems.map((p) => `${where}: ${p}`));
    return;
  }
  const sources = [
    informal.text,
    ...(level?.fromCardText === true ? [prepare(texts.educationLevelText).original] : []),
    ...(field.borrowedFrom !== null ? [field.borrowedFrom] : []),
  ];
  work.routes.push({
    kind: 'informal',
    minEducation: level?.level ?? null,
    minExperienceMonths: duration.months,
    experienceField: duration.months > 0 ? field.field : null,
    requiresLearningEvidence: true,
    sourceText: uniq(sources).join(SOURCE_JOINER),
  });
}

function asText(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/**
 * Reads a card's prerequisite texts into alternative routes: one formal route per alternative of
 * the experience text, then the informal route. Never throws: text it cannot read comes back as
 * status needs_review with one reason per problem.
 */
export function parsePrerequisites(input: PrerequisiteTexts): CardPrerequisites {
  try {
    // Callers pass data read from files and databases; a missing text must not crash an import.
    const raw: Partial<Record<keyof PrerequisiteTexts, unknown>> = input ?? {};
    const texts: PrerequisiteTexts = {
      educationLevelText: asText(raw.educationLevelText),
      experienceText: asText(raw.experienceText),
      informalText: asText(raw.informalText),
    };
    const work: Work = { routes: [], reasons: [] };

    const reading = readEducationLevel(texts.educationLevelText);
    const educationText = prepare(texts.educationLevelText).original;
    if (!EMPTY_TEXT_RE.test(educationText)) {
      if (reading.level === null) {
        work.reasons.push(`education level: ${quote(educationText)} is not a known education level`);
      } else if (reading.unrecognised.length > 0) {
        work.reasons.push(
          `education level: ${quote(reading.unrecognised.join(' '))} in ${quote(educationText)} is not a known education level`,
        );
      }
    }
    // With an unknown word in it the card's minimum may be lower than the levels that were read,
    // so routes that rely on it are not built.
    const card: EducationReading = reading.unrecognised.length > 0 ? { ...reading, level: null } : reading;

    const informal = EMPTY_TEXT_RE.test(texts.informalText) ? null : readStatement(texts.informalText, 'informal');

    readFormalRoutes(texts, card, informal, work);
    readInformalRoute(texts, card, informal, work);

    const reviewReasons = uniq(work.reasons);
    return {
      status: reviewReasons.length > 0 ? 'needs_review' : 'structured',
      routes: work.routes,
      reviewReasons,
    };
  } catch (error: unknown) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      status: 'needs_review',
      routes: [],
      reviewReasons: [`the prerequisite texts could not be read: ${message}`],
    };
  }
}
