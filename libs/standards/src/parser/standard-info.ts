import type { ListedCard, OkedCode } from './parsed-standard';
import { WarningCode, WarningLog } from './parse-warnings';
import type { SourceLine } from './source-lines';
import { joinPieces, pieceOf } from './text-cleanup';
import type { Vocabulary } from './vocabulary';

export interface StandardInfo {
  title: string;
  orderNumber: string | null;
  orderDate: string | null;
  issuedBy: string | null;
}

const MONTHS = [
  'января',
  'февраля',
  'марта',
  'апреля',
  'мая',
  'июня',
  'июля',
  'августа',
  'сентября',
  'октября',
  'ноября',
  'декабря',
];
const ORDER = /Приказ\s+(.+?)\s+от\s+(\d{1,2})\s+(\p{L}+)\s+(\d{4})\s+года\s+№\s*([\p{L}\p{N}/-]+)/u;
/** Orders name their issuer in the genitive ("Приказ Министра …"); the field holds the title. */
const ISSUER_TITLES: Readonly<Record<string, string>> = {
  Министра: 'Министр',
  'Вице-министра': 'Вице-министр',
  Председателя: 'Председатель',
  Заместителя: 'Заместитель',
  Руководителя: 'Руководитель',
};

/** Title, order and issuer from the text before the standard's first chapter. */
export function readStandardInfo(
  preamble: readonly SourceLine[],
  passport: readonly SourceLine[],
  vocab: Vocabulary,
  warnings: WarningLog,
): StandardInfo {
  const text = joinPieces(preamble.map(pieceOf), vocab);
  const title =
    /Профессиональный стандарт\s+["«]([^"»]+)["»]/u.exec(text)?.[1] ??
    /профессионального стандарта\s+["«]([^"»]+)["»]/iu.exec(text)?.[1] ??
    /Название профессионального стандарта:\s*(.+?)(?:\s+\d+\.\s|$)/u.exec(
      joinPieces(passport.map(pieceOf), vocab),
    )?.[1] ??
    null;
  if (title === null) warnings.add(1, WarningCode.TITLE_MISSING, 'no "Профессиональный стандарт "…"" title found');

  const order = ORDER.exec(text);
  const month = order ? MONTHS.indexOf(order[3].toLowerCase()) : -1;
  const issuer = order ? order[1].split(' ') : [];
  if (issuer.length > 0) issuer[0] = ISSUER_TITLES[issuer[0]] ?? issuer[0];
  return {
    title: title?.trim() ?? '',
    orderNumber: order ? order[5] : null,
    orderDate:
      order && month >= 0 ? `${order[4]}-${String(month + 1).padStart(2, '0')}-${order[2].padStart(2, '0')}` : null,
    issuedBy: issuer.length > 0 ? issuer.join(' ') : null,
  };
}

/** Paragraph 5 of the passport: "J Информация и связь", "62.02. 0 Консультационные услуги…". */
export function readOkedCodes(passport: readonly SourceLine[], vocab: Vocabulary): OkedCode[] {
  const start = passport.findIndex((l) => l.key.includes('окэд'));
  if (start === -1) return [];
  const entries: { code: string; lines: SourceLine[] }[] = [];
  for (const line of passport.slice(start + 1)) {
    if (line.blank) continue;
    if (/^\d+\.\s+\p{Lu}/u.test(line.text)) break; // the next paragraph of the passport
    const m = /^([A-Z]|\d{2}(?:\s?\.\s?\d+)*)\s+(\S.*)$/u.exec(line.text);
    if (m) entries.push({ code: m[1].replace(/\s+/g, ''), lines: [{ ...line, text: m[2] }] });
    else if (entries.length > 0) entries[entries.length - 1].lines.push(line);
  }
  return entries.map((e) => ({ code: e.code, name: joinPieces(e.lines.map(pieceOf), vocab) }));
}

/** Paragraph 7 of the passport: "1) Оператор Call-центра - 3 уровень ОРК", two to a line at times. */
export function readCardList(passport: readonly SourceLine[], vocab: Vocabulary): ListedCard[] {
  const start = passport.findIndex((l) => l.key.includes('переченькарточекпрофессий'));
  if (start === -1) return [];
  const lines: SourceLine[] = [];
  for (const line of passport.slice(start + 1)) {
    if (/^\d+\.\s+\p{Lu}/u.test(line.text)) break;
    if (!line.blank) lines.push(line);
  }
  const text = joinPieces(lines.map(pieceOf), vocab);
  const entry = /(?:^|\s)(\d{1,2})\)\s*(.+?)\s+[-–—]\s*([1-8])\s*уровень\s+ОРК/gu;
  return [...text.matchAll(entry)].map((m) => {
    const name = m[2].trim();
    const marker = new RegExp(`(?:^|\\s)${m[1]}\\)`);
    const line = lines.find((l) => marker.test(l.text))?.no ?? lines[0]?.no ?? 0;
    return { number: Number(m[1]), name, orkLevel: Number(m[3]), line };
  });
}
