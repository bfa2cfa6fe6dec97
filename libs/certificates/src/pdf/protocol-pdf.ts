/**
 * The протокол (record) of an exam session (DOMAIN.md §5): the session, its assessors, and for
 * every candidate each examined skill's theory score, every assessor's practical verdict, the
 * skill's outcome and the candidate's. A candidate's own copy is an extract: only their row.
 * Kazakh and Russian, like the certificate.
 */
import {
  COLOR_BAD,
  COLOR_FILL,
  COLOR_GOOD,
  COLOR_MUTED,
  COLOR_PRIMARY,
  COLOR_TEXT,
  CONTENT_WIDTH,
  CONTINUED_LABEL,
  createPdf,
  displayDate,
  MARGIN,
  parseIsoDate,
  PdfLayout,
  type TableCell,
  type TableColumn,
  type TextStyle,
} from './pdf-kit';

export type ProtocolVerdict = 'competent' | 'not_yet_competent' | null;
export type ProtocolOutcome = 'passed' | 'failed' | 'pending';

export interface ProtocolSkill {
  /** "1.2": the function's and the skill's numbers. */
  number: string;
  title: string;
  /** Right of asked, or null before the test is submitted. */
  theory: { correct: number; total: number; share: number } | null;
  /** One per assessor of the session, in the assessors' order; null: no signed verdict. */
  verdicts: ProtocolVerdict[];
  outcome: ProtocolOutcome;
}

export interface ProtocolCandidate {
  name: string;
  maskedIin: string;
  /** The whole test's share, or null before it is submitted. */
  overallShare: number | null;
  skills: ProtocolSkill[];
  outcome: ProtocolOutcome;
}

export interface ProtocolPdfData {
  sessionId: string;
  centre: { name: string; code: string };
  card: { name: string; occupationCode: string | null; orkLevel: number };
  programVersion: number;
  passMarkPercent: number;
  skillFloorPercent: number;
  /** YYYY-MM-DD of the session's first day; also the PDF's dates (the same session, the same bytes). */
  startsOn: string;
  /** "HH:MM–HH:MM" (UTC) or the window's days. */
  window: string;
  place: string | null;
  assessors: { name: string }[];
  candidates: ProtocolCandidate[];
  /** A candidate's own copy: only their row, named as an extract. */
  extract: boolean;
}

const L = {
  titleKk: 'Емтихан сессиясының хаттамасы',
  titleRu: 'Протокол экзаменационной сессии',
  extractKk: 'Хаттамадан үзінді',
  extractRu: 'Выписка из протокола',
  centre: 'Бағалау орталығы / Центр оценки',
  qualification: 'Біліктілік / Квалификация',
  orkLevel: 'СБШ деңгейі / Уровень ОРК',
  date: 'Өткізілген күні / Дата проведения',
  window: 'Уақыты (UTC) / Время (UTC)',
  place: 'Өткізу орны / Место проведения',
  online: 'Онлайн / Онлайн',
  program: 'Бағдарлама / Программа',
  programText: (version: number, pass: number, floor: number) =>
    `нұсқа / версия ${version}; теорияның өту шегі / проходной балл теории ${pass}%, ` +
    `әр дағды бойынша ең төменгі шек / минимум по навыку ${floor}%`,
  assessors: 'Бағалаушылар / Эксперты-асессоры',
  candidates: 'Кандидаттар нәтижелері / Результаты кандидатов',
  candidate: 'Кандидат',
  iin: 'ЖСН / ИИН',
  overall: 'Теория, барлығы / Теория, всего',
  colNumber: '№',
  colSkill: 'Дағды / Навык',
  colTheory: 'Теория',
  colOutcome: 'Нәтиже / Итог',
  passed: 'Өтті / Сдан',
  failed: 'Өтпеді / Не сдан',
  pending: 'Күтілуде / Ожидается',
  competent: 'Құзыретті / Компетентен',
  notYet: 'Әлі емес / Пока нет',
  noVerdict: '—',
  outcome: 'Кандидат нәтижесі / Итог кандидата',
  noCandidates: 'Кандидаттар жоқ / Кандидатов нет',
  signatures: 'Бағалаушылардың қолдары / Подписи экспертов-асессоров',
  assessor: (n: number) => `Бағалаушы / Эксперт ${n}`,
} as const;

const COL_NUMBER = 34;
const COL_THEORY = 66;
const COL_OUTCOME = 62;
const COL_VERDICTS_MAX = 62;

function percent(share: number): string {
  return `${Number((share * 100).toFixed(2))}%`;
}

export function outcomeText(outcome: ProtocolOutcome): string {
  return outcome === 'passed' ? L.passed : outcome === 'failed' ? L.failed : L.pending;
}

export async function renderProtocolPdf(data: ProtocolPdfData): Promise<Buffer> {
  const day = parseIsoDate(data.startsOn, 'startsOn', 'Protocol PDF');
  const { doc, bytes } = await createPdf({
    title: data.extract ? `${L.extractKk} / ${L.extractRu}` : `${L.titleKk} / ${L.titleRu}`,
    author: data.centre.name,
    subject: `${data.card.name} — ${displayDate(data.startsOn)}`,
    keywords: data.sessionId,
    date: day,
  });
  new ProtocolLayout(doc, data).draw();
  doc.end();
  return bytes;
}

class ProtocolLayout extends PdfLayout {
  private inTable = false;
  private readonly verdictWidth: number;
  private readonly skillWidth: number;

  constructor(
    doc: PDFKit.PDFDocument,
    private readonly data: ProtocolPdfData,
  ) {
    super(doc);
    const fixed = COL_NUMBER + COL_THEORY + COL_OUTCOME;
    const assessors = Math.max(1, data.assessors.length);
    // The skill's title keeps at least a third of the width, however many assessors sit.
    this.verdictWidth = Math.min(COL_VERDICTS_MAX, (CONTENT_WIDTH - fixed - CONTENT_WIDTH / 3) / assessors);
    this.skillWidth = CONTENT_WIDTH - fixed - this.verdictWidth * assessors;
  }

  draw(): void {
    this.drawFrame();
    this.drawHeader();
    this.drawSession();
    this.drawCandidates();
    this.drawSignatures();
    this.drawFooters(
      `${this.data.extract ? L.extractRu : L.titleRu} · ${this.data.sessionId.slice(0, 8).toUpperCase()}`,
    );
  }

  protected startPage(): void {
    this.y += this.text(
      `${this.data.extract ? L.extractRu : L.titleRu} ${CONTINUED_LABEL}`,
      MARGIN,
      this.y,
      CONTENT_WIDTH,
      { font: this.fonts.bold, size: 9, color: COLOR_MUTED },
    );
    this.y += 8;
    if (this.inTable) this.drawTableHeader();
  }

  protected override columns(cells: TableCell[]): TableColumn[] {
    if (cells.length === 1) return [{ x: MARGIN, width: CONTENT_WIDTH }];
    const columns: TableColumn[] = [];
    let x = MARGIN;
    const push = (width: number) => {
      columns.push({ x, width });
      x += width;
    };
    push(COL_NUMBER);
    push(this.skillWidth);
    push(COL_THEORY);
    for (let i = 0; i < cells.length - 4; i++) push(this.verdictWidth);
    push(COL_OUTCOME);
    return columns;
  }

  private drawHeader(): void {
    const bold = this.fonts.bold;
    this.y += this.text(this.data.centre.name, MARGIN, this.y, CONTENT_WIDTH, {
      font: bold,
      size: 10,
      color: COLOR_PRIMARY,
      align: 'center',
    });
    this.y += 12;
    this.y += this.text(this.data.extract ? L.extractKk : L.titleKk, MARGIN, this.y, CONTENT_WIDTH, {
      font: bold,
      size: 17,
      color: COLOR_PRIMARY,
      align: 'center',
    });
    this.y += 2;
    this.y += this.text(this.data.extract ? L.extractRu : L.titleRu, MARGIN, this.y, CONTENT_WIDTH, {
      font: bold,
      size: 13,
      color: COLOR_MUTED,
      align: 'center',
    });
    this.y += 6;
    this.y += this.text(this.data.sessionId, MARGIN, this.y, CONTENT_WIDTH, {
      font: this.fonts.regular,
      size: 7.5,
      color: COLOR_MUTED,
      align: 'center',
    });
    this.y += 14;
  }

  private drawSession(): void {
    const { data } = this;
    const half = (CONTENT_WIDTH - 12) / 2;
    const right = MARGIN + half + 12;
    let y = this.y;
    y += this.field(L.centre, `${data.centre.name} (${data.centre.code})`, MARGIN, y, CONTENT_WIDTH, 9.5);
    y += this.field(
      L.qualification,
      `${data.card.name}${data.card.occupationCode ? ` (${data.card.occupationCode})` : ''}`,
      MARGIN,
      y,
      CONTENT_WIDTH,
      9.5,
    );
    y += Math.max(
      this.field(L.date, displayDate(data.startsOn), MARGIN, y, half),
      this.field(L.window, data.window, right, y, half),
    );
    y += Math.max(
      this.field(L.place, data.place ?? L.online, MARGIN, y, half, 9),
      this.field(L.orkLevel, String(data.card.orkLevel), right, y, half),
    );
    y += this.field(
      L.program,
      L.programText(data.programVersion, data.passMarkPercent, data.skillFloorPercent),
      MARGIN,
      y,
      CONTENT_WIDTH,
      8.5,
      false,
    );
    this.y = y + 4;
    this.heading(L.assessors);
    data.assessors.forEach((assessor, i) => {
      this.paragraph(`${L.assessor(i + 1)}: ${assessor.name}`, {
        font: this.fonts.regular,
        size: 9,
        color: COLOR_TEXT,
      });
    });
    this.y += 12;
  }

  private drawTableHeader(): void {
    const style: TextStyle = { font: this.fonts.bold, size: 7, color: '#ffffff' };
    this.row(
      [
        { text: L.colNumber, style },
        { text: L.colSkill, style },
        { text: L.colTheory, style },
        ...this.data.assessors.map((_, i) => ({ text: L.assessor(i + 1), style })),
        { text: L.colOutcome, style },
      ],
      COLOR_PRIMARY,
    );
  }

  private outcomeStyle(outcome: ProtocolOutcome, size = 7.5): TextStyle {
    const color = outcome === 'passed' ? COLOR_GOOD : outcome === 'failed' ? COLOR_BAD : COLOR_MUTED;
    return { font: this.fonts.bold, size, color };
  }

  private drawCandidates(): void {
    this.heading(L.candidates);
    const cell: TextStyle = { font: this.fonts.regular, size: 7.5, color: COLOR_TEXT };
    if (this.data.candidates.length === 0) {
      this.row([{ text: L.noCandidates, style: cell }]);
      this.y += 12;
      return;
    }
    for (const candidate of this.data.candidates) {
      const head = `${L.candidate}: ${candidate.name}   ${L.iin}: ${candidate.maskedIin}   ${L.overall}: ${
        candidate.overallShare === null ? L.noVerdict : percent(candidate.overallShare)
      }`;
      const headStyle: TextStyle = { font: this.fonts.bold, size: 8.5, color: COLOR_TEXT };
      this.ensureRoom(this.heightOf(head, CONTENT_WIDTH - 12, headStyle) + 60);
      this.row([{ text: head, style: headStyle }], COLOR_FILL);
      this.drawTableHeader();
      this.inTable = true;
      for (const skill of candidate.skills) {
        this.row([
          { text: skill.number, style: { ...cell, color: COLOR_MUTED } },
          { text: skill.title, style: cell },
          {
            text: skill.theory
              ? `${skill.theory.correct}/${skill.theory.total} (${percent(skill.theory.share)})`
              : L.noVerdict,
            style: cell,
          },
          ...skill.verdicts.map((verdict) => ({
            text: verdict === 'competent' ? L.competent : verdict === 'not_yet_competent' ? L.notYet : L.noVerdict,
            style: { ...cell, size: 6.5 },
          })),
          { text: outcomeText(skill.outcome), style: this.outcomeStyle(skill.outcome) },
        ]);
      }
      this.inTable = false;
      this.row([
        { text: `${L.outcome}: ${outcomeText(candidate.outcome)}`, style: this.outcomeStyle(candidate.outcome, 8.5) },
      ]);
      this.y += 12;
    }
  }

  private drawSignatures(): void {
    this.heading(L.signatures, 60);
    this.data.assessors.forEach((assessor, i) => this.signature(L.assessor(i + 1), assessor.name));
  }
}
