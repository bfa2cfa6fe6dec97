import { writeFileSync } from 'node:fs';
import { ProtocolPdfData, renderProtocolPdf } from './protocol-pdf';
import { flat, pageIds, pageTexts, parsePdf } from './pdf-reader.spec-support';

function sampleProtocol(overrides: Partial<ProtocolPdfData> = {}): ProtocolPdfData {
  const skill = (
    n: string,
    title: string,
    correct: number,
    verdicts: ('competent' | 'not_yet_competent' | null)[],
    outcome: 'passed' | 'failed' | 'pending',
  ) => ({
    number: n,
    title,
    theory: { correct, total: 3, share: Math.round((correct / 3) * 10000) / 10000 },
    verdicts,
    outcome,
  });
  return {
    sessionId: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
    centre: { name: '«Астана» біліктілікті бағалау орталығы', code: 'AST01' },
    card: { name: 'Оператор Call-центра', occupationCode: '4222-0-001', orkLevel: 3 },
    programVersion: 2,
    passMarkPercent: 70,
    skillFloorPercent: 50,
    startsOn: '2026-03-01',
    window: '01.03.2026 09:00 – 01.03.2026 13:00',
    place: 'г. Астана, пр. Мангилик Ел, 55, ауд. 301',
    assessors: [{ name: 'Сейткали Гульнара' }, { name: 'Ахметов Ержан' }],
    candidates: [
      {
        name: 'Әсем Құрманғазиева',
        maskedIin: '920314*****7',
        overallShare: 0.8333,
        skills: [
          skill('1.1', 'Приём и регистрация обращений', 3, ['competent', 'competent'], 'passed'),
          skill('1.2', 'Урегулирование конфликтных ситуаций', 2, ['competent', 'not_yet_competent'], 'failed'),
        ],
        outcome: 'failed',
      },
      {
        name: 'Болат Серіков',
        maskedIin: '880101*****3',
        overallShare: null,
        skills: [
          {
            number: '1.1',
            title: 'Приём и регистрация обращений',
            theory: null,
            verdicts: [null, null],
            outcome: 'pending',
          },
        ],
        outcome: 'pending',
      },
    ],
    extract: false,
    ...overrides,
  };
}

describe('renderProtocolPdf', () => {
  let bytes: Buffer;
  let text: string;

  beforeAll(async () => {
    bytes = await renderProtocolPdf(sampleProtocol());
    text = flat(pageTexts(parsePdf(bytes)).join('\n'));
    if (process.env.PDF_OUT) writeFileSync(`${process.env.PDF_OUT}/protocol.pdf`, bytes);
  });

  it('is titled in Kazakh and Russian and describes the session', () => {
    for (const value of [
      'Емтихан сессиясының хаттамасы',
      'Протокол экзаменационной сессии',
      'Оператор Call-центра (4222-0-001)',
      '01.03.2026',
      'ауд. 301',
      'проходной балл теории 70%',
      'минимум по навыку 50%',
    ]) {
      expect(text).toContain(value);
    }
  });

  it('names the assessors, and gives each skill’s theory score, verdict per assessor and outcome', () => {
    expect(text).toContain('Эксперт 1: Сейткали Гульнара');
    expect(text).toContain('Эксперт 2: Ахметов Ержан');
    expect(text).toContain('Әсем Құрманғазиева');
    expect(text).toContain('3/3 (100%)');
    expect(text).toContain('2/3 (66.67%)');
    expect(text).toContain('Компетентен');
    expect(text).toContain('Пока нет');
    expect(text).toContain('Итог кандидата: Өтпеді / Не сдан');
    expect(text).toContain('Теория, всего: 83.33%');
  });

  it('shows what is still pending', () => {
    expect(text).toContain('Итог кандидата: Күтілуде / Ожидается');
  });

  it('renders the same data to the same bytes', async () => {
    expect((await renderProtocolPdf(sampleProtocol())).equals(bytes)).toBe(true);
  });

  it('titles a candidate’s copy as an extract', async () => {
    const extract = await renderProtocolPdf(
      sampleProtocol({ extract: true, candidates: [sampleProtocol().candidates[0]] }),
    );
    const extractText = flat(pageTexts(parsePdf(extract)).join('\n'));
    expect(extractText).toContain('Выписка из протокола');
    expect(extractText).not.toContain('Болат Серіков');
  });

  it('continues a long session onto further pages and fits many assessors', async () => {
    const assessors = Array.from({ length: 5 }, (_, i) => ({ name: `Эксперт-асессор ${i + 1}` }));
    const candidates = Array.from({ length: 12 }, (_, c) => ({
      name: `Кандидат ${c + 1}`,
      maskedIin: '900101*****1',
      overallShare: 0.75,
      skills: Array.from({ length: 6 }, (_, s) => ({
        number: `1.${s + 1}`,
        title: `Навык ${s + 1} с достаточно длинным названием`,
        theory: { correct: 2, total: 3, share: 0.6667 },
        verdicts: assessors.map(() => 'competent' as const),
        outcome: 'passed' as const,
      })),
      outcome: 'passed' as const,
    }));
    const pdf = parsePdf(await renderProtocolPdf(sampleProtocol({ assessors, candidates })));
    expect(pageIds(pdf).length).toBeGreaterThan(2);
    expect(flat(pageTexts(pdf).join('\n'))).toContain('Кандидат 12');
  });
});
