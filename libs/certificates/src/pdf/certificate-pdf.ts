import { crc32, deflateSync } from 'node:zlib';
import {
  COLOR_ACCENT,
  COLOR_FILL,
  COLOR_MUTED,
  COLOR_PRIMARY,
  COLOR_TEXT,
  CONTENT_BOTTOM,
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
  /**
   * The version as people cite it: its number and date (the credential keeps the content hash).
   * Dates are YYYY-MM-DD; a date-time stored by older certificates is read as its calendar day.
   */
  standard: {
    title: string;
    orderNumber: string | null;
    orderDate: string | null;
    version: number;
    versionDate: string | null;
  };
  functions: CertificatePdfFunction[];
  /** YYYY-MM-DD; also becomes the PDF's CreationDate so the same certificate always renders to the same bytes. */
  issueDate: string;
  validUntil: string;
  centre: {
    name: string;
    code: string;
    /** The centre's accreditation for the card on the day of issue, when known. */
    accreditation?: { documentRef: string; validFrom: string; validTo: string } | null;
  };
  signedBy: string;
  /** The signer's role (a user role, e.g. centre_manager) and the signing time (ISO 8601). */
  signer?: { role: string; signedAt: string } | null;
  /** Carries the number and the verification code; encoded in the QR code and printed under it. */
  verificationUrl: string;
}

const QR_SIZE = 136;
const QR_COLUMN_WIDTH = 146;
const COLUMN_GAP = 18;

const COL_NUMBER = 38;
const COL_KIND = 112;
const COL_TITLE = CONTENT_WIDTH - COL_NUMBER - COL_KIND;

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
  versionOf: (version: number, date: string | null) =>
    date ? `${version} (${displayDay(date)} ж. / от ${displayDay(date)})` : String(version),
  accreditation: 'Аккредиттеу / Аккредитация',
  // Centres often type the sign into the reference itself; it is printed once.
  accreditationValue: (ref: string, from: string, to: string) =>
    `${/^№/.test(ref.trim()) ? ref.trim() : `№ ${ref}`}, ${displayDay(from)} – ${displayDay(to)}`,
  signedOn: 'Қол қойылған күні / Дата подписания',
  roles: {
    centre_manager: 'Бағалау орталығының басшысы / Руководитель центра оценки',
    admin: 'Жүйе әкімшісі / Администратор системы',
  } as Record<string, string>,
  issueDate: 'Берілген күні / Дата выдачи',
  validUntil: 'Жарамдылық мерзімі / Действителен до',
  centre: 'Бағалау орталығы / Центр оценки',
  functions: 'Расталған еңбек функциялары мен дағдылар / Подтверждённые трудовые функции и навыки',
  colNumber: '№',
  colTitle: 'Еңбек функциясы, дағды / Трудовая функция, навык',
  colKind: 'Түрі / Вид',
  mandatory: 'Міндетті / Обязательная',
  additional: 'Қосымша / Дополнительная',
  continued: CONTINUED_LABEL,
  none: 'Расталған дағдылар жоқ / Подтверждённых навыков нет',
  signedBy: 'Қол қойған / Подписал',
  verify: 'Тексеру / Проверка',
  verificationCode: 'Тексеру коды / Код проверки',
  verifyHint: 'Түпнұсқалығын тексеру үшін QR-кодты сканерлеңіз / Отсканируйте QR-код для проверки подлинности',
} as const;

/** A calendar day as DD.MM.YYYY, also from the date-time some older certificates stored for a date. */
function displayDay(value: string): string {
  return displayDate(/^\d{4}-\d{2}-\d{2}T/.test(value) ? value.slice(0, 10) : value);
}

// The quiet zone is part of the image so scanners find the symbol even though captions sit right below it.
const QR_MARGIN = 4;
// A whole number of pixels per module keeps every module the same size once pdfkit scales the image down;
// eight make a module one byte of the 1-bit image (qrPng).
const QR_SCALE = 8;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * The QR code of the URL as a 1-bit grey PNG without alpha and with no row filter, which pdfkit
 * embeds as it is. Written here from the symbol's modules: qrcode's own PNG path made an RGBA pixel
 * array and packed it again through pngjs, a tenth of a certificate worker's CPU (docs/PERFORMANCE.md).
 * With 8 pixels a module, a module is one byte of a row: 0x00 dark, 0xff light.
 */
async function qrPng(text: string): Promise<Buffer> {
  // Loaded by the first certificate, as pdfkit is (pdf-kit.ts).
  const { create } = await import('qrcode');
  const { size, data } = create(text, { errorCorrectionLevel: 'M' }).modules;
  const side = (size + 2 * QR_MARGIN) * QR_SCALE;
  const stride = size + 2 * QR_MARGIN + 1;
  // Each row is its filter byte (0, none) and a byte a module, light; the dark modules are cleared.
  const raw = Buffer.alloc(stride * side, 0xff);
  for (let row = 0; row < size; row += 1) {
    const first = (row + QR_MARGIN) * QR_SCALE * stride;
    for (let col = 0; col < size; col += 1) {
      if (data[row * size + col]) raw[first + 1 + QR_MARGIN + col] = 0;
    }
    // The module's other pixel rows are copies of its first.
    for (let copy = 1; copy < QR_SCALE; copy += 1) raw.copy(raw, first + copy * stride, first, first + stride);
  }
  for (let y = 0; y < side; y += 1) raw[y * stride] = 0;
  const header = Buffer.alloc(13);
  header.writeUInt32BE(side, 0);
  header.writeUInt32BE(side, 4);
  header.writeUInt8(1, 8); // bits per sample
  header.writeUInt8(0, 9); // grey, no alpha; compression, filter method and interlace stay 0
  return Buffer.concat([
    PNG_SIGNATURE,
    pngChunk('IHDR', header),
    // zlib's default level: on these long runs level 9 only searches longer, for a larger result.
    pngChunk('IDAT', deflateSync(raw, { level: 6 })),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

function pngChunk(type: string, body: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(body.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body, crc32(head.subarray(4))), 0);
  return Buffer.concat([head, body, crc]);
}

/**
 * Renders one made-up certificate and drops it, so that a worker pays for loading pdfkit, fontkit
 * and qrcode, the fonts' glyph tables and the first layouts (about half a second of CPU) when it
 * starts rather than in its first certificate's job (docs/PERFORMANCE.md).
 */
export async function warmCertificateRenderer(): Promise<void> {
  const letters = 'Ә Ғ Қ Ң Ө Ұ Ү Һ І ә ғ қ ң ө ұ ү һ і Ё Й Щ Ъ Ы Ь Э Ю Я ё й щ ъ ы ь э ю я';
  await renderCertificatePdf({
    number: 'WARM-2000-000001',
    verificationCode: 'WARMU-P0000',
    holderName: 'Құрманғазиева Әсем Ғалымқызы',
    maskedIin: '000000******00',
    card: { name: `Біліктілік / Квалификация ${letters}`, occupationCode: '0000-0-000', orkLevel: 4 },
    standard: { title: letters, orderNumber: '1', orderDate: '2000-01-01', version: 1, versionDate: '2000-01-01' },
    functions: [
      { title: `Еңбек функциясы / Трудовая функция ${letters}`, kind: 'mandatory', skills: [letters, letters] },
      { title: letters, kind: 'additional', skills: [letters] },
    ],
    issueDate: '2000-01-01',
    validUntil: '2005-01-01',
    centre: {
      name: letters,
      code: 'WARM',
      accreditation: { documentRef: '1', validFrom: '2000-01-01', validTo: '2005-01-01' },
    },
    signedBy: letters,
    signer: { role: 'centre_manager', signedAt: '2000-01-01T00:00:00.000Z' },
    verificationUrl: 'https://example.invalid/api/v1/public/certificates/WARM-2000-000001?code=WARMUP0000',
  });
}

export async function renderCertificatePdf(data: CertificatePdfData): Promise<Buffer> {
  const issued = parseIsoDate(data.issueDate, 'issueDate', 'Certificate PDF');
  const qrImage = await qrPng(data.verificationUrl);

  const { doc, bytes } = await createPdf({
    title: `${L.titleKk} / ${L.titleRu} № ${data.number}`,
    author: data.centre.name,
    subject: `${data.card.name} — ${data.standard.title}`,
    keywords: data.number,
    date: issued,
  });
  new CertificateLayout(doc, data, qrImage).draw();
  doc.end();
  return bytes;
}

class CertificateLayout extends PdfLayout {
  private inTable = false;

  constructor(
    doc: PDFKit.PDFDocument,
    private readonly data: CertificatePdfData,
    private readonly qrPng: Buffer,
  ) {
    super(doc);
  }

  draw(): void {
    this.drawFrame();
    this.drawHeader();
    this.drawDetailsAndQr();
    this.drawFunctionsTable();
    this.drawSignature();
    this.drawFooters(`№ ${this.data.number}`);
  }

  /** A continuation page names the certificate; within the table it repeats the table's header. */
  protected startPage(): void {
    this.y += this.text(`№ ${this.data.number} ${L.continued}`, MARGIN, this.y, CONTENT_WIDTH, {
      font: this.fonts.bold,
      size: 9,
      color: COLOR_MUTED,
    });
    this.y += 8;
    if (this.inTable) this.drawTableHeader();
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
      data.standard.orderDate ? displayDay(data.standard.orderDate) : null,
    ].filter((part): part is string => part !== null);
    if (order.length > 0) {
      y += this.field(L.order, order.join(', '), MARGIN, y, leftWidth, 9);
    }
    y += this.field(L.version, L.versionOf(data.standard.version, data.standard.versionDate), MARGIN, y, leftWidth, 9);
    y += Math.max(
      this.field(L.issueDate, displayDate(data.issueDate), MARGIN, y, half),
      this.field(L.validUntil, displayDate(data.validUntil), right, y, half),
    );
    y += this.field(L.centre, `${data.centre.name} (${data.centre.code})`, MARGIN, y, leftWidth);
    const accreditation = data.centre.accreditation;
    if (accreditation) {
      const value = L.accreditationValue(accreditation.documentRef, accreditation.validFrom, accreditation.validTo);
      y += this.field(L.accreditation, value, MARGIN, y, leftWidth, 9);
    }

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
    this.inTable = true;

    const functions = this.data.functions;
    if (functions.length === 0) {
      this.row([{ text: L.none, style: this.skillStyle() }]);
      this.inTable = false;
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
      this.row(functionRow(false), COLOR_FILL, keepWith);
      for (const cells of skillRows) {
        if (this.y + this.rowHeight(cells) > CONTENT_BOTTOM) {
          this.newPage();
          this.row(functionRow(true), COLOR_FILL);
        }
        this.row(cells);
      }
    });
    this.inTable = false;
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
    const { signer } = this.data;
    const caption = signer
      ? `${L.roles[signer.role] ?? signer.role}\n${L.signedOn}: ${displayDay(signer.signedAt.slice(0, 10))}`
      : undefined;
    this.signature(L.signedBy, this.data.signedBy, caption);
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
  protected override columns(cells: TableCell[]): TableColumn[] {
    if (cells.length === 1) {
      return [{ x: MARGIN, width: CONTENT_WIDTH }];
    }
    return [
      { x: MARGIN, width: COL_NUMBER },
      { x: MARGIN + COL_NUMBER, width: COL_TITLE },
      { x: MARGIN + COL_NUMBER + COL_TITLE, width: COL_KIND },
    ];
  }
}
