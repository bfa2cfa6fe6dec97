import { resolveCardIdentity } from './card-identity';
import { CardDraft, readCard } from './card-reader';
import { findCards, findChapters } from './document-outline';
import { ListedCard, ParsedCard, ParsedStandard, StandardParseError } from './parsed-standard';
import { WarningCode, WarningLog } from './parse-warnings';
import { SourceLine, letterKey, readSourceLines } from './source-lines';
import { readCardList, readOkedCodes, readStandardInfo } from './standard-info';
import { Vocabulary } from './vocabulary';

/**
 * Reads the text of a Kazakhstan professional standard, as converted from the published PDF,
 * into its cards, labour functions and skills. Pure: the same text always gives the same result.
 *
 * Pipeline: normalise lines (misprints, letter spacing) → chapters → the standard's header and
 * passport → cards → per card: header fields and function list, skill table segmented on its
 * recognition flags, footer → gaps filled from what the standard states elsewhere.
 *
 * Defects of the source that can be worked around are reported in `warnings`; a text that
 * cannot be read without guessing what the standard requires throws `StandardParseError`.
 */
export function parseStandard(text: string): ParsedStandard {
  const warnings = new WarningLog();
  const lines = readSourceLines(text, warnings);
  const vocab = Vocabulary.fromLines(lines);

  const chapters = findChapters(lines);
  const cardChapter = chapters.find((c) => lines[c.start].key.includes(letterKey('Карточки профессий')));
  const cards = findCards(lines, cardChapter?.start ?? 0, cardChapter?.end ?? lines.length);
  if (cards.length === 0) {
    throw new StandardParseError(1, 'not a professional standard: no "Карточка профессии" found');
  }
  // The label may be broken ("Возможность " / "признания навыка"): its first word will do.
  if (!lines.some((l) => l.key.startsWith('возможност'))) {
    throw new StandardParseError(lines[cards[0].start].no, 'not a professional standard: no skill tables found');
  }

  const slice = (from: number, to: number): SourceLine[] => lines.slice(from, to);
  const firstChapter = chapters[0]?.start ?? cards[0].start;
  const passportChapter = chapters.find((c) => lines[c.start].key.includes(letterKey('Паспорт')));
  const passport = passportChapter ? slice(passportChapter.start + 1, passportChapter.end) : [];
  const info = readStandardInfo(slice(0, firstChapter), passport, vocab, warnings);
  const cardList = readCardList(passport, vocab);

  const drafts: CardDraft[] = cards.map((span) => readCard(lines, span, vocab, warnings));
  // The cards' chapter is followed by the technical data; a text that stops inside it may have
  // lost the end of its last card without any other sign.
  if (cardChapter && cardChapter === chapters[chapters.length - 1]) {
    const last = [...lines].reverse().find((l) => !l.blank) ?? lines[lines.length - 1];
    throw new StandardParseError(last.no, 'the text ends inside the chapter of cards: is it cut short?');
  }
  const parsedCards = drafts.map((draft, index) => {
    const position = index + 1;
    if (draft.printedNumber !== position) {
      warnings.add(
        draft.line,
        WarningCode.CARD_MISNUMBERED,
        `card ${position} printed as number ${draft.printedNumber ?? '(none)'}`,
      );
    }
    return toParsedCard(draft, position, cardList, drafts, warnings);
  });

  return {
    title: info.title,
    orderNumber: info.orderNumber,
    orderDate: info.orderDate,
    issuedBy: info.issuedBy,
    okedCodes: readOkedCodes(passport, vocab),
    cardList,
    cards: parsedCards,
    warnings: warnings.sorted(),
  };
}

function toParsedCard(
  draft: CardDraft,
  position: number,
  cardList: readonly ListedCard[],
  drafts: readonly CardDraft[],
  warnings: WarningLog,
): ParsedCard {
  const { header, footer, table } = draft;
  const identity = resolveCardIdentity(
    draft,
    position,
    cardList,
    drafts.filter((d) => d !== draft),
    warnings,
  );
  const required = (value: string | null, what: string): string => {
    if (value !== null) return value;
    warnings.add(draft.line, WarningCode.FIELD_EMPTY, `card states no "${what}"`);
    return '';
  };
  return {
    line: draft.line,
    printedNumber: draft.printedNumber,
    number: position,
    groupCode: identity.groupCode,
    occupationCode: identity.occupationCode,
    name: identity.name,
    orkLevel: identity.orkLevel,
    orkSublevel: header.orkSublevel,
    qualificationReference: header.qualificationReference,
    educationLevelText: required(
      header.educationLevels.length > 0 ? header.educationLevels.join('; ') : null,
      'Уровень образования',
    ),
    educationLevels: header.educationLevels,
    specialty: header.specialty,
    qualification: header.qualification,
    experienceText: required(header.experienceText, 'Требования к опыту работы'),
    informalText: required(header.informalText, 'Связь с неформальным и информальным образованием'),
    otherNames: header.otherNames,
    mainGoal: required(header.mainGoal, 'Основная цель деятельности'),
    functions: table.functions,
    personalCompetencies: footer.personalCompetencies,
    technicalStandards: footer.technicalStandards,
    relatedProfessions: footer.relatedProfessions,
    skillTable: { ...draft.skillSection, lines: table.lines },
  };
}
