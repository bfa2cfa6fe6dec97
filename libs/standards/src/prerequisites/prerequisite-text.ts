/** Text preparation shared by the scanners: normalised views of one length, whole-word patterns. */

/**
 * Two views of one text with identical length, so that a span found in `lower` can be cut out of
 * `original` for sourceText and messages.
 */
export interface PreparedText {
  original: string;
  lower: string;
}

export function prepare(text: string): PreparedText {
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

export interface Span {
  start: number;
  end: number;
}

export const LETTER = 'а-яa-z';
export const NOT_AFTER_LETTER = `(?<![${LETTER}0-9])`;
const NOT_BEFORE_LETTER = `(?![${LETTER}0-9])`;

/** A whole-word global regex: JavaScript's \b does not know Cyrillic letters. */
export function wordRe(source: string): RegExp {
  return new RegExp(`${NOT_AFTER_LETTER}(?:${source})${NOT_BEFORE_LETTER}`, 'g');
}

export function globalCopy(re: RegExp): RegExp {
  return new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
}

export function blank(chars: string[], span: Span): void {
  for (let i = span.start; i < span.end; i += 1) chars[i] = '#';
}

export function quote(text: string): string {
  return `"${text}"`;
}

export function uniq<T>(values: T[]): T[] {
  return [...new Set(values)];
}
