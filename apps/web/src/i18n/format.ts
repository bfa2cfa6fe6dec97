import { useTranslation } from 'react-i18next';

/** BCP 47 tags for Intl: Kazakh and Russian as used in Kazakhstan. */
const LOCALES: Record<string, string> = { kk: 'kk-KZ', ru: 'ru-KZ', en: 'en-GB' };

/**
 * Kazakh month names are missing from some browsers' locale data (Chromium shows "2031 M12 4"), and
 * its numeric Kazakh form is 2031-12-04, so Kazakh dates are written out as Kazakh documents write
 * them, 04.12.2031, from the parts Intl gives.
 */
const DATE_STYLE: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'long', year: 'numeric' };
const KAZAKH = 'kk-KZ';

function kazakhDate(at: number | Date, timeZone?: string, withTime = false): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      ...(withTime ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } : {}),
      ...(timeZone ? { timeZone } : {}),
    })
      .formatToParts(at)
      .map((part) => [part.type, part.value]),
  );
  const day = `${parts.day}.${parts.month}.${parts.year}`;
  return withTime ? `${day}, ${parts.hour}:${parts.minute}` : day;
}

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
      if (locale === KAZAKH) return kazakhDate(Date.UTC(y, m - 1, d), 'UTC');
      return new Intl.DateTimeFormat(locale, { ...DATE_STYLE, timeZone: 'UTC' }).format(Date.UTC(y, m - 1, d));
    },
    dateTime(value: string | Date | null | undefined): string {
      if (!value) return '—';
      if (locale === KAZAKH) return kazakhDate(new Date(value), undefined, true);
      return new Intl.DateTimeFormat(locale, { ...DATE_STYLE, hour: '2-digit', minute: '2-digit' }).format(
        new Date(value),
      );
    },
    number(value: number, options?: Intl.NumberFormatOptions): string {
      return new Intl.NumberFormat(locale, options).format(value);
    },
  };
}
