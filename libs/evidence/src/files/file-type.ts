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

/**
 * Tells what a file is from its bytes alone. The name and the Content-Type a browser sends are
 * chosen by the client, so neither is trusted: only a PDF, PNG or JPEG whose start and end both
 * look right is accepted, and everything else (executables, HTML, archives, truncated uploads,
 * an empty body) is null.
 */
export function detectFileType(buffer: Buffer): DetectedFileType | null {
  if (isPdf(buffer)) return { mime: 'application/pdf', extension: 'pdf' };
  if (isPng(buffer)) return { mime: 'image/png', extension: 'png' };
  if (isJpeg(buffer)) return { mime: 'image/jpeg', extension: 'jpg' };
  return null;
}

function isPdf(buffer: Buffer): boolean {
  // "%PDF-" then a version such as 1.7 or 2.0.
  if (buffer.length < PDF_HEADER.length + 3 + PDF_EOF.length) return false;
  if (!buffer.subarray(0, PDF_HEADER.length).equals(PDF_HEADER)) return false;
  const major = buffer[PDF_HEADER.length];
  const dot = buffer[PDF_HEADER.length + 1];
  const minor = buffer[PDF_HEADER.length + 2];
  if (!isDigit(major) || dot !== 0x2e || !isDigit(minor)) return false;
  const tailStart = Math.max(PDF_HEADER.length + 3, buffer.length - PDF_EOF_WINDOW);
  return buffer.subarray(tailStart).includes(PDF_EOF);
}

function isPng(buffer: Buffer): boolean {
  // Signature, then IHDR (length 13, type, width, height, 5 bytes of fields, CRC), then IEND.
  const ihdrEnd = PNG_SIGNATURE.length + 8 + 13 + 4;
  if (buffer.length < ihdrEnd + PNG_IEND.length + 4) return false;
  if (!buffer.subarray(0, PNG_SIGNATURE.length).equals(PNG_SIGNATURE)) return false;
  if (buffer.readUInt32BE(8) !== 13) return false;
  if (!buffer.subarray(12, 16).equals(PNG_IHDR)) return false;
  const width = buffer.readUInt32BE(16);
  const height = buffer.readUInt32BE(20);
  if (width === 0 || height === 0) return false;
  const tailStart = Math.max(ihdrEnd, buffer.length - PNG_IEND_WINDOW);
  return buffer.subarray(tailStart).includes(PNG_IEND);
}

function isJpeg(buffer: Buffer): boolean {
  // SOI (FF D8), then the first segment's marker (FF xx), and EOI (FF D9) as the last bytes.
  if (buffer.length < 6) return false;
  if (buffer[0] !== 0xff || buffer[1] !== 0xd8 || buffer[2] !== 0xff) return false;
  // 0xC0 and above are the markers that may follow SOI (APPn, DQT, SOFn, DHT, COM...); FF and 00
  // there would be fill or stuffing, never a first segment.
  if (buffer[3] < 0xc0 || buffer[3] === 0xff) return false;
  let end = buffer.length;
  // Some encoders and scanners pad the file with zero bytes after EOI.
  while (end > 4 && buffer[end - 1] === 0x00) end -= 1;
  return buffer[end - 2] === 0xff && buffer[end - 1] === 0xd9;
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
