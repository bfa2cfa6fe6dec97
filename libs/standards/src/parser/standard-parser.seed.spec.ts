import { readFileSync } from 'fs';
import * as path from 'path';
import type { ParsedCard, ParsedStandard } from './parsed-standard';
import { parseStandard } from './standard-parser';
import { skillTableWords } from './word-accounting';

/*
 * The seed standard, checked against what its text states. Expected values are computed from the
 * raw text where a regex can state them independently of the parser, or transcribed from it.
 */

const SEED = path.join(__dirname, '../../../../standards/kz-ps-reference-information-services-2025.txt');
const text = readFileSync(SEED, 'utf8');
const rawLines = text.split('\n');

let parsed: ParsedStandard;
beforeAll(() => {
  // Parsing speed is measured in bench/, never asserted in a test.
  parsed = parseStandard(text);
});

const allSkills = (c: ParsedCard) => c.functions.flatMap((f) => f.skills);
const items = (c: ParsedCard) => allSkills(c).flatMap((s) => [...s.abilities, ...s.knowledge]);

/** The raw text of each card, heading to next heading. */
function rawCards(): string[] {
  const starts = rawLines.flatMap((l, i) => (/Карточка профессии "/.test(l) ? [i] : []));
  const end = rawLines.findIndex((l) => /^Глава 4\b/.test(l));
  return starts.map((s, i) => rawLines.slice(s, starts[i + 1] ?? (end === -1 ? rawLines.length : end)).join('\n'));
}

/** What the passport's "Перечень карточек профессий" states, read with a regex of its own. */
function passportList(): { name: string; level: number }[] {
  const from = text.indexOf('Перечень карточек профессий');
  const to = text.indexOf('Глава 3');
  const list = text.slice(from, to).replace(/\s+/g, ' ');
  return [...list.matchAll(/\d{1,2}\)\s+(.+?)\s+[-–]\s+(\d)\s+уровень ОРК/g)].map((m) => ({
    name: m[1],
    level: Number(m[2]),
  }));
}

describe('seed standard: kz-ps-reference-information-services-2025', () => {
  it('reads the title, order and ОКЭД codes', () => {
    expect(parsed.title).toBe('Деятельность справочно-информационных служб');
    expect(parsed.orderNumber).toBe('394/НҚ');
    expect(parsed.orderDate).toBe('2025-07-30');
    expect(parsed.issuedBy).toMatch(/^Министр цифрового развития, инноваций и аэрокосмической промышленности/);
    expect(parsed.okedCodes.map((o) => o.code)).toEqual(['J', '62', '62.0', '62.02', '62.02.0']);
    expect(parsed.okedCodes.find((o) => o.code === '62.02')?.name).toBe(
      'Консультационные услуги в области информационных технологий',
    );
  });

  it('holds the 10 cards of the passport, with their ОРК levels', () => {
    const list = passportList();
    expect(list.map((e) => e.level)).toEqual([3, 4, 4, 4, 5, 6, 6, 6, 6, 7]);
    expect(parsed.cards).toHaveLength(list.length);
    expect(parsed.cards.map((c) => c.orkLevel)).toEqual(list.map((e) => e.level));
    expect(parsed.cards.map((c) => c.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('keeps the printed (wrong) card numbers and warns about each', () => {
    const printed = [...text.matchAll(/^(\d+)\.\s*Карточка профессии/gm)].map((m) => Number(m[1]));
    expect(printed).toEqual([8, 10, 11, 12, 13, 14, 15, 16, 17, 18]);
    expect(parsed.cards.map((c) => c.printedNumber)).toEqual(printed);
    const misnumbered = parsed.warnings.filter((w) => w.code === 'CARD_MISNUMBERED').map((w) => w.line);
    expect(misnumbered).toEqual(parsed.cards.map((c) => c.line));
  });

  it("reads each card's occupation code, from its header or, for the card that lost it, from the text elsewhere", () => {
    const cards = rawCards();
    cards.forEach((raw, i) => {
      const own = /^(?:Код наименования занятия:\s*)?(\d{4}-\d-\d{3})\s*$/m.exec(raw)?.[1];
      if (own) expect(parsed.cards[i].occupationCode).toBe(own);
    });
    // Card 7 prints no codes and no level: the text names its code among related professions.
    expect(/^\d{4}-\d-\d{3}\s*$/m.test(cards[6])).toBe(false);
    const name = parsed.cards[6].name;
    const mentioned = new RegExp(`(\\d{4}-\\d-\\d{3}) ${name}`).exec(text.replace(/\s+/g, ' '))?.[1];
    expect(parsed.cards[6].occupationCode).toBe(mentioned);
    expect(parsed.cards.map((c) => c.occupationCode)).toEqual([
      '4224-5-003',
      '4224-5-003',
      '3512-1-001',
      '4223-0-002',
      '3349-0-001',
      '1234-2-001',
      '2421-0-013',
      '2631-0-001',
      '1329-1-050',
      '1234-2-001',
    ]);
    expect(
      parsed.warnings.filter((w) => w.code === 'CARD_HEADER_FALLBACK').every((w) => w.line === parsed.cards[6].line),
    ).toBe(true);
  });

  it('lists each card\'s mandatory and additional functions as its "Перечень трудовых функций" does', () => {
    const listed = parsed.cards.map((c) => ({
      mandatory: c.functions.filter((f) => f.kind === 'mandatory').map((f) => f.title),
      additional: c.functions.filter((f) => f.kind === 'additional').map((f) => f.title),
    }));
    const consult = 'Консультировать по ассортименту продукции и представляемым услугам предприятия';
    const support = [
      'Обеспечивать информационно-справочную поддержку клиентов',
      'Консультировать по технической поддержке клиентов предприятия',
    ];
    const forecast =
      'Проводить прогноз объемов обращений клиентов и наличия ресурсов в контактном информационном центре';
    const schedules = 'Разрабатывать расписания работы специалистов по обслуживанию клиентов';
    const monitoring = [
      'Осуществление мониторинга обработки обращений клиентов',
      'Проведение оценки действий специалистов при обработке обращений клиентов',
    ];
    const formalise = 'Формализация результатов измерения качества обработки обращений клиентов';
    const operative =
      'Осуществлять оперативное управление группами специалистов, участвующими в информационно-справочном обслуживании';
    const training =
      'Осуществлять обучение и мотивацию специалистов, участвующих в информационно-справочном обслуживании';
    const coordinate =
      'Организация и координация деятельности подразделений, участвующих в информационно-справочном обслуживании';
    const projects =
      'Управление проектами по совершенствованию систем и процессов информационно-справочного обслуживания на уровне организации';
    expect(listed).toEqual([
      { mandatory: support, additional: [consult] },
      {
        mandatory: [...support, 'Принимать и регистрировать жалобы и претензии клиентов предприятия'],
        additional: [consult],
      },
      {
        mandatory: [
          forecast,
          'Осуществление расчетов необходимого количества ресурсов для обработки Обращений',
          schedules,
        ],
        additional: [],
      },
      { mandatory: monitoring, additional: [formalise] },
      {
        mandatory: [
          operative,
          'Осуществлять контроль за работой групп специалистов, соответствием их действий установленным процессам и достижением целевых показателей',
          training,
          'Организовывать мониторинг удовлетворенности клиентов доступностью и качеством предоставления информационно-справочных услуг',
        ],
        additional: [
          'Разрабатывать предложения по повышению эффективности процессов информационно-справочного обслуживания и представление данных предложений вышестоящему руководству',
        ],
      },
      {
        mandatory: [
          'Планирование и руководство построением единой системы управления информационно-справочным обслуживанием на уровне организации',
          coordinate,
          'Контроль функционирования всех систем и процессов информационно-справочного обслуживания',
        ],
        additional: [projects],
      },
      {
        mandatory: monitoring,
        additional: [formalise, 'Подготовка предложений по совершенствованию процесса мониторинга обращений клиентов'],
      },
      {
        mandatory: [
          forecast,
          'Осуществлять расчет необходимого количества ресурсов для обработки обращений',
          schedules,
        ],
        additional: [],
      },
      {
        mandatory: [
          operative,
          'Осуществлять контроль работы групп специалистов, соответствия действий специалистов установленным процессам и достижения показателей деятельности',
          training,
        ],
        additional: [
          'Организовывать мониторинг удовлетворенности клиентов доступностью и качеством предоставления информационно-справочных услуг, создание условий для проведения независимой оценки качества услуг, оказываемых предприятием',
          'Разрабатывать предложения по повышению эффективности процессов информационно-справочного обслуживания',
        ],
      },
      {
        mandatory: [
          'Планировать и руководить построением единой системы управления информационно-справочным обслуживанием на уровне организации',
          coordinate,
        ],
        additional: [
          'Осуществлять контроль функционирования всех систем и процессов информационно-справочного обслуживания',
          projects,
        ],
      },
    ]);
  });

  it('gives every function at least one skill; as many functions as the text restarts its skills at "Навык 1"', () => {
    rawCards().forEach((raw, i) => {
      const card = parsed.cards[i];
      for (const f of card.functions) expect(f.skills.length).toBeGreaterThan(0);
      expect((raw.match(/Навык\s+1\s*[.:]?\s*$/gm) ?? []).length).toBe(card.functions.length);
      const printed = [...raw.matchAll(/Навык\s+(\d+)/g)].map((m) => Number(m[1]));
      expect(allSkills(card).map((s) => s.printedNumber)).toEqual(printed);
    });
  });

  it('gives every skill exactly one recognition flag: as many skills as "Возможность признания" in the text', () => {
    const flags = (text.match(/Возможность\s+признания/g) ?? []).length;
    const skills = parsed.cards.flatMap(allSkills);
    expect(flags).toBe(157);
    expect(skills).toHaveLength(flags);
    for (const s of skills) expect(['recommended', 'not_recommended']).toContain(s.recognition);
    const notRecommended = (text.match(/Не\s+рекомендован/g) ?? []).length;
    expect(skills.filter((s) => s.recognition === 'not_recommended')).toHaveLength(notRecommended);
    expect(skills.filter((s) => s.recognition === 'recommended')).toHaveLength(flags - notRecommended);
  });

  it('leaves every ability and knowledge item clean: non-empty, not letter-spaced, unnumbered, unterminated', () => {
    for (const card of parsed.cards) {
      for (const s of allSkills(card)) {
        expect(s.title.trim().length).toBeGreaterThan(0);
        expect(s.abilities.length).toBeGreaterThan(0);
        expect(s.knowledge.length).toBeGreaterThan(0);
      }
      for (const item of [...items(card), ...allSkills(card).map((s) => s.title)]) {
        expect(item).toBe(item.trim());
        expect(item.length).toBeGreaterThan(0);
        expect(item).not.toMatch(/(?:^|\s)\p{L} \p{L} \p{L}(?:\s|$)/u);
        expect(item).not.toMatch(/^\d+\s*[).]/);
        expect(item).not.toMatch(/[;]$/);
        expect(item).not.toMatch(/\s{2}|Ұ/);
        expect(item).not.toMatch(/Трудовая функция|трудовая функция \d|Навык \d|Возможность признания|Умения:|Знания:/);
      }
    }
  });

  it('accounts for every word of every skill table: none lost, none doubled', () => {
    const counts = (words: string[]) =>
      words.reduce((m, w) => m.set(w, (m.get(w) ?? 0) + 1), new Map<string, number>());
    const tables = skillTableWords(text, parsed);
    expect(tables).toHaveLength(10);
    for (const t of tables) {
      expect(t.parsedWords.length).toBeGreaterThan(500);
      expect(counts(t.parsedWords)).toEqual(counts(t.sourceWords));
    }
  });

  it('accounts for every letter of every skill table, whatever the joins decided', () => {
    // Independent of how the parser joins broken words: the letters of the lines it read as
    // skill text (less the layout's own words) are the letters of the skills it stored.
    const letters = (s: string) =>
      [
        ...s
          .replace(/Ұ/g, 'ё')
          .toLowerCase()
          .replace(/[^\p{L}]/gu, ''),
      ]
        .sort()
        .join('');
    for (const card of parsed.cards) {
      const table = card.skillTable;
      expect(table).toBeDefined();
      const read = (table?.lines ?? [])
        .filter((l) => ['title', 'ability', 'knowledge', 'skill-heading', 'marker'].includes(l.role))
        .map((l) =>
          rawLines[l.line - 1]
            .replace(/^.*?Навык\s+\d+/, '')
            .replace(/^\s*(?:\d+\s*\)\s*)?(?:Умения|Умение|Знания|Знание)/, ''),
        )
        .join(' ');
      const stored = allSkills(card)
        .flatMap((s) => [s.title, ...s.abilities, ...s.knowledge])
        .join(' ');
      expect(letters(stored)).toBe(letters(read));
    }
  });

  it("leaves out as side labels only pieces of the card's function labels", () => {
    const differs = new Set(
      parsed.warnings.filter((w) => w.code === 'FUNCTION_LABEL_TITLE_DIFFERS').map((w) => w.line),
    );
    const key = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
    for (const card of parsed.cards) {
      const labels = card.functions
        .map((f) =>
          key(`${f.kind === 'additional' ? 'Дополнительная трудовая' : 'Трудовая'} функция ${f.number} ${f.title}`),
        )
        .join('|');
      const left = (card.skillTable?.lines ?? []).filter((l) => l.role === 'function-label');
      for (const l of left) {
        const k = key(rawLines[l.line - 1]);
        // The one label printed in other words than the list is warned about; its short pieces pass.
        if (!labels.includes(k)) expect(differs.size > 0 && k.length <= 8).toBe(true);
      }
    }
  });

  it('reads the texts that prerequisites are built from', () => {
    const [operator, , analyst, , administrator, , , , , head] = parsed.cards;
    expect(operator.educationLevelText).toBe('ТиПО (рабочие профессии)');
    expect(operator.experienceText).toBe('Без предъявления требований к стажу работы');
    expect(analyst.informalText).toBe(''); // the card prints the label and no text
    expect(administrator.educationLevels).toEqual([
      'послесреднее образование (прикладной бакалавриат)',
      'ТиПО (специалист среднего звена)',
    ]);
    expect(head.educationLevelText).toBe('послевузовское образование (магистратура, резидентура)');
    expect(parsed.cards[6].experienceText).toBe(
      'Высшее образование с опытом работы не менее трех лет в сфере дистанционного информационно-консультационного обслуживания.',
    );
    expect(operator.otherNames[0]).toEqual({ code: '4223-0-003', name: 'Оператор связи контакт-центра' });
    expect(head.relatedProfessions[0]).toEqual({
      orkLevel: 6,
      code: '2421-0-013',
      name: 'Специалист по анализу и контролю качества предоставляемых услуг',
    });
  });

  it('reports the source\'s defects: misnumbered cards and items, the misspelt flag, "Ұ" for "ё"', () => {
    const linesWith = (re: RegExp) => rawLines.flatMap((l, i) => (re.test(l) ? [i + 1] : []));
    const warned = (code: string) => parsed.warnings.filter((w) => w.code === code).map((w) => w.line);
    expect(warned('CARD_MISNUMBERED')).toHaveLength(10);
    expect(warned('FLAG_MISSPELT')).toEqual(linesWith(/^Не рекомендован\s*$/));
    expect([...new Set(warned('CHAR_REPLACED'))]).toEqual(linesWith(/Ұ/));
    // "3) выявлять" printed as the first ability of its skill, "5)", "6)" after "4) 1)".
    expect(warned('ITEM_MISNUMBERED')).toEqual(expect.arrayContaining([1006, 1011, 1077, 7776, 7778]));
    expect(warned('ITEM_NUMBER_DOUBLED')).toEqual(linesWith(/^\d+\)\s*\d+\)/));
    expect(warned('SKILL_HEADING_JUNK')).toEqual(linesWith(/^\s*\S+\s+Навык \d/));
    expect(warned('MARKER_MISSPELT')).toEqual(linesWith(/^Умение:/));
    expect(warned('FLAG_NUMBERED')).toEqual(linesWith(/^\d+\)\s*Рекомендовано/));
    for (const w of parsed.warnings) expect(w.line).toBeGreaterThan(0);
  });
});
