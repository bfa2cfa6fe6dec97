/**
 * What every document of a result shares (the certificate, the conclusion, the protocol): A4
 * pages laid out explicitly, the embedded DejaVu fonts (Kazakh and Russian letters; no standard
 * font, which has no Cyrillic), bilingual labels, DD.MM.YYYY dates, the frame and page footers,
 * wrapped text and table rows that break onto new pages. Rendering is deterministic: the
 * document's dates come from the data (pdfkit derives the file's /ID from them), so the same data
 * always gives the same bytes.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type * as fontkit from 'fontkit';
import type PDFDocumentClass from 'pdfkit';
import { isIsoDay } from '@qualcert/shared';

// A4 in PostScript points, as pdfkit sizes it.
export const PAGE_WIDTH = 595.28;
export const PAGE_HEIGHT = 841.89;
export const MARGIN = 44;
export const CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN;
// Content stops here so the page footer never collides with a row.
export const CONTENT_BOTTOM = PAGE_HEIGHT - 64;
export const FOOTER_Y = PAGE_HEIGHT - 40;

export const SIGNATURE_BLOCK_HEIGHT = 58;
const SIGNATURE_WIDTH = 230;

export const TABLE_PAD_X = 6;
export const TABLE_PAD_Y = 4;

export const COLOR_PRIMARY = '#1f3a5f';
export const COLOR_ACCENT = '#b08d3c';
export const COLOR_TEXT = '#1b1f24';
export const COLOR_MUTED = '#5a6473';
export const COLOR_RULE = '#c9d1db';
export const COLOR_FILL = '#e8eef6';
export const COLOR_GOOD = '#1e6b3a';
export const COLOR_BAD = '#9b2c2c';

export const PAGE_LABEL = 'Бет / Страница';
export const CONTINUED_LABEL = '(жалғасы / продолжение)';

/** The names every document registers its two fonts under (createPdf): what a TextStyle's `font` is. */
export interface Fonts {
  regular: string;
  bold: string;
}

const FONT_NAMES: Fonts = { regular: 'DejaVuSans', bold: 'DejaVuSans-Bold' };

export function pdfFonts(): Fonts {
  return FONT_NAMES;
}

let parsedFonts: { regular: fontkit.Font; bold: fontkit.Font } | undefined;
let PDFDocument: typeof PDFDocumentClass | undefined;

/**
 * pdfkit and fontkit (with their Unicode tables), loaded by the first document rather than when
 * the process starts: an API process may never render one, and they hold about 20 MB
 * (docs/PERFORMANCE.md).
 */
async function loadPdfKit(): Promise<void> {
  if (PDFDocument && parsedFonts) return;
  const [pdfkit, fontkitModule] = await Promise.all([import('pdfkit'), import('fontkit')]);
  PDFDocument = pdfkit.default;
  parsedFonts ??= readFonts(fontkitModule);
}

/**
 * The DejaVu fonts, parsed once per process and shared by every document: parsing two 700 KB files
 * per document, and laying out glyphs again in each, was most of a certificate's render time
 * (docs/PERFORMANCE.md). A document only reads the parsed tables and keeps its own subset, so the
 * bytes are the same as with a font of its own. Resolved through the package's own package.json,
 * so the same code finds them when run by ts-jest from libs/ and from dist/ after the build.
 */
function readFonts(kit: typeof fontkit): { regular: fontkit.Font; bold: fontkit.Font } {
  const ttf = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
  return {
    regular: withEveryCharacter(kit.create(readFileSync(join(ttf, 'DejaVuSans.ttf')))),
    bold: withEveryCharacter(kit.create(readFileSync(join(ttf, 'DejaVuSans-Bold.ttf')))),
  };
}

/**
 * fontkit keeps each glyph it has made, with the characters it was made for. A document's font
 * subset makes the parts of composite glyphs (the "ь" inside "ы") with none, and a later document
 * that prints one alone would then map it to no character in its text layer. Making every
 * character's glyph first, from the character, keeps each glyph's character whatever came before.
 */
function withEveryCharacter(font: fontkit.Font): fontkit.Font {
  for (const codePoint of font.characterSet) if (!isPresentationForm(codePoint)) font.glyphForCodePoint(codePoint);
  return font;
}

/**
 * Ligatures ("ﬁ") and Arabic presentation forms: their glyphs are made by the layout from the
 * letters they join, and must keep those letters ("fi"), not the form's own code point.
 */
const isPresentationForm = (codePoint: number): boolean =>
  (codePoint >= 0xfb00 && codePoint <= 0xfdff) || (codePoint >= 0xfe70 && codePoint <= 0xfeff);

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date YYYY-MM-DD as a UTC Date; throws (naming the document and field) for anything else. */
export function parseIsoDate(value: string, field: string, document = 'PDF'): Date {
  // A document must not print a date nobody entered (2025-02-30 would roll over to March).
  if (!isIsoDay(value)) throw new Error(`${document}: ${field} must be a calendar date YYYY-MM-DD, got "${value}"`);
  return new Date(`${value}T00:00:00Z`);
}

/** DD.MM.YYYY is how both Kazakh and Russian documents write dates; anything unparseable is printed as given. */
export function displayDate(value: string): string {
  const match = ISO_DATE.exec(value);
  return match ? `${match[3]}.${match[2]}.${match[1]}` : value;
}

export interface PdfMeta {
  title: string;
  author: string;
  subject: string;
  keywords: string;
  /** Becomes the CreationDate and ModDate: fixed by the data, so the bytes are too. */
  date: Date;
}

/** A new A4 document with the embedded fonts and fixed metadata, and the promise of its bytes. */
export async function createPdf(meta: PdfMeta): Promise<{ doc: PDFKit.PDFDocument; bytes: Promise<Buffer> }> {
  await loadPdfKit();
  const fonts = parsedFonts as { regular: fontkit.Font; bold: fontkit.Font };
  const doc = new (PDFDocument as typeof PDFDocumentClass)({
    size: 'A4',
    // Small document margins: layout is placed explicitly and pdfkit would otherwise start a new page whenever the
    // footer is written below its bottom margin.
    margins: { top: 20, bottom: 20, left: 20, right: 20 },
    // Passing the embedded font here keeps pdfkit from loading (and referencing) Helvetica, which has no
    // Cyrillic. pdfkit takes a parsed fontkit font where its types only name files and bytes.
    font: fonts.regular as unknown as string,
    bufferPages: true,
    lang: 'kk-KZ',
    displayTitle: true,
    info: {
      Title: meta.title,
      Author: meta.author,
      Subject: meta.subject,
      Keywords: meta.keywords,
      Creator: 'QualCert',
      // pdfkit derives the trailer /ID from these fields, so fixing both dates makes the whole file reproducible.
      CreationDate: meta.date,
      ModDate: meta.date,
    },
  });
  doc.registerFont(FONT_NAMES.regular, fonts.regular as unknown as string);
  doc.registerFont(FONT_NAMES.bold, fonts.bold as unknown as string);
  const chunks: Buffer[] = [];
  const bytes = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  return { doc, bytes };
}

export interface TextStyle {
  font: string;
  size: number;
  color: string;
  align?: 'left' | 'center' | 'right';
}

export interface TableCell {
  text: string;
  style: TextStyle;
}

export interface TableColumn {
  x: number;
  width: number;
}

/**
 * The drawing primitives of a document: text that wraps and reports its height, labelled fields,
 * table rows that move to a new page when they would cross the bottom, the frame and footers.
 * A document's layout extends it and says what a new page starts with (`startPage`) and which
 * columns a row of cells takes (`columns`).
 */
export abstract class PdfLayout {
  protected readonly fonts = pdfFonts();
  protected y = MARGIN;
  private readonly heights = new Map<string, number>();

  constructor(protected readonly doc: PDFKit.PDFDocument) {}

  /** Called after a new page and its frame are added: the running header, a table's header row. */
  protected abstract startPage(): void;

  /** The columns a row of these cells takes; one cell spans the content width. */
  protected columns(cells: TableCell[]): TableColumn[] {
    const width = CONTENT_WIDTH / cells.length;
    return cells.map((_, i) => ({ x: MARGIN + i * width, width }));
  }

  protected drawFrame(): void {
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

  protected newPage(): void {
    this.doc.addPage();
    this.drawFrame();
    this.y = MARGIN;
    this.startPage();
  }

  /** Moves to a new page unless `height` more fits on this one. */
  protected ensureRoom(height: number): void {
    if (this.y + height > CONTENT_BOTTOM) this.newPage();
  }

  /** Written last because "page n / N" is only known once the content has finished flowing. */
  protected drawFooters(label: string): void {
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
      const pageLabel = `${PAGE_LABEL} ${i - range.start + 1} / ${range.count}`;
      this.text(label, MARGIN, FOOTER_Y, CONTENT_WIDTH / 2, style);
      this.text(pageLabel, MARGIN + CONTENT_WIDTH / 2, FOOTER_Y, CONTENT_WIDTH / 2, { ...style, align: 'right' });
    }
  }

  /** A section heading across the content width, kept with `keepWith` points of what follows. */
  protected heading(text: string, keepWith = 40): void {
    const style: TextStyle = { font: this.fonts.bold, size: 10.5, color: COLOR_PRIMARY };
    this.ensureRoom(this.heightOf(text, CONTENT_WIDTH, style) + keepWith);
    this.y += this.text(text, MARGIN, this.y, CONTENT_WIDTH, style);
    this.y += 4;
  }

  /** A paragraph across the content width, moving to a new page when it would not fit. */
  protected paragraph(text: string, style: TextStyle, indent = 0): void {
    const width = CONTENT_WIDTH - indent;
    this.ensureRoom(this.heightOf(text, width, style));
    this.y += this.text(text, MARGIN + indent, this.y, width, style);
  }

  protected rowHeight(cells: TableCell[]): number {
    const columns = this.columns(cells);
    const heights = cells.map((cell, i) =>
      cell.text ? this.heightOf(cell.text, columns[i].width - 2 * TABLE_PAD_X, cell.style) : 0,
    );
    return Math.max(...heights) + 2 * TABLE_PAD_Y;
  }

  protected row(cells: TableCell[], fill?: string, keepWith = 0): void {
    const height = this.rowHeight(cells);
    if (this.y + height + keepWith > CONTENT_BOTTOM) this.newPage();
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

  /** A signature line at the right with its label above and the signer's name below it. */
  /** A signature line with the signer's name under it, and under that, when given, their role and the date. */
  protected signature(label: string, name: string, caption?: string): void {
    const captionStyle: TextStyle = { font: this.fonts.regular, size: 7.5, color: COLOR_MUTED, align: 'center' };
    const captionHeight = caption ? this.heightOf(caption, SIGNATURE_WIDTH, captionStyle) + 2 : 0;
    this.ensureRoom(SIGNATURE_BLOCK_HEIGHT + captionHeight);
    const { doc } = this;
    const lineX = MARGIN + CONTENT_WIDTH - SIGNATURE_WIDTH;
    const lineY = this.y + 26;
    this.text(label, lineX, this.y, SIGNATURE_WIDTH, { font: this.fonts.regular, size: 8, color: COLOR_MUTED });
    doc
      .save()
      .lineWidth(0.7)
      .strokeColor(COLOR_TEXT)
      .moveTo(lineX, lineY)
      .lineTo(lineX + SIGNATURE_WIDTH, lineY)
      .stroke();
    doc.restore();
    const nameHeight = this.text(name, lineX, lineY + 4, SIGNATURE_WIDTH, {
      font: this.fonts.bold,
      size: 10,
      color: COLOR_TEXT,
      align: 'center',
    });
    if (caption) this.text(caption, lineX, lineY + 6 + nameHeight, SIGNATURE_WIDTH, captionStyle);
    this.y = lineY + SIGNATURE_BLOCK_HEIGHT - 26 + captionHeight;
  }

  /** A small grey bilingual label over its value; returns the height used including spacing below. */
  protected field(label: string, value: string, x: number, y: number, width: number, size = 10.5, bold = true): number {
    let used = this.text(label, x, y, width, { font: this.fonts.regular, size: 7, color: COLOR_MUTED });
    used += 1.5;
    used += this.text(value, x, y + used, width, {
      font: bold ? this.fonts.bold : this.fonts.regular,
      size,
      color: COLOR_TEXT,
    });
    return used + 7;
  }

  protected applyStyle(style: TextStyle): void {
    this.doc.font(style.font).fontSize(style.size).fillColor(style.color);
  }

  /**
   * A text's wrapped height, measured once per document: a table row's cells are measured for the
   * row's height, the page break and the row kept with its title, and again when drawn.
   */
  protected heightOf(text: string, width: number, style: TextStyle): number {
    const key = heightKey(text, width, style);
    const known = this.heights.get(key);
    if (known !== undefined) return known;
    this.applyStyle(style);
    return this.measure(key, text, width, style);
  }

  /** Measures in the style already applied, and keeps the height for heightOf. */
  private measure(key: string, text: string, width: number, style: TextStyle): number {
    const height = this.doc.heightOfString(text, { width, align: style.align ?? 'left' });
    this.heights.set(key, height);
    return height;
  }

  protected widthOf(text: string, style: TextStyle): number {
    this.applyStyle(style);
    return this.doc.widthOfString(text);
  }

  /** Writes wrapped text at an explicit position and returns its height, so callers can stack blocks. */
  protected text(text: string, x: number, y: number, width: number, style: TextStyle): number {
    const key = heightKey(text, width, style);
    this.applyStyle(style);
    const height = this.heights.get(key) ?? this.measure(key, text, width, style);
    this.doc.text(text, x, y, { width, align: style.align ?? 'left' });
    return height;
  }
}

const heightKey = (text: string, width: number, style: TextStyle): string =>
  `${style.font}\u0000${style.size}\u0000${style.align ?? 'left'}\u0000${width}\u0000${text}`;
