/**
 * The Content-Disposition of a download (RFC 6266 with RFC 5987's extended value): an ASCII
 * fallback for old clients and the exact UTF-8 name, so Cyrillic and Kazakh names survive. The
 * name is a sanitised one (no quotes, backslashes or control characters), but the header is made
 * safe here too. The extended value may hold only RFC 5987's attr-chars: encodeURIComponent leaves
 * ' ( ) * as they are, and an apostrophe there would end the charset part early for a strict reader.
 */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
