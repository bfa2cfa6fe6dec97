import { ParsedStandard, StandardParseError } from './parsed-standard';
import { parseStandard } from './standard-parser';
import { skillTableWords } from './word-accounting';

/*
 * Small texts in the layout of the published standards (PDF converted to text): narrow label
 * columns, letter spacing, page breaks as runs of blank lines, the function label column
 * interleaved with the skills.
 */

const PREAMBLE = `
Приказ Министра труда Республики Казахстан от 5 марта 2024 года № 12/НҚ

Профессиональный стандарт "Обслуживание клиентов"

Глава 1. Общие положения

Глава 2. Паспорт профессионального стандарта

      5. Указание секции, раздела, группы, класса и подкласса согласно ОКЭД:
      62 Компьютерное программирование
      62.02. 0 Консультационные услуги в области
компьютерных технологий
      6. Краткое описание профессионального стандарта: обслуживание.
      7. Перечень карточек профессий:
      1) Оператор - 3 уровень ОРК 2) Старший оператор – 4 уровень ОРК

Глава 3. Карточки профессий
`;

const HEADER = `
Код группы|
:

4224-5

К о д  
наименован
ия занятия:

4224-5-003

Наименова
н и е  
профессии:

Оператор

Уровень 
квалификац
ии по ОРК:

3

Уровень образования:
ТиПО (рабочие
профессии)

Специальность:
-

Требования
к опыту 
работы

Без предъявления требований к стажу работы

Связь с 
неформаль
н ы м  и  
информаль
н ы м  
образовани
ем:

Допустимо наличие неформального образования.

Основная 
ц е л ь  
деятельнос
ти:

Обработка обращений клиентов.

Перечень 
трудовых 
функций:

Обязательные трудовые функции:

1 .  О б е с п е ч и в а т ь  
поддержку клиентов

2. Консультировать клиентов

Дополнительные трудовые функции:

Описание трудовых функций
`.replace(/\|/g, '');

const FOOTER = `
Требования
к 
личностны
м 
компетенци
ям:

Коммуникабельность,
Стрессоустойчивость

Список технических регламентов и национальных стандартов:

СТ РК ISO 18295-1-2020 Контакт-центры

Связь с другими профессиями в рамках ОРК:

Уровень ОРК: Наименование профессии:

4 4224-5-004 Старший 
оператор
`;

/** A skill as the table prints it in the simple case. */
function skill(n: number, title: string, flag = 'Рекомендовано', heading = `Навык ${n}:`): string {
  return `
${heading}
${title}

Умения:

1) отвечать на вопросы клиентов;
2) вести учет обращений.

Знания:

1) правил делового общения.

Возможность признания навыка: ${flag}
`;
}

function card(number: number, name: string, table: string, header = HEADER): string {
  return `\n${number}. Карточка профессии "${name}"\n${header}${table}${FOOTER}`;
}

const standard = (...cards: string[]) => `${PREAMBLE}${cards.join('')}\nГлава 4. Технические данные\n`;

/** 1-based line number of the first line containing `text`. */
function lineOf(text: string, needle: string, from = 0): number {
  const lines = text.split('\n');
  const i = lines.findIndex((l, k) => k >= from && l.includes(needle));
  if (i === -1) throw new Error(`"${needle}" not in text`);
  return i + 1;
}

function parseError(text: string): StandardParseError {
  try {
    parseStandard(text);
  } catch (e) {
    if (e instanceof StandardParseError) return e;
    throw e;
  }
  throw new Error('expected a StandardParseError');
}

const codes = (parsed: ParsedStandard) => parsed.warnings.map((w) => w.code);

const TWO_FUNCTIONS = `${skill(1, 'Обработка обращений')}${skill(2, 'Ведение учета')}${skill(1, 'Консультирование клиентов')}`;

describe('parseStandard: a simple card', () => {
  const text = standard(card(1, 'Оператор', TWO_FUNCTIONS));
  const parsed = parseStandard(text);
  const [c] = parsed.cards;

  it('reads the standard header and passport', () => {
    expect(parsed.title).toBe('Обслуживание клиентов');
    expect(parsed.orderNumber).toBe('12/НҚ');
    expect(parsed.orderDate).toBe('2024-03-05');
    expect(parsed.issuedBy).toBe('Министр труда Республики Казахстан');
    expect(parsed.okedCodes).toEqual([
      { code: '62', name: 'Компьютерное программирование' },
      { code: '62.02.0', name: 'Консультационные услуги в области компьютерных технологий' },
    ]);
    expect(parsed.cardList?.map((e) => [e.number, e.name, e.orkLevel])).toEqual([
      [1, 'Оператор', 3],
      [2, 'Старший оператор', 4],
    ]);
  });

  it('reads header fields from broken, letter-spaced label columns', () => {
    expect(c).toMatchObject({
      number: 1,
      printedNumber: 1,
      groupCode: '4224-5',
      occupationCode: '4224-5-003',
      name: 'Оператор',
      orkLevel: 3,
      orkSublevel: null,
      educationLevelText: 'ТиПО (рабочие профессии)',
      specialty: null,
      qualification: null,
      experienceText: 'Без предъявления требований к стажу работы',
      informalText: 'Допустимо наличие неформального образования.',
      mainGoal: 'Обработка обращений клиентов.',
      personalCompetencies: ['Коммуникабельность', 'Стрессоустойчивость'],
      technicalStandards: ['СТ РК ISO 18295-1-2020 Контакт-центры'],
      relatedProfessions: [{ orkLevel: 4, code: '4224-5-004', name: 'Старший оператор' }],
    });
  });

  it('assigns skills to the listed functions: a skill numbered 1 starts the next one', () => {
    expect(c.functions.map((f) => [f.kind, f.number, f.title, f.skills.map((s) => s.title)])).toEqual([
      ['mandatory', 1, 'Обеспечивать поддержку клиентов', ['Обработка обращений', 'Ведение учета']],
      ['mandatory', 2, 'Консультировать клиентов', ['Консультирование клиентов']],
    ]);
    expect(c.functions[0].skills[0]).toMatchObject({
      number: 1,
      printedNumber: 1,
      recognition: 'recommended',
      abilities: ['отвечать на вопросы клиентов', 'вести учет обращений'],
      knowledge: ['правил делового общения'],
    });
  });

  it('reports no defect in a clean text', () => {
    expect(parsed.warnings).toEqual([]);
  });
});

describe('parseStandard: defects of the skill tables', () => {
  it('collapses letter-spaced words in skill text', () => {
    const table = `
Навык 1:
Обработка обращений

Умения:

1) использовать основные программные 
о б е с п е ч е н и я  и  
с е т ь  "Интернет";
2) работать с большим 
м а с с и в о м  данных.

Знания:

1) правил делового общения.

Возможность признания навыка: Рекомендовано
${skill(1, 'Консультирование клиентов')}`;
    const [s] = parseStandard(standard(card(1, 'Оператор', table))).cards[0].functions[0].skills;
    expect(s.abilities).toEqual([
      'использовать основные программные обеспечения и сеть "Интернет"',
      'работать с большим массивом данных',
    ]);
  });

  it('reads a recognition label broken across lines', () => {
    const table = `
Навык 1:
Обработка обращений

Умения:

1) отвечать на вопросы.

Знания:

1) правил общения.

Возможность 
признания навыка
:

Не рекомендовано
${skill(1, 'Консультирование клиентов')}`;
    const text = standard(card(1, 'Оператор', table));
    const parsed = parseStandard(text);
    expect(parsed.cards[0].functions[0].skills[0].recognition).toBe('not_recommended');
    expect(parsed.warnings).toContainEqual(
      expect.objectContaining({ code: 'FLAG_LABEL_BROKEN', line: lineOf(text, 'Возможность ') }),
    );
  });

  it('reads a skill whose heading lands after its first ability', () => {
    const table = `${skill(1, 'Обработка обращений')}
Умения:

1) взаимодействовать с коллегами;



Навык 2.
Информирование руководителя

2) сглаживать конфликтные ситуации.

Знания:

1) стандартов предприятия.

Возможность признания навыка: Не рекомендовано
${skill(1, 'Консультирование клиентов')}`;
    const text = standard(card(1, 'Оператор', table));
    const parsed = parseStandard(text);
    const s = parsed.cards[0].functions[0].skills[1];
    expect(s).toMatchObject({
      number: 2,
      title: 'Информирование руководителя',
      abilities: ['взаимодействовать с коллегами', 'сглаживать конфликтные ситуации'],
      knowledge: ['стандартов предприятия'],
      recognition: 'not_recommended',
    });
    const heading = lineOf(text, 'Навык 2.');
    expect(parsed.warnings).toContainEqual(expect.objectContaining({ code: 'SKILL_HEADING_LATE', line: heading }));
    expect(parsed.warnings).toContainEqual(expect.objectContaining({ code: 'SKILL_HEADING_MALFORMED', line: heading }));
  });

  it('puts back a skill title split by a page break', () => {
    const table = `
Навык 1:
Проведение анализа 
колебаний количества 

Умения:

1) рассчитывать параметры колебаний;



обращений клиентов 
в течение дня

2) выявлять тенденции.

Знания:

1) методов анализа.

Возможность признания навыка: Рекомендовано
${skill(1, 'Консультирование клиентов')}`;
    const text = standard(card(1, 'Оператор', table));
    const parsed = parseStandard(text);
    expect(parsed.cards[0].functions[0].skills[0]).toMatchObject({
      title: 'Проведение анализа колебаний количества обращений клиентов в течение дня',
      abilities: ['рассчитывать параметры колебаний', 'выявлять тенденции'],
    });
    expect(parsed.warnings).toContainEqual(
      expect.objectContaining({ code: 'SKILL_TITLE_SPLIT', line: lineOf(text, 'обращений клиентов ') }),
    );
  });

  it('warns about a misnumbered skill and keeps its position', () => {
    const table = `${skill(1, 'Обработка обращений')}${skill(3, 'Ведение учета', 'Рекомендовано', 'Навык 3')}${skill(1, 'Консультирование клиентов')}`;
    const text = standard(card(1, 'Оператор', table));
    const parsed = parseStandard(text);
    expect(parsed.cards[0].functions[0].skills[1]).toMatchObject({
      number: 2,
      printedNumber: 3,
      title: 'Ведение учета',
    });
    expect(parsed.warnings).toContainEqual(
      expect.objectContaining({ code: 'SKILL_MISNUMBERED', line: lineOf(text, 'Навык 3') }),
    );
  });

  it('reads "Не рекомендован" as not recommended and says so', () => {
    const table = `${skill(1, 'Обработка обращений', 'Не рекомендован')}${skill(1, 'Консультирование клиентов')}`;
    const text = standard(card(1, 'Оператор', table));
    const parsed = parseStandard(text);
    expect(parsed.cards[0].functions[0].skills[0].recognition).toBe('not_recommended');
    expect(parsed.warnings).toContainEqual(
      expect.objectContaining({ code: 'FLAG_MISSPELT', line: lineOf(text, 'Не рекомендован') }),
    );
  });

  it('leaves out the side function labels interleaved with the lists, wherever they fall', () => {
    const table = `
Трудовая 
функция 1:

Навык 1:
Обработка обращений

Умения:

1) отвечать на вопросы 
клиентов;



Обеспечива
т ь  
поддержку 

2) вести учет обращений.

Знания:

1) правил делового общения;



клиентов

2) стандартов предприятия.

Возможность признания навыка: Рекомендовано

Умения:

1) консультировать клиентов по 



Дополните
л ь н а я  
трудовая 
функция 1:
Консультир
овать 

телефону.



Навык 1:
Консультирование клиентов

Знания:

1) продуктов предприятия.

Возможность признания навыка: Рекомендовано
`;
    const header = HEADER.replace(
      '2. Консультировать клиентов\n',
      '\nДополнительные трудовые функции:\n1. Консультировать клиентов\n',
    ).replace('\nДополнительные трудовые функции:\n\nОписание', '\nОписание');
    const text = standard(card(1, 'Оператор', table, header));
    const parsed = parseStandard(text);
    const [first, second] = parsed.cards[0].functions;
    expect(first).toMatchObject({ kind: 'mandatory', number: 1 });
    expect(first.skills[0]).toMatchObject({
      title: 'Обработка обращений',
      abilities: ['отвечать на вопросы клиентов', 'вести учет обращений'],
      knowledge: ['правил делового общения', 'стандартов предприятия'],
    });
    expect(second).toMatchObject({ kind: 'additional', number: 1, title: 'Консультировать клиентов' });
    expect(second.skills[0].abilities).toEqual(['консультировать клиентов по телефону']);
    const labelWarnings = parsed.warnings.filter((w) => w.code === 'FUNCTION_LABEL_INTERLEAVED').map((w) => w.line);
    expect(labelWarnings).toEqual([
      lineOf(text, 'Трудовая '),
      lineOf(text, 'Обеспечива'),
      lineOf(text, 'клиентов', lineOf(text, 'правил делового общения;')),
      lineOf(text, 'Дополните', lineOf(text, 'Описание трудовых функций')),
    ]);
    expect(codes(parsed)).not.toContain('FUNCTION_LABEL_MISMATCH');
    // Every word of the table is accounted for: none of the label's words slipped into the skills.
    const [words] = skillTableWords(text, parsed);
    expect(words.parsedWords.sort()).toEqual(words.sourceWords.sort());
  });

  it('reads markers printed as "Умение:", numbered, or twice, and a stray fragment', () => {
    const table = `
 ов Навык 1:
Обработка обращений

Умение:

1) отвечать на вопросы и



б

1) 2) вести учет.

Знания:

Знания:
1) правил общения.

Возможность признания навыка: 1) Рекомендовано
${skill(1, 'Консультирование клиентов')}`;
    const text = standard(card(1, 'Оператор', table));
    const parsed = parseStandard(text);
    expect(parsed.cards[0].functions[0].skills[0]).toMatchObject({
      title: 'Обработка обращений',
      abilities: ['отвечать на вопросы и', 'вести учет'],
      knowledge: ['правил общения'],
      recognition: 'recommended',
    });
    expect(codes(parsed)).toEqual(
      expect.arrayContaining([
        'SKILL_HEADING_JUNK',
        'MARKER_MISSPELT',
        'JUNK_FRAGMENT',
        'ITEM_NUMBER_DOUBLED',
        'MARKER_DUPLICATED',
        'FLAG_NUMBERED',
      ]),
    );
  });
});

describe('parseStandard: side labels printed a few letters per line', () => {
  it('recognises the label across a page break and its title coming back later', () => {
    const table = `
Т
ру
до
ва
я



фу
нк
ци
я 
1:

Навык 1:
Обработка обращений

Умения:

1) отвечать на вопросы;



Об
ес
пе
чи
ва
ть

2) вести учет.

Знания:

1) правил общения.

Возможность признания навыка: Рекомендовано

по
дд
ер
жк
у 
кл
ие
нт
ов
${skill(1, 'Консультирование клиентов')}`;
    const text = standard(card(1, 'Оператор', table));
    const parsed = parseStandard(text);
    const [s] = parsed.cards[0].functions[0].skills;
    expect(s.abilities).toEqual(['отвечать на вопросы', 'вести учет']);
    expect(s.title).toBe('Обработка обращений');
    const [words] = skillTableWords(text, parsed);
    expect(words.parsedWords.sort()).toEqual(words.sourceWords.sort());
    expect(codes(parsed)).not.toContain('JUNK_FRAGMENT');
    expect(codes(parsed)).not.toContain('FUNCTION_LABEL_TITLE_DIFFERS');
  });
});

describe('parseStandard: card header fallbacks', () => {
  it('takes a lost ОРК level and codes from the passport and the other cards, with a warning', () => {
    const second = HEADER.replace(/Код группы[\s\S]*?ии по ОРК:\n\n3\n/, '');
    const table = `${skill(1, 'Обработка обращений')}${skill(1, 'Консультирование клиентов')}`;
    const text = standard(card(8, 'Оператор', table), card(10, 'Старший оператор', table, second));
    const parsed = parseStandard(text);
    expect(
      parsed.cards.map((c) => [c.number, c.printedNumber, c.name, c.orkLevel, c.occupationCode, c.groupCode]),
    ).toEqual([
      [1, 8, 'Оператор', 3, '4224-5-003', '4224-5'],
      [2, 10, 'Старший оператор', 4, '4224-5-004', '4224-5'],
    ]);
    const cardLine = lineOf(text, '10. Карточка');
    expect(parsed.warnings.filter((w) => w.code === 'CARD_HEADER_FALLBACK').map((w) => w.line)).toEqual([
      cardLine,
      cardLine,
      cardLine,
      cardLine,
    ]);
    expect(parsed.warnings.filter((w) => w.code === 'CARD_MISNUMBERED').map((w) => w.line)).toEqual([
      lineOf(text, '8. Карточка'),
      cardLine,
    ]);
  });
});

describe('parseStandard: texts it refuses', () => {
  it('refuses a text that is not a standard', () => {
    const e = parseError('Договор поставки\n\n1. Предмет договора\nПоставщик обязуется…\n');
    expect(e.line).toBe(1);
    expect(e.reason).toMatch(/not a professional standard/);
  });

  it('refuses cards without skill tables', () => {
    const text = `${PREAMBLE}\n1. Карточка профессии "Оператор"\n${HEADER}\nГлава 4.\n`;
    expect(parseError(text).reason).toMatch(/no skill tables/);
  });

  it('refuses a text cut in the middle of a skill, naming the line', () => {
    const full = standard(card(1, 'Оператор', TWO_FUNCTIONS));
    const cut = full
      .split('\n')
      .slice(0, lineOf(full, 'Консультирование клиентов') + 4)
      .join('\n');
    const e = parseError(cut);
    expect(e.line).toBe(lineOf(full, 'Навык 1:', lineOf(full, 'Ведение учета')));
    expect(e.reason).toMatch(/without a recognition flag/);
  });

  it('refuses a text cut right after a recognition label', () => {
    const full = standard(card(1, 'Оператор', TWO_FUNCTIONS));
    const last = full.lastIndexOf('Возможность признания навыка:');
    const e = parseError(full.slice(0, last + 'Возможность признания навыка:'.length));
    expect(e.line).toBe(full.slice(0, last).split('\n').length);
    expect(e.reason).toMatch(/without a value/);
  });

  it('refuses a text cut in a card header: a card with no functions', () => {
    const full = standard(card(1, 'Оператор', TWO_FUNCTIONS), card(2, 'Старший оператор', TWO_FUNCTIONS));
    const cut = full
      .split('\n')
      .slice(0, lineOf(full, 'Уровень образования', lineOf(full, '2. Карточка')))
      .join('\n');
    const e = parseError(cut);
    expect(e.line).toBe(lineOf(full, '2. Карточка'));
    expect(e.reason).toMatch(/no skill table/);
  });

  it('refuses a text cut in the footer of its last card', () => {
    const full = standard(card(1, 'Оператор', TWO_FUNCTIONS));
    const cut = full.split('\n').slice(0, lineOf(full, 'Коммуникабельность,')).join('\n');
    const e = parseError(cut);
    expect(e.line).toBe(lineOf(full, 'Коммуникабельность,'));
    expect(e.reason).toMatch(/cut short/);
  });

  it('refuses a text cut after the last flag, whatever side label follows it', () => {
    const full = standard(card(1, 'Оператор', TWO_FUNCTIONS));
    const lastFlag = lineOf(full, 'Возможность', lineOf(full, 'Консультирование клиентов'));
    const cut = [...full.split('\n').slice(0, lastFlag), '', 'Трудовая функция 2:', 'Консультировать клиентов'].join(
      '\n',
    );
    const e = parseError(cut);
    expect(e.line).toBe(lastFlag);
    expect(e.reason).toMatch(/cut short/);
  });

  it('refuses a skill without recognition flag, naming its heading', () => {
    const table = `${skill(1, 'Обработка обращений').replace('Возможность признания навыка: Рекомендовано', '')}${skill(2, 'Ведение учета')}${skill(1, 'Консультирование клиентов')}`;
    const text = standard(card(1, 'Оператор', table));
    const e = parseError(text);
    expect(e.line).toBe(lineOf(text, 'Навык 1:'));
    expect(e.reason).toMatch(/no recognition flag/);
  });

  it('refuses skill tables holding fewer functions than the card lists', () => {
    const table = `${skill(1, 'Обработка обращений')}${skill(2, 'Ведение учета')}`;
    const text = standard(card(1, 'Оператор', table));
    const e = parseError(text);
    expect(e.line).toBe(lineOf(text, '2. Консультировать клиентов'));
    expect(e.reason).toMatch(/1 function\(s\).*lists 2/);
  });
});
