import { create as createQr } from 'qrcode';
import { CertificatePdfData, renderCertificatePdf } from './certificate-pdf';
import {
  flat,
  infoString,
  object,
  pageIds,
  pageResources,
  pageTexts,
  parsePdf,
  ParsedPdf,
  parseToUnicode,
  ref,
  streamData,
  unpredict,
} from './pdf-reader.spec-support';

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
      version: 3,
      versionDate: '2023-12-15',
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
    centre: {
      name: '«Астана» біліктілікті бағалау орталығы',
      code: 'AST-01',
      accreditation: { documentRef: 'АК-2024/117', validFrom: '2024-01-10', validTo: '2027-01-09' },
    },
    signedBy: 'Нұрланов Ерлан Серікұлы',
    signer: { role: 'centre_manager', signedAt: '2025-03-13T09:41:00.000Z' },
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
      'Стандарт нұсқасы / Версия стандарта',
      'Аккредиттеу / Аккредитация',
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
      '3 (15.12.2023 ж. / от 15.12.2023)',
      '№ 263, 15.12.2023',
      '№ АК-2024/117, 10.01.2024 – 09.01.2027',
      'Бағалау орталығының басшысы / Руководитель центра оценки',
      'Қол қойылған күні / Дата подписания: 13.03.2025',
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
    const bits = Number(/\/BitsPerComponent (\d+)/.exec(image.dict)?.[1]);
    const rowBytes = Math.ceil((width * channels * bits) / 8);
    const parms = /\/DecodeParms (\d+) 0 R/.exec(image.dict);
    const decodeParms = parms ? object(pdf, Number(parms[1])).dict : image.dict;
    const predictor = /\/Predictor (\d+)/.exec(decodeParms)?.[1];
    // PNG's row filters work on whole bytes: a pixel of under 8 bits counts as one byte.
    const bytesPerPixel = Math.max(1, (channels * bits) / 8);
    const rows =
      predictor === '15' ? unpredict(streamData(image), rowBytes / bytesPerPixel, bytesPerPixel) : streamData(image);
    expect(rows).toHaveLength(rowBytes * height);
    const dark = (x: number, y: number): boolean =>
      bits === 8
        ? rows[y * rowBytes + x * channels] < 128
        : ((rows[y * rowBytes + Math.floor((x * bits) / 8)] >> (8 - bits - ((x * bits) % 8))) & ((1 << bits) - 1)) <
          (1 << bits) / 2;

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

  it('prints a date-time stored for the order date as its day, and never the standard version hash', async () => {
    const data = sampleData({
      standard: { ...sampleData().standard, orderDate: '2025-07-30T00:00:00.000Z', versionDate: null },
    });
    const text = flat(pageTexts(parsePdf(await renderCertificatePdf(data)))[0]);
    expect(text).toContain('№ 263, 30.07.2025');
    expect(text).not.toContain('T00:00:00');
    expect(text).not.toMatch(/[0-9a-f]{64}/);
  });

  it('prints the № sign of an accreditation reference once, however the centre typed it', async () => {
    const data = sampleData();
    data.centre.accreditation = { documentRef: '№ ДЕМО-34', validFrom: '2025-01-01', validTo: '2030-12-31' };
    const text = flat(pageTexts(parsePdf(await renderCertificatePdf(data)))[0]);
    expect(text).toContain('№ ДЕМО-34, 01.01.2025 – 31.12.2030');
    expect(text).not.toContain('№ №');
  });

  it('leaves out the accreditation and the signer caption that an older certificate does not have', async () => {
    const data = sampleData({ centre: { name: 'Центр', code: 'AST01' }, signer: undefined });
    const text = flat(pageTexts(parsePdf(await renderCertificatePdf(data)))[0]);
    expect(text).not.toContain('Аккредитация');
    expect(text).not.toContain('Дата подписания');
    expect(text).toContain(data.signedBy);
  });

  it('rejects an issue date that is not a calendar date', async () => {
    await expect(renderCertificatePdf(sampleData({ issueDate: '2025-02-30' }))).rejects.toThrow(/issueDate/);
    await expect(renderCertificatePdf(sampleData({ issueDate: '14.03.2025' }))).rejects.toThrow(/issueDate/);
  });
});

describe('warmCertificateRenderer', () => {
  type Renderer = typeof import('./certificate-pdf');
  // A module registry of its own: pdfkit, the parsed fonts and their glyph caches as a new process has them.
  const freshRenderer = async (): Promise<Renderer> => {
    let renderer: Renderer | undefined;
    await jest.isolateModulesAsync(async () => {
      renderer = await import('./certificate-pdf');
    });
    return renderer as Renderer;
  };

  it('leaves a certificate rendered after it byte for byte as in a process that rendered nothing before', async () => {
    const cold = await freshRenderer();
    const expected = await cold.renderCertificatePdf(sampleData());
    const warmed = await freshRenderer();
    await warmed.warmCertificateRenderer();
    expect((await warmed.renderCertificatePdf(sampleData())).equals(expected)).toBe(true);
  });
});
