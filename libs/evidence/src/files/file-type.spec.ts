import { crc32, deflateSync } from 'node:zlib';
import fc from 'fast-check';
import { detectFileType, FileTypeSniffer, sanitizeFileName, sha256Hex } from './file-type';

/** A one-page PDF as a text editor would write it, with a cross-reference table and trailer. */
function minimalPdf(): Buffer {
  const objects = [
    '1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n',
    '2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n',
    '3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>\nendobj\n',
  ];
  let body = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  for (const object of objects) {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += object;
  }
  const xrefOffset = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  body += offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('');
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xrefOffset}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/** A 1×1 red RGB PNG with valid CRCs and a deflated scanline. */
function minimalPng(): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(1, 0); // width
  ihdr.writeUInt32BE(1, 4); // height
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type: RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(Buffer.from([0, 0xff, 0, 0]))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

function jpegSegment(marker: number, data: number[]): number[] {
  const length = data.length + 2;
  return [0xff, marker, length >> 8, length & 0xff, ...data];
}

/**
 * A baseline 8×8 grey JPEG: one quantisation table, one-code Huffman tables, and a single block
 * whose DC difference and AC end-of-block are each the one-bit code 0 (entropy byte 0b00111111).
 */
function minimalJpeg(): Buffer {
  return Buffer.from([
    0xff,
    0xd8,
    ...jpegSegment(0xe0, [0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]),
    ...jpegSegment(0xdb, [0x00, ...new Array<number>(64).fill(1)]),
    ...jpegSegment(0xc0, [0x08, 0x00, 0x08, 0x00, 0x08, 0x01, 0x01, 0x11, 0x00]),
    ...jpegSegment(0xc4, [0x00, 0x01, ...new Array<number>(15).fill(0), 0x00]),
    ...jpegSegment(0xc4, [0x10, 0x01, ...new Array<number>(15).fill(0), 0x00]),
    ...jpegSegment(0xda, [0x01, 0x01, 0x00, 0x00, 0x3f, 0x00]),
    0x3f,
    0xff,
    0xd9,
  ]);
}

describe('detectFileType', () => {
  it('recognises a PDF, a PNG and a JPEG by their bytes', () => {
    expect(detectFileType(minimalPdf())).toEqual({ mime: 'application/pdf', extension: 'pdf' });
    expect(detectFileType(minimalPng())).toEqual({ mime: 'image/png', extension: 'png' });
    expect(detectFileType(minimalJpeg())).toEqual({ mime: 'image/jpeg', extension: 'jpg' });
  });

  it('accepts a PDF whose end-of-file marker is followed by padding, and a PDF 2.0', () => {
    const padded = Buffer.concat([minimalPdf(), Buffer.from('\r\n'.repeat(100))]);
    expect(detectFileType(padded)?.mime).toBe('application/pdf');
    const v2 = Buffer.from(minimalPdf().toString('latin1').replace('%PDF-1.4', '%PDF-2.0'), 'latin1');
    expect(detectFileType(v2)?.mime).toBe('application/pdf');
  });

  it('accepts a JPEG padded with zero bytes after its end marker', () => {
    expect(detectFileType(Buffer.concat([minimalJpeg(), Buffer.alloc(16)]))?.mime).toBe('image/jpeg');
  });

  it('judges the content, not the name a PDF was uploaded under', () => {
    // The same bytes whatever the client called them; detection never sees the name.
    const uploadedAsPng = { originalName: 'scan.png', buffer: minimalPdf() };
    const type = detectFileType(uploadedAsPng.buffer);
    expect(type?.extension).toBe('pdf');
    expect(sanitizeFileName(uploadedAsPng.originalName, type?.extension ?? '')).toBe('scan.pdf');
  });

  it.each<[string, Buffer]>([
    ['an empty file', Buffer.alloc(0)],
    ['a Windows executable renamed .pdf', Buffer.concat([Buffer.from('MZ\x90\x00', 'latin1'), Buffer.alloc(200)])],
    ['an ELF binary', Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(200)])],
    ['a shell script', Buffer.from('#!/bin/sh\nrm -rf /\n')],
    ['an HTML page', Buffer.from('<!DOCTYPE html><html><body><script>alert(1)</script></body></html>')],
    ['a ZIP archive (or a DOCX)', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00])],
    ['a GIF', Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1')],
    ['plain text', Buffer.from('hello, world')],
    ['the PDF signature alone', Buffer.from('%PDF-')],
    ['a PDF cut off before its end marker', minimalPdf().subarray(0, 200)],
    ['a PDF header with no version', Buffer.from('%PDF-x.y\n%%EOF\n')],
    ['HTML with a PDF header further in', Buffer.from('<html>%PDF-1.4\n%%EOF</html>')],
    ['the PNG signature alone', minimalPng().subarray(0, 8)],
    ['a PNG cut off before IEND', minimalPng().subarray(0, minimalPng().length - 12)],
    [
      'a PNG signature followed by another chunk than IHDR',
      Buffer.concat([minimalPng().subarray(0, 8), minimalPng().subarray(33)]),
    ],
    ['a JPEG cut off before its end marker', minimalJpeg().subarray(0, minimalJpeg().length - 2)],
    ['a JPEG start marker alone', Buffer.from([0xff, 0xd8, 0xff])],
  ])('refuses %s', (_label, buffer) => {
    expect(detectFileType(buffer)).toBeNull();
  });

  it('refuses an executable even when named like a PDF', () => {
    const exe = Buffer.concat([Buffer.from('MZ', 'latin1'), Buffer.alloc(62), Buffer.from('%PDF-1.4 %%EOF')]);
    expect(detectFileType(exe)).toBeNull();
  });
});

describe('FileTypeSniffer', () => {
  const samples: Buffer[] = [
    minimalPdf(),
    Buffer.concat([minimalPdf(), Buffer.from('\r\n'.repeat(600))]),
    Buffer.concat([minimalPdf().subarray(0, 20), Buffer.alloc(5000, 0x20), minimalPdf().subarray(20)]),
    minimalPdf().subarray(0, 200),
    minimalPng(),
    Buffer.concat([minimalPng().subarray(0, 33), Buffer.alloc(3000, 7), minimalPng().subarray(33)]),
    minimalPng().subarray(0, minimalPng().length - 12),
    minimalJpeg(),
    Buffer.concat([minimalJpeg(), Buffer.alloc(3000)]),
    minimalJpeg().subarray(0, minimalJpeg().length - 2),
    Buffer.from([0xff, 0xd8, 0xff, 0xd9, 0, 0]),
    Buffer.from('MZ\x90\x00', 'latin1'),
    Buffer.alloc(0),
  ];

  it('gives the verdict of the whole file however the bytes arrive in chunks', () => {
    fc.assert(
      fc.property(fc.constantFrom(...samples), fc.array(fc.nat(), { maxLength: 8 }), (file, cuts) => {
        const sniffer = new FileTypeSniffer();
        const points = [...new Set(cuts.map((c) => c % (file.length + 1)))].sort((a, b) => a - b);
        let from = 0;
        for (const point of [...points, file.length]) {
          sniffer.push(file.subarray(from, point));
          from = point;
        }
        expect(sniffer.result()).toEqual(detectFileType(file));
      }),
    );
  });

  it.each<[string, Buffer]>([
    ['a Windows executable', Buffer.from('MZ', 'latin1')],
    ['an HTML page', Buffer.from('<!DOCTYPE')],
    ['a ZIP archive', Buffer.from([0x50, 0x4b])],
    ['a PDF header with no version', Buffer.from('%PDF-x')],
    ['a JPEG start with a zero marker', Buffer.from([0xff, 0xd8, 0xff, 0x00])],
  ])('refuses %s from its first bytes', (_label, head) => {
    expect(new FileTypeSniffer().push(head).refusedEarly()).toBe(true);
  });

  it.each<[string, Buffer]>([
    ['a PDF', minimalPdf().subarray(0, 3)],
    ['a PNG', minimalPng().subarray(0, 40)],
    ['a JPEG', minimalJpeg().subarray(0, 4)],
  ])('does not refuse the start of %s', (_label, head) => {
    expect(new FileTypeSniffer().push(head).refusedEarly()).toBe(false);
  });
});

describe('sanitizeFileName', () => {
  it.each([
    ['report.pdf', 'pdf', 'report.pdf'],
    ['report.png', 'pdf', 'report.pdf'],
    ['Photo.JPEG', 'jpg', 'Photo.jpg'],
    ['диплом', 'pdf', 'диплом.pdf'],
    ['Сертификат о повышении квалификации.pdf', 'pdf', 'Сертификат о повышении квалификации.pdf'],
    ['Куәлік, Әйгерім Қасымова.png', 'png', 'Куәлік, Әйгерім Қасымова.png'],
    ['Приказ от 01.02.2024', 'pdf', 'Приказ от 01.02.2024.pdf'],
    ['invoice.exe.pdf', 'pdf', 'invoice.pdf'],
    ['archive.tar.gz', 'png', 'archive.png'],
    ['../../etc/passwd', 'pdf', 'passwd.pdf'],
    ['C:\\x\\y.pdf', 'pdf', 'y.pdf'],
    ['C:y.pdf', 'pdf', 'Cy.pdf'],
    ['..\\..\\windows\\system32\\cmd.exe', 'pdf', 'cmd.pdf'],
    ['/etc/', 'pdf', 'file.pdf'],
    ['..', 'pdf', 'file.pdf'],
    ['...pdf', 'pdf', 'file.pdf'],
    ['.htaccess', 'png', 'htaccess.png'],
    ['', 'jpg', 'file.jpg'],
    ['   ', 'jpg', 'file.jpg'],
    ['.pdf', 'pdf', 'file.pdf'],
    ['a<b>c:d"e|f?g*h.pdf', 'pdf', 'abcdefgh.pdf'],
    ['tab\there\nnew\x00line\x7f.pdf', 'pdf', 'tabherenewline.pdf'],
    ['  many     spaces  .pdf', 'pdf', 'many spaces.pdf'],
    ['trailing dots...', 'pdf', 'trailing dots.pdf'],
    ['CON.pdf', 'pdf', 'CON_.pdf'],
    ['lpt1', 'png', 'lpt1_.png'],
    ['name', '.PDF', 'name.pdf'],
  ])('%j as %s → %j', (name, extension, expected) => {
    expect(sanitizeFileName(name, extension)).toBe(expected);
  });

  it('removes the right-to-left override that disguises an extension', () => {
    expect(sanitizeFileName('invoice\u202Efdp.exe', 'pdf')).toBe('invoicefdp.pdf');
  });

  it('composes decomposed letters so that the same name is always stored the same way', () => {
    expect(sanitizeFileName('\u0438\u0306', 'pdf')).toBe('й.pdf');
  });

  it('cuts a very long name to 120 characters, keeping the extension', () => {
    const result = sanitizeFileName(`${'я'.repeat(500)}.pdf`, 'pdf');
    expect(result).toHaveLength(120);
    expect(result).toBe(`${'я'.repeat(116)}.pdf`);
  });

  it('does not split a character made of two UTF-16 units when cutting', () => {
    const result = sanitizeFileName(`a${'😀'.repeat(100)}`, 'png');
    expect(result.length).toBeLessThanOrEqual(120);
    expect(result).toBe(`a${'😀'.repeat(57)}.png`);
    expect(result).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });

  it('does not end the cut name with a dot or a space', () => {
    expect(sanitizeFileName(`${'a'.repeat(115)} bcdef`, 'pdf')).toBe(`${'a'.repeat(115)}.pdf`);
  });

  it.each(['', 'p/f', '../pdf', 'pdf ', 'averyveryverylongext'])('refuses the extension %j', (extension) => {
    expect(() => sanitizeFileName('x', extension)).toThrow('Invalid file extension');
  });
});

describe('sha256Hex', () => {
  it('is the lowercase hex SHA-256 of the bytes', () => {
    expect(sha256Hex(Buffer.alloc(0))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex(Buffer.from('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
