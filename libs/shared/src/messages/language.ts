/**
 * The languages messages are given in, and how a request's `Accept-Language` picks one: the
 * highest-weighted tag we speak (q-values honoured, ties by order), Russian when the header is
 * absent or names nothing we speak. `kz` is read as Kazakh, since people write it.
 */
export const LANGUAGES = ['kk', 'ru', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'ru';

const ALIASES: Record<string, Language> = { kk: 'kk', kz: 'kk', ru: 'ru', en: 'en' };

export function negotiateLanguage(header: string | readonly string[] | undefined | null): Language {
  const text = Array.isArray(header) ? header.join(',') : typeof header === 'string' ? header : '';
  let best: { language: Language; q: number } | null = null;
  for (const part of text.slice(0, 1000).split(',')) {
    const [tag, ...options] = part.trim().split(';');
    const primary = tag.trim().toLowerCase().split('-')[0];
    const language = primary === '*' ? DEFAULT_LANGUAGE : ALIASES[primary];
    if (language === undefined) continue;
    const qOption = options.map((o) => o.trim()).find((o) => /^q=/i.test(o));
    const q = qOption === undefined ? 1 : Number(qOption.slice(2));
    if (!Number.isFinite(q) || q <= 0 || q > 1) continue;
    if (best === null || q > best.q) best = { language, q };
  }
  return best?.language ?? DEFAULT_LANGUAGE;
}
