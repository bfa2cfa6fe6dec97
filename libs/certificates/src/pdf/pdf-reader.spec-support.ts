import { inflateSync } from 'node:zlib';

/*
 * A deliberately tiny PDF reader, independent of pdfkit, so the assertions check what a viewer would see rather than
 * what pdfkit was asked to do. It follows the cross-reference table (so a wrong offset fails the test), inflates
 * streams with zlib, and turns glyph ids back into text through each font's ToUnicode CMap — the same mapping a
 * viewer uses for search and copy-paste. It only understands what pdfkit writes (classic xref, direct /Length,
 * Identity-H fonts); anything else should make the tests fail loudly rather than pass by accident.
 */

export interface PdfObject {
  dict: string;
  stream?: Buffer;
}

export interface ParsedPdf {
  objects: Map<number, PdfObject>;
  trailer: string;
}

export function parsePdf(pdf: Buffer): ParsedPdf {
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

export function ref(dict: string, key: string): number {
  const match = new RegExp(`/${key} (\\d+) 0 R`).exec(dict);
  if (!match) throw new Error(`no /${key} reference in ${dict}`);
  return Number(match[1]);
}

export function object(pdf: ParsedPdf, id: number): PdfObject {
  const found = pdf.objects.get(id);
  if (!found) throw new Error(`object ${id} is missing`);
  return found;
}

export function streamData(obj: PdfObject): Buffer {
  if (!obj.stream) throw new Error('not a stream');
  return obj.dict.includes('/FlateDecode') ? inflateSync(obj.stream) : obj.stream;
}

export function pageIds(pdf: ParsedPdf): number[] {
  const catalog = object(pdf, ref(pdf.trailer, 'Root'));
  const pages = object(pdf, ref(catalog.dict, 'Pages'));
  const kids = /\/Kids \[([^\]]*)\]/.exec(pages.dict)?.[1] ?? '';
  return [...kids.matchAll(/(\d+) 0 R/g)].map((match) => Number(match[1]));
}

export function pageResources(pdf: ParsedPdf, pageId: number): string {
  return object(pdf, ref(object(pdf, pageId).dict, 'Resources')).dict;
}

/** Hex digits of UTF-16BE code units; pdfkit separates the units of a ligature such as "fi" with a space. */
export function utf16be(hex: string): string {
  return String.fromCharCode(...(hex.replace(/\s/g, '').match(/.{4}/g) ?? []).map((unit) => parseInt(unit, 16)));
}

/** Glyph code → text, from the bfrange / bfchar sections of a ToUnicode CMap. */
export function parseToUnicode(cmap: string): Map<number, string> {
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
export function pageTexts(pdf: ParsedPdf): string[] {
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
export function flat(text: string): string {
  return text.replace(/\s+/g, ' ');
}

/** A document-information string: a literal (…) string, UTF-16BE after a FE FF byte-order mark when not ASCII. */
export function infoString(pdf: ParsedPdf, key: string): string {
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
export function unpredict(data: Buffer, columns: number, bytesPerPixel: number): Buffer {
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
