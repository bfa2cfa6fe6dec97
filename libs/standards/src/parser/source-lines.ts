import { WarningCode, WarningLog } from './parse-warnings';

/**
 * One printed line of the PDF-converted text. Everything downstream works on these, so that any
 * value, warning or error can name the line it came from.
 */
export interface SourceLine {
  /** 1-based line number in the source. */
  no: number;
  raw: string;
  /** Misprinted letters repaired, letter spacing collapsed, whitespace collapsed, trimmed. */
  text: string;
  /** Lower-case letters and digits only: labels are recognised on this, whatever their layout. */
  key: string;
  blank: boolean;
  /**
   * The raw line ends in whitespace: the converter broke it between two words. Without it the
   * break may fall inside a word ("наименован" / "ия"), which the joiner has to decide.
   */
  endsAtWordBreak: boolean;
  /** The raw line starts with whitespace: an indented paragraph or a cell's first word. */
  startsAtWordBreak: boolean;
  /** Printed width, a proxy for the table column the line came from. */
  width: number;
}

/**
 * Kazakh "Ұ" is printed in place of Russian "ё" inside Russian words ("удалҰнного"). It only
 * counts as a misprint between two lower-case Cyrillic letters, so Kazakh text stays as is.
 */
const MISPRINTED_YO = /(?<=[а-яё])Ұ(?=[а-яё])/;

export function readSourceLines(text: string, warnings: WarningLog): SourceLine[] {
  const rawLines = text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .split('\n');
  return rawLines.map((raw, index) => {
    const no = index + 1;
    let repaired = raw.replace(/[\t\u00a0]/g, ' ');
    if (repaired.includes('Ұ') && MISPRINTED_YO.test(repaired)) {
      repaired = repaired.replace(new RegExp(MISPRINTED_YO.source, 'g'), 'ё');
      warnings.add(no, WarningCode.CHAR_REPLACED, '"Ұ" printed in place of "ё", repaired');
    }
    return makeLine(no, raw, collapseLetterSpacing(repaired));
  });
}

function makeLine(no: number, raw: string, text: string): SourceLine {
  const tidy = text.replace(/\s+/g, ' ').trim();
  return {
    no,
    raw,
    text: tidy,
    key: letterKey(tidy),
    blank: tidy.length === 0,
    endsAtWordBreak: /\s$/.test(raw),
    startsAtWordBreak: /^\s/.test(raw),
    width: raw.replace(/\s+$/, '').length,
  };
}

/** A line standing for part of another (what follows a label on the label's own line). */
export function deriveLine(line: SourceLine, text: string): SourceLine {
  return {
    ...makeLine(line.no, line.raw, text),
    endsAtWordBreak: line.endsAtWordBreak,
    startsAtWordBreak: true,
    width: line.width,
  };
}

/**
 * "О б е с п е ч и в а т ь  и  " → "Обеспечивать и". The converter spaces the letters of a word
 * by one space and the words by two or more, so a run of single characters between double
 * spaces is one word. Runs without letters ("2 .", "5 3 3 4 9 - 0") are left alone: their
 * digits may belong to different columns, which only the reader of that field can tell.
 */
export function collapseLetterSpacing(line: string): string {
  if (!/(?:^|\s)\S \S(?:\s|$)/.test(line)) return line;
  return line
    .split(/ {2,}/)
    .map((chunk) => {
      const tokens = chunk.trim().split(' ');
      const spaced =
        tokens.length >= 2 && tokens.every((t) => [...t].length === 1) && tokens.some((t) => /\p{L}/u.test(t));
      return spaced ? tokens.join('') : chunk;
    })
    .join('  ');
}

/** Lower-cased letters and digits, "ё" folded into "е". */
export function letterKey(text: string): string {
  return text
    .replace(/[^\p{L}\p{N}]+/gu, '')
    .toLowerCase()
    .replace(/ё/g, 'е');
}

/** The key of a text and, for each key character, the index just past it in the text. */
export function keyWithOffsets(text: string): { key: string; ends: number[] } {
  let key = '';
  const ends: number[] = [];
  let i = 0;
  for (const ch of text) {
    i += ch.length;
    if (/[\p{L}\p{N}]/u.test(ch)) {
      key += ch.toLowerCase().replace('ё', 'е');
      ends.push(i);
    }
  }
  return { key, ends };
}
