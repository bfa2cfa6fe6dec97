import { contentDisposition } from './content-disposition';

/** RFC 5987 attr-char: ALPHA / DIGIT / "!" / "#" / "$" / "&" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~" */
const EXT_VALUE = /^(?:[A-Za-z0-9!#$&+\-.^_`|~]|%[0-9A-F]{2})*$/;

describe('contentDisposition', () => {
  it.each([
    ['report.pdf', `attachment; filename="report.pdf"; filename*=UTF-8''report.pdf`],
    [
      'Сертификат курса.pdf',
      `attachment; filename="__________ _____.pdf"; filename*=UTF-8''%D0%A1%D0%B5%D1%80%D1%82%D0%B8%D1%84%D0%B8%D0%BA%D0%B0%D1%82%20%D0%BA%D1%83%D1%80%D1%81%D0%B0.pdf`,
    ],
    [
      "O'Brien (копия) 1*.pdf",
      `attachment; filename="O'Brien (_____) 1*.pdf"; filename*=UTF-8''O%27Brien%20%28%D0%BA%D0%BE%D0%BF%D0%B8%D1%8F%29%201%2A.pdf`,
    ],
    [
      'quoted; filename=other.pdf',
      `attachment; filename="quoted; filename=other.pdf"; filename*=UTF-8''quoted%3B%20filename%3Dother.pdf`,
    ],
    ['😀.png', `attachment; filename="__.png"; filename*=UTF-8''%F0%9F%98%80.png`],
  ])('%j → %s', (name, expected) => {
    expect(contentDisposition(name)).toBe(expected);
  });

  it('keeps the extended value to attr-chars and percent escapes for every printable ASCII character', () => {
    const everyPrintable = Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i)).join('');
    const header = contentDisposition(everyPrintable);
    const [, fallback, extended] = /^attachment; filename="([^"]*)"; filename\*=UTF-8''(.*)$/.exec(header) ?? [];
    expect(extended).toMatch(EXT_VALUE);
    expect(decodeURIComponent(extended)).toBe(everyPrintable);
    expect(fallback).not.toMatch(/["\\]/);
  });

  it('never lets a quote, backslash, CR or LF into the header, even from an unsanitised name', () => {
    const header = contentDisposition('a"b\\c\r\nSet-Cookie: x=y');
    expect(header).not.toMatch(/[\r\n]/);
    expect(header).toBe(
      `attachment; filename="a_b_c__Set-Cookie: x=y"; filename*=UTF-8''a%22b%5Cc%0D%0ASet-Cookie%3A%20x%3Dy`,
    );
  });
});
