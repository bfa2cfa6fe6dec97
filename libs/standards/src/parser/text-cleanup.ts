import type { SourceLine } from './source-lines';
import type { Vocabulary } from './vocabulary';

/** A piece of text and whether the printed line it came from ended between two words. */
export interface TextPiece {
  text: string;
  endsAtWordBreak: boolean;
  /** Absent: the piece continues whatever printed line came before it. */
  startsAtWordBreak?: boolean;
}

export const pieceOf = (line: SourceLine): TextPiece => ({
  text: line.text,
  endsAtWordBreak: line.endsAtWordBreak,
  startsAtWordBreak: line.startsAtWordBreak,
});

const LAST_WORD = /[\p{L}\p{N}]+(?:-[\p{L}\p{N}]*)*$/u;
const FIRST_WORD = /^[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/u;

/**
 * Joins wrapped lines into one text, deciding at each break whether the printed line broke
 * between words or inside one.
 */
export function joinPieces(pieces: readonly TextPiece[], vocab: Vocabulary): string {
  let out = '';
  let previous: TextPiece | null = null;
  for (const piece of pieces) {
    const next = piece.text.trim();
    if (next.length === 0) continue;
    if (previous === null || out.length === 0) {
      out = next;
    } else {
      const broke = previous.endsAtWordBreak || piece.startsAtWordBreak === true;
      out += separator(out, next, broke, isLoneWord(previous.text), vocab) + next;
    }
    previous = piece;
  }
  return tidyText(out);
}

/**
 * The converter breaks a word only when it is longer than its column is wide, so the word's
 * first part is then the whole of its printed line ("информационно-коммун", "наименован").
 */
function isLoneWord(line: string): boolean {
  const bare = line
    .trim()
    .replace(/^\d{1,2}\s*[.)]\s*/, '')
    .replace(/^[("«]+/, '');
  return FIRST_WORD.exec(bare)?.[0].length === bare.length;
}

function separator(
  left: string,
  right: string,
  brokeBetweenWords: boolean,
  loneWord: boolean,
  vocab: Vocabulary,
): string {
  // Punctuation wrapped onto the next line belongs to the word before it (", используемых").
  if (/^[,.;:!?)\]»]/.test(right)) return '';
  // A closing quote on its own ("\" для") likewise.
  if (/^"(?:$|[\s,.;:)])/.test(right)) return '';
  // An opening bracket or quote left at the end of a line belongs to the next word.
  if (/[([«/]$/.test(left) || /^\//.test(right)) return '';
  if (/(?:^|[\s(])"$/.test(left)) return '';
  // "информационно-" / "коммуникационную": a hyphenated word, unless the hyphen is suspended
  // before a conjunction ("аудио- и видеозаписи").
  if (/\p{L}-$/u.test(left) && /^\p{Ll}/u.test(right) && !/^(?:и|или)(?:\s|$)/.test(right)) return '';
  if (/\p{L}$/u.test(left) && /^-\p{L}/u.test(right) && !brokeBetweenWords) return '';
  if (brokeBetweenWords || !loneWord) return ' ';
  const l = LAST_WORD.exec(left);
  const r = FIRST_WORD.exec(right);
  if (l && r && /\p{L}$/u.test(left) && /^\p{L}/u.test(right) && vocab.joinsAcrossBreak(l[0], r[0])) return '';
  return ' ';
}

/** Whitespace and punctuation spacing as Russian typography prints them. */
export function tidyText(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/\s+([,.;:!?)\]»])/g, '$1')
    .replace(/([([«])\s+/g, '$1')
    .replace(/(\p{L})-\s+(?!(?:и|или)\s)(?=\p{Ll})/gu, '$1-')
    .replace(/(\p{L})\s+-(?=\p{L})/gu, '$1-')
    .trim();
}

/** "1) 2) анализировать" → numbers [1, 2], rest "анализировать". */
export const ITEM_NUMBER = /^(\d{1,2})\s*\)\s*/;

export function stripItemNumbers(text: string): { numbers: number[]; rest: string } {
  const numbers: number[] = [];
  let rest = text;
  for (let m = ITEM_NUMBER.exec(rest); m; m = ITEM_NUMBER.exec(rest)) {
    numbers.push(Number(m[1]));
    rest = rest.slice(m[0].length);
  }
  return { numbers, rest };
}

const ABBREVIATION_END = /(?:^|[\s(])(?:т\.\s?д|т\.\s?п|т\.\s?е|др|пр|см|г|гг)\.$/u;

/** Drops the ";" / "." that ends a list item; an abbreviation keeps its full stop. */
export function stripTerminator(text: string): string {
  let t = text.trim();
  while (/[;.]$/.test(t) && !ABBREVIATION_END.test(t)) t = t.slice(0, -1).trimEnd();
  return t;
}
