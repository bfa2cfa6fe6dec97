/**
 * The item bank as a spreadsheet (xlsx or csv): one question a row, in the columns below. Rows are
 * read into the JSON import's questions, with the problems of each row named before anything is sent.
 */
export const COLUMNS = ['skill', 'type', 'text', 'options', 'correct', 'explanation', 'knowledge'] as const;

export interface SheetQuestion {
  skillId: string;
  type: 'single' | 'multiple';
  text: string;
  options: string[];
  correctOptions: number[];
  explanation?: string;
  knowledgeItemId?: string;
}

/** A row's problem: its row number as the spreadsheet shows it (the header is row 1), the column, a key. */
export interface RowProblem {
  row: number;
  column: string;
  problem: 'unknownSkill' | 'badType' | 'noText' | 'fewOptions' | 'badCorrect' | 'unknownKnowledge';
}

/**
 * The skills a sheet may name, by their number as the standard prints them ("1.2"): the skill's
 * id and its knowledge items' ids in the standard's order (the sheet's `knowledge` column numbers
 * them from 1 within the skill).
 */
export type SheetSkills = Map<string, { id: string; knowledgeIds: string[] }>;

const OPTION_SEPARATOR = '|';

/**
 * Reads rows (cells as text, the header first) into questions, with the sheet row of each
 * question (`rows[i]` is the row of `questions[i]`), so the server's refusals of a question are
 * named by the row it came from.
 */
export function readRows(
  rows: string[][],
  skills: SheetSkills,
): { questions: SheetQuestion[]; rows: number[]; problems: RowProblem[] } {
  const [header, ...body] = rows;
  const index = Object.fromEntries(
    COLUMNS.map((c) => [c, (header ?? []).map((h) => h.trim().toLowerCase()).indexOf(c)]),
  );
  const questions: SheetQuestion[] = [];
  const questionRows: number[] = [];
  const problems: RowProblem[] = [];
  body.forEach((cells, i) => {
    const row = i + 2;
    const cell = (column: (typeof COLUMNS)[number]) => (index[column] >= 0 ? (cells[index[column]] ?? '').trim() : '');
    if (cells.every((c) => c.trim() === '')) return;
    const own: RowProblem[] = [];
    const skill = skills.get(cell('skill'));
    const skillId = skill?.id;
    if (!skillId) own.push({ row, column: 'skill', problem: 'unknownSkill' });
    const type = cell('type');
    if (type !== 'single' && type !== 'multiple') own.push({ row, column: 'type', problem: 'badType' });
    const text = cell('text');
    if (!text) own.push({ row, column: 'text', problem: 'noText' });
    const options = cell('options')
      .split(OPTION_SEPARATOR)
      .map((o) => o.trim())
      .filter(Boolean);
    if (options.length < 2) own.push({ row, column: 'options', problem: 'fewOptions' });
    const correct = cell('correct')
      .split(/[,;\s]+/)
      .filter(Boolean)
      .map(Number);
    if (
      correct.length === 0 ||
      correct.some((n) => !Number.isInteger(n) || n < 1 || n > options.length) ||
      (type === 'single' && correct.length !== 1)
    ) {
      own.push({ row, column: 'correct', problem: 'badCorrect' });
    }
    const knowledge = cell('knowledge');
    let knowledgeItemId: string | undefined;
    if (knowledge && skill) {
      const n = Number(knowledge);
      knowledgeItemId = Number.isInteger(n) && n >= 1 ? skill.knowledgeIds[n - 1] : undefined;
      if (!knowledgeItemId) own.push({ row, column: 'knowledge', problem: 'unknownKnowledge' });
    }
    problems.push(...own);
    if (own.length === 0) {
      const explanation = cell('explanation');
      questionRows.push(row);
      questions.push({
        skillId: skillId as string,
        type: type as 'single' | 'multiple',
        text,
        options,
        correctOptions: correct.map((n) => n - 1),
        ...(explanation ? { explanation } : {}),
        ...(knowledgeItemId ? { knowledgeItemId } : {}),
      });
    }
  });
  return { questions, rows: questionRows, problems };
}

/**
 * Questions back to rows (the export, and the template's example). Retired questions are left out:
 * the sheet has no status column, and a sheet imported again would bring them back in use.
 */
export function toRows(
  questions: {
    status?: string;
    skillId: string;
    type: string;
    text: string;
    options: string[];
    correctOptions: number[];
    explanation?: string | null;
    knowledgeItemId?: string | null;
  }[],
  skills: SheetSkills,
): string[][] {
  const labels = new Map([...skills].map(([label, skill]) => [skill.id, label]));
  const knowledgeNumbers = new Map(
    [...skills.values()].flatMap((skill) => skill.knowledgeIds.map((id, i) => [id, String(i + 1)] as const)),
  );
  return [
    [...COLUMNS],
    ...questions
      .filter((q) => q.status !== 'retired')
      .map((q) => [
        labels.get(q.skillId) ?? q.skillId,
        q.type,
        q.text,
        q.options.join(` ${OPTION_SEPARATOR} `),
        q.correctOptions.map((n) => n + 1).join(','),
        q.explanation ?? '',
        q.knowledgeItemId ? (knowledgeNumbers.get(q.knowledgeItemId) ?? '') : '',
      ]),
  ];
}

/** The sheet's column of a question's field as the API names it. */
const SHEET_COLUMN: Record<string, string> = {
  skillId: 'skill',
  correctOptions: 'correct',
  knowledgeItemId: 'knowledge',
};

export interface ServerProblem {
  /** The sheet's row, or the question's number (from 1) when it did not come from a sheet. */
  row: number;
  column: string;
  message: string;
  fromSheet: boolean;
}

/**
 * The server's refusals of an import (fields named `questions[3].options`) named by the sheet's
 * row and column when the questions came from a sheet (`rows[i]` is the row of question i, as
 * readRows gives it), else by the question's number in the JSON.
 */
export function questionProblems(
  fields: { field: string; messages: string[] }[],
  rows: number[] | null,
): ServerProblem[] {
  return fields.map((f) => {
    const match = /^questions(?:\[(\d+)\]|\.(\d+))\.?([A-Za-z]*)/.exec(f.field);
    const index = match ? Number(match[1] ?? match[2]) : -1;
    const field = match?.[3] || f.field;
    const sheetRow = rows && index >= 0 ? rows[index] : undefined;
    return {
      row: sheetRow ?? index + 1,
      column: sheetRow ? (SHEET_COLUMN[field] ?? field) : field,
      message: f.messages.join('; '),
      fromSheet: sheetRow !== undefined,
    };
  });
}

/** CSV as spreadsheets write it: quoted fields, doubled quotes, CRLF or LF, a BOM tolerated. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const source = text.replace(/^\uFEFF/, '');
  // A sheet saved in a Russian locale separates with semicolons.
  const firstLine = source.split(/\r?\n/, 1)[0] ?? '';
  const separator = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  for (let i = 0; i < source.length; i += 1) {
    const ch = source[i];
    if (quoted) {
      if (ch === '"' && source[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === separator) {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && source[i + 1] === '\n') i += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

export function toCsv(rows: string[][]): string {
  const quote = (value: string) => (/[",\n\r;]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
  return `\uFEFF${rows.map((r) => r.map(quote).join(',')).join('\r\n')}\r\n`;
}
