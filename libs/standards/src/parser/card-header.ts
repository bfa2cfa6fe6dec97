import { ListedFunction, readFunctionItems } from './function-list';
import { FieldValue, LabelSpec, readLabelledText } from './labelled-fields';
import type { CodedName } from './parsed-standard';
import { WarningCode, WarningLog } from './parse-warnings';
import type { SourceLine } from './source-lines';
import { joinPieces, pieceOf, stripTerminator } from './text-cleanup';
import type { Vocabulary } from './vocabulary';

type HeaderField =
  | 'groupCode'
  | 'occupationCode'
  | 'name'
  | 'orkLevel'
  | 'orkSublevel'
  | 'qualificationReference'
  | 'professionalEducation'
  | 'educationLevel'
  | 'specialty'
  | 'qualification'
  | 'experience'
  | 'informal'
  | 'otherNames'
  | 'mainGoal'
  | 'functionList'
  | 'mandatoryFunctions'
  | 'additionalFunctions';

/** The card header's labels, in the order every standard of this layout prints them. */
const HEADER_LABELS: readonly LabelSpec<HeaderField>[] = [
  { field: 'groupCode', text: 'Код группы' },
  { field: 'occupationCode', text: 'Код наименования занятия' },
  { field: 'name', text: 'Наименование профессии' },
  { field: 'orkLevel', text: 'Уровень квалификации по ОРК' },
  { field: 'orkSublevel', text: 'Подуровень квалификации по ОРК' },
  { field: 'qualificationReference', text: 'Уровень квалификации по ЕТКС, КС, типовых квалификационных характеристик' },
  { field: 'professionalEducation', text: 'Уровень профессионального образования' },
  { field: 'educationLevel', text: 'Уровень образования' },
  { field: 'specialty', text: 'Специальность' },
  { field: 'qualification', text: 'Квалификация' },
  { field: 'experience', text: 'Требования к опыту работы' },
  { field: 'informal', text: 'Связь с неформальным и информальным образованием' },
  { field: 'otherNames', text: 'Другие возможные наименования профессий' },
  { field: 'mainGoal', text: 'Основная цель деятельности' },
  { field: 'functionList', text: 'Перечень трудовых функций' },
  { field: 'mandatoryFunctions', text: 'Обязательные трудовые функции' },
  { field: 'additionalFunctions', text: 'Дополнительные трудовые функции' },
];

export interface CardHeader {
  groupCode: string | null;
  occupationCode: string | null;
  name: string | null;
  orkLevel: number | null;
  orkSublevel: string | null;
  qualificationReference: string | null;
  /** One entry per "Уровень образования" printed: the card's alternatives. */
  educationLevels: string[];
  specialty: string | null;
  qualification: string | null;
  experienceText: string | null;
  informalText: string | null;
  otherNames: CodedName[];
  mainGoal: string | null;
  functions: ListedFunction[];
  /** Values printed before any label (a card whose label column was lost). */
  unlabelled: string | null;
}

export const OCCUPATION_CODE = /\d{4}-\d-\d{3}/;
const CODED_LINE = /^\d{4}-\d-\d{3}\s+\S/;
const EMPTY_VALUE = /^[-–—]?$/;

export function readCardHeader(lines: readonly SourceLine[], vocab: Vocabulary, warnings: WarningLog): CardHeader {
  const table = readLabelledText(lines, HEADER_LABELS, warnings);
  const fields = table.fields;

  // A name with its code sits among other names wherever the column put it (one printed above
  // its own label, inside the previous field's text): its shape, not its position, says what it is.
  const misplaced: SourceLine[] = [];
  for (const f of fields) {
    if (f.field === 'otherNames' || f.field === 'occupationCode' || f.field === 'groupCode') continue;
    f.values = f.values.filter((v) => {
      if (!CODED_LINE.test(v.text)) return true;
      warnings.add(
        v.no,
        WarningCode.VALUE_OUT_OF_PLACE,
        `"${v.text}" printed outside "Другие возможные наименования профессий", moved there`,
      );
      misplaced.push(v);
      return false;
    });
  }

  const valuesOf = (field: HeaderField): SourceLine[] =>
    fields
      .filter((f) => f.field === field)
      .flatMap((f) => f.values)
      .sort((a, b) => a.no - b.no);
  const textOf = (values: readonly SourceLine[]): string | null => {
    const text = joinPieces(values.map(pieceOf), vocab);
    return text.length > 0 ? text : null;
  };
  const meaningful = (value: string | null): string | null =>
    value === null || EMPTY_VALUE.test(value) ? null : value;
  const each = (field: HeaderField): (string | null)[] =>
    fields.filter((f) => f.field === field).map((f: FieldValue<HeaderField>) => meaningful(textOf(f.values)));
  const distinct = (values: (string | null)[]): string | null => {
    const set = [...new Set(values.filter((v): v is string => v !== null))];
    return set.length > 0 ? set.join('; ') : null;
  };

  const compact = (field: HeaderField): string =>
    valuesOf(field)
      .map((v) => v.text.replace(/\s+/g, ''))
      .join(' ');
  const orkText = textOf(valuesOf('orkLevel'));

  return {
    groupCode: /\d{4}-\d{1,2}/.exec(compact('groupCode'))?.[0] ?? null,
    occupationCode: OCCUPATION_CODE.exec(compact('occupationCode'))?.[0] ?? null,
    name: meaningful(textOf(valuesOf('name'))),
    orkLevel: orkText && /^[1-8]\b/.test(orkText) ? Number(orkText[0]) : null,
    orkSublevel: meaningful(textOf(valuesOf('orkSublevel'))),
    qualificationReference: meaningful(textOf(valuesOf('qualificationReference'))),
    educationLevels: each('educationLevel').filter((v): v is string => v !== null),
    specialty: distinct(each('specialty')),
    qualification: distinct(each('qualification')),
    experienceText: meaningful(textOf(valuesOf('experience'))),
    informalText: meaningful(textOf(valuesOf('informal'))),
    otherNames: readCodedNames(
      [...valuesOf('otherNames'), ...misplaced].sort((a, b) => a.no - b.no),
      vocab,
    ),
    mainGoal: meaningful(textOf(valuesOf('mainGoal'))),
    functions: readFunctionList(fields, vocab, warnings),
    unlabelled: meaningful(textOf(table.unlabelled)),
  };
}

function readFunctionList(
  fields: readonly FieldValue<HeaderField>[],
  vocab: Vocabulary,
  warnings: WarningLog,
): ListedFunction[] {
  const of = (field: HeaderField) => fields.filter((f) => f.field === field).flatMap((f) => f.values);
  const mandatory = of('mandatoryFunctions');
  const unlabelled = of('functionList');
  if (mandatory.length === 0 && unlabelled.length > 0) {
    warnings.add(
      unlabelled[0].no,
      WarningCode.FUNCTION_LIST_UNLABELLED,
      'functions listed without "Обязательные трудовые функции", taken as mandatory',
    );
  }
  return [
    ...readFunctionItems('mandatory', mandatory.length > 0 ? mandatory : unlabelled, vocab),
    ...readFunctionItems('additional', of('additionalFunctions'), vocab),
  ];
}

/** "4223-0-003 Оператор связи контакт-центра;" lines, possibly wrapped, possibly unseparated. */
export function readCodedNames(lines: readonly SourceLine[], vocab: Vocabulary): CodedName[] {
  const text = joinPieces(lines.map(pieceOf), vocab);
  const codes = [...text.matchAll(new RegExp(OCCUPATION_CODE.source, 'g'))];
  const names: CodedName[] = [];
  const clean = (s: string) => stripTerminator(s.replace(/[,;]\s*$/, '').trim());
  const lead = clean(text.slice(0, codes[0]?.index ?? text.length));
  if (!EMPTY_VALUE.test(lead)) names.push({ code: null, name: lead });
  codes.forEach((m, i) => {
    const end = codes[i + 1]?.index ?? text.length;
    const name = clean(text.slice(m.index + m[0].length, end));
    if (name.length > 0) names.push({ code: m[0], name });
  });
  return names;
}
