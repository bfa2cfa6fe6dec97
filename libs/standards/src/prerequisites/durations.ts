/** Durations: number words and units, and the scanner that reads "не менее одного года" and the like. */
import { LETTER, NOT_AFTER_LETTER, prepare, quote, type Span } from './prerequisite-text';

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
