import type { ListedFunction } from './function-list';
import type { ParsedFunction, ParsedSkill, SkillTableLine } from './parsed-standard';
import { StandardParseError } from './parsed-standard';
import { WarningCode, WarningLog } from './parse-warnings';
import type { FlagMark } from './recognition-flags';
import { SideLabelReader } from './side-labels';
import { SegmentReader, SkillDraft, finishSkill } from './skill-segment';
import type { SourceLine } from './source-lines';
import type { Vocabulary } from './vocabulary';

export interface SkillTable {
  functions: ParsedFunction[];
  lines: SkillTableLine[];
}

/**
 * Reads "Описание трудовых функций": segments the table on the recognition flags (every skill
 * ends with one), reads each segment's heading, title, abilities and knowledge wherever the
 * page breaks put them, and assigns the skills to the card's listed functions: a skill numbered
 * 1 after other skills starts the next function, mandatory ones first, in list order.
 */
export function readSkillTable(
  lines: readonly SourceLine[],
  flags: readonly FlagMark[],
  functions: readonly ListedFunction[],
  cardLine: number,
  vocab: Vocabulary,
  warnings: WarningLog,
): SkillTable {
  const labels = new SideLabelReader(functions, warnings);
  const roles = new Map<number, SkillTableLine>();
  const drafts: SkillDraft[] = [];
  let from = 0;
  flags.forEach((flag, index) => {
    const segment = lines.slice(from, flag.from);
    const draft: SkillDraft = {
      firstLine: segment.find((l) => !l.blank)?.no ?? lines[flag.from].no,
      lastLine: lines[flag.to].no,
      heading: null,
      titlePieces: [],
      titleWidth: 0,
      abilities: [],
      knowledge: [],
      flag,
    };
    new SegmentReader(segment, draft, index, labels, roles, vocab, warnings).read();
    for (let i = flag.from; i <= flag.to; i++)
      roles.set(lines[i].no, { line: lines[i].no, role: 'flag', skill: index });
    drafts.push(draft);
    from = flag.to + 1;
  });
  labels.reportDifferences();

  const skills = drafts.map((d) => finishSkill(d, vocab, warnings));
  const groups = groupIntoFunctions(drafts, skills, warnings);
  // More or fewer functions than listed is an error, not a warning: which function a skill
  // belongs to decides whether it is mandatory for the award, so a guess here would silently
  // change certification outcomes. A person fixes the text (or adds a correction) instead.
  if (groups.length !== functions.length) {
    const line =
      groups.length > functions.length
        ? groups[functions.length][0].line
        : (functions[groups.length]?.line ?? cardLine);
    throw new StandardParseError(
      line,
      `the skill tables hold ${groups.length} function(s) (a skill numbered 1 starts the next), ` +
        `the card lists ${functions.length}`,
    );
  }
  const parsed: ParsedFunction[] = functions.map((fn, i) => ({
    line: fn.line,
    kind: fn.kind,
    number: fn.number,
    title: fn.title,
    skills: groups[i],
  }));
  crossCheckLabels(labels, drafts, parsed, warnings);

  // Every printed line is accounted for; one read as nothing would be a loss, so it is reported.
  for (const l of lines) {
    if (roles.has(l.no) || l.blank) continue;
    warnings.add(l.no, WarningCode.UNRECOGNISED_FRAGMENT, `"${l.text}" read as nothing, left out`);
    roles.set(l.no, { line: l.no, role: 'junk', skill: -1 });
  }
  return { functions: parsed, lines: [...roles.values()].sort((a, b) => a.line - b.line) };
}

function groupIntoFunctions(
  drafts: readonly SkillDraft[],
  skills: ParsedSkill[],
  warnings: WarningLog,
): ParsedSkill[][] {
  const groups: ParsedSkill[][] = [];
  skills.forEach((skill, i) => {
    const printed = drafts[i].heading?.number ?? null;
    if (groups.length === 0 || (printed === 1 && groups[groups.length - 1].length > 0)) groups.push([]);
    const group = groups[groups.length - 1];
    skill.number = group.length + 1;
    if (printed === null) skill.printedNumber = skill.number;
    else if (printed !== skill.number) {
      warnings.add(
        skill.line,
        WarningCode.SKILL_MISNUMBERED,
        `skill ${skill.number} of its function printed as "Навык ${printed}"`,
      );
    }
    group.push(skill);
  });
  return groups;
}

/** A side label, where printed, must sit within the function the numbering assigned. */
function crossCheckLabels(
  labels: SideLabelReader,
  drafts: readonly SkillDraft[],
  functions: readonly ParsedFunction[],
  warnings: WarningLog,
): void {
  const functionOfSkill = functions.flatMap((f) => f.skills.map(() => f));
  for (const label of labels.found) {
    if (!label.fn) continue;
    const index = drafts.findIndex((d) => label.line <= d.lastLine);
    const actual = functionOfSkill[index === -1 ? drafts.length - 1 : index];
    if (actual && (actual.kind !== label.fn.kind || actual.number !== label.fn.number)) {
      warnings.add(
        label.line,
        WarningCode.FUNCTION_LABEL_MISMATCH,
        `side label of ${label.fn.kind} function ${label.fn.number} printed among the skills of ${actual.kind} function ${actual.number}`,
      );
    }
  }
}
