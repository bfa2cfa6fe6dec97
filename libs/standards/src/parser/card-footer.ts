import { LabelSpec, readLabelledText } from './labelled-fields';
import type { RelatedProfession } from './parsed-standard';
import { WarningCode, WarningLog } from './parse-warnings';
import type { SourceLine } from './source-lines';
import { joinPieces, pieceOf, stripTerminator } from './text-cleanup';
import type { Vocabulary } from './vocabulary';

type FooterField = 'personalCompetencies' | 'technicalStandards' | 'relatedProfessions';

const FOOTER_LABELS: readonly LabelSpec<FooterField>[] = [
  { field: 'personalCompetencies', text: 'Требования к личностным компетенциям' },
  { field: 'technicalStandards', text: 'Список технических регламентов и национальных стандартов' },
  { field: 'relatedProfessions', text: 'Связь с другими профессиями в рамках ОРК' },
  // The column headings of the related-professions table.
  { field: 'relatedProfessions', text: 'Уровень ОРК: Наименование профессии' },
];

export interface CardFooter {
  personalCompetencies: string[];
  technicalStandards: string[];
  relatedProfessions: RelatedProfession[];
}

/** How the designation of a technical regulation or standard begins. */
const STANDARD_REFERENCE = /(?:СТ РК|ГОСТ|ISO|IEC|EN \d|ТР ТС|Стандарт|Технический регламент)/u;

/** The card's rows after its last skill: competencies, standards, related professions. */
export function readCardFooter(lines: readonly SourceLine[], vocab: Vocabulary, warnings: WarningLog): CardFooter {
  const table = readLabelledText(lines, FOOTER_LABELS, warnings);
  const valuesOf = (field: FooterField): SourceLine[] =>
    table.fields
      .filter((f) => f.field === field)
      .flatMap((f) => f.values)
      .sort((a, b) => a.no - b.no);

  const competencies = [...valuesOf('personalCompetencies')];
  const standards = [...valuesOf('technicalStandards')];
  // A card whose label column was lost prints the values alone: standards are told by their
  // designations, what precedes them are the competencies.
  if (table.unlabelled.length > 0) {
    const first = table.unlabelled[0];
    warnings.add(
      first.no,
      WarningCode.FOOTER_LABEL_MISSING,
      'values after the last skill printed without labels, read by their shape',
    );
    const at = table.unlabelled.findIndex((l) => STANDARD_REFERENCE.test(l.text));
    const split = at === -1 ? table.unlabelled.length : at;
    if (competencies.length === 0) competencies.push(...table.unlabelled.slice(0, split));
    if (standards.length === 0) standards.push(...table.unlabelled.slice(split));
  }

  return {
    personalCompetencies: splitList(joinPieces(competencies.map(pieceOf), vocab)),
    technicalStandards: splitStandards(joinPieces(standards.map(pieceOf), vocab)),
    relatedProfessions: readRelatedProfessions(valuesOf('relatedProfessions'), vocab),
  };
}

/** "a; b; c" or "a, b, c": semicolons separate when present, commas only outside brackets. */
function splitList(text: string): string[] {
  const separator = text.includes(';') ? ';' : ',';
  const items: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '(') depth++;
    else if (ch === ')') depth = Math.max(0, depth - 1);
    else if (ch === separator && depth === 0) {
      items.push(text.slice(start, i));
      start = i + 1;
    }
  }
  items.push(text.slice(start));
  return items.map((s) => stripTerminator(s.trim())).filter((s) => s.length > 0);
}

function splitStandards(text: string): string[] {
  return text
    .split(new RegExp(`[;]\\s*|,\\s+(?=${STANDARD_REFERENCE.source})`, 'u'))
    .map((s) => stripTerminator(s.trim()))
    .filter((s) => s.length > 0);
}

/**
 * Rows "4 4224-5-003 Оператор колл-центра": level, code, name, with the level possibly on a line
 * of its own, the name wrapped, and the digits letter-spaced into one run ("5 3 3 4 9 - 0 - 0 0 1").
 */
export function readRelatedProfessions(lines: readonly SourceLine[], vocab: Vocabulary): RelatedProfession[] {
  const rows: { orkLevel: number | null; code: string | null; lines: SourceLine[] }[] = [];
  let level: number | null = null;
  for (const line of lines) {
    const m = /^([\d\s-]*\d)(?:\s+|$)(.*)$/.exec(line.text);
    const digits = m ? m[1].replace(/\s+/g, '') : '';
    const withLevel = /^([1-8])(\d{4}-\d-\d{3})$/.exec(digits);
    const codeOnly = /^(\d{4}-\d-\d{3})$/.exec(digits);
    const rest = m ? m[2] : line.text;
    if (withLevel || codeOnly) {
      rows.push({
        orkLevel: withLevel ? Number(withLevel[1]) : level,
        code: withLevel ? withLevel[2] : (codeOnly?.[1] ?? null),
        lines: rest.length > 0 ? [{ ...line, text: rest }] : [],
      });
      level = null;
    } else if (/^[1-8]$/.test(digits) && rest.length === 0) {
      level = Number(digits);
    } else if (rows.length > 0) {
      rows[rows.length - 1].lines.push(line);
    } else {
      rows.push({ orkLevel: level, code: null, lines: [line] });
    }
  }
  return rows.map((r) => ({
    orkLevel: r.orkLevel,
    code: r.code,
    name: stripTerminator(joinPieces(r.lines.map(pieceOf), vocab)),
  }));
}
