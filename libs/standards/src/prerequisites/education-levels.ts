/** Education levels: the names standards give them, and the scanner that finds them in a text. */
import { type EducationLevel, educationRank } from './prerequisite-rules';
import { blank, globalCopy, normaliseText, prepare, type Span, uniq, wordRe } from './prerequisite-text';

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

export function rawLevelMatches(lower: string): RawLevelMatch[] {
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

export function mentionsFromMatches(lower: string, matches: RawLevelMatch[]): EducationMention[] {
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
