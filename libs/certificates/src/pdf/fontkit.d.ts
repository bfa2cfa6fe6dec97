// fontkit ships no types; pdfkit (which uses it) accepts its parsed fonts. Only what pdf-kit.ts uses.
declare module 'fontkit' {
  export interface Font {
    postscriptName: string;
    /** Every code point the font's cmap maps. */
    characterSet: number[];
    glyphForCodePoint(codePoint: number): unknown;
  }
  export function create(buffer: Buffer, postscriptName?: string): Font;
}
