import type { CardDraft } from './card-reader';
import { ListedCard, StandardParseError } from './parsed-standard';
import { WarningCode, WarningLog } from './parse-warnings';
import { letterKey } from './source-lines';

export interface CardIdentity {
  name: string;
  groupCode: string | null;
  occupationCode: string | null;
  orkLevel: number;
}

/** Names match when one reads as the other, give or take an ending ("Call-центр" / "Call-центра"). */
export function sameName(a: string, b: string): boolean {
  const ka = letterKey(a);
  const kb = letterKey(b);
  if (ka.length === 0 || kb.length === 0) return false;
  const [short, long] = ka.length <= kb.length ? [ka, kb] : [kb, ka];
  return long.startsWith(short.slice(0, Math.max(short.length - 2, Math.ceil(short.length * 0.9))));
}

/**
 * A card's name, codes and ОРК level. When its header lost them (a label column printed a few
 * letters per line drops the fields with it), they are taken, with a warning, from what the
 * standard states elsewhere: the passport's list of cards for the level, the other cards'
 * "Другие возможные наименования" and "Связь с другими профессиями" for the code.
 */
export function resolveCardIdentity(
  draft: CardDraft,
  position: number,
  cardList: readonly ListedCard[],
  others: readonly CardDraft[],
  warnings: WarningLog,
): CardIdentity {
  const { header } = draft;
  const fallback = (what: string, source: string) =>
    warnings.add(draft.line, WarningCode.CARD_HEADER_FALLBACK, `card header gives no ${what}; taken from ${source}`);

  let name = header.name;
  if (name === null) {
    name =
      header.unlabelled !== null && sameName(header.unlabelled, draft.headingTitle)
        ? header.unlabelled
        : draft.headingTitle;
    fallback(
      '"Наименование профессии"',
      name === draft.headingTitle ? 'the card heading' : 'an unlabelled line of the header',
    );
  }

  const byPosition = cardList[position - 1];
  const listed =
    byPosition && (sameName(byPosition.name, name) || sameName(byPosition.name, draft.headingTitle))
      ? byPosition
      : (cardList.find((c) => sameName(c.name, name) || sameName(c.name, draft.headingTitle)) ?? null);
  if (cardList.length > 0 && listed !== byPosition) {
    warnings.add(
      draft.line,
      WarningCode.CARD_LIST_MISMATCH,
      `card ${position} is not entry ${position} of the passport's list of cards`,
    );
  }

  const mentions = others.flatMap((o) => [
    ...o.header.otherNames.map((n) => ({ code: n.code, level: null as number | null, name: n.name })),
    ...o.footer.relatedProfessions.map((r) => ({ code: r.code, level: r.orkLevel, name: r.name })),
  ]);
  const mentioned = mentions.filter(
    (m) => m.code !== null && (sameName(m.name, name) || sameName(m.name, draft.headingTitle)),
  );

  let orkLevel = header.orkLevel;
  if (orkLevel === null) {
    const level = listed?.orkLevel ?? mentioned.find((m) => m.level !== null)?.level ?? null;
    if (level === null)
      throw new StandardParseError(draft.line, `card "${name}" states no ОРК level and none is found elsewhere`);
    orkLevel = level;
    fallback(
      '"Уровень квалификации по ОРК"',
      listed ? `the passport's list of cards (line ${listed.line})` : 'related professions of other cards',
    );
  } else if (listed && listed.orkLevel !== orkLevel) {
    warnings.add(
      draft.line,
      WarningCode.CARD_LEVEL_MISMATCH,
      `card states ОРК level ${orkLevel}, the passport's list ${listed.orkLevel}`,
    );
  }

  let occupationCode = header.occupationCode;
  if (occupationCode === null) {
    const codes = [...new Set(mentioned.map((m) => m.code))];
    occupationCode = codes.length === 1 ? codes[0] : null;
    if (occupationCode) fallback('"Код наименования занятия"', 'the mentions of this profession on other cards');
  }
  let groupCode = header.groupCode;
  if (groupCode === null && occupationCode !== null) {
    groupCode = occupationCode.slice(0, occupationCode.lastIndexOf('-'));
    fallback('"Код группы"', 'its occupation code');
  }
  return { name, groupCode, occupationCode, orkLevel };
}
