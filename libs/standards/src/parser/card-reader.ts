import { CardFooter, readCardFooter } from './card-footer';
import { CardHeader, readCardHeader } from './card-header';
import type { ListedFunction } from './function-list';
import type { CardSpan } from './document-outline';
import { StandardParseError } from './parsed-standard';
import { WarningCode, WarningLog } from './parse-warnings';
import { findRecognitionFlags } from './recognition-flags';
import { SideLabelReader } from './side-labels';
import { SkillTable, readSkillTable } from './skill-table';
import { SourceLine, letterKey } from './source-lines';
import type { Vocabulary } from './vocabulary';

/** A card as read from its own lines, before gaps are filled from the rest of the standard. */
export interface CardDraft {
  line: number;
  printedNumber: number | null;
  /** The name in the card's heading ('Карточка профессии "…"'). */
  headingTitle: string;
  header: CardHeader;
  table: SkillTable;
  footer: CardFooter;
  /** Source lines of "Описание трудовых функций", from its first row to the last flag. */
  skillSection: { startLine: number; endLine: number };
}

const SKILL_TABLE_HEADING = letterKey('Описание трудовых функций');
const SKILL_START = /^(?:.{0,6}?\s*Навык\s+\d|(?:\d{1,2}\s*\)\s*)?(?:Умения|Умение|Знания|Знание)\s*:)/u;

/**
 * Splits a card into header (field table and function list), skill table (up to the last
 * recognition flag) and footer, and reads each.
 */
export function readCard(
  lines: readonly SourceLine[],
  span: CardSpan,
  vocab: Vocabulary,
  warnings: WarningLog,
): CardDraft {
  const heading = lines[span.start];
  const body = lines.slice(span.start + 1, span.end);

  let tableStart = body.findIndex((l) => l.key === SKILL_TABLE_HEADING);
  let headerEnd = tableStart;
  if (tableStart === -1) {
    const first = body.findIndex((l) => SKILL_START.test(l.text));
    if (first === -1) {
      throw new StandardParseError(heading.no, `card "${span.title}" has no skill table (is the text cut short?)`);
    }
    warnings.add(
      body[first].no,
      WarningCode.SKILL_TABLE_HEADING_MISSING,
      'skill table without "Описание трудовых функций"',
    );
    headerEnd = first;
    tableStart = first - 1;
  }
  const header = readCardHeader(body.slice(0, headerEnd), vocab, warnings);
  const rest = body.slice(tableStart + 1);

  const flags = findRecognitionFlags(rest, warnings);
  const firstSkill = rest.find((l) => SKILL_START.test(l.text));
  if (flags.length === 0) {
    const at = firstSkill?.no ?? heading.no;
    throw new StandardParseError(
      at,
      firstSkill ? 'skill without a recognition flag' : `card "${span.title}" has no skills`,
    );
  }
  const last = flags[flags.length - 1];
  const section = rest.slice(0, last.to + 1);
  const footerLines = withoutSideLabels(rest.slice(last.to + 1), header.functions, warnings);
  // After the last flag only the footer may follow; a skill there lost its flag (or the text
  // was cut before it).
  const orphan = footerLines.find((l) => SKILL_START.test(l.text));
  if (orphan) throw new StandardParseError(orphan.no, 'skill table ends without a recognition flag for this skill');
  // Every card of the layout closes with competencies, standards and related professions;
  // nothing at all after the last flag means the text stops there.
  if (footerLines.every((l) => l.blank)) {
    throw new StandardParseError(rest[last.to].no, 'card ends with its last skill: is the text cut short?');
  }
  if (header.functions.length === 0) {
    throw new StandardParseError(
      heading.no,
      `card "${span.title}" lists no labour functions ("Перечень трудовых функций")`,
    );
  }

  return {
    line: heading.no,
    printedNumber: span.printedNumber,
    headingTitle: span.title,
    header,
    table: readSkillTable(section, flags, header.functions, heading.no, vocab, warnings),
    footer: readCardFooter(footerLines, vocab, warnings),
    skillSection: { startLine: section[0]?.no ?? heading.no, endLine: section[section.length - 1]?.no ?? heading.no },
  };
}

/** A function label of the side column printed after the card's last skill is no footer value. */
function withoutSideLabels(
  lines: readonly SourceLine[],
  functions: readonly ListedFunction[],
  warnings: WarningLog,
): SourceLine[] {
  const labels = new SideLabelReader(functions, warnings);
  const kept: SourceLine[] = [];
  for (let i = 0; i < lines.length; i++) {
    const taken = lines[i].blank ? [] : labels.startsAt(lines, i, () => true);
    if (taken.length > 0) i = taken[taken.length - 1];
    else kept.push(lines[i]);
  }
  return kept;
}
