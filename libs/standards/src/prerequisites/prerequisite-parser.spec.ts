import {
  EXPERIENCE_FIELDS,
  findEducationMentions,
  isExperienceField,
  listExperienceFields,
  matchExperienceField,
  normaliseText,
  parsePrerequisites,
  readEducationLevel,
  scanDurations,
  splitAlternatives,
  type PrerequisiteTexts,
} from './prerequisite-parser';
import type { CardPrerequisites, PrerequisiteRoute } from './prerequisite-rules';

type Rule = Omit<PrerequisiteRoute, 'sourceText'>;

function rules(result: CardPrerequisites): Rule[] {
  return result.routes.map(({ sourceText: _sourceText, ...rule }) => rule);
}

function formal(
  minEducation: PrerequisiteRoute['minEducation'],
  minExperienceMonths: number,
  experienceField: string | null,
): Rule {
  return {
    kind: 'formal',
    minEducation,
    minExperienceMonths,
    experienceField,
    requiresLearningEvidence: false,
  };
}

function informal(
  minExperienceMonths: number,
  experienceField: string | null,
  minEducation: PrerequisiteRoute['minEducation'] = null,
): Rule {
  return {
    kind: 'informal',
    minEducation,
    minExperienceMonths,
    experienceField,
    requiresLearningEvidence: true,
  };
}

function parse(educationLevelText: string, experienceText: string, informalText = ''): CardPrerequisites {
  return parsePrerequisites({ educationLevelText, experienceText, informalText });
}

const REMOTE = 'remote_information_consulting';
const REFERENCE = 'reference_information_services';

// -----------------------------------------------------------------------------------------------
// The ten cards of standards/kz-ps-reference-information-services-2025.txt, Глава 3, as an
// importer hands them over: letter spacing joined, lines re-joined, whitespace collapsed.
// -----------------------------------------------------------------------------------------------

const LEARNING =
  'Допустимо наличие неформального образования с документированным подтверждением результатов обучения на специализированных курсах повышения квалификации, либо информального образования с подтверждением компетенции и опыта специалиста';

interface SeedCard {
  /** Number printed before "Карточка профессии" (the source misnumbers), name, ОРК level. */
  card: string;
  texts: PrerequisiteTexts;
  expected: Rule[];
}

const SEED_CARDS: SeedCard[] = [
  {
    card: '8. Оператор Call-центра, ОРК 3',
    texts: {
      educationLevelText: 'ТиПО (рабочие профессии)',
      experienceText: 'Без предъявления требований к стажу работы',
      informalText: `${LEARNING} ( сертификаты, отзывы) в сфере дистанционного информационно-консультационного обслуживания.`,
    },
    // The informal text states no experience, so none is required on that route either.
    expected: [formal('tvet_worker', 0, null), informal(0, null)],
  },
  {
    card: '10. Оператор Call-центра, ОРК 4',
    texts: {
      educationLevelText: 'ТиПО (специалист среднего звена)',
      experienceText:
        'Техническое и профессиональное по специальности (квалификации) с опытом работы не менее одного года в сфере дистанционного информационно-консультационного обслуживания',
      informalText: `${LEARNING} ( сертификаты, отзывы и др.) в сфере дистанционного информационно-консультационного обслуживания, с подтвержденным опытом работы не менее одного года`,
    },
    expected: [formal('tvet_specialist', 12, REMOTE), informal(12, REMOTE)],
  },
  {
    card: '11. Аналитик службы поддержки, ОРК 4',
    texts: {
      educationLevelText: 'ТиПО (специалист среднего звена)',
      experienceText:
        'Техническое и профессиональное по специальности (квалификации) с опытом работы не менее одного года в сфере дистанционного информационно-консультационного обслуживания',
      // The card's cell is empty: the standard offers no informal route for it.
      informalText: '',
    },
    expected: [formal('tvet_specialist', 12, REMOTE)],
  },
  {
    card: '12. Контролер узла связи, ОРК 4',
    texts: {
      educationLevelText: 'ТиПО (специалист среднего звена)',
      experienceText:
        'Техническое и профессиональное по специальности (квалификации) с опытом работы не менее одного года в сфере дистанционного информационно-консультационного обслуживания.',
      informalText: `${LEARNING} (сертификаты, отзывы) в сфере дистанционного информационно-консультационного обслуживания, с подтвержденным опытом работы не менее одного года.`,
    },
    expected: [formal('tvet_specialist', 12, REMOTE), informal(12, REMOTE)],
  },
  {
    card: '13. Администратор, ОРК 5',
    texts: {
      // Two "Уровень образования" blocks in the source, joined.
      educationLevelText: 'послесреднее образование (прикладной бакалавриат) ТиПО (специалист среднего звена)',
      experienceText:
        'Техническое и профессиональное образование с подтвержденным стажем работы не менее одного года в справочно-информационных службах или послесреднее образование без предъявления требований к стажу работы.',
      informalText: `${LEARNING} (например, сертификаты , профессиональный стаж) в сфере дистанционного информационно-консультационного обслуживания. Обязательно подтверждение трудового стажа не менее одного года в соответствующей сфере деятельности.`,
    },
    expected: [
      formal('tvet_specialist', 12, REFERENCE),
      formal('post_secondary', 0, null),
      // "соответствующей сфере" = the field named earlier in the same text.
      informal(12, REMOTE),
    ],
  },
  {
    card: '14. Руководитель (управляющий) Call-центра, ОРК 6',
    texts: {
      educationLevelText: 'высшее образование (бакалавриат, специалитет, ординатура)',
      experienceText:
        'Высшее образование с подтвержденным стажем работы не менее трех лет в сфере дистанционного информационно-консультационного обслуживания.',
      informalText: `${LEARNING} (например, сертификаты, профессиональный стаж) в сфере дистанционного информационно-консультационного обслуживания. Обязательно подтверждение трудового стажа не менее трех лет в соответствующей сфере деятельности.`,
    },
    expected: [formal('higher', 36, REMOTE), informal(36, REMOTE)],
  },
  {
    card: '15. Специалист по анализу и контролю качества предоставляемых услуг, ОРК 6',
    texts: {
      educationLevelText: 'высшее образование (бакалавриат, специалитет, ординатура)',
      experienceText:
        'Высшее образование с опытом работы не менее трех лет в сфере дистанционного информационно-консультационного обслуживания.',
      informalText:
        'Допустимо наличие неформального образования с документированным подтверждением результатов обучения на специализированных курсах или предприятиях, либо информального образования с подтверждением компетенции и опыта специалиста (например, сертификаты, профессиональный стаж ). Обязательно подтверждение трудового стажа не менее трех лет в соответствующей сфере деятельности.',
    },
    // The informal text names no field: "соответствующей сфере" = the experience text's field.
    expected: [formal('higher', 36, REMOTE), informal(36, REMOTE)],
  },
  {
    card: '16. Экономист-аналитик, ОРК 6',
    texts: {
      educationLevelText: 'высшее образование (бакалавриат, специалитет , ординатура)',
      experienceText:
        'Высшее образование с опытом работы не менее трех лет в сфере дистанционного информационно-консультационного обслуживания.',
      informalText: `${LEARNING.replace('Допустимо', 'допустимо')} (например, сертификаты, профессиональный стаж) в сфере дистанционного информационно-консультационного обслуживания. Обязательно подтверждение трудового стажа не менее трех лет в соответствующей сфере деятельности`,
    },
    expected: [formal('higher', 36, REMOTE), informal(36, REMOTE)],
  },
  {
    card: '17. Руководитель группы (специализированной в прочих отраслях), ОРК 6',
    texts: {
      educationLevelText: 'высшее образование (бакалавриат, специалитет, ординатура)',
      experienceText:
        'Высшее образование с опытом работы не менее трех лет в сфере дистанционного информационно-консультационного обслуживания.',
      informalText: `${LEARNING.replace('Допустимо', 'допустимо')} (например, сертификаты, профессиональный стаж) в сфере дистанционного информационно-консультационного обслуживания. Обязательно подтверждение трудового стажа не менее трех лет в соответствующей сфере деятельности.`,
    },
    expected: [formal('higher', 36, REMOTE), informal(36, REMOTE)],
  },
  {
    card: '18. Руководитель (управляющий) Call-центра, ОРК 7',
    texts: {
      educationLevelText: 'послевузовское образование (магистратура, резидентура)',
      experienceText:
        'Послевузовское образование с подтвержденным стажем работы не менее пяти лет в справочно-информационных службах.',
      informalText: `${LEARNING} (например, сертификаты, профессиональный стаж) в сфере дистанционного информационно-консультационного обслуживания. Обязательно подтверждение трудового стажа не менее пяти лет в соответствующей сфере деятельности.`,
    },
    // The formal route counts reference-information services, the informal one the remote
    // consulting field its own text names.
    expected: [formal('postgraduate', 60, REFERENCE), informal(60, REMOTE)],
  },
];

describe('parsePrerequisites on the seed standard', () => {
  it('has all ten cards', () => {
    expect(SEED_CARDS).toHaveLength(10);
  });

  it.each(SEED_CARDS)('card $card', ({ texts, expected }) => {
    const result = parsePrerequisites(texts);
    expect(result.reviewReasons).toEqual([]);
    expect(result.status).toBe('structured');
    expect(rules(result)).toEqual(expected);
    for (const route of result.routes) {
      if (route.kind === 'informal') {
        expect(route.sourceText.startsWith(texts.informalText.trim())).toBe(true);
      } else {
        expect(route.sourceText.length).toBeGreaterThan(0);
      }
    }
  });

  it('keeps the source words of each route (Администратор)', () => {
    const administrator = SEED_CARDS[4].texts;
    const result = parsePrerequisites(administrator);
    expect(result.routes.map((r) => r.sourceText)).toEqual([
      'послесреднее образование (прикладной бакалавриат) ТиПО (специалист среднего звена) — Техническое и профессиональное образование с подтвержденным стажем работы не менее одного года в справочно-информационных службах',
      'послесреднее образование без предъявления требований к стажу работы.',
      administrator.informalText,
    ]);
  });

  it('names the experience text a borrowed field came from (card 15)', () => {
    const card15 = SEED_CARDS[6].texts;
    const route = parsePrerequisites(card15).routes[1];
    expect(route.sourceText).toBe(`${card15.informalText} — ${card15.experienceText}`);
  });

  it('reads a formal route without the card level text when the alternative names it fully', () => {
    const route = parsePrerequisites(SEED_CARDS[9].texts).routes[0];
    expect(route.sourceText).toBe(
      'Послевузовское образование с подтвержденным стажем работы не менее пяти лет в справочно-информационных службах.',
    );
  });

  it('reads the Администратор level text however the two level blocks are joined', () => {
    for (const joined of [
      'послесреднее образование (прикладной бакалавриат); ТиПО (специалист среднего звена)',
      'послесреднее образование (прикладной бакалавриат), ТиПО (специалист среднего звена)',
      'послесреднее образование ( прикладной бакалавриат)\nТиПО ( специалист среднего звена)',
      'Уровень образования: послесреднее образование (прикладной бакалавриат) Уровень образования: ТиПО (специалист среднего звена)',
    ]) {
      const result = parsePrerequisites({ ...SEED_CARDS[4].texts, educationLevelText: joined });
      expect(result.status).toBe('structured');
      expect(rules(result)).toEqual(SEED_CARDS[4].expected);
    }
  });
});

// -----------------------------------------------------------------------------------------------
// Patterns
// -----------------------------------------------------------------------------------------------

describe('normaliseText', () => {
  it('lower-cases, folds ё and dashes, keeps the length', () => {
    const text = 'Трёх ЛЕТ – справочно—информационных';
    const normal = normaliseText(text);
    expect(normal).toBe('трех лет - справочно-информационных');
    expect(normal).toHaveLength(text.length);
  });
});

describe('readEducationLevel', () => {
  it.each([
    ['общее среднее образование', 'general_secondary'],
    ['среднее общее образование', 'general_secondary'],
    ['среднее образование', 'general_secondary'],
    ['ТиПО (рабочие профессии)', 'tvet_worker'],
    ['ТиПО ( рабочие профессии )', 'tvet_worker'],
    ['ТиПО рабочие профессии', 'tvet_worker'],
    ['техническое и профессиональное образование (квалифицированные рабочие кадры)', 'tvet_worker'],
    ['начальное профессиональное образование', 'tvet_worker'],
    ['ТиПО (специалист среднего звена)', 'tvet_specialist'],
    ['ТиПО - специалист среднего звена', 'tvet_specialist'],
    ['техническое и профессиональное образование (специалист среднего звена)', 'tvet_specialist'],
    ['специалист среднего звена', 'tvet_specialist'],
    // Unqualified ТиПО: any ТиПО qualifies, so the lower one is the minimum.
    ['ТиПО', 'tvet_worker'],
    ['техническое и профессиональное образование', 'tvet_worker'],
    ['среднее профессиональное образование', 'tvet_worker'],
    ['послесреднее образование (прикладной бакалавриат)', 'post_secondary'],
    ['послесреднее образование', 'post_secondary'],
    ['прикладной бакалавриат', 'post_secondary'],
    ['высшее образование (бакалавриат, специалитет, ординатура)', 'higher'],
    ['высшее образование ( бакалавриат,  специалитет, ординатура )', 'higher'],
    ['Высшее образование', 'higher'],
    ['высшее профессиональное образование', 'higher'],
    ['бакалавриат', 'higher'],
    ['специалитет', 'higher'],
    ['послевузовское образование (магистратура, резидентура)', 'postgraduate'],
    ['послевузовское образование (магистратура, докторантура)', 'postgraduate'],
    ['магистратура', 'postgraduate'],
    ['докторантура', 'postgraduate'],
    ['Уровень образования: высшее образование', 'higher'],
  ])('%s → %s', (text, level) => {
    const reading = readEducationLevel(text);
    expect(reading.level).toBe(level);
    expect(reading.unrecognised).toEqual([]);
  });

  it('takes the lowest of several levels the text accepts', () => {
    for (const text of [
      'высшее образование или ТиПО (специалист среднего звена)',
      'ТиПО (специалист среднего звена) либо высшее образование',
      'высшее образование; ТиПО (специалист среднего звена)',
    ]) {
      const reading = readEducationLevel(text);
      expect(reading.level).toBe('tvet_specialist');
      expect(reading.levels).toEqual(['tvet_specialist', 'higher']);
    }
  });

  it('does not read "прикладной бакалавриат" or words inside a level\'s parentheses as higher', () => {
    expect(readEducationLevel('послесреднее образование (прикладной бакалавриат)').levels).toEqual(['post_secondary']);
    expect(readEducationLevel('послевузовское образование (магистратура, резидентура)').levels).toEqual([
      'postgraduate',
    ]);
  });

  it('remembers which ТиПО level was named, to narrow an unqualified ТиПО elsewhere', () => {
    expect(readEducationLevel('ТиПО (специалист среднего звена)').tvetLevels).toEqual(['tvet_specialist']);
    expect(readEducationLevel('ТиПО').tvetLevels).toEqual([]);
  });

  it('reports words that name no level', () => {
    expect(readEducationLevel('церковно-приходская школа')).toEqual({
      level: null,
      levels: [],
      tvetLevels: [],
      unrecognised: ['церковно-приходская', 'школа'],
    });
    expect(readEducationLevel('ТиПО или церковно-приходская школа').unrecognised).toEqual([
      'церковно-приходская',
      'школа',
    ]);
    expect(readEducationLevel('высшее образование (заочное)').unrecognised).toEqual(['заочное']);
  });

  it('does not take "типовых" for ТиПО nor "послесреднее" for среднее', () => {
    expect(findEducationMentions('типовых квалификационных характеристик')).toEqual([]);
    expect(findEducationMentions('послесреднее образование').map((m) => m.family)).toEqual(['post_secondary']);
  });
});

describe('scanDurations', () => {
  const months = (text: string): number[] => scanDurations(text).items.map((d) => d.months);

  it.each([
    ['не менее одного года', 12],
    ['не менее 1 года', 12],
    ['не менее года', 12],
    ['не менее двух лет', 24],
    ['не менее 2 лет', 24],
    ['не менее трех лет', 36],
    ['не менее трёх лет', 36],
    ['не менее четырех лет', 48],
    ['пяти лет', 60],
    ['не менее 5 лет', 60],
    ['не менее десяти лет', 120],
    ['не менее 6 месяцев', 6],
    ['не менее шести месяцев', 6],
    ['не менее одного месяца', 1],
    ['не менее полугода', 6],
    ['не менее полутора лет', 18],
    ['не менее 1,5 года', 18],
    ['не менее 2 лет 6 месяцев', 30],
    ['не менее двух лет и шести месяцев', 30],
    ['от трех лет', 36],
    ['не менее 18 месяцев', 18],
  ])('%s → %i months', (text, expected) => {
    expect(months(text)).toEqual([expected]);
    expect(scanDurations(text).problems).toEqual([]);
  });

  it('finds nothing where no duration is stated', () => {
    for (const text of ['с большим опытом', 'в течение года', 'опыт работы', 'типовых', '']) {
      expect(scanDurations(text)).toEqual({ items: [], problems: [] });
    }
  });

  it('refuses bounds that are not a minimum, and implausible numbers', () => {
    for (const text of [
      'не более двух лет',
      'более одного года',
      'свыше трех лет',
      'до пяти лет',
      'от 30 декабря 2020 года',
      'не менее 0,3 года',
    ]) {
      const scan = scanDurations(text);
      expect(scan.items).toEqual([]);
      expect(scan.problems).toHaveLength(1);
    }
  });

  it('reports every duration of a text, in order', () => {
    expect(months('не менее одного года, из них не менее 6 месяцев')).toEqual([12, 6]);
  });
});

describe('splitAlternatives', () => {
  it('splits at "или", "либо" and ";"', () => {
    expect(splitAlternatives('ТиПО с опытом не менее года или высшее образование')).toEqual([
      'ТиПО с опытом не менее года',
      'высшее образование',
    ]);
    expect(splitAlternatives('ТиПО с опытом не менее года либо высшее образование')).toHaveLength(2);
    expect(splitAlternatives('ТиПО с опытом не менее года; высшее образование.')).toEqual([
      'ТиПО с опытом не менее года',
      'высшее образование.',
    ]);
  });

  it('does not split inside parentheses or words', () => {
    expect(splitAlternatives('высшее образование (бакалавриат или специалитет) с опытом не менее года')).toHaveLength(
      1,
    );
    expect(splitAlternatives('без каких-либо требований к стажу')).toHaveLength(1);
    expect(splitAlternatives('Без предъявления требований к стажу работы')).toEqual([
      'Без предъявления требований к стажу работы',
    ]);
  });

  it('keeps a piece naming neither level nor experience with its neighbour', () => {
    expect(splitAlternatives('ТиПО с опытом не менее года в сфере продаж или обслуживания клиентов')).toEqual([
      'ТиПО с опытом не менее года в сфере продаж или обслуживания клиентов',
    ]);
  });

  it('returns nothing for an empty text', () => {
    expect(splitAlternatives('  ')).toEqual([]);
  });
});

describe('experience fields', () => {
  it('lists the catalogue for an API', () => {
    expect(listExperienceFields()).toEqual([
      { key: REFERENCE, label: 'справочно-информационные службы' },
      { key: REMOTE, label: 'дистанционное информационно-консультационное обслуживание' },
    ]);
    expect(Object.keys(EXPERIENCE_FIELDS)).toEqual([REFERENCE, REMOTE]);
    expect(isExperienceField(REMOTE)).toBe(true);
    expect(isExperienceField('retail')).toBe(false);
  });

  it.each([
    ['в справочно-информационных службах', REFERENCE],
    ['в справочно-информационной службе', REFERENCE],
    ['в Справочно – информационных службах', REFERENCE],
    ['в сфере информационно-справочного обслуживания', REFERENCE],
    ['в сфере дистанционного информационно-консультационного обслуживания', REMOTE],
    ['дистанционных информационно-консультационных услуг', REMOTE],
    ['в сфере розничной торговли', null],
    ['в соответствующей сфере деятельности', null],
  ])('%s → %s', (text, key) => {
    expect(matchExperienceField(text)).toBe(key);
  });
});

// -----------------------------------------------------------------------------------------------
// Routes
// -----------------------------------------------------------------------------------------------

describe('parsePrerequisites: formal routes', () => {
  it("makes each alternative a route with its own level, or the card's", () => {
    const result = parse(
      'ТиПО (специалист среднего звена)',
      'с опытом работы не менее двух лет в справочно-информационных службах; высшее образование без предъявления требований к стажу работы',
    );
    expect(result.status).toBe('structured');
    expect(rules(result)).toEqual([formal('tvet_specialist', 24, REFERENCE), formal('higher', 0, null)]);
  });

  it('narrows an unqualified ТиПО to the ТиПО level the card names, else the lower one', () => {
    expect(rules(parse('ТиПО (рабочие профессии)', 'ТиПО без предъявления требований к стажу работы'))).toEqual([
      formal('tvet_worker', 0, null),
    ]);
    expect(rules(parse('высшее образование', 'ТиПО без предъявления требований к стажу работы'))).toEqual([
      formal('tvet_worker', 0, null),
    ]);
  });

  it('counts experience in any field when the text names none', () => {
    expect(rules(parse('высшее образование', 'с опытом работы не менее одного года.'))).toEqual([
      formal('higher', 12, null),
    ]);
  });

  it('requires no experience when the experience text is empty or says nothing of it', () => {
    expect(rules(parse('ТиПО (рабочие профессии)', ''))).toEqual([formal('tvet_worker', 0, null)]);
    expect(rules(parse('ТиПО (рабочие профессии)', '-'))).toEqual([formal('tvet_worker', 0, null)]);
    expect(rules(parse('высшее образование', 'Высшее образование'))).toEqual([formal('higher', 0, null)]);
  });

  it.each([
    'Без предъявления требований к стажу работы',
    'без требований к опыту работы',
    'опыт работы не требуется',
    'без опыта работы',
  ])('reads "%s" as no experience', (text) => {
    expect(rules(parse('ТиПО', text))).toEqual([formal('tvet_worker', 0, null)]);
  });

  it('takes "соответствующей сфере" from another alternative, then from the informal text', () => {
    expect(
      rules(
        parse(
          'высшее образование',
          'высшее образование с опытом не менее двух лет в справочно-информационных службах или ТиПО с опытом не менее пяти лет в соответствующей сфере',
        ),
      ),
    ).toEqual([formal('higher', 24, REFERENCE), formal('tvet_worker', 60, REFERENCE)]);
    const borrowed = parse(
      'высшее образование',
      'с опытом работы не менее трех лет в соответствующей сфере деятельности',
      'Допустимо неформальное обучение на курсах в сфере дистанционного информационно-консультационного обслуживания',
    );
    expect(rules(borrowed)).toEqual([formal('higher', 36, REMOTE), informal(0, null)]);
    expect(borrowed.routes[0].sourceText).toContain('курсах в сфере дистанционного');
  });
});

describe('parsePrerequisites: informal route', () => {
  it('gives no informal route when the card offers none', () => {
    for (const text of ['', '  ', '-', 'Не предусмотрено', 'Неформальное образование не допускается']) {
      const result = parse('ТиПО', 'Без предъявления требований к стажу работы', text);
      expect(result.status).toBe('structured');
      expect(result.routes.map((r) => r.kind)).toEqual(['formal']);
    }
  });

  it('reads the experience and field of the informal text', () => {
    const result = parse(
      'ТиПО',
      'Без предъявления требований к стажу работы',
      'Допустимо информальное обучение (сертификаты) с подтвержденным опытом не менее 6 месяцев в справочно-информационных службах',
    );
    expect(rules(result)).toEqual([formal('tvet_worker', 0, null), informal(6, REFERENCE)]);
  });

  it('does not split the informal text at "либо" or "или"', () => {
    const result = parse(
      'ТиПО',
      '',
      `${LEARNING} или на предприятиях, с подтвержденным опытом работы не менее двух лет`,
    );
    expect(rules(result)).toEqual([formal('tvet_worker', 0, null), informal(24, null)]);
  });

  it('sets a minimum education only when the informal text states one', () => {
    const result = parse(
      'высшее образование',
      '',
      'Допустимо неформальное обучение на курсах при наличии ТиПО (специалист среднего звена), с опытом не менее двух лет',
    );
    expect(rules(result)[1]).toEqual(informal(24, null, 'tvet_specialist'));
  });
});

describe('parsePrerequisites: needs_review', () => {
  const OK_EXPERIENCE = 'Без предъявления требований к стажу работы';

  it('an unknown education level', () => {
    const result = parse('церковно-приходская школа', OK_EXPERIENCE);
    expect(result.status).toBe('needs_review');
    expect(result.reviewReasons).toContain(
      'education level: "церковно-приходская школа" is not a known education level',
    );
    // Not guessed: no route rests on the unreadable level.
    expect(result.routes).toEqual([]);
  });

  it('an unknown word beside a known level', () => {
    const result = parse('ТиПО или церковно-приходская школа', OK_EXPERIENCE);
    expect(result.status).toBe('needs_review');
    expect(result.reviewReasons[0]).toMatch(/церковно-приходская школа/);
    expect(result.routes).toEqual([]);
  });

  it('keeps alternatives that name their own level when the card level is unknown', () => {
    const result = parse('церковно-приходская школа', 'высшее образование без предъявления требований к стажу работы');
    expect(result.status).toBe('needs_review');
    expect(rules(result)).toEqual([formal('higher', 0, null)]);
  });

  it('an unreadable duration', () => {
    const result = parse('высшее образование', 'с большим опытом');
    expect(result.status).toBe('needs_review');
    expect(result.reviewReasons).toEqual([
      'experience requirement ("с большим опытом"): speaks of experience but its duration cannot be read',
    ]);
    expect(result.routes).toEqual([]);
  });

  it('an unreadable duration in the informal text', () => {
    const result = parse('высшее образование', '', 'Допустимо неформальное обучение на курсах с большим опытом');
    expect(result.status).toBe('needs_review');
    expect(result.reviewReasons[0]).toMatch(/^informal learning .*duration cannot be read/);
    expect(rules(result)).toEqual([formal('higher', 0, null)]);
  });

  it('an unknown field', () => {
    const result = parse('высшее образование', 'с опытом работы не менее двух лет в сфере розничной торговли');
    expect(result.status).toBe('needs_review');
    expect(result.reviewReasons).toEqual([
      'experience requirement ("с опытом работы не менее двух лет в сфере розничной торговли"): field "в сфере розничной торговли" is not in the experience field catalogue',
    ]);
    expect(result.routes).toEqual([]);
  });

  it('an unknown field after the duration, without "в сфере"', () => {
    for (const text of [
      'с опытом работы не менее трех лет на руководящих должностях',
      'со стажем работы по специальности не менее двух лет',
    ]) {
      expect(parse('высшее образование', text).status).toBe('needs_review');
    }
  });

  it('an unknown field in the informal text', () => {
    const result = parse(
      'высшее образование',
      '',
      'Допустимо неформальное обучение (сертификаты) в сфере розничной торговли. Обязательно подтверждение трудового стажа не менее трех лет в соответствующей сфере деятельности.',
    );
    expect(result.status).toBe('needs_review');
    expect(result.reviewReasons).toEqual([
      expect.stringContaining('field "в сфере розничной торговли" is not in the experience field catalogue'),
    ]);
  });

  it('"соответствующей сфере" with no field named in the card, or several', () => {
    expect(parse('высшее образование', 'с опытом не менее года в соответствующей сфере').reviewReasons).toEqual([
      expect.stringContaining('refers to a field that the card does not name'),
    ]);
    const several = parse(
      'высшее образование',
      'с опытом не менее года в справочно-информационных службах или ТиПО с опытом не менее двух лет в сфере дистанционного информационно-консультационного обслуживания',
      'Допустимо обучение на курсах, с опытом не менее двух лет в соответствующей сфере',
    );
    expect(several.status).toBe('needs_review');
    expect(several.reviewReasons).toEqual([expect.stringContaining('may mean any of')]);
    expect(several.routes.map((r) => r.kind)).toEqual(['formal', 'formal']);
  });

  it('several fields in one alternative', () => {
    const result = parse(
      'высшее образование',
      'с опытом не менее года в справочно-информационных службах либо в сфере дистанционного информационно-консультационного обслуживания',
    );
    expect(result.status).toBe('needs_review');
    expect(result.reviewReasons[0]).toMatch(/names several fields/);
  });

  it('several durations, or a duration beside "no experience"', () => {
    expect(parse('ТиПО', 'с опытом не менее года, в том числе не менее 6 месяцев').status).toBe('needs_review');
    expect(parse('ТиПО', 'без требований к стажу, опыт не менее года').status).toBe('needs_review');
  });

  it('a bound that is not a minimum', () => {
    const result = parse('ТиПО', 'с опытом работы более одного года');
    expect(result.status).toBe('needs_review');
    expect(result.reviewReasons[0]).toMatch(/not stated as a minimum/);
  });

  it("an alternative that may share a later alternative's experience", () => {
    const result = parse(
      'ТиПО',
      'ТиПО или высшее образование с опытом не менее одного года в справочно-информационных службах',
    );
    expect(result.status).toBe('needs_review');
    expect(result.reviewReasons[0]).toMatch(/may share that requirement/);
    expect(rules(result)).toEqual([formal('higher', 12, REFERENCE)]);
  });

  it('an informal text that says nothing about learning', () => {
    const result = parse('ТиПО', OK_EXPERIENCE, 'по согласованию с работодателем');
    expect(result.status).toBe('needs_review');
    expect(result.reviewReasons[0]).toMatch(/does not say which non-formal or informal learning/);
  });

  it('never throws, whatever it is given', () => {
    const odd: unknown[] = [
      undefined,
      null,
      {},
      { educationLevelText: 42, experienceText: null, informalText: ['x'] },
      { educationLevelText: '((((', experienceText: ')))) или ;;; либо', informalText: '....' },
      {
        educationLevelText: 'ТиПО',
        experienceText: 'не менее '.repeat(2000),
        informalText: 'курсы '.repeat(2000),
      },
    ];
    for (const input of odd) {
      const result = parsePrerequisites(input as PrerequisiteTexts);
      expect(['structured', 'needs_review']).toContain(result.status);
      expect(Array.isArray(result.routes)).toBe(true);
    }
    expect(parsePrerequisites(undefined as unknown as PrerequisiteTexts).status).toBe('needs_review');
  });
});
