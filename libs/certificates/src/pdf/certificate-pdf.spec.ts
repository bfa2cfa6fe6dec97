import { inflateSync } from 'node:zlib';
import { create as createQr } from 'qrcode';
import { CertificatePdfData, renderCertificatePdf } from './certificate-pdf';

/*
 * A deliberately tiny PDF reader, independent of pdfkit, so the assertions check what a viewer would see rather than
 * what pdfkit was asked to do. It follows the cross-reference table (so a wrong offset fails the test), inflates
 * streams with zlib, and turns glyph ids back into text through each font's ToUnicode CMap — the same mapping a
 * viewer uses for search and copy-paste. It only understands what pdfkit writes (classic xref, direct /Length,
 * Identity-H fonts); anything else should make the tests fail loudly rather than pass by accident.
 */

interface PdfObject {
  dict: string;
  stream?: Buffer;
}

interface ParsedPdf {
  objects: Map<number, PdfObject>;
  trailer: string;
}

function parsePdf(pdf: Buffer): ParsedPdf {
  const raw = pdf.toString('latin1');
  const startXref = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(raw)?.[1]);
  expect(raw.startsWith('xref', startXref)).toBe(true);
  const trailerAt = raw.indexOf('trailer', startXref);
  const section = raw.slice(startXref, trailerAt);
  const header = /xref\s+(\d+) (\d+)\s/.exec(section);
  const first = Number(header?.[1]);
  const entries = [...section.matchAll(/(\d{10}) (\d{5}) ([nf])/g)];
  expect(entries).toHaveLength(Number(header?.[2]));

  const objects = new Map<number, PdfObject>();
  entries.forEach((entry, index) => {
    if (entry[3] !== 'n') return;
    const id = first + index;
    const offset = Number(entry[1]);
    const head = `${id} 0 obj\n`;
    expect(raw.slice(offset, offset + head.length)).toBe(head);
    const bodyStart = offset + head.length;
    const streamAt = raw.indexOf('\nstream\n', bodyStart);
    const endAt = raw.indexOf('\nendobj', bodyStart);
    if (streamAt !== -1 && streamAt < endAt) {
      const dict = raw.slice(bodyStart, streamAt);
      const length = Number(/\/Length (\d+)/.exec(dict)?.[1]);
      const dataStart = streamAt + '\nstream\n'.length;
      objects.set(id, { dict, stream: pdf.subarray(dataStart, dataStart + length) });
    } else {
      objects.set(id, { dict: raw.slice(bodyStart, endAt) });
    }
  });
  return { objects, trailer: raw.slice(trailerAt) };
}

function ref(dict: string, key: string): number {
  const match = new RegExp(`/${key} (\\d+) 0 R`).exec(dict);
  if (!match) throw new Error(`no /${key} reference in ${dict}`);
  return Number(match[1]);
}

function object(pdf: ParsedPdf, id: number): PdfObject {
  const found = pdf.objects.get(id);
  if (!found) throw new Error(`object ${id} is missing`);
  return found;
}

function streamData(obj: PdfObject): Buffer {
  if (!obj.stream) throw new Error('not a stream');
  return obj.dict.includes('/FlateDecode') ? inflateSync(obj.stream) : obj.stream;
}

function pageIds(pdf: ParsedPdf): number[] {
  const catalog = object(pdf, ref(pdf.trailer, 'Root'));
  const pages = object(pdf, ref(catalog.dict, 'Pages'));
  const kids = /\/Kids \[([^\]]*)\]/.exec(pages.dict)?.[1] ?? '';
  return [...kids.matchAll(/(\d+) 0 R/g)].map((match) => Number(match[1]));
}

function pageResources(pdf: ParsedPdf, pageId: number): string {
  return object(pdf, ref(object(pdf, pageId).dict, 'Resources')).dict;
}

/** Hex digits of UTF-16BE code units; pdfkit separates the units of a ligature such as "fi" with a space. */
function utf16be(hex: string): string {
  return String.fromCharCode(...(hex.replace(/\s/g, '').match(/.{4}/g) ?? []).map((unit) => parseInt(unit, 16)));
}

/** Glyph code → text, from the bfrange / bfchar sections of a ToUnicode CMap. */
function parseToUnicode(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const entry of block[1].matchAll(/<([0-9a-f]+)>\s*<([0-9a-f]+)>\s*(\[[^\]]*\]|<[0-9a-f\s]+>)/gi)) {
      const start = parseInt(entry[1], 16);
      const end = parseInt(entry[2], 16);
      if (entry[3].startsWith('[')) {
        [...entry[3].matchAll(/<([0-9a-f\s]+)>/gi)].forEach((dst, i) => map.set(start + i, utf16be(dst[1])));
      } else {
        const base = parseInt(entry[3].slice(1, -1), 16);
        for (let code = start; code <= end; code++) map.set(code, String.fromCharCode(base + code - start));
      }
    }
  }
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const entry of block[1].matchAll(/<([0-9a-f]+)>\s*<([0-9a-f\s]+)>/gi)) {
      map.set(parseInt(entry[1], 16), utf16be(entry[2]));
    }
  }
  return map;
}

/** The text of every page, one line per BT…ET block, decoded through the fonts' ToUnicode CMaps. */
function pageTexts(pdf: ParsedPdf): string[] {
  return pageIds(pdf).map((pageId) => {
    const page = object(pdf, pageId);
    const fontDict = /\/Font <<([^>]*)>>/.exec(pageResources(pdf, pageId))?.[1] ?? '';
    const cmaps = new Map<string, Map<number, string>>();
    for (const [, name, id] of fontDict.matchAll(/\/(\w+) (\d+) 0 R/g)) {
      const font = object(pdf, Number(id));
      cmaps.set(name, parseToUnicode(streamData(object(pdf, ref(font.dict, 'ToUnicode'))).toString('latin1')));
    }
    const content = streamData(object(pdf, ref(page.dict, 'Contents'))).toString('latin1');
    let cmap: Map<number, string> | undefined;
    let text = '';
    const decode = (hex: string): string =>
      (hex.match(/.{4}/g) ?? []).map((code) => cmap?.get(parseInt(code, 16)) ?? '\uFFFD').join('');
    for (const op of content.matchAll(/\/(\w+) [\d.]+ Tf|\[([^\]]*)\] TJ|<([0-9a-f]*)> Tj|\bET\b/gi)) {
      if (op[1]) cmap = cmaps.get(op[1]);
      else if (op[2] !== undefined) text += [...op[2].matchAll(/<([0-9a-f]*)>/gi)].map((s) => decode(s[1])).join('');
      else if (op[3] !== undefined) text += decode(op[3]);
      else text += '\n';
    }
    return text;
  });
}

/** Wrapped lines become one string so a long value can be searched for whatever the line breaks. */
function flat(text: string): string {
  return text.replace(/\s+/g, ' ');
}

/** A document-information string: a literal (…) string, UTF-16BE after a FE FF byte-order mark when not ASCII. */
function infoString(pdf: ParsedPdf, key: string): string {
  const literal = object(pdf, ref(object(pdf, ref(pdf.trailer, 'Info')).dict, key)).dict.trim();
  expect(literal).toMatch(/^\([\s\S]*\)$/);
  const escapes: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' };
  const bytes = literal
    .slice(1, -1)
    .replace(/\\([0-7]{1,3}|[\s\S])/g, (_, esc: string) =>
      /^[0-7]/.test(esc) ? String.fromCharCode(parseInt(esc, 8)) : (escapes[esc] ?? esc),
    );
  if (!bytes.startsWith('\xfe\xff')) return bytes;
  const units = Buffer.from(bytes.slice(2), 'latin1');
  return String.fromCharCode(...Array.from({ length: units.length / 2 }, (_, i) => units.readUInt16BE(2 * i)));
}

/** Reverses the PNG row filters that the /DecodeParms << /Predictor 15 >> of an embedded PNG leaves in place. */
function unpredict(data: Buffer, columns: number, bytesPerPixel: number): Buffer {
  const rowLength = columns * bytesPerPixel;
  const rows = data.length / (rowLength + 1);
  const out = Buffer.alloc(rows * rowLength);
  for (let y = 0; y < rows; y++) {
    const filter = data[y * (rowLength + 1)];
    for (let i = 0; i < rowLength; i++) {
      const raw = data[y * (rowLength + 1) + 1 + i];
      const left = i >= bytesPerPixel ? out[y * rowLength + i - bytesPerPixel] : 0;
      const up = y > 0 ? out[(y - 1) * rowLength + i] : 0;
      const upLeft = y > 0 && i >= bytesPerPixel ? out[(y - 1) * rowLength + i - bytesPerPixel] : 0;
      const paeth = [left, up, upLeft][
        [left, up, upLeft]
          .map((c) => Math.abs(left + up - upLeft - c))
          .reduce((best, d, k, all) => (d < all[best] ? k : best), 0)
      ];
      const predicted = [0, left, up, Math.floor((left + up) / 2), paeth][filter];
      if (predicted === undefined) throw new Error(`unknown PNG filter ${filter}`);
      out[y * rowLength + i] = (raw + predicted) & 0xff;
    }
  }
  return out;
}

const KAZAKH_LETTERS = 'ӘҒҚҢӨҰҮҺІәғқңөұүһі';

function sampleData(overrides: Partial<CertificatePdfData> = {}): CertificatePdfData {
  return {
    number: 'KZ-QC-2025-000123',
    verificationCode: '7K3QM-Z9XA4',
    holderName: 'Әсем Ғалымқызы Құрманғазиева',
    maskedIin: '920314*****7',
    card: {
      name: 'Электр монтері / Электромонтёр по ремонту и обслуживанию электрооборудования',
      occupationCode: '7411-1-002',
      orkLevel: 4,
    },
    standard: {
      title: 'Электр жабдықтарына техникалық қызмет көрсету / Техническое обслуживание электрооборудования',
      orderNumber: '263',
      orderDate: '2023-12-15',
      versionHash: 'sha256:9f2c4e0a7d1b3c5e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9012345678abcd',
    },
    functions: [
      {
        title: 'Электр жабдықтарын жөндеу / Ремонт электрооборудования',
        kind: 'mandatory',
        skills: [
          'Ақауларды анықтау / Диагностика неисправностей',
          'Өлшеу құралдарымен жұмыс / Работа с измерительными приборами',
          'Әріптер: Ә Ғ Қ Ң Ө Ұ Ү Һ І / ә ғ қ ң ө ұ ү һ і',
        ],
      },
      {
        title: 'Құжаттаманы жүргізу / Ведение документации',
        kind: 'additional',
        skills: ['Жұмыс журналын толтыру / Заполнение журнала работ'],
      },
    ],
    issueDate: '2025-03-14',
    validUntil: '2030-03-13',
    centre: { name: '«Астана» біліктілікті бағалау орталығы', code: 'AST-01' },
    signedBy: 'Нұрланов Ерлан Серікұлы',
    verificationUrl: 'https://verify.qualcert.kz/api/v1/public/certificates/KZ-QC-2025-000123?code=7K3QMZ9XA4',
    ...overrides,
  };
}

function manySkills(): CertificatePdfData['functions'] {
  return Array.from({ length: 6 }, (_, f) => ({
    title: `Қосымша функция ${f + 1} / Дополнительная функция ${f + 1}`,
    kind: 'additional' as const,
    skills: Array.from(
      { length: 12 },
      (_, s) => `Дағды ${f + 1}-${s + 1} — навык с описанием достаточной длины, чтобы строка переносилась в таблице`,
    ),
  }));
}

describe('renderCertificatePdf', () => {
  let bytes: Buffer;
  let pdf: ParsedPdf;

  beforeAll(async () => {
    bytes = await renderCertificatePdf(sampleData());
    pdf = parsePdf(bytes);
  });

  it('produces a well-formed single-page A4 PDF', () => {
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(bytes.toString('latin1').trimEnd().endsWith('%%EOF')).toBe(true);
    const pages = pageIds(pdf);
    expect(pages).toHaveLength(1);
    expect(object(pdf, pages[0]).dict).toContain('/MediaBox [0 0 595.28 841.89]');
  });

  it('embeds the DejaVu fonts and references no standard font', () => {
    const raw = bytes.toString('latin1');
    expect(raw).toContain('/FontFile2');
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans\b/);
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans-Bold\b/);
    // Helvetica cannot show Cyrillic; a reference to it would mean some text fell back to a non-embedded font.
    expect(raw).not.toContain('Helvetica');
  });

  it('prints the bilingual labels and the certificate data as extractable text', () => {
    const [page] = pageTexts(pdf);
    const text = flat(page);
    for (const label of [
      'Біліктілік сертификаты',
      'Сертификат о квалификации',
      'Иесі / Владелец',
      'ЖСН / ИИН',
      'Кәсіптік стандарт / Профессиональный стандарт',
      'Берілген күні / Дата выдачи',
      'Жарамдылық мерзімі / Действителен до',
      'Бағалау орталығы / Центр оценки',
      'Тексеру / Проверка',
      'Тексеру коды / Код проверки: 7K3QM-Z9XA4',
      'Міндетті / Обязательная',
      'Қол қойған / Подписал',
      'Бет / Страница 1 / 1',
    ]) {
      expect(text).toContain(label);
    }
    const data = sampleData();
    for (const value of [
      `№ ${data.number}`,
      data.holderName,
      data.maskedIin,
      data.card.name,
      data.card.occupationCode ?? '',
      data.standard.title,
      data.standard.versionHash,
      '№ 263, 15.12.2023',
      '14.03.2025',
      '13.03.2030',
      `${data.centre.name} (${data.centre.code})`,
      data.signedBy,
      ...data.functions.flatMap((fn) => [fn.title, ...fn.skills]),
    ]) {
      expect(text).toContain(value);
    }
    // The URL wraps inside the narrow QR column, possibly at a hyphen, so compare it without line breaks.
    expect(page.replace(/\s/g, '')).toContain(data.verificationUrl);
    for (const letter of KAZAKH_LETTERS) {
      expect(text).toContain(letter);
    }
    expect(text).not.toContain('\uFFFD');
  });

  it('maps the Kazakh-specific letters in the font’s ToUnicode CMap', () => {
    // Independent of the content-stream walk above: if a letter were missing from the subset, it would not be here.
    const codePoints = new Set<number>();
    for (const obj of pdf.objects.values()) {
      if (/\/ToUnicode (\d+) 0 R/.test(obj.dict)) {
        const cmap = parseToUnicode(streamData(object(pdf, ref(obj.dict, 'ToUnicode'))).toString('latin1'));
        for (const text of cmap.values()) codePoints.add(text.codePointAt(0) ?? 0);
      }
    }
    for (const letter of KAZAKH_LETTERS) {
      expect(codePoints.has(letter.codePointAt(0) ?? 0)).toBe(true);
    }
  });

  it('embeds a QR image that encodes the verification URL and links to it', () => {
    const xobjects = /\/XObject <<([^>]*)>>/.exec(pageResources(pdf, pageIds(pdf)[0]))?.[1] ?? '';
    const imageId = Number(/\/\w+ (\d+) 0 R/.exec(xobjects)?.[1]);
    const image = object(pdf, imageId);
    expect(image.dict).toContain('/Subtype /Image');

    const width = Number(/\/Width (\d+)/.exec(image.dict)?.[1]);
    const height = Number(/\/Height (\d+)/.exec(image.dict)?.[1]);
    const channels = image.dict.includes('/DeviceRGB') ? 3 : 1;
    expect(image.dict).toContain('/BitsPerComponent 8');
    const parms = /\/DecodeParms (\d+) 0 R/.exec(image.dict);
    const decodeParms = parms ? object(pdf, Number(parms[1])).dict : image.dict;
    const predictor = /\/Predictor (\d+)/.exec(decodeParms)?.[1];
    const pixels = predictor === '15' ? unpredict(streamData(image), width, channels) : streamData(image);
    expect(pixels).toHaveLength(width * height * channels);
    const dark = (x: number, y: number): boolean => pixels[(y * width + x) * channels] < 128;

    // The finder patterns sit in three corners, so the dark pixels' bounding box is exactly the symbol.
    let min = width;
    let max = -1;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        if (dark(x, y)) {
          min = Math.min(min, x, y);
          max = Math.max(max, x, y);
        }
      }
    }
    const expected = createQr(sampleData().verificationUrl, { errorCorrectionLevel: 'M' }).modules;
    const moduleSize = (max - min + 1) / expected.size;
    expect(Number.isInteger(moduleSize)).toBe(true);
    for (let row = 0; row < expected.size; row++) {
      for (let col = 0; col < expected.size; col++) {
        const x = Math.floor(min + (col + 0.5) * moduleSize);
        const y = Math.floor(min + (row + 0.5) * moduleSize);
        expect(dark(x, y)).toBe(expected.get(row, col) === 1);
      }
    }

    expect(bytes.toString('latin1')).toContain(`/URI (${sampleData().verificationUrl})`);
  });

  it('sets the document metadata from the certificate', () => {
    const data = sampleData();
    expect(infoString(pdf, 'Title')).toBe(`Біліктілік сертификаты / Сертификат о квалификации № ${data.number}`);
    expect(infoString(pdf, 'Author')).toBe(data.centre.name);
    expect(infoString(pdf, 'Subject')).toBe(`${data.card.name} — ${data.standard.title}`);
    expect(infoString(pdf, 'CreationDate')).toBe('D:20250314000000Z');
    expect(infoString(pdf, 'ModDate')).toBe('D:20250314000000Z');
  });

  it('renders the same data to the same bytes', async () => {
    const again = await renderCertificatePdf(sampleData());
    expect(again.equals(bytes)).toBe(true);
    // The trailer ID is derived from the metadata, so a different certificate gets a different one.
    const other = parsePdf(await renderCertificatePdf(sampleData({ number: 'KZ-QC-2025-000124' })));
    const id = (parsed: ParsedPdf): string | undefined => /\/ID \[<([0-9a-f]+)>/.exec(parsed.trailer)?.[1];
    expect(id(other)).not.toBe(id(pdf));
  });

  it('continues a long skills table onto further pages', async () => {
    const data = sampleData({ functions: [...sampleData().functions, ...manySkills()] });
    const long = parsePdf(await renderCertificatePdf(data));
    const texts = pageTexts(long).map(flat);
    expect(texts.length).toBeGreaterThan(1);

    const all = texts.join(' ');
    for (const skill of data.functions.flatMap((fn) => fn.skills)) {
      expect(all.split(skill)).toHaveLength(2);
    }
    texts.forEach((text, i) => {
      expect(text).toContain(`Бет / Страница ${i + 1} / ${texts.length}`);
      if (i > 0) {
        expect(text).toContain(`№ ${data.number} (жалғасы / продолжение)`);
        expect(text).toContain('Еңбек функциясы, дағды / Трудовая функция, навык');
      }
    });
    expect(texts[0]).toContain('Біліктілік сертификаты');
    expect(texts[texts.length - 1]).toContain(data.signedBy);
  });

  it('prints a placeholder when no function was credited', async () => {
    const texts = pageTexts(parsePdf(await renderCertificatePdf(sampleData({ functions: [] }))));
    expect(flat(texts[0])).toContain('Расталған дағдылар жоқ / Подтверждённых навыков нет');
  });

  it('rejects an issue date that is not a calendar date', async () => {
    await expect(renderCertificatePdf(sampleData({ issueDate: '2025-02-30' }))).rejects.toThrow(/issueDate/);
    await expect(renderCertificatePdf(sampleData({ issueDate: '14.03.2025' }))).rejects.toThrow(/issueDate/);
  });
});
