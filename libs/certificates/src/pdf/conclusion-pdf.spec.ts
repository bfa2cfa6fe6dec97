import { writeFileSync } from 'node:fs';
import { ConclusionPdfData, conclusionNumber, renderConclusionPdf } from './conclusion-pdf';
import { flat, pageIds, pageTexts, parsePdf } from './pdf-reader.spec-support';

export function sampleConclusion(overrides: Partial<ConclusionPdfData> = {}): ConclusionPdfData {
  return {
    decisionId: '5f0c2a1e-7b3d-4c8e-9a10-2b3c4d5e6f70',
    candidate: { name: 'Әсем Ғалымқызы Құрманғазиева', maskedIin: '920314*****7' },
    card: { name: 'Оператор Call-центра', occupationCode: '4222-0-001', orkLevel: 3 },
    standardTitle: 'Деятельность справочно-информационных служб',
    centre: { name: '«Астана» біліктілікті бағалау орталығы', code: 'AST01' },
    outcome: 'partial',
    signedOn: '2026-03-01',
    signedBy: 'Нұрланов Ерлан Серікұлы',
    functions: [
      {
        title: 'Обработка входящих обращений',
        kind: 'mandatory',
        credited: [
          { number: '1.1', title: 'Приём и регистрация обращений' },
          { number: '1.2', title: 'Консультирование клиентов по стандартным вопросам' },
        ],
        notCredited: [
          {
            number: '1.3',
            title: 'Урегулирование конфликтных ситуаций',
            abilities: ['Выявлять причину недовольства клиента', 'Предлагать варианты решения в рамках регламента'],
            knowledge: ['Техники активного слушания', 'Регламент эскалации обращений'],
          },
        ],
      },
    ],
    creditValidUntil: '2027-03-01',
    appealDeadline: '2026-03-11',
    ...overrides,
  };
}

describe('renderConclusionPdf', () => {
  let bytes: Buffer;
  let text: string;

  beforeAll(async () => {
    bytes = await renderConclusionPdf(sampleConclusion());
    text = flat(pageTexts(parsePdf(bytes)).join('\n'));
    if (process.env.PDF_OUT) writeFileSync(`${process.env.PDF_OUT}/conclusion.pdf`, bytes);
  });

  it('is a PDF whose text a viewer can extract, in Kazakh and Russian', () => {
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(text).toContain('Біліктілікті бағалау қорытындысы');
    expect(text).toContain('Заключение по результатам оценки квалификации');
    expect(text).toContain(`№ ${conclusionNumber(sampleConclusion().decisionId)}`);
  });

  it('names the candidate, the card, the outcome and who signed', () => {
    for (const value of [
      'Әсем Ғалымқызы Құрманғазиева',
      '920314*****7',
      'Оператор Call-центра',
      '4222-0-001',
      'Квалификация подтверждена частично',
      '01.03.2026',
      'Нұрланов Ерлан Серікұлы',
    ]) {
      expect(text).toContain(value);
    }
  });

  it('lists the credited skills with their credit period, and the rest with the abilities and knowledge to improve', () => {
    expect(text).toContain('Приём и регистрация обращений');
    expect(text).toContain('засчитываются при повторной оценке до 01.03.2027 включительно');
    expect(text).toContain('Урегулирование конфликтных ситуаций');
    expect(text).toContain('Умения, которые нужно развить');
    expect(text).toContain('Предлагать варианты решения в рамках регламента');
    expect(text).toContain('Знания, которые нужно освоить');
    expect(text).toContain('Регламент эскалации обращений');
  });

  it('says how to appeal and by when', () => {
    expect(text).toContain('Порядок обжалования');
    expect(text).toContain('до 11.03.2026 включительно');
  });

  it('says so when nothing was credited, with no credit period', async () => {
    const none = sampleConclusion({
      outcome: 'not_awarded',
      creditValidUntil: null,
      functions: [{ ...sampleConclusion().functions[0], credited: [] }],
    });
    const noneText = flat(pageTexts(parsePdf(await renderConclusionPdf(none))).join('\n'));
    expect(noneText).toContain('Подтверждённых навыков нет');
    expect(noneText).toContain('Квалификация не подтверждена');
    expect(noneText).not.toContain('засчитываются при повторной оценке');
  });

  it('renders the same data to the same bytes', async () => {
    expect((await renderConclusionPdf(sampleConclusion())).equals(bytes)).toBe(true);
  });

  it('continues onto further pages when there is much to improve', async () => {
    const many = sampleConclusion({
      functions: Array.from({ length: 4 }, (_, f) => ({
        title: `Функция ${f + 1}`,
        kind: 'mandatory' as const,
        credited: [],
        notCredited: Array.from({ length: 4 }, (_, s) => ({
          number: `${f + 1}.${s + 1}`,
          title: `Навык ${f + 1}.${s + 1}`,
          abilities: Array.from(
            { length: 5 },
            (_, a) => `Умение ${a + 1} навыка ${f + 1}.${s + 1}, описанное подробно`,
          ),
          knowledge: Array.from({ length: 4 }, (_, k) => `Знание ${k + 1} навыка ${f + 1}.${s + 1}`),
        })),
      })),
    });
    const pdf = parsePdf(await renderConclusionPdf(many));
    expect(pageIds(pdf).length).toBeGreaterThan(1);
    const all = flat(pageTexts(pdf).join('\n'));
    expect(all).toContain('Знание 4 навыка 4.4');
    expect(all).toContain('Страница 1 / ');
  });

  it('refuses a date that is not a calendar date', async () => {
    await expect(renderConclusionPdf(sampleConclusion({ appealDeadline: '2026-02-30' }))).rejects.toThrow(
      /appealDeadline/,
    );
  });
});
