import { isoWeek, isoWeekLabel } from '@clustergraph/sdk';
import { LOCALES, type Language } from './languages.ts';

/**
 * Numbers, money, dates and weeks in one language. Pure Intl, no catalogue: the words around them
 * come from the messages. Missing values read as a dash, never as a zero.
 */
export interface Formatters {
  language: Language;
  /** BCP 47 locale of the language (ko-KR, en-US). */
  locale: string;
  /** A number with the locale's grouping, at most `maximumFractionDigits` decimals (default 1). */
  number(value: number | null | undefined, maximumFractionDigits?: number): string;
  /** Hours: "12.5 h" / "12.5시간". */
  hours(value: number | null | undefined): string;
  /** A fraction as a percentage: 0.125 → "12.5 %" / "12.5%". */
  percent(fraction: number | null | undefined, maximumFractionDigits?: number): string;
  /** Korean won, with the ₩ sign and ko-KR grouping in every language: ₩1,250,000. */
  won(value: number | null | undefined): string;
  /** A date (YYYY-MM-DD or ISO timestamp): "2026-12-07" / "2026. 12. 7.". */
  date(iso: string | null | undefined): string;
  /** A date with its weekday: "Mon, Dec 7, 2026" / "2026년 12월 7일 (월)". */
  dateLong(iso: string | null | undefined): string;
  /** Clock time of a timestamp in the viewer's time zone. */
  time(iso: string | number | null | undefined): string;
  /** Date and time of a timestamp in the viewer's time zone. */
  dateTime(iso: string | null | undefined): string;
  /** The ISO week of a date (its Monday): "2026-W50" / "2026년 50주차". */
  week(date: string | null | undefined): string;
}

export const MISSING = '—';

/** A calendar date as the UTC midnight of that day, so a YYYY-MM-DD never shifts by a time zone. */
function calendarDate(iso: string): Date {
  return new Date(/^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso}T00:00:00Z` : iso);
}

const cache = new Map<Language, Formatters>();

export function formatters(language: Language): Formatters {
  const cached = cache.get(language);
  if (cached) return cached;
  const locale = LOCALES[language];
  const numberFormats = new Map<number, Intl.NumberFormat>();
  const numberFormat = (digits: number) => {
    let format = numberFormats.get(digits);
    if (!format) numberFormats.set(digits, (format = new Intl.NumberFormat(locale, { maximumFractionDigits: digits })));
    return format;
  };
  const wonFormat = new Intl.NumberFormat('ko-KR', { style: 'currency', currency: 'KRW', maximumFractionDigits: 0 });
  const shortDate = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'numeric', day: 'numeric', timeZone: 'UTC' });
  const longDate = new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: language === 'ko' ? 'long' : 'short',
    day: 'numeric',
    weekday: 'short',
    timeZone: 'UTC',
  });
  const clock = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  const dateAndClock = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const valid = (date: Date) => !Number.isNaN(date.getTime());

  const result: Formatters = {
    language,
    locale,
    number: (value, digits = 1) => (value == null ? MISSING : numberFormat(digits).format(value)),
    hours: (value) => (value == null ? MISSING : language === 'ko' ? `${numberFormat(1).format(value)}시간` : `${numberFormat(1).format(value)} h`),
    percent: (fraction, digits = 1) =>
      fraction == null ? MISSING : language === 'ko' ? `${numberFormat(digits).format(fraction * 100)}%` : `${numberFormat(digits).format(fraction * 100)} %`,
    won: (value) => (value == null ? MISSING : wonFormat.format(Math.round(value))),
    date: (iso) => {
      if (!iso) return MISSING;
      // English keeps ISO 8601 (what the API and the CLI print); Korean uses its own order and dots.
      if (language === 'en') return iso.slice(0, 10);
      const date = calendarDate(iso.slice(0, 10));
      return valid(date) ? shortDate.format(date) : iso;
    },
    dateLong: (iso) => {
      if (!iso) return MISSING;
      const date = calendarDate(iso.slice(0, 10));
      if (!valid(date)) return iso;
      if (language !== 'ko') return longDate.format(date);
      // "2026년 12월 7일 (월)": the weekday in brackets, as Korean documents write it.
      const parts = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }).format(date);
      const weekday = new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' }).format(date);
      return `${parts} (${weekday})`;
    },
    time: (iso) => {
      if (iso == null || iso === '') return MISSING;
      const date = new Date(iso);
      return valid(date) ? clock.format(date) : String(iso);
    },
    dateTime: (iso) => {
      if (!iso) return MISSING;
      const date = new Date(iso);
      return valid(date) ? dateAndClock.format(date) : iso;
    },
    week: (date) => {
      if (!date) return MISSING;
      if (language !== 'ko') return isoWeekLabel(date.slice(0, 10));
      const { year, week } = isoWeek(date.slice(0, 10));
      return `${year}년 ${week}주차`;
    },
  };
  cache.set(language, result);
  return result;
}
