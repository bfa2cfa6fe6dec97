import { createHash } from 'node:crypto';

export type EvidenceMimeType = 'application/pdf' | 'image/jpeg' | 'image/png';
export type EvidenceExtension = 'pdf' | 'jpg' | 'png';

export interface DetectedFileType {
  mime: EvidenceMimeType;
  extension: EvidenceExtension;
}

const PDF_HEADER = Buffer.from('%PDF-', 'latin1');
const PDF_EOF = Buffer.from('%%EOF', 'latin1');
// Readers accept the end-of-file marker anywhere in the last KiB (incremental saves, trailing
// whitespace or padding from some scanners), so the check looks there rather than at the last byte.
const PDF_EOF_WINDOW = 1024;

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const PNG_IHDR = Buffer.from('IHDR', 'latin1');
// IEND carries no data, so its type and fixed CRC are always the same 8 bytes.
const PNG_IEND = Buffer.from([0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]);
const PNG_IEND_WINDOW = 1024;

// What the checks read: the first bytes (PDF version, PNG header chunk, JPEG first marker) and the
// last KiB (end markers); a file is never held whole to be judged.
const HEAD_BYTES = 64;
const TAIL_BYTES = Math.max(PDF_EOF_WINDOW, PNG_IEND_WINDOW);
const PNG_IHDR_END = PNG_SIGNATURE.length + 8 + 13 + 4;

/**
 * Tells what a file is from its bytes as they arrive, so that an upload can be judged while it
 * streams to storage: `refusedEarly()` says as soon as the first bytes rule out every accepted type,
 * and `result()` gives the verdict once every byte has been pushed. It keeps the first 64 bytes,
 * the last KiB and the last non-zero byte with the one before it, whatever the file's size.
 */
export class FileTypeSniffer {
  private head = Buffer.alloc(0);
  private tail = Buffer.alloc(0);
  private size = 0;
  // The last non-zero byte and its predecessor: JPEG's end marker, before any zero padding.
  private lastNonZero = -1;
  private beforeLastNonZero = -1;
  private lastByte = -1;

  push(chunk: Buffer): this {
    if (chunk.length === 0) return this;
    if (this.head.length < HEAD_BYTES) {
      this.head = Buffer.concat([this.head, chunk.subarray(0, HEAD_BYTES - this.head.length)]);
    }
    this.tail =
      chunk.length >= TAIL_BYTES
        ? Buffer.from(chunk.subarray(chunk.length - TAIL_BYTES))
        : Buffer.concat([this.tail, chunk]).subarray(-TAIL_BYTES);
    let i = chunk.length - 1;
    while (i >= 0 && chunk[i] === 0) i -= 1;
    if (i >= 0) {
      this.lastNonZero = chunk[i];
      this.beforeLastNonZero = i > 0 ? chunk[i - 1] : this.lastByte;
    }
    this.lastByte = chunk[chunk.length - 1];
    this.size += chunk.length;
    return this;
  }

  /** True when the bytes so far already rule out a PDF, a PNG and a JPEG. */
  refusedEarly(): boolean {
    const head = this.head;
    if (head.length === 0) return false;
    return !couldBePdf(head) && !couldBePng(head) && !couldBeJpeg(head);
  }

  /** The verdict on all the bytes pushed. */
  result(): DetectedFileType | null {
    if (this.isPdf()) return { mime: 'application/pdf', extension: 'pdf' };
    if (this.isPng()) return { mime: 'image/png', extension: 'png' };
    if (this.isJpeg()) return { mime: 'image/jpeg', extension: 'jpg' };
    return null;
  }

  /** The bytes of the last KiB from position `from` of the whole file on. */
  private tailFrom(from: number): Buffer {
    return this.tail.subarray(Math.max(0, from - (this.size - this.tail.length)));
  }

  private isPdf(): boolean {
    // "%PDF-" then a version such as 1.7 or 2.0.
    const versionEnd = PDF_HEADER.length + 3;
    if (this.size < versionEnd + PDF_EOF.length) return false;
    if (!couldBePdf(this.head)) return false;
    return this.tailFrom(Math.max(versionEnd, this.size - PDF_EOF_WINDOW)).includes(PDF_EOF);
  }

  private isPng(): boolean {
    // Signature, then IHDR (length 13, type, width, height, 5 bytes of fields, CRC), then IEND.
    const head = this.head;
    if (this.size < PNG_IHDR_END + PNG_IEND.length + 4) return false;
    if (!head.subarray(0, PNG_SIGNATURE.length).equals(PNG_SIGNATURE)) return false;
    if (head.readUInt32BE(8) !== 13) return false;
    if (!head.subarray(12, 16).equals(PNG_IHDR)) return false;
    if (head.readUInt32BE(16) === 0 || head.readUInt32BE(20) === 0) return false;
    return this.tailFrom(Math.max(PNG_IHDR_END, this.size - PNG_IEND_WINDOW)).includes(PNG_IEND);
  }

  private isJpeg(): boolean {
    // SOI (FF D8), then the first segment's marker (FF xx), and EOI (FF D9) as the last bytes;
    // some encoders and scanners pad the file with zero bytes after EOI. The first marker is never
    // zero, so the last non-zero byte is at the fourth byte or later.
    if (this.size < 6 || !couldBeJpeg(this.head)) return false;
    return this.beforeLastNonZero === 0xff && this.lastNonZero === 0xd9;
  }
}

/** Whether the first bytes (as many as there are) can start a PDF: "%PDF-", digit, dot, digit. */
function couldBePdf(head: Buffer): boolean {
  const signature = head.subarray(0, PDF_HEADER.length);
  if (!signature.equals(PDF_HEADER.subarray(0, signature.length))) return false;
  const version = head.subarray(PDF_HEADER.length, PDF_HEADER.length + 3);
  return (
    (version.length < 1 || isDigit(version[0])) &&
    (version.length < 2 || version[1] === 0x2e) &&
    (version.length < 3 || isDigit(version[2]))
  );
}

function couldBePng(head: Buffer): boolean {
  const signature = head.subarray(0, PNG_SIGNATURE.length);
  return signature.equals(PNG_SIGNATURE.subarray(0, signature.length));
}

function couldBeJpeg(head: Buffer): boolean {
  // 0xC0 and above are the markers that may follow SOI (APPn, DQT, SOFn, DHT, COM...); FF and 00
  // there would be fill or stuffing, never a first segment.
  const expected = [0xff, 0xd8, 0xff];
  for (let i = 0; i < Math.min(head.length, 3); i += 1) if (head[i] !== expected[i]) return false;
  return head.length < 4 || (head[3] >= 0xc0 && head[3] !== 0xff);
}

/**
 * Tells what a file is from its bytes alone. The name and the Content-Type a browser sends are
 * chosen by the client, so neither is trusted: only a PDF, PNG or JPEG whose start and end both
 * look right is accepted, and everything else (executables, HTML, archives, truncated uploads,
 * an empty body) is null.
 */
export function detectFileType(buffer: Buffer): DetectedFileType | null {
  return new FileTypeSniffer().push(buffer).result();
}

function isDigit(byte: number | undefined): boolean {
  return byte !== undefined && byte >= 0x30 && byte <= 0x39;
}

const MAX_FILE_NAME_LENGTH = 120;

// Extensions a candidate's file may arrive with that say nothing true about its content once the
// content has been detected; they are dropped so that "scan.exe.pdf" or "photo.heic.jpg" cannot
// pass on a misleading inner extension. Other dotted parts ("Приказ от 01.02.2024") are kept.
const KNOWN_EXTENSIONS = new Set([
  'pdf',
  'png',
  'jpg',
  'jpeg',
  'jpe',
  'jfif',
  'gif',
  'bmp',
  'tif',
  'tiff',
  'webp',
  'heic',
  'heif',
  'svg',
  'doc',
  'docx',
  'odt',
  'rtf',
  'txt',
  'xls',
  'xlsx',
  'ppt',
  'pptx',
  'htm',
  'html',
  'xhtml',
  'js',
  'exe',
  'dll',
  'msi',
  'bat',
  'cmd',
  'com',
  'scr',
  'ps1',
  'sh',
  'bin',
  'elf',
  'zip',
  'rar',
  '7z',
  'gz',
  'tar',
]);

// Windows refuses these as file names whatever the extension, and a downloaded evidence file
// must save on the assessor's machine.
const WINDOWS_DEVICE_NAME = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;

/**
 * Makes a client-supplied file name safe to store and to offer back for download: the directory
 * part and anything a file system or a Content-Disposition header would misread is removed, and
 * the extension is the one of the detected content, whatever the name claimed.
 */
export function sanitizeFileName(name: string, extension: string): string {
  const ext = extension.replace(/^\./, '').toLowerCase();
  if (!/^[a-z0-9]{1,10}$/.test(ext)) {
    throw new Error(`Invalid file extension "${extension}"`);
  }
  const suffix = `.${ext}`;

  // Control and format characters (including the right-to-left override used to disguise
  // "fdp.exe" as "exe.pdf") are removed before splitting so they cannot hide a separator.
  const cleaned = name.normalize('NFC').replace(/[\p{Cc}\p{Cf}\p{Co}\p{Cs}]/gu, '');
  // Both separators, whatever the uploader's platform: "C:\x\y.pdf" and "../../etc/passwd" keep
  // only their last segment.
  const lastSegment = cleaned.split(/[/\\]/).pop() ?? '';

  let base = lastSegment
    .replace(/[<>:"|?*]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  base = stripKnownExtensions(base);
  // Leading dots would make a hidden file (or "..") and trailing dots and spaces are dropped by
  // Windows, changing the name under the user's feet.
  base = base.replace(/^[.\s]+/, '').replace(/[.\s]+$/, '');
  if (WINDOWS_DEVICE_NAME.test(base)) base = `${base}_`;

  base = truncate(base, MAX_FILE_NAME_LENGTH - suffix.length).replace(/[.\s]+$/, '');
  return `${base === '' ? 'file' : base}${suffix}`;
}

function stripKnownExtensions(base: string): string {
  let current = base;
  for (;;) {
    const match = /^(.*)\.([A-Za-z0-9]{1,5})$/.exec(current);
    if (!match || !KNOWN_EXTENSIONS.has(match[2].toLowerCase())) return current;
    current = match[1].replace(/\s+$/, '');
  }
}

/** Cuts to at most `max` UTF-16 units without splitting a character made of a surrogate pair. */
function truncate(value: string, max: number): string {
  let result = '';
  for (const char of value) {
    if (result.length + char.length > max) break;
    result += char;
  }
  return result;
}

/** The lowercase hex SHA-256 of the bytes; evidence files are stored and deduplicated by it. */
export function sha256Hex(buffer: Buffer): string {
  return createHash('sha256').update(buffer).digest('hex');
}
