import type { ParsedStandard } from '../parser/parsed-standard';
import { applyCorrections, CorrectionsFileError, readCorrectionsFile } from './corrections';

function standard(): ParsedStandard {
  return {
    title: 'T',
    orderNumber: null,
    orderDate: null,
    issuedBy: null,
    okedCodes: [],
    warnings: [],
    cards: [
      {
        line: 1,
        printedNumber: 1,
        number: 1,
        groupCode: null,
        occupationCode: null,
        name: 'Оператор',
        orkLevel: 3,
        orkSublevel: null,
        qualificationReference: null,
        educationLevelText: 'ТиПО',
        specialty: null,
        qualification: null,
        experienceText: '',
        informalText: '',
        otherNames: [],
        mainGoal: 'Цель',
        personalCompetencies: [],
        technicalStandards: [],
        relatedProfessions: [],
        functions: [
          { line: 2, kind: 'mandatory', number: 1, title: 'Функция', skills: [] },
          {
            line: 3,
            kind: 'additional',
            number: 1,
            title: 'Доп',
            skills: [
              {
                line: 4,
                printedNumber: 1,
                number: 1,
                title: 'Навык раз',
                recognition: 'recommended',
                abilities: ['уметь а', 'уметь б'],
                knowledge: ['знать а'],
              },
            ],
          },
        ],
      },
    ],
  };
}

describe('applyCorrections', () => {
  it('replaces the text at each target when the text as parsed matches', () => {
    const sut = standard();
    const result = applyCorrections(sut, [
      { card: 1, field: 'name', asParsed: 'Оператор', shouldRead: 'Оператор колл-центра' },
      {
        card: 1,
        function: { kind: 'mandatory', number: 1 },
        field: 'title',
        asParsed: 'Функция',
        shouldRead: 'Функция 1',
      },
      {
        card: 1,
        function: { kind: 'additional', number: 1 },
        skill: 1,
        field: 'abilities',
        index: 2,
        asParsed: 'уметь б',
        shouldRead: 'уметь в',
      },
      {
        card: 1,
        function: { kind: 'additional', number: 1 },
        skill: 1,
        field: 'title',
        asParsed: 'Навык раз',
        shouldRead: 'Навык один',
        reason: 'опечатка',
      },
    ]);
    expect(result.every((r) => r.applied)).toBe(true);
    expect(result[3]).toMatchObject({
      target: 'card 1, additional function 1, skill 1',
      field: 'title',
      reason: 'опечатка',
    });
    expect(result[2].field).toBe('abilities[2]');
    expect(sut.cards[0].name).toBe('Оператор колл-центра');
    expect(sut.cards[0].functions[0].title).toBe('Функция 1');
    expect(sut.cards[0].functions[1].skills[0].abilities).toEqual(['уметь а', 'уметь в']);
    expect(sut.cards[0].functions[1].skills[0].title).toBe('Навык один');
  });

  it('reports, and does not apply, a correction whose text as parsed no longer matches', () => {
    const sut = standard();
    const [result] = applyCorrections(sut, [
      { card: 1, field: 'mainGoal', asParsed: 'Старая цель', shouldRead: 'Новая' },
    ]);
    expect(result).toMatchObject({ applied: false, reason: expect.stringContaining('no longer matches') });
    expect(sut.cards[0].mainGoal).toBe('Цель');
  });

  it.each([
    [{ card: 2, field: 'name' }],
    [{ card: 1, function: { kind: 'mandatory', number: 2 }, field: 'title' }],
    [{ card: 1, function: { kind: 'additional', number: 1 }, skill: 5, field: 'title' }],
    [{ card: 1, function: { kind: 'additional', number: 1 }, skill: 1, field: 'knowledge', index: 9 }],
  ])('reports a target that does not exist: %j', (target) => {
    const [result] = applyCorrections(standard(), [{ ...target, asParsed: 'x', shouldRead: 'y' } as never]);
    expect(result).toMatchObject({ applied: false, reason: 'target not found in this text' });
  });
});

describe('readCorrectionsFile', () => {
  it('accepts a well-formed file', () => {
    const file = {
      corrections: [
        {
          card: 1,
          function: { kind: 'mandatory', number: 1 },
          skill: 2,
          field: 'knowledge',
          index: 1,
          asParsed: 'a',
          shouldRead: 'b',
        },
      ],
    };
    expect(readCorrectionsFile(file).corrections).toHaveLength(1);
  });

  it.each([
    [{}, 'corrections must be an array'],
    [{ corrections: [{ card: 0, field: 'name', asParsed: 'a', shouldRead: 'b' }] }, 'card'],
    [
      { corrections: [{ card: 1, field: 'title', asParsed: 'a', shouldRead: 'b' }] },
      'field must be one of the following values: name',
    ],
    [{ corrections: [{ card: 1, field: 'name', asParsed: '', shouldRead: 'b' }] }, 'asParsed'],
    [{ corrections: [{ card: 1, skill: 1, field: 'title', asParsed: 'a', shouldRead: 'b' }] }, 'needs a function'],
    [
      {
        corrections: [{ card: 1, function: { kind: 'x', number: 1 }, field: 'title', asParsed: 'a', shouldRead: 'b' }],
      },
      'function must be',
    ],
    [
      {
        corrections: [
          {
            card: 1,
            function: { kind: 'mandatory', number: 1 },
            skill: 1,
            field: 'abilities',
            asParsed: 'a',
            shouldRead: 'b',
          },
        ],
      },
      'index is required',
    ],
  ])('refuses %j', (file, message) => {
    expect(() => readCorrectionsFile(file)).toThrow(CorrectionsFileError);
    expect(() => readCorrectionsFile(file)).toThrow(message);
  });
});
