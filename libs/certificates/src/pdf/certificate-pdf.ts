import { dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';
import { toBuffer as qrToBuffer } from 'qrcode';

export interface CertificatePdfFunction {
  title: string;
  kind: 'mandatory' | 'additional';
  skills: string[];
}

export interface CertificatePdfData {
  number: string;
  /** Printed beside the number, as `XXXXX-XXXXX`: the public lookup needs both. */
  verificationCode: string;
  holderName: string;
  /** Already masked by the caller: the full ИИН must never reach a document that is handed around. */
  maskedIin: string;
  card: { name: string; occupationCode: string | null; orkLevel: number };
  standard: { title: string; orderNumber: string | null; orderDate: string | null; versionHash: string };
  functions: CertificatePdfFunction[];
  /** YYYY-MM-DD; also becomes the PDF's CreationDate so the same certificate always renders to the same bytes. */
  issueDate: string;
  validUntil: string;
  centre: { name: string; code: string };
  signedBy: string;
  /** Carries the number and the verification code; encoded in the QR code and printed under it. */
  verificationUrl: string;
}

// A4 in PostScript points, as pdfkit sizes it.
const PAGE_WIDTH = 595.28;
const PAGE_HEIGHT = 841.89;
const MARGIN = 44;
const CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN;
// The table stops here so the page footer never collides with a row.
const CONTENT_BOTTOM = PAGE_HEIGHT - 64;
const FOOTER_Y = PAGE_HEIGHT - 40;
const SIGNATURE_BLOCK_HEIGHT = 58;

const QR_SIZE = 136;
const QR_COLUMN_WIDTH = 146;
const COLUMN_GAP = 18;

const TABLE_PAD_X = 6;
const TABLE_PAD_Y = 4;
const COL_NUMBER = 38;
const COL_KIND = 112;
const COL_TITLE = CONTENT_WIDTH - COL_NUMBER - COL_KIND;

const COLOR_PRIMARY = '#1f3a5f';
const COLOR_ACCENT = '#b08d3c';
const COLOR_TEXT = '#1b1f24';
const COLOR_MUTED = '#5a6473';
const COLOR_RULE = '#c9d1db';
const COLOR_FUNCTION_FILL = '#e8eef6';

const L = {
  titleKk: 'Біліктілік сертификаты',
  titleRu: 'Сертификат о квалификации',
  holder: 'Иесі / Владелец',
  iin: 'ЖСН / ИИН',
  qualification: 'Біліктілік / Квалификация',
  occupationCode: 'Кәсіп коды / Код занятия',
  orkLevel: 'СБШ деңгейі / Уровень ОРК',
  standard: 'Кәсіптік стандарт / Профессиональный стандарт',
  order: 'Бекіту туралы бұйрық / Приказ об утверждении',
  version: 'Стандарт нұсқасы / Версия стандарта',
  issueDate: 'Берілген күні / Дата выдачи',
  validUntil: 'Жарамдылық мерзімі / Действителен до',
  centre: 'Бағалау орталығы / Центр оценки',
  functions: 'Расталған еңбек функциялары мен дағдылар / Подтверждённые трудовые функции и навыки',
  colNumber: '№',
  colTitle: 'Еңбек функциясы, дағды / Трудовая функция, навык',
  colKind: 'Түрі / Вид',
  mandatory: 'Міндетті / Обязательная',
  additional: 'Қосымша / Дополнительная',
  continued: '(жалғасы / продолжение)',
  none: 'Расталған дағдылар жоқ / Подтверждённых навыков нет',
  signedBy: 'Қол қойған / Подписал',
  verify: 'Тексеру / Проверка',
  verificationCode: 'Тексеру коды / Код проверки',
  verifyHint: 'Түпнұсқалығын тексеру үшін QR-кодты сканерлеңіз / Отсканируйте QR-код для проверки подлинности',
  page: 'Бет / Страница',
} as const;

/**
 * Handed through qrcode to its PNG encoder (pngjs); @types/qrcode only declares the deflate settings, hence the
 * separate constant. Grey without alpha lets pdfkit embed the PNG data as it is instead of decoding every pixel to
 * split off an alpha mask, and a fixed filter skips pngjs's per-row filter search; together they cut the render time
 * several-fold.
 */
const QR_PNG_OPTIONS = { colorType: 0, filterType: 0, deflateLevel: 9 };

interface Fonts {
  regular: string;
  bold: string;
}

let fontsCache: Fonts | undefined;

/**
 * Resolved through the package's own package.json rather than a path relative to this file, so the same code finds
 * the fonts when run by ts-jest from libs/ and when run from dist/ after the build.
 */
function fonts(): Fonts {
  if (!fontsCache) {
    const ttf = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
    fontsCache = { regular: join(ttf, 'DejaVuSans.ttf'), bold: join(ttf, 'DejaVuSans-Bold.ttf') };
  }
  return fontsCache;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseIsoDate(value: string, field: string): Date {
  const match = ISO_DATE.exec(value);
  const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : undefined;
  // Date.UTC silently rolls 2025-02-30 over to March; a certificate must not print a date nobody entered.
  if (!date || date.toISOString().slice(0, 10) !== value) {
    throw new Error(`Certificate PDF: ${field} must be a calendar date YYYY-MM-DD, got "${value}"`);
  }
  return date;
}

/** DD.MM.YYYY is how both Kazakh and Russian documents write dates; anything unparseable is printed as given. */
function displayDate(value: string): string {
  const match = ISO_DATE.exec(value);
  return match ? `${match[3]}.${match[2]}.${match[1]}` : value;
}

interface TextStyle {
  font: string;
  size: number;
  color: string;
  align?: 'left' | 'center' | 'right';
}

interface TableCell {
  text: string;
  style: TextStyle;
}

export async function renderCertificatePdf(data: CertificatePdfData): Promise<Buffer> {
  const issued = parseIsoDate(data.issueDate, 'issueDate');
  const qrPng = await qrToBuffer(data.verificationUrl, {
    type: 'png',
    errorCorrectionLevel: 'M',
    // The quiet zone is part of the image so scanners find the symbol even though captions sit right below it.
    margin: 4,
    // A whole number of pixels per module keeps every module the same size once pdfkit scales the image down.
    scale: 8,
    color: { dark: '#000000', light: '#ffffff' },
    rendererOpts: QR_PNG_OPTIONS,
  });

  const { regular } = fonts();
  const doc = new PDFDocument({
    size: 'A4',
    // Small document margins: layout is placed explicitly and pdfkit would otherwise start a new page whenever the
    // footer is written below its bottom margin.
    margins: { top: 20, bottom: 20, left: 20, right: 20 },
    // Passing the embedded font here keeps pdfkit from loading (and referencing) Helvetica, which has no Cyrillic.
    font: regular,
    bufferPages: true,
    lang: 'kk-KZ',
    displayTitle: true,
    info: {
      Title: `${L.titleKk} / ${L.titleRu} № ${data.number}`,
      Author: data.centre.name,
      Subject: `${data.card.name} — ${data.standard.title}`,
      Keywords: data.number,
      Creator: 'QualCert',
      // pdfkit derives the trailer /ID from these fields, so fixing both dates makes the whole file reproducible.
      CreationDate: issued,
      ModDate: issued,
    },
  });

  const chunks: Buffer[] = [];
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  new CertificateLayout(doc, data, qrPng).draw();
  doc.end();
  return finished;
}

class CertificateLayout {
  private readonly fonts = fonts();
  private y = MARGIN;

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    private readonly data: CertificatePdfData,
    private readonly qrPng: Buffer,
  ) {}

  draw(): void {
    this.drawFrame();
    this.drawHeader();
    this.drawDetailsAndQr();
    this.drawFunctionsTable();
    this.drawSignature();
    this.drawFooters();
  }

  private drawFrame(): void {
    const { doc } = this;
    doc.save();
    doc
      .lineWidth(1.6)
      .strokeColor(COLOR_PRIMARY)
      .rect(18, 18, PAGE_WIDTH - 36, PAGE_HEIGHT - 36)
      .stroke();
    doc
      .lineWidth(0.6)
      .strokeColor(COLOR_ACCENT)
      .rect(23, 23, PAGE_WIDTH - 46, PAGE_HEIGHT - 46)
      .stroke();
    doc.restore();
  }

  private drawHeader(): void {
    const { data } = this;
    const bold = this.fonts.bold;
    this.y += this.text(data.centre.name, MARGIN, this.y, CONTENT_WIDTH, {
      font: bold,
      size: 10,
      color: COLOR_PRIMARY,
      align: 'center',
    });
    this.y += 14;
    this.y += this.text(L.titleKk, MARGIN, this.y, CONTENT_WIDTH, {
      font: bold,
      size: 22,
      color: COLOR_PRIMARY,
      align: 'center',
    });
    this.y += 2;
    this.y += this.text(L.titleRu, MARGIN, this.y, CONTENT_WIDTH, {
      font: bold,
      size: 15,
      color: COLOR_MUTED,
      align: 'center',
    });
    this.y += 12;

    // The number is what people type into the verification page, so it gets its own framed badge.
    const numberStyle: TextStyle = { font: bold, size: 17, color: COLOR_PRIMARY, align: 'center' };
    const numberText = `№ ${data.number}`;
    const numberWidth = Math.min(CONTENT_WIDTH, this.widthOf(numberText, numberStyle) + 40);
    const numberHeight = this.heightOf(numberText, numberWidth - 20, numberStyle) + 12;
    const badgeX = MARGIN + (CONTENT_WIDTH - numberWidth) / 2;
    this.doc
      .save()
      .lineWidth(1)
      .strokeColor(COLOR_ACCENT)
      .roundedRect(badgeX, this.y, numberWidth, numberHeight, 4)
      .stroke()
      .restore();
    this.text(numberText, badgeX + 10, this.y + 6, numberWidth - 20, numberStyle);
    this.y += numberHeight + 5;
    // Typed into the verification page with the number; the QR code carries both.
    this.y += this.text(`${L.verificationCode}: ${data.verificationCode}`, MARGIN, this.y, CONTENT_WIDTH, {
      font: bold,
      size: 10,
      color: COLOR_PRIMARY,
      align: 'center',
    });
    this.y += 13;
  }

  private drawDetailsAndQr(): void {
    const { data } = this;
    const top = this.y;
    const leftWidth = CONTENT_WIDTH - QR_COLUMN_WIDTH - COLUMN_GAP;
    const half = (leftWidth - 12) / 2;
    const right = MARGIN + half + 12;

    let y = top;
    y += this.field(L.holder, data.holderName, MARGIN, y, leftWidth, 13);
    y += this.field(L.iin, data.maskedIin, MARGIN, y, leftWidth);
    y += this.field(L.qualification, data.card.name, MARGIN, y, leftWidth);
    y += Math.max(
      this.field(L.occupationCode, data.card.occupationCode ?? '—', MARGIN, y, half),
      this.field(L.orkLevel, String(data.card.orkLevel), right, y, half),
    );
    y += this.field(L.standard, data.standard.title, MARGIN, y, leftWidth);
    const order = [
      data.standard.orderNumber ? `№ ${data.standard.orderNumber}` : null,
      data.standard.orderDate ? displayDate(data.standard.orderDate) : null,
    ].filter((part): part is string => part !== null);
    if (order.length > 0) {
      y += this.field(L.order, order.join(', '), MARGIN, y, leftWidth, 9);
    }
    y += this.field(L.version, data.standard.versionHash, MARGIN, y, leftWidth, 7.5, false);
    y += Math.max(
      this.field(L.issueDate, displayDate(data.issueDate), MARGIN, y, half),
      this.field(L.validUntil, displayDate(data.validUntil), right, y, half),
    );
    y += this.field(L.centre, `${data.centre.name} (${data.centre.code})`, MARGIN, y, leftWidth);

    const qrX = MARGIN + CONTENT_WIDTH - QR_COLUMN_WIDTH + (QR_COLUMN_WIDTH - QR_SIZE) / 2;
    // The quiet zone is white, so lift the image a little to line the symbol itself up with the first field.
    const qrTop = top - 8;
    this.doc.image(this.qrPng, qrX, qrTop, { width: QR_SIZE, height: QR_SIZE });
    this.doc.link(qrX, qrTop, QR_SIZE, QR_SIZE, data.verificationUrl);
    const columnX = MARGIN + CONTENT_WIDTH - QR_COLUMN_WIDTH;
    let qrY = qrTop + QR_SIZE;
    qrY += this.text(L.verify, columnX, qrY, QR_COLUMN_WIDTH, {
      font: this.fonts.bold,
      size: 8.5,
      color: COLOR_PRIMARY,
      align: 'center',
    });
    qrY += 2;
    const urlStyle: TextStyle = { font: this.fonts.regular, size: 6.5, color: COLOR_PRIMARY, align: 'center' };
    const urlHeight = this.text(data.verificationUrl, columnX, qrY, QR_COLUMN_WIDTH, urlStyle);
    this.doc.link(columnX, qrY, QR_COLUMN_WIDTH, urlHeight, data.verificationUrl);
    qrY += urlHeight + 4;
    qrY += this.text(L.verifyHint, columnX, qrY, QR_COLUMN_WIDTH, {
      font: this.fonts.regular,
      size: 6.5,
      color: COLOR_MUTED,
      align: 'center',
    });

    this.y = Math.max(y, qrY) + 8;
  }

  private drawFunctionsTable(): void {
    this.y += this.text(L.functions, MARGIN, this.y, CONTENT_WIDTH, {
      font: this.fonts.bold,
      size: 10.5,
      color: COLOR_PRIMARY,
    });
    this.y += 4;
    this.drawTableHeader();

    const functions = this.data.functions;
    if (functions.length === 0) {
      this.row([{ text: L.none, style: this.skillStyle() }]);
      return;
    }
    functions.forEach((fn, index) => {
      const number = String(index + 1);
      const functionRow = (continued: boolean): TableCell[] => [
        { text: number, style: this.functionStyle() },
        { text: continued ? `${fn.title} ${L.continued}` : fn.title, style: this.functionStyle() },
        { text: fn.kind === 'mandatory' ? L.mandatory : L.additional, style: this.kindStyle() },
      ];
      const skillRows = fn.skills.map((skill, skillIndex): TableCell[] => [
        { text: `${number}.${skillIndex + 1}`, style: this.skillStyle(COLOR_MUTED) },
        { text: skill, style: this.skillStyle() },
        { text: '', style: this.skillStyle() },
      ]);
      // Keep a function's title together with its first skill instead of stranding it at the foot of a page.
      const keepWith = skillRows.length > 0 ? this.rowHeight(skillRows[0]) : 0;
      this.row(functionRow(false), COLOR_FUNCTION_FILL, keepWith);
      for (const cells of skillRows) {
        if (this.y + this.rowHeight(cells) > CONTENT_BOTTOM) {
          this.newPage();
          this.drawTableHeader();
          this.row(functionRow(true), COLOR_FUNCTION_FILL);
        }
        this.row(cells);
      }
    });
  }

  private drawTableHeader(): void {
    const style: TextStyle = { font: this.fonts.bold, size: 8, color: '#ffffff' };
    this.row(
      [
        { text: L.colNumber, style },
        { text: L.colTitle, style },
        { text: L.colKind, style },
      ],
      COLOR_PRIMARY,
    );
  }

  private drawSignature(): void {
    this.y += 18;
    if (this.y + SIGNATURE_BLOCK_HEIGHT > CONTENT_BOTTOM) {
      this.newPage();
    }
    const { doc } = this;
    const lineX = MARGIN + CONTENT_WIDTH - 230;
    const lineY = this.y + 26;
    this.text(L.signedBy, lineX, this.y, 230, { font: this.fonts.regular, size: 8, color: COLOR_MUTED });
    doc
      .save()
      .lineWidth(0.7)
      .strokeColor(COLOR_TEXT)
      .moveTo(lineX, lineY)
      .lineTo(lineX + 230, lineY)
      .stroke();
    doc.restore();
    this.text(this.data.signedBy, lineX, lineY + 4, 230, {
      font: this.fonts.bold,
      size: 10,
      color: COLOR_TEXT,
      align: 'center',
    });
    this.y = lineY + SIGNATURE_BLOCK_HEIGHT - 26;
  }

  /** Written last because "page n / N" is only known once the table has finished flowing. */
  private drawFooters(): void {
    const range = this.doc.bufferedPageRange();
    const style: TextStyle = { font: this.fonts.regular, size: 7, color: COLOR_MUTED };
    for (let i = range.start; i < range.start + range.count; i++) {
      this.doc.switchToPage(i);
      this.doc
        .save()
        .lineWidth(0.5)
        .strokeColor(COLOR_RULE)
        .moveTo(MARGIN, FOOTER_Y - 6)
        .lineTo(MARGIN + CONTENT_WIDTH, FOOTER_Y - 6)
        .stroke()
        .restore();
      const pageLabel = `${L.page} ${i - range.start + 1} / ${range.count}`;
      this.text(`№ ${this.data.number}`, MARGIN, FOOTER_Y, CONTENT_WIDTH / 2, style);
      this.text(pageLabel, MARGIN + CONTENT_WIDTH / 2, FOOTER_Y, CONTENT_WIDTH / 2, { ...style, align: 'right' });
    }
  }

  private newPage(): void {
    this.doc.addPage();
    this.drawFrame();
    this.y = MARGIN;
    this.y += this.text(`№ ${this.data.number} ${L.continued}`, MARGIN, this.y, CONTENT_WIDTH, {
      font: this.fonts.bold,
      size: 9,
      color: COLOR_MUTED,
    });
    this.y += 8;
  }

  private functionStyle(): TextStyle {
    return { font: this.fonts.bold, size: 9, color: COLOR_TEXT };
  }

  private kindStyle(): TextStyle {
    return { font: this.fonts.regular, size: 7.5, color: COLOR_PRIMARY };
  }

  private skillStyle(color: string = COLOR_TEXT): TextStyle {
    return { font: this.fonts.regular, size: 8.5, color };
  }

  /** A single cell spans the full width; three cells follow the number / title / kind columns. */
  private columns(cells: TableCell[]): { x: number; width: number }[] {
    if (cells.length === 1) {
      return [{ x: MARGIN, width: CONTENT_WIDTH }];
    }
    return [
      { x: MARGIN, width: COL_NUMBER },
      { x: MARGIN + COL_NUMBER, width: COL_TITLE },
      { x: MARGIN + COL_NUMBER + COL_TITLE, width: COL_KIND },
    ];
  }

  private rowHeight(cells: TableCell[]): number {
    const columns = this.columns(cells);
    const heights = cells.map((cell, i) =>
      cell.text ? this.heightOf(cell.text, columns[i].width - 2 * TABLE_PAD_X, cell.style) : 0,
    );
    return Math.max(...heights) + 2 * TABLE_PAD_Y;
  }

  private row(cells: TableCell[], fill?: string, keepWith = 0): void {
    const height = this.rowHeight(cells);
    if (this.y + height + keepWith > CONTENT_BOTTOM) {
      this.newPage();
      this.drawTableHeader();
    }
    const { doc } = this;
    doc.save();
    if (fill) {
      doc.rect(MARGIN, this.y, CONTENT_WIDTH, height).fill(fill);
    }
    doc
      .lineWidth(0.5)
      .strokeColor(COLOR_RULE)
      .moveTo(MARGIN, this.y + height)
      .lineTo(MARGIN + CONTENT_WIDTH, this.y + height)
      .stroke();
    doc.restore();
    this.columns(cells).forEach((column, i) => {
      const cell = cells[i];
      if (cell.text) {
        this.text(cell.text, column.x + TABLE_PAD_X, this.y + TABLE_PAD_Y, column.width - 2 * TABLE_PAD_X, cell.style);
      }
    });
    this.y += height;
  }

  /** A small grey bilingual label over its value; returns the height used including spacing below. */
  private field(label: string, value: string, x: number, y: number, width: number, size = 10.5, bold = true): number {
    let used = this.text(label, x, y, width, { font: this.fonts.regular, size: 7, color: COLOR_MUTED });
    used += 1.5;
    used += this.text(value, x, y + used, width, {
      font: bold ? this.fonts.bold : this.fonts.regular,
      size,
      color: COLOR_TEXT,
    });
    return used + 7;
  }

  private applyStyle(style: TextStyle): void {
    this.doc.font(style.font).fontSize(style.size).fillColor(style.color);
  }

  private heightOf(text: string, width: number, style: TextStyle): number {
    this.applyStyle(style);
    return this.doc.heightOfString(text, { width, align: style.align ?? 'left' });
  }

  private widthOf(text: string, style: TextStyle): number {
    this.applyStyle(style);
    return this.doc.widthOfString(text);
  }

  /** Writes wrapped text at an explicit position and returns its height, so callers can stack blocks. */
  private text(text: string, x: number, y: number, width: number, style: TextStyle): number {
    const height = this.heightOf(text, width, style);
    this.doc.text(text, x, y, { width, align: style.align ?? 'left' });
    return height;
  }
}
