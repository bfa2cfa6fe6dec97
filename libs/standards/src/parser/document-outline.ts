import type { SourceLine } from './source-lines';

export interface Chapter {
  number: number;
  /** Index of the heading line. */
  start: number;
  /** Index past the chapter's last line. */
  end: number;
}

export interface CardSpan {
  /** Index of the "N. Карточка профессии" line. */
  start: number;
  end: number;
  printedNumber: number | null;
  title: string;
}

const CHAPTER = /^Глава\s+(\d+)\b/u;
const CARD_HEADING = /^(?:(\d{1,3})\s*\.?\s*)?Карточка профессии\s*[:«"“]?\s*(.*?)\s*[»"”]?\s*:?\s*$/u;

/** "Глава 1. Общие положения" … "Глава 4. Технические данные…" */
export function findChapters(lines: readonly SourceLine[]): Chapter[] {
  const starts = lines.flatMap((l, i) => {
    const m = CHAPTER.exec(l.text);
    return m ? [{ number: Number(m[1]), start: i }] : [];
  });
  return starts.map((c, i) => ({ ...c, end: starts[i + 1]?.start ?? lines.length }));
}

/** The cards of the chapter that holds them, each up to the next card or chapter. */
export function findCards(lines: readonly SourceLine[], from: number, to: number): CardSpan[] {
  const starts: Omit<CardSpan, 'end'>[] = [];
  for (let i = from; i < to; i++) {
    const m = CARD_HEADING.exec(lines[i].text);
    if (m) starts.push({ start: i, printedNumber: m[1] ? Number(m[1]) : null, title: m[2] });
  }
  return starts.map((c, i) => ({ ...c, end: starts[i + 1]?.start ?? to }));
}
