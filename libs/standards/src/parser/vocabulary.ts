import type { SourceLine } from './source-lines';

const WORD = /[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu;

export function wordKey(word: string): string {
  const lower = word.toLowerCase();
  return lower.includes('ё') ? lower.replace(/ё/g, 'е') : lower;
}

/**
 * The words of the standard itself, used as a dictionary to decide whether a line break falls
 * inside a word. Narrow table columns break "информационно-коммун" / "икационную" where wide
 * ones break "с" / "клиентами", and both may lack the trailing space that marks a break between
 * words. The same words are printed whole elsewhere in the text, so the text settles it without
 * a language-specific dictionary.
 */
export class Vocabulary {
  private readonly words = new Map<string, number>();
  private readonly pairs = new Map<string, number>();

  static fromLines(lines: readonly SourceLine[]): Vocabulary {
    const vocab = new Vocabulary();
    let previous: SourceLine | null = null;
    for (const line of lines) {
      if (line.blank) {
        previous = null;
        continue;
      }
      // A word touching a break that may fall inside a word is not known to be whole: leave it
      // out, or every fragment would vouch for itself.
      const startUncertain = previous !== null && !previous.endsAtWordBreak && /[\p{L}-]$/u.test(previous.text);
      const endUncertain = !line.endsAtWordBreak && /[\p{L}-]$/u.test(line.text);
      const matches = [...line.text.matchAll(WORD)];
      const keys = matches.map((m) => wordKey(m[0]));
      matches.forEach((m, i) => {
        const touchesStart = i === 0 && startUncertain && m.index === 0;
        const touchesEnd = i === matches.length - 1 && endUncertain && m.index + m[0].length >= line.text.length - 1;
        if (!touchesStart && !touchesEnd) vocab.bump(vocab.words, keys[i]);
        const next = matches[i + 1];
        // Words printed side by side, only a space between them.
        if (next && next.index === m.index + m[0].length + 1 && line.text[next.index - 1] === ' ') {
          vocab.bump(vocab.pairs, `${keys[i]} ${keys[i + 1]}`);
        }
      });
      previous = line;
    }
    return vocab;
  }

  count(word: string): number {
    return this.words.get(wordKey(word)) ?? 0;
  }

  /**
   * Whether a line ending in `left` and a line starting with `right`, with no space between
   * them in the source, print one word.
   */
  joinsAcrossBreak(left: string, right: string): boolean {
    if (/^[ьъы]/i.test(right)) return true; // no Russian word starts with these
    if (/\p{Lu}/u.test(right[0] ?? '') && /\p{Ll}$/u.test(left)) return false;
    if (/^\p{N}/u.test(right) || /\p{N}$/u.test(left)) return false;
    const joined = this.count(left + right);
    const leftKnown = this.count(left) > 0;
    const rightKnown = this.count(right) > 0;
    if (joined > 0) {
      if (!leftKnown || !rightKnown) return true;
      return joined > (this.pairs.get(`${wordKey(left)} ${wordKey(right)}`) ?? 0);
    }
    if (leftKnown && rightKnown) return false;
    // Neither reading is printed elsewhere. A word the text never prints whole on the left
    // followed by a fragment ("магистрату" / "ра", "резидентур" / "а") is one broken word; a
    // whole word on the right ("информационным" / "взаимодействием") is not.
    return !leftKnown && (!rightKnown || right.length <= 2);
  }

  private bump(map: Map<string, number>, key: string): void {
    map.set(key, (map.get(key) ?? 0) + 1);
  }
}
