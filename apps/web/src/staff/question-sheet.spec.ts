import { parseCsv, questionProblems, readRows, type SheetSkills, toCsv, toRows } from './question-sheet';

const skills: SheetSkills = new Map([
  ['1.1', { id: 'skill-a', knowledgeIds: ['know-a1', 'know-a2'] }],
  ['1.2', { id: 'skill-b', knowledgeIds: [] }],
]);
const header = ['skill', 'type', 'text', 'options', 'correct', 'explanation', 'knowledge'];

describe('the item bank as a spreadsheet', () => {
  it('reads a row into a question, the correct options counted from 1 on the sheet', () => {
    const { questions, problems } = readRows(
      [header, ['1.2', 'multiple', 'Which?', 'a | b | c', '1, 3', 'why']],
      skills,
    );
    expect(problems).toEqual([]);
    expect(questions).toEqual([
      {
        skillId: 'skill-b',
        type: 'multiple',
        text: 'Which?',
        options: ['a', 'b', 'c'],
        correctOptions: [0, 2],
        explanation: 'why',
      },
    ]);
  });

  it('names each problem by its row as the sheet numbers it and its column', () => {
    const { questions, problems } = readRows(
      [
        header,
        ['1.1', 'single', 'Fine', 'a|b', '2', ''],
        ['9.9', 'single', 'Unknown skill', 'a|b', '1', ''],
        ['1.1', 'essay', '', 'a', '3', ''],
        ['1.1', 'single', 'Two right', 'a|b|c', '1,2', ''],
      ],
      skills,
    );
    expect(questions).toHaveLength(1);
    expect(problems).toEqual([
      { row: 3, column: 'skill', problem: 'unknownSkill' },
      { row: 4, column: 'type', problem: 'badType' },
      { row: 4, column: 'text', problem: 'noText' },
      { row: 4, column: 'options', problem: 'fewOptions' },
      { row: 4, column: 'correct', problem: 'badCorrect' },
      { row: 5, column: 'correct', problem: 'badCorrect' },
    ]);
  });

  it('reads the knowledge item by its number within the skill, and names one the skill has not', () => {
    const { questions, rows, problems } = readRows(
      [
        header,
        ['1.1', 'single', 'Second item', 'a|b', '1', '', '2'],
        ['1.1', 'single', 'No item', 'a|b', '1', '', ''],
        ['1.1', 'single', 'Third item', 'a|b', '1', '', '3'],
        ['1.2', 'single', 'Skill without items', 'a|b', '1', '', '1'],
        ['1.1', 'single', 'Not a number', 'a|b', '1', '', 'first'],
        ['1.1', 'single', 'Zero', 'a|b', '1', '', '0'],
      ],
      skills,
    );
    expect(questions.map((q) => [q.text, q.knowledgeItemId])).toEqual([
      ['Second item', 'know-a2'],
      ['No item', undefined],
    ]);
    expect(rows).toEqual([2, 3]);
    expect(problems).toEqual([
      { row: 4, column: 'knowledge', problem: 'unknownKnowledge' },
      { row: 5, column: 'knowledge', problem: 'unknownKnowledge' },
      { row: 6, column: 'knowledge', problem: 'unknownKnowledge' },
      { row: 7, column: 'knowledge', problem: 'unknownKnowledge' },
    ]);
  });

  it('gives each question the sheet row it came from, past empty and refused rows', () => {
    const { rows } = readRows(
      [
        header,
        ['', '', '', '', ''],
        ['1.1', 'single', 'A', 'a|b', '1'],
        ['9.9', 'x'],
        ['1.2', 'single', 'B', 'a|b', '2'],
      ],
      skills,
    );
    expect(rows).toEqual([3, 5]);
  });

  it('reads a sheet without the knowledge column (an older template)', () => {
    const { questions, problems } = readRows([header.slice(0, 6), ['1.1', 'single', 'Old', 'a|b', '1', '']], skills);
    expect(problems).toEqual([]);
    expect(questions).toEqual([
      { skillId: 'skill-a', type: 'single', text: 'Old', options: ['a', 'b'], correctOptions: [0] },
    ]);
  });

  it('skips empty rows and finds columns by their header in any order', () => {
    const { questions } = readRows(
      [
        ['text', 'correct', 'options', 'type', 'skill'],
        ['', '', '', '', ''],
        ['Q', '1', 'x|y', 'single', '1.1'],
      ],
      skills,
    );
    expect(questions).toEqual([
      { skillId: 'skill-a', type: 'single', text: 'Q', options: ['x', 'y'], correctOptions: [0] },
    ]);
  });

  it('writes rows that read back to the same questions, through csv too', () => {
    const original = [
      {
        skillId: 'skill-a',
        type: 'single' as const,
        text: 'Say "hi", then; wait',
        options: ['a, b', 'c'],
        correctOptions: [1],
      },
      {
        skillId: 'skill-a',
        type: 'multiple' as const,
        text: 'With its knowledge item',
        options: ['x', 'y', 'z'],
        correctOptions: [0, 2],
        explanation: 'because',
        knowledgeItemId: 'know-a2',
      },
    ];
    const rows = parseCsv(toCsv(toRows(original, skills)));
    expect(rows[2]).toEqual(['1.1', 'multiple', 'With its knowledge item', 'x | y | z', '1,3', 'because', '2']);
    expect(readRows(rows, skills).questions).toEqual(original);
  });

  it('leaves retired questions out of the sheet, which has no status to keep them retired', () => {
    const question = { skillId: 'skill-a', type: 'single', text: 'Q', options: ['a', 'b'], correctOptions: [0] };
    const rows = toRows(
      [
        { ...question, status: 'active', text: 'In use' },
        { ...question, status: 'retired', text: 'Retired' },
      ],
      skills,
    );
    expect(rows.map((r) => r[2])).toEqual(['text', 'In use']);
  });

  it('reads csv saved with semicolons and CRLF, with a BOM', () => {
    expect(parseCsv('\uFEFFa;b\r\n"x;y";z\r\n')).toEqual([
      ['a', 'b'],
      ['x;y', 'z'],
    ]);
  });

  it('names the server’s refusal of a question by the sheet row it came from and the sheet’s column', () => {
    const { rows } = readRows(
      [header, ['', '', ''], ['1.1', 'single', 'A', 'a|b', '1', '', '1'], ['1.2', 'single', 'B', 'a|b', '2']],
      skills,
    );
    const fields = [
      { field: 'questions[1].options', messages: ['duplicate options'] },
      { field: 'questions[0].knowledgeItemId', messages: ['not of the skill'] },
      { field: 'questions.1.correctOptions', messages: ['bad'] },
      { field: 'cardId', messages: ['unknown card'] },
    ];
    expect(questionProblems(fields, rows)).toEqual([
      { row: 4, column: 'options', message: 'duplicate options', fromSheet: true },
      { row: 3, column: 'knowledge', message: 'not of the skill', fromSheet: true },
      { row: 4, column: 'correct', message: 'bad', fromSheet: true },
      { row: 0, column: 'cardId', message: 'unknown card', fromSheet: false },
    ]);
    // From JSON: the question's number, the API's field.
    expect(questionProblems(fields.slice(0, 1), null)).toEqual([
      { row: 2, column: 'options', message: 'duplicate options', fromSheet: false },
    ]);
  });
});
