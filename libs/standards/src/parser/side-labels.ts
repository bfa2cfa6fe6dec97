import type { ListedFunction } from './function-list';
import { WarningCode, WarningLog } from './parse-warnings';
import { SourceLine, letterKey } from './source-lines';

const MANDATORY = letterKey('Трудовая функция');
const ADDITIONAL = letterKey('Дополнительная трудовая функция');

/** A function label of the skill table's narrow left column, as far as it was found. */
export interface SideLabel {
  line: number;
  fn: ListedFunction | null;
  /** Letters of the label's title read so far. */
  titleKey: string;
  lines: number[];
}

/**
 * Recognises the left column of "Описание трудовых функций" ("Трудовая " / "функция" / "1:" /
 * "Обеспечива" / "т ь " …), which the converter interleaves with the skills at arbitrary
 * points. A label starts with "Трудовая функция N" / "Дополнительная трудовая функция N"; after
 * a page break its remaining words may come back as a block of their own, recognised as a piece
 * of the title the card's list gives that function.
 */
export class SideLabelReader {
  readonly found: SideLabel[] = [];
  private open: SideLabel | null = null;

  constructor(
    private readonly functions: readonly ListedFunction[],
    private readonly warnings: WarningLog,
  ) {}

  /**
   * The lines, from `from` on, that form the start of a label (none if they do not).
   * `isPlainText` tells which lines may belong to a label: not headings, markers or items.
   */
  startsAt(lines: readonly SourceLine[], from: number, isPlainText: (index: number) => boolean): number[] {
    const first = lines[from].key;
    const fits = (prefix: string) => first.length > 0 && (first.startsWith(prefix) || prefix.startsWith(first));
    if (!fits(MANDATORY) && !fits(ADDITIONAL)) return [];
    let acc = '';
    const taken: number[] = [];
    for (let i = from; i < lines.length; i++) {
      if (lines[i].blank) {
        // A label printed a few letters per line may run on past a page break.
        if (MANDATORY.startsWith(acc) || ADDITIONAL.startsWith(acc)) continue;
        break;
      }
      if (i > from && !isPlainText(i)) break;
      acc += lines[i].key;
      taken.push(i);
    }
    const prefix = acc.startsWith(ADDITIONAL) ? ADDITIONAL : acc.startsWith(MANDATORY) ? MANDATORY : null;
    if (!prefix) return [];

    const m = /^(\d*)(.*)$/.exec(acc.slice(prefix.length)) ?? ['', '', ''];
    const kind = prefix === ADDITIONAL ? 'additional' : 'mandatory';
    const number = m[1].length > 0 ? Number(m[1]) : null;
    const fn =
      this.functions.find((f) => f.kind === kind && f.number === number) ??
      (number === null
        ? (this.functions.find((f) => f.kind === kind && letterKey(f.title).startsWith(m[2])) ?? null)
        : null);
    const label: SideLabel = { line: lines[from].no, fn, titleKey: m[2], lines: taken.map((i) => lines[i].no) };
    this.found.push(label);
    this.open = fn && !this.isComplete(label) ? label : null;
    if (!fn) {
      this.warnings.add(
        label.line,
        WarningCode.FUNCTION_LABEL_UNKNOWN,
        "function label names no function of the card's list",
      );
    }
    this.warnings.add(
      label.line,
      WarningCode.FUNCTION_LABEL_INTERLEAVED,
      'function label of the side column interleaved with skill text, left out',
    );
    return taken;
  }

  /** Whether a block of lines is the rest of the label left unfinished by a page break. */
  continues(block: readonly SourceLine[]): boolean {
    const open = this.open;
    if (!open?.fn || block.length === 0) return false;
    const key = block.map((l) => l.key).join('');
    if (key.length < 3 || !letterKey(open.fn.title).includes(key)) return false;
    open.titleKey += key;
    open.lines.push(...block.map((l) => l.no));
    if (this.isComplete(open)) this.open = null;
    this.warnings.add(
      block[0].no,
      WarningCode.FUNCTION_LABEL_INTERLEAVED,
      'rest of a function label after a page break, left out',
    );
    return true;
  }

  /** Compares each label with the card's list once the whole table is read. */
  reportDifferences(): void {
    for (const label of this.found) {
      if (!label.fn) continue;
      const expected = letterKey(label.fn.title);
      if (label.titleKey.length > 0 && label.titleKey !== expected) {
        this.warnings.add(
          label.line,
          WarningCode.FUNCTION_LABEL_TITLE_DIFFERS,
          `side label of ${label.fn.kind} function ${label.fn.number} does not read as the card's list ("${label.fn.title}")`,
        );
      }
    }
  }

  private isComplete(label: SideLabel): boolean {
    if (!label.fn) return true;
    const expected = letterKey(label.fn.title);
    const tail = expected.slice(-Math.min(12, expected.length));
    return label.titleKey.length >= expected.length || label.titleKey.endsWith(tail);
  }
}
