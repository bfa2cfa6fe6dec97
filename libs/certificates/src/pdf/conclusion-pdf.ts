/**
 * The заключение (conclusion) of a signed decision that does not award the card (DOMAIN.md §6):
 * who was assessed for what, the skills credited and those not, for each one not credited the
 * abilities and knowledge to improve (from the standard), how long the credited skills count for
 * a retake, and how to appeal by when. Kazakh and Russian, like the certificate.
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

export interface ConclusionSkill {
  /** "1.2": the function's and the skill's numbers. */
  number: string;
  title: string;
}

export interface ConclusionFunction {
  title: string;
  kind: 'mandatory' | 'additional';
  credited: ConclusionSkill[];
  notCredited: (ConclusionSkill & { abilities: string[]; knowledge: string[] })[];
}

export interface ConclusionPdfData {
  decisionId: string;
  candidate: { name: string; maskedIin: string };
  card: { name: string; occupationCode: string | null; orkLevel: number };
  standardTitle: string;
  centre: { name: string; code: string };
  outcome: 'partial' | 'not_awarded';
  /** YYYY-MM-DD; also the PDF's dates, so the same decision always renders to the same bytes. */
  signedOn: string;
  signedBy: string;
  functions: ConclusionFunction[];
  /** The last day the credited skills count for a retake; null when nothing was credited. */
  creditValidUntil: string | null;
  /** The last day the decision may be appealed. */
  appealDeadline: string;
}

const L = {
  titleKk: 'Біліктілікті бағалау қорытындысы',
  titleRu: 'Заключение по результатам оценки квалификации',
  candidate: 'Кандидат / Кандидат',
  iin: 'ЖСН / ИИН',
  qualification: 'Біліктілік / Квалификация',
  occupationCode: 'Кәсіп коды / Код занятия',
  orkLevel: 'СБШ деңгейі / Уровень ОРК',
  standard: 'Кәсіптік стандарт / Профессиональный стандарт',
  centre: 'Бағалау орталығы / Центр оценки',
  signedOn: 'Шешім күні / Дата решения',
  decision: 'Шешім / Решение',
  outcome: 'Нәтиже / Результат',
  partial: 'Біліктілік ішінара расталды / Квалификация подтверждена частично',
  notAwarded: 'Біліктілік расталмады / Квалификация не подтверждена',
  credited: 'Расталған дағдылар / Подтверждённые навыки',
  noneCredited: 'Расталған дағдылар жоқ / Подтверждённых навыков нет',
  creditPeriod: (until: string) =>
    `Расталған дағдылар қайта бағалау кезінде ${until} қоса алғанда есепке алынады / ` +
    `Подтверждённые навыки засчитываются при повторной оценке до ${until} включительно`,
  notCredited: 'Расталмаған дағдылар және дамыту ұсыныстары / Неподтверждённые навыки и рекомендации',
  abilities: 'Дамыту қажет іскерліктер / Умения, которые нужно развить',
  knowledge: 'Меңгеру қажет білім / Знания, которые нужно освоить',
  colNumber: '№',
  colSkill: 'Дағды / Навык',
  colKind: 'Түрі / Вид',
  mandatory: 'Міндетті / Обязательная',
  additional: 'Қосымша / Дополнительная',
  appeal: 'Шағымдану тәртібі / Порядок обжалования',
  appealText: (deadline: string) =>
    `Шешімге ${deadline} қоса алғанда жеке кабинет арқылы апелляция беруге болады: даулы дағдыларды және негіздемені көрсетіңіз. ` +
    'Апелляцияны бағалауға қатыспаған бағалаушылар комиссиясы қарайды.\n' +
    `Решение можно обжаловать до ${deadline} включительно в личном кабинете: укажите оспариваемые навыки и основания. ` +
    'Апелляцию рассматривает комиссия экспертов, не участвовавших в оценке.',
  signedBy: 'Қол қойған / Подписал',
  none: '—',
} as const;

const COL_NUMBER = 40;
const COL_KIND = 112;
const COL_SKILL = CONTENT_WIDTH - COL_NUMBER - COL_KIND;

export async function renderConclusionPdf(data: ConclusionPdfData): Promise<Buffer> {
  const signed = parseIsoDate(data.signedOn, 'signedOn', 'Conclusion PDF');
  parseIsoDate(data.appealDeadline, 'appealDeadline', 'Conclusion PDF');
  if (data.creditValidUntil !== null) parseIsoDate(data.creditValidUntil, 'creditValidUntil', 'Conclusion PDF');
  const { doc, bytes } = await createPdf({
    title: `${L.titleKk} / ${L.titleRu}`,
    author: data.centre.name,
    subject: `${data.card.name} — ${data.candidate.name}`,
    keywords: data.decisionId,
    date: signed,
  });
  new ConclusionLayout(doc, data).draw();
  doc.end();
  return bytes;
}

export function conclusionNumber(decisionId: string): string {
  return decisionId.slice(0, 8).toUpperCase();
}

class ConclusionLayout extends PdfLayout {
  private tableHeader: string | null = null;

  constructor(
    doc: PDFKit.PDFDocument,
    private readonly data: ConclusionPdfData,
  ) {
    super(doc);
  }

  draw(): void {
    this.drawFrame();
    this.drawHeader();
    this.drawDetails();
    this.drawCredited();
    this.drawNotCredited();
    this.drawAppeal();
    this.drawSignature();
    this.drawFooters(`${L.titleRu} № ${conclusionNumber(this.data.decisionId)}`);
  }

  protected startPage(): void {
    this.y += this.text(
      `№ ${conclusionNumber(this.data.decisionId)} ${CONTINUED_LABEL}`,
      MARGIN,
      this.y,
      CONTENT_WIDTH,
      { font: this.fonts.bold, size: 9, color: COLOR_MUTED },
    );
    this.y += 8;
    if (this.tableHeader !== null) this.drawTableHeader(this.tableHeader);
  }

  protected override columns(cells: TableCell[]): TableColumn[] {
    if (cells.length === 1) return [{ x: MARGIN, width: CONTENT_WIDTH }];
    return [
      { x: MARGIN, width: COL_NUMBER },
      { x: MARGIN + COL_NUMBER, width: COL_SKILL },
      { x: MARGIN + COL_NUMBER + COL_SKILL, width: COL_KIND },
    ];
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
    this.y += this.text(L.titleKk, MARGIN, this.y, CONTENT_WIDTH, {
      font: bold,
      size: 17,
      color: COLOR_PRIMARY,
      align: 'center',
    });
    this.y += 2;
    this.y += this.text(L.titleRu, MARGIN, this.y, CONTENT_WIDTH, {
      font: bold,
      size: 13,
      color: COLOR_MUTED,
      align: 'center',
    });
    this.y += 6;
    this.y += this.text(`№ ${conclusionNumber(this.data.decisionId)}`, MARGIN, this.y, CONTENT_WIDTH, {
      font: bold,
      size: 11,
      color: COLOR_PRIMARY,
      align: 'center',
    });
    this.y += 14;
  }

  private drawDetails(): void {
    const { data } = this;
    const half = (CONTENT_WIDTH - 12) / 2;
    const right = MARGIN + half + 12;
    let y = this.y;
    y += Math.max(
      this.field(L.candidate, data.candidate.name, MARGIN, y, half, 12),
      this.field(L.iin, data.candidate.maskedIin, right, y, half),
    );
    y += this.field(L.qualification, data.card.name, MARGIN, y, CONTENT_WIDTH);
    y += Math.max(
      this.field(L.occupationCode, data.card.occupationCode ?? L.none, MARGIN, y, half),
      this.field(L.orkLevel, String(data.card.orkLevel), right, y, half),
    );
    y += this.field(L.standard, data.standardTitle, MARGIN, y, CONTENT_WIDTH, 9);
    y += Math.max(
      this.field(L.centre, `${data.centre.name} (${data.centre.code})`, MARGIN, y, half, 9),
      this.field(L.signedOn, displayDate(data.signedOn), right, y, half),
    );
    y += this.field(L.decision, data.decisionId, MARGIN, y, CONTENT_WIDTH, 7.5, false);
    const outcome = data.outcome === 'partial' ? L.partial : L.notAwarded;
    y += this.text(L.outcome, MARGIN, y, CONTENT_WIDTH, { font: this.fonts.regular, size: 7, color: COLOR_MUTED });
    y += 1.5;
    y += this.text(outcome, MARGIN, y, CONTENT_WIDTH, {
      font: this.fonts.bold,
      size: 11.5,
      color: data.outcome === 'partial' ? COLOR_GOOD : COLOR_BAD,
    });
    this.y = y + 12;
  }

  private drawTableHeader(title: string): void {
    const style: TextStyle = { font: this.fonts.bold, size: 8, color: '#ffffff' };
    this.row(
      [
        { text: L.colNumber, style },
        { text: title, style },
        { text: L.colKind, style },
      ],
      COLOR_PRIMARY,
    );
  }

  private kindText(kind: 'mandatory' | 'additional'): string {
    return kind === 'mandatory' ? L.mandatory : L.additional;
  }

  private drawCredited(): void {
    this.heading(L.credited);
    const skills = this.data.functions.flatMap((fn) => fn.credited.map((skill) => ({ fn, skill })));
    const cellStyle: TextStyle = { font: this.fonts.regular, size: 8.5, color: COLOR_TEXT };
    const kindStyle: TextStyle = { font: this.fonts.regular, size: 7.5, color: COLOR_PRIMARY };
    if (skills.length === 0) {
      this.row([{ text: L.noneCredited, style: cellStyle }]);
      this.y += 14;
      return;
    }
    this.drawTableHeader(L.colSkill);
    this.tableHeader = L.colSkill;
    for (const { fn, skill } of skills) {
      this.row([
        { text: skill.number, style: { ...cellStyle, color: COLOR_MUTED } },
        { text: `${skill.title}\n${fn.title}`, style: cellStyle },
        { text: this.kindText(fn.kind), style: kindStyle },
      ]);
    }
    this.tableHeader = null;
    this.y += 6;
    if (this.data.creditValidUntil !== null) {
      this.paragraph(L.creditPeriod(displayDate(this.data.creditValidUntil)), {
        font: this.fonts.bold,
        size: 9,
        color: COLOR_GOOD,
      });
    }
    this.y += 14;
  }

  private drawNotCredited(): void {
    this.heading(L.notCredited, 80);
    const bodyStyle: TextStyle = { font: this.fonts.regular, size: 8.5, color: COLOR_TEXT };
    const labelStyle: TextStyle = { font: this.fonts.bold, size: 8, color: COLOR_PRIMARY };
    for (const fn of this.data.functions) {
      for (const skill of fn.notCredited) {
        const title = `${skill.number}  ${skill.title}`;
        const titleStyle: TextStyle = { font: this.fonts.bold, size: 9.5, color: COLOR_TEXT };
        // The skill's title stays with the first lines of what to improve.
        this.ensureRoom(this.heightOf(title, CONTENT_WIDTH - 12, titleStyle) + 60);
        this.row([{ text: `${title}\n${fn.title} · ${this.kindText(fn.kind)}`, style: titleStyle }], COLOR_FILL);
        this.y += 4;
        if (skill.abilities.length > 0) {
          this.paragraph(L.abilities, labelStyle, 8);
          for (const ability of skill.abilities) this.paragraph(`• ${ability}`, bodyStyle, 16);
          this.y += 3;
        }
        if (skill.knowledge.length > 0) {
          this.paragraph(L.knowledge, labelStyle, 8);
          for (const item of skill.knowledge) this.paragraph(`• ${item}`, bodyStyle, 16);
        }
        this.y += 8;
      }
    }
    this.y += 6;
  }

  private drawAppeal(): void {
    this.heading(L.appeal);
    this.paragraph(L.appealText(displayDate(this.data.appealDeadline)), {
      font: this.fonts.regular,
      size: 8.5,
      color: COLOR_TEXT,
    });
    this.y += 18;
  }

  private drawSignature(): void {
    this.signature(L.signedBy, this.data.signedBy);
  }
}
