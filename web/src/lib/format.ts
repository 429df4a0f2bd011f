/** Numbers, dates, durations and sorting in the chosen language, all through Intl. */
import { useTranslation } from 'react-i18next';
import type { Lang } from './i18n.ts';

const LOCALE: Record<Lang, string> = { en: 'en-GB', ru: 'ru-RU', zh: 'zh-CN' };

/** Formatters for `lang`; pure so they can be tested without React. */
export function formatters(lang: Lang) {
  const locale = LOCALE[lang];
  const collator = new Intl.Collator(locale, { sensitivity: 'base', numeric: true });
  const day = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });
  const month = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', timeZone: 'UTC' });
  const number = new Intl.NumberFormat(locale);
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  const units = { day: 'day', hour: 'hour', minute: 'minute' } as const;
  const unit = (n: number, u: keyof typeof units) => new Intl.NumberFormat(locale, { style: 'unit', unit: units[u], unitDisplay: 'long' }).format(n);
  return {
    /** `2001-06-15` → "15 June 2001" / "15 июня 2001 г." / "2001年6月15日"; `2001-06` and `2001` keep their precision. */
    date(iso: string | null | undefined): string {
      if (!iso) return '—';
      if (/^\d{4}$/.test(iso)) return iso;
      if (/^\d{4}-\d{2}$/.test(iso)) return month.format(new Date(`${iso}-01T00:00:00Z`));
      const d = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
      return Number.isNaN(d.getTime()) ? iso : day.format(d);
    },
    number: (n: number) => number.format(n),
    /** A share between 0 and 1 as a whole percentage. */
    percent: (share: number | null) => (share === null ? '—' : percent.format(share)),
    /** Milliseconds as the two largest units: "9 days 23 hours" / "9 дней 23 часа" / "9天23小时". */
    duration(ms: number): string {
      const minutes = Math.max(0, Math.floor(ms / 60_000));
      const parts: [number, keyof typeof units][] = [[Math.floor(minutes / 1440), 'day'], [Math.floor(minutes / 60) % 24, 'hour'], [minutes % 60, 'minute']];
      const shown = parts.filter(([n]) => n > 0).slice(0, 2);
      return (shown.length ? shown : [[0, 'minute'] as [number, 'minute']]).map(([n, u]) => unit(n, u)).join(lang === 'zh' ? '' : ' ');
    },
    /** Compares two strings by the language's collation (Russian alphabet order in ru, pinyin in zh). */
    compare: (a: string, b: string) => collator.compare(a, b),
  };
}

export type Formatters = ReturnType<typeof formatters>;

const cache = new Map<Lang, Formatters>();
/** The formatters of the portal's current language. */
export function useFormat(): Formatters {
  const { i18n } = useTranslation();
  const lang = (i18n.resolvedLanguage ?? 'en') as Lang;
  if (!cache.has(lang)) cache.set(lang, formatters(lang));
  return cache.get(lang)!;
}
