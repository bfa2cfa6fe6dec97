import type { FunctionKind } from './parsed-standard';
import type { SourceLine } from './source-lines';
import { joinPieces, pieceOf, stripTerminator } from './text-cleanup';
import type { Vocabulary } from './vocabulary';

/** A labour function as the card's "Перечень трудовых функций" lists it. */
export interface ListedFunction {
  kind: FunctionKind;
  /** Position within its kind, 1-based. */
  number: number;
  printedNumber: number | null;
  title: string;
  line: number;
}

const FUNCTION_ITEM = /^(\d{1,2})\s*[.)]\s*/;

/** "1 . Обеспечивать" / "информационно-справочную поддержку" / "2. Консультировать…" */
export function readFunctionItems(
  kind: FunctionKind,
  lines: readonly SourceLine[],
  vocab: Vocabulary,
): ListedFunction[] {
  const items: { printed: number | null; line: number; lines: SourceLine[] }[] = [];
  for (const line of lines) {
    if (line.blank) continue;
    const m = FUNCTION_ITEM.exec(line.text);
    if (m || items.length === 0) {
      const rest = m ? line.text.slice(m[0].length) : line.text;
      items.push({ printed: m ? Number(m[1]) : null, line: line.no, lines: [{ ...line, text: rest }] });
    } else {
      items[items.length - 1].lines.push(line);
    }
  }
  return items
    .map((item) => ({ item, title: stripTerminator(joinPieces(item.lines.map(pieceOf), vocab)) }))
    .filter(({ title }) => title.length > 0)
    .map(({ item, title }, i) => ({ kind, number: i + 1, printedNumber: item.printed, title, line: item.line }));
}
