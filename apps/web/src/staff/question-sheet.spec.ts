import { parseCsv, readRows, toCsv, toRows } from './question-sheet';

const skills = new Map([
  ['1.1', 'skill-a'],
  ['1.2', 'skill-b'],
]);
const header = ['skill', 'type', 'text', 'options', 'correct', 'explanation'];

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
    const labels = new Map([...skills].map(([label, id]) => [id, label]));
    const original = [
      {
        skillId: 'skill-a',
        type: 'single' as const,
        text: 'Say "hi", then; wait',
        options: ['a, b', 'c'],
        correctOptions: [1],
      },
    ];
    const rows = parseCsv(toCsv(toRows(original, labels)));
    expect(readRows(rows, skills).questions).toEqual(original);
  });

  it('reads csv saved with semicolons and CRLF, with a BOM', () => {
    expect(parseCsv('\uFEFFa;b\r\n"x;y";z\r\n')).toEqual([
      ['a', 'b'],
      ['x;y', 'z'],
    ]);
  });
});
