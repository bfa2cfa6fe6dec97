import { useTranslation } from 'react-i18next';

/** BCP 47 tags for Intl: Kazakh and Russian as used in Kazakhstan. */
const LOCALES: Record<string, string> = { kk: 'kk-KZ', ru: 'ru-KZ', en: 'en-GB' };

/**
 * Kazakh month names are missing from some browsers' locale data (Chromium shows "2031 M12 4"), so
 * Kazakh dates are numeric, 04.12.2031, as Kazakh documents write them.
 */
const DATE_STYLE = (locale: string): Intl.DateTimeFormatOptions =>
  locale === 'kk-KZ'
    ? { day: '2-digit', month: '2-digit', year: 'numeric' }
    : { day: 'numeric', month: 'long', year: 'numeric' };

/** Dates and numbers in the chosen language's format. */
export function useFormat() {
  const { i18n } = useTranslation();
  const locale = LOCALES[i18n.language] ?? 'kk-KZ';
  return {
    locale,
    /** A calendar date (YYYY-MM-DD from the API) without shifting it through a time zone. */
    date(value: string | null | undefined): string {
      if (!value) return '—';
      const [y, m, d] = value.slice(0, 10).split('-').map(Number);
      return new Intl.DateTimeFormat(locale, { ...DATE_STYLE(locale), timeZone: 'UTC' }).format(Date.UTC(y, m - 1, d));
    },
    dateTime(value: string | Date | null | undefined): string {
      if (!value) return '—';
      return new Intl.DateTimeFormat(locale, { ...DATE_STYLE(locale), hour: '2-digit', minute: '2-digit' }).format(
        new Date(value),
      );
    },
    number(value: number, options?: Intl.NumberFormatOptions): string {
      return new Intl.NumberFormat(locale, options).format(value);
    },
  };
}
