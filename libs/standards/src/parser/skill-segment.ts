import type { SkillLineRole, SkillTableLine, ParsedSkill } from './parsed-standard';
import { StandardParseError } from './parsed-standard';
import { WarningCode, WarningLog } from './parse-warnings';
import type { FlagMark } from './recognition-flags';
import type { SideLabelReader } from './side-labels';
import { SourceLine, deriveLine } from './source-lines';
import { ITEM_NUMBER, TextPiece, joinPieces, pieceOf, stripItemNumbers, stripTerminator } from './text-cleanup';
import type { Vocabulary } from './vocabulary';

/** "Навык 3:", "Навык 1.", "Навык 3", " ов Навык 3:" (junk before). */
const SKILL_HEADING = /^(.{0,6}?)\s*Навык\s+(\d{1,2})\s*([:.])?\s*(.*)$/u;
/** "Умения:", "Умение:", "Знания", "1) Знания:". */
const MARKER = /^(\d{1,2}\s*\)\s*)?(Умения|Умение|Знания|Знание)\s*(:)?\s*(.*)$/u;
/** Two items printed on one line: "центрами; 4) основных положений". */
const INLINE_ITEM = /;\s+(?=\d{1,2}\s*\)\s*\S)/;

type Section = 'none' | 'abilities' | 'knowledge';
type LineKind =
  | { kind: 'heading'; number: number; punctuation: string; junk: string; rest: string }
  | { kind: 'marker'; section: Exclude<Section, 'none'>; word: string; numbered: boolean; colon: boolean; rest: string }
  | { kind: 'item' }
  | { kind: 'text' };

interface ItemDraft {
  line: number;
  numbers: number[];
  pieces: TextPiece[];
}

export interface SkillDraft {
  firstLine: number;
  lastLine: number;
  heading: { line: number; number: number } | null;
  titlePieces: TextPiece[];
  titleWidth: number;
  abilities: ItemDraft[];
  knowledge: ItemDraft[];
  flag: FlagMark;
}

function classify(line: SourceLine): LineKind {
  const h = SKILL_HEADING.exec(line.text);
  if (h) return { kind: 'heading', junk: h[1].trim(), number: Number(h[2]), punctuation: h[3] ?? '', rest: h[4] };
  const m = MARKER.exec(line.text);
  if (m && (m[3] !== undefined || m[4].length === 0)) {
    const section = m[2].startsWith('Ум') ? 'abilities' : 'knowledge';
    return { kind: 'marker', section, word: m[2], numbered: m[1] !== undefined, colon: m[3] !== undefined, rest: m[4] };
  }
  if (ITEM_NUMBER.test(line.text)) return { kind: 'item' };
  return { kind: 'text' };
}

/**
 * Reads one segment: the lines between two recognition flags, i.e. one skill. Page breaks
 * scatter a skill's cells, so its heading may come after its first abilities, and its title may
 * resume among its lists; the side column's function labels may cut in anywhere. Each line is
 * placed by what it is (heading, marker, numbered item, side label) and, for a block of plain
 * text after a blank line, by what it can continue: an unfinished side label, an item left open
 * (no terminator yet), or else the title; where both could, the column width decides.
 */
export class SegmentReader {
  private section: Section = 'none';
  private mode: 'fresh' | 'title' | 'item' = 'fresh';
  private readonly kinds: LineKind[];
  private readonly itemWidth: number;
  private titleSeen = false;
  /** Nothing but blank lines since the heading: a text block here is the heading's title. */
  private afterHeading = false;

  constructor(
    private readonly lines: readonly SourceLine[],
    private readonly draft: SkillDraft,
    private readonly skill: number,
    private readonly labels: SideLabelReader,
    private readonly roles: Map<number, SkillTableLine>,
    private readonly vocab: Vocabulary,
    private readonly warnings: WarningLog,
  ) {
    this.kinds = lines.map(classify);
    this.itemWidth = Math.max(0, ...lines.filter((_, i) => this.kinds[i].kind === 'item').map((l) => l.width));
  }

  read(): void {
    const { lines } = this;
    for (let i = 0; i < lines.length;) {
      const line = lines[i];
      if (line.blank) {
        this.mode = 'fresh';
        i++;
        continue;
      }
      const labelLines = this.labels.startsAt(lines, i, (k) => this.kinds[k].kind === 'text');
      if (labelLines.length > 0) {
        for (const k of labelLines) this.mark(lines[k], 'function-label');
        this.mode = 'fresh';
        i = labelLines[labelLines.length - 1] + 1;
        continue;
      }
      const runEnd = this.runEnd(i);
      const kind = this.kinds[i];
      if (kind.kind !== 'heading' && kind.kind !== 'text') this.afterHeading = false;
      if (kind.kind === 'heading') this.heading(line, kind);
      else if (kind.kind === 'marker') this.marker(line, kind);
      else if (kind.kind === 'item') this.item(line);
      else if (this.mode === 'title') this.addTitle(line);
      else if (this.mode === 'item') this.continueItem(line);
      else {
        this.unplaced(lines.slice(i, runEnd), i);
        i = runEnd;
        continue;
      }
      i++;
    }
    if (!this.draft.heading) {
      this.warnings.add(this.draft.firstLine, WarningCode.SKILL_HEADING_MISSING, 'skill without a "Навык N" heading');
    }
  }

  /** End of the run of plain text lines starting at `i` (exclusive). */
  private runEnd(i: number): number {
    let j = i;
    while (j < this.lines.length && !this.lines[j].blank && (j === i || this.kinds[j].kind === 'text')) j++;
    return j;
  }

  private heading(line: SourceLine, h: Extract<LineKind, { kind: 'heading' }>): void {
    const { draft } = this;
    if (draft.heading) {
      throw new StandardParseError(
        draft.heading.line,
        `skill "Навык ${draft.heading.number}" has no recognition flag (next skill heading at line ${line.no})`,
      );
    }
    draft.heading = { line: line.no, number: h.number };
    this.mark(line, 'skill-heading');
    if (h.junk.length > 0) {
      this.warnings.add(
        line.no,
        WarningCode.SKILL_HEADING_JUNK,
        `stray "${h.junk}" before the skill heading, left out`,
      );
    }
    if (h.punctuation !== ':') {
      const printed = `Навык ${h.number}${h.punctuation}`;
      this.warnings.add(line.no, WarningCode.SKILL_HEADING_MALFORMED, `skill heading printed as "${printed}"`);
    }
    if (this.section !== 'none' || draft.abilities.length > 0) {
      this.warnings.add(line.no, WarningCode.SKILL_HEADING_LATE, 'skill heading printed after the start of its lists');
    }
    if (h.rest.length > 0) draft.titlePieces.push({ text: h.rest, endsAtWordBreak: line.endsAtWordBreak });
    this.titleSeen = true;
    this.afterHeading = true;
    this.mode = 'title';
  }

  private marker(line: SourceLine, m: Extract<LineKind, { kind: 'marker' }>): void {
    this.mark(line, 'marker');
    const list = m.section === 'abilities' ? this.draft.abilities : this.draft.knowledge;
    if (m.word === 'Умение' || m.word === 'Знание') {
      const proper = `${m.word.slice(0, -1)}я`;
      this.warnings.add(line.no, WarningCode.MARKER_MISSPELT, `"${m.word}:" printed for "${proper}:"`);
    }
    if (m.numbered)
      this.warnings.add(line.no, WarningCode.MARKER_NUMBERED, `"${line.text}" printed with an item number`);
    if (!m.colon) this.warnings.add(line.no, WarningCode.MARKER_MALFORMED, `"${m.word}" printed without its colon`);
    if (this.section === m.section || list.length > 0) {
      this.warnings.add(line.no, WarningCode.MARKER_DUPLICATED, `"${m.word}:" printed twice for one skill`);
    }
    this.section = m.section;
    this.mode = 'fresh';
    if (m.rest.length > 0) this.item(deriveLine(line, m.rest));
  }

  private item(line: SourceLine): void {
    if (this.section === 'none') {
      this.warnings.add(
        line.no,
        WarningCode.MARKER_MISSING,
        'list item before any "Умения:" / "Знания:", taken as an ability',
      );
      this.section = 'abilities';
    }
    const role = this.section === 'abilities' ? 'ability' : 'knowledge';
    if (!this.roles.has(line.no)) this.mark(line, role);
    const [first, ...others] = line.text.split(INLINE_ITEM);
    const { numbers, rest } = stripItemNumbers(first);
    this.currentList().push({
      line: line.no,
      numbers,
      pieces: [{ text: rest, endsAtWordBreak: line.endsAtWordBreak }],
    });
    this.mode = 'item';
    this.splitInline(line, others);
  }

  private continueItem(line: SourceLine): void {
    const list = this.currentList();
    this.mark(line, this.section === 'abilities' ? 'ability' : 'knowledge');
    const [first, ...others] = line.text.split(INLINE_ITEM);
    list[list.length - 1].pieces.push({
      text: first,
      endsAtWordBreak: line.endsAtWordBreak,
      startsAtWordBreak: line.startsAtWordBreak,
    });
    this.splitInline(line, others);
  }

  private splitInline(line: SourceLine, others: string[]): void {
    if (others.length === 0) return;
    this.warnings.add(line.no, WarningCode.ITEMS_ON_ONE_LINE, 'two list items printed on one line, split');
    for (const text of others) {
      const { numbers, rest } = stripItemNumbers(text);
      this.currentList().push({
        line: line.no,
        numbers,
        pieces: [{ text: rest, endsAtWordBreak: line.endsAtWordBreak }],
      });
    }
  }

  private addTitle(line: SourceLine): void {
    this.mark(line, 'title');
    this.draft.titlePieces.push(pieceOf(line));
    this.draft.titleWidth = Math.max(this.draft.titleWidth, line.width);
  }

  private currentList(): ItemDraft[] {
    return this.section === 'knowledge' ? this.draft.knowledge : this.draft.abilities;
  }

  /**
   * A block of plain text with no number of its own, after a blank line or a page break: the
   * rest of a side label, a stray fragment, the rest of the skill's title (a page break split
   * the title cell), or the rest of the list item the break interrupted.
   */
  private unplaced(run: SourceLine[], at: number): void {
    if (this.labels.continues(run)) {
      for (const l of run) this.mark(l, 'function-label');
      this.mode = 'fresh';
      return;
    }
    if (this.isJunk(run)) {
      this.mark(run[0], 'junk');
      this.warnings.add(run[0].no, WarningCode.JUNK_FRAGMENT, `stray fragment "${run[0].text}" left out`);
      return;
    }
    const target = this.placeOf(run, at);
    if (target === 'title') {
      const code =
        this.draft.titlePieces.length === 0 ? WarningCode.SKILL_TITLE_DISPLACED : WarningCode.SKILL_TITLE_SPLIT;
      const what = code === WarningCode.SKILL_TITLE_SPLIT ? 'rest of the skill title' : 'skill title';
      this.warnings.add(run[0].no, code, `${what} printed apart from its heading, among the lists`);
      for (const l of run) this.addTitle(l);
      this.mode = 'title';
      return;
    }
    if (target === 'new-item') {
      this.warnings.add(run[0].no, WarningCode.ITEM_UNNUMBERED, 'list item printed without a number');
      this.currentList().push({ line: run[0].no, numbers: [], pieces: [] });
    }
    for (const l of run) this.continueItem(l);
    this.mode = 'item';
  }

  private placeOf(run: readonly SourceLine[], at: number): 'title' | 'item' | 'new-item' {
    if (this.section === 'none') return 'title';
    if (this.afterHeading && this.draft.titlePieces.length === 0) return 'title';
    const list = this.currentList();
    const open = list[list.length - 1];
    if (!open) return this.numberedItemAhead(at) ? 'title' : 'new-item';
    const last = open.pieces[open.pieces.length - 1]?.text.trim() ?? '';
    // An item closed by its terminator takes no more text: what follows is the title's.
    if (/[;.]$/.test(last)) return 'title';
    if (/;$/.test(run[run.length - 1].text)) return 'item';
    // Otherwise the column tells: title and lists are printed in columns of different widths.
    const width = Math.max(...run.map((l) => l.width));
    const tw = this.titleSeen ? this.draft.titleWidth : 0;
    const iw = this.itemWidth;
    if (tw > 0 && iw > 0 && Math.max(tw, iw) / Math.min(tw, iw) >= 1.4) {
      return Math.abs(Math.log(width / tw)) < Math.abs(Math.log(width / iw)) ? 'title' : 'item';
    }
    return 'item';
  }

  private numberedItemAhead(at: number): boolean {
    for (let j = at; j < this.kinds.length; j++) {
      const k = this.kinds[j].kind;
      if (k === 'item') return true;
      if (k === 'marker') return false;
    }
    return false;
  }

  /** A lone one- or two-letter line that is no word of the text and completes none. */
  private isJunk(run: readonly SourceLine[]): boolean {
    if (run.length !== 1 || !/^\p{L}{1,2}$/u.test(run[0].text)) return false;
    if (this.vocab.count(run[0].text) > 0) return false;
    const list = this.currentList();
    const open = this.mode !== 'fresh' || this.section === 'none' ? null : list[list.length - 1];
    const before = (open?.pieces[open.pieces.length - 1]?.text ?? '').split(' ').pop() ?? '';
    return !(before.length > 0 && this.vocab.count(before + run[0].text) > 0);
  }

  private mark(line: SourceLine, role: SkillLineRole): void {
    this.roles.set(line.no, { line: line.no, role, skill: this.skill });
  }
}

/** The parsed skill: title and items joined and cleaned, item numbering checked. */
export function finishSkill(d: SkillDraft, vocab: Vocabulary, warnings: WarningLog): ParsedSkill {
  const line = d.heading?.line ?? d.firstLine;
  const title = stripTerminator(joinPieces(d.titlePieces, vocab));
  if (title.length === 0) throw new StandardParseError(line, 'skill without a title');
  const items = (list: ItemDraft[], what: string): string[] =>
    list.flatMap((item, index) => {
      const position = index + 1;
      if (item.numbers.length > 1) {
        warnings.add(
          item.line,
          WarningCode.ITEM_NUMBER_DOUBLED,
          `${what} item printed with numbers ${item.numbers.map((n) => `${n})`).join(' ')}`,
        );
      }
      if (item.numbers.length > 0 && !item.numbers.includes(position)) {
        warnings.add(
          item.line,
          WarningCode.ITEM_MISNUMBERED,
          `${what} item ${position} printed as ${item.numbers.join(', ')})`,
        );
      }
      const text = stripTerminator(joinPieces(item.pieces, vocab));
      if (text.length === 0) {
        warnings.add(item.line, WarningCode.ITEM_EMPTY, `${what} item ${position} is empty, left out`);
        return [];
      }
      return [text];
    });
  const abilities = items(d.abilities, 'ability');
  const knowledge = items(d.knowledge, 'knowledge');
  if (abilities.length === 0) warnings.add(line, WarningCode.SKILL_NO_ABILITIES, 'skill lists no abilities');
  if (knowledge.length === 0) warnings.add(line, WarningCode.SKILL_NO_KNOWLEDGE, 'skill lists no knowledge');
  return {
    line,
    printedNumber: d.heading?.number ?? 0,
    number: 0,
    title,
    recognition: d.flag.value,
    abilities,
    knowledge,
  };
}
