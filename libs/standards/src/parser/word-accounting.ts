import type { ParsedStandard, SkillLineRole } from './parsed-standard';
import { WarningLog } from './parse-warnings';
import { SourceLine, readSourceLines } from './source-lines';
import { parseStandard } from './standard-parser';
import { TextPiece, joinPieces } from './text-cleanup';
import { Vocabulary } from './vocabulary';

/** The words of one card's skill table, as printed and as parsed. */
export interface SkillTableWords {
  card: number;
  startLine: number;
  endLine: number;
  /** Words of the printed table without side labels, markers, flags, headings and item numbers. */
  sourceWords: string[];
  /** Words of the parsed skill titles, abilities and knowledge items. */
  parsedWords: string[];
}

const TEXT_ROLES: ReadonlySet<SkillLineRole> = new Set(['title', 'ability', 'knowledge', 'skill-heading', 'marker']);
const HEADING_PREFIX = /^.*?Навык\s+\d{1,2}\s*[:.]?\s*/u;
const MARKER_PREFIX = /^(?:\d{1,2}\s*\)\s*)?(?:Умения|Умение|Знания|Знание)\s*:?\s*/u;
/** Item numbers at the start of a line and after an item closed on the same line. */
const ITEM_NUMBERS = /(^|;\s+)(?:\d{1,2}\s*\)\s*)+/g;
const WORD = /[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu;

/** Lower-cased words, "ё" folded, as both sides of the accounting count them. */
export function wordsOf(text: string): string[] {
  return [...text.matchAll(WORD)].map((m) => m[0].toLowerCase().replace(/ё/g, 'е'));
}

/**
 * For an audit that no word of the skill tables was lost or counted twice: the printed words of
 * each card's table (read line by line from the source, keeping only the lines the parser read
 * as skill text and stripping the layout's own words) against the words the parser stored.
 * Letter-spaced words and words broken over lines count as one word on both sides.
 */
export function skillTableWords(text: string, parsed: ParsedStandard = parseStandard(text)): SkillTableWords[] {
  const lines = readSourceLines(text, new WarningLog());
  const vocab = Vocabulary.fromLines(lines);
  const byNumber = new Map<number, SourceLine>(lines.map((l) => [l.no, l]));

  return parsed.cards.flatMap((card) => {
    const table = card.skillTable;
    if (!table) return [];
    // Each skill's title and its two lists are read separately: their lines interleave in print.
    const groups = new Map<string, TextPiece[]>();
    for (const { line, role, skill } of table.lines) {
      if (!TEXT_ROLES.has(role)) continue;
      const source = byNumber.get(line);
      if (!source) continue;
      let content = source.text;
      let part: string = role;
      if (role === 'skill-heading') {
        content = content.replace(HEADING_PREFIX, '');
        part = 'title';
      } else if (role === 'marker') {
        part = /^(?:\d{1,2}\s*\)\s*)?Ум/u.test(content) ? 'ability' : 'knowledge';
        content = content.replace(MARKER_PREFIX, '');
      }
      // A numbered line starts a new item, never the rest of the previous one's last word.
      const numbered = part !== 'title' && /^\d{1,2}\s*\)/.test(content);
      if (part !== 'title') content = content.replace(ITEM_NUMBERS, '$1');
      const key = `${skill}:${part}`;
      const group = groups.get(key) ?? [];
      group.push({
        text: content,
        endsAtWordBreak: source.endsAtWordBreak,
        startsAtWordBreak: source.startsAtWordBreak || numbered || role === 'marker',
      });
      groups.set(key, group);
    }
    const sourceWords = [...groups.values()].flatMap((pieces) => wordsOf(joinPieces(pieces, vocab)));
    const parsedWords = card.functions
      .flatMap((f) => f.skills)
      .flatMap((s) => [s.title, ...s.abilities, ...s.knowledge])
      .flatMap(wordsOf);
    return [{ card: card.number, startLine: table.startLine, endLine: table.endLine, sourceWords, parsedWords }];
  });
}
