/** Alternatives: a formal text split into the routes it offers ("или", "либо", ";"). */
import { scanDurations } from './durations';
import { rawLevelMatches } from './education-levels';
import { EXPERIENCE_ANCHOR_RE, NO_REQUIREMENT_RES } from './experience-statements';
import { globalCopy, normaliseText, prepare, type Span } from './prerequisite-text';

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
