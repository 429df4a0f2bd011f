/** Number formats of the economy pages, following the chosen language. */
import { useMemo } from 'react';
import { useLang } from '../lib/api.ts';

/** Compact numbers in the chosen language (19.4 trillion → "19.4T" / "19,4 трлн" / "19.4万亿"). */
export function useNumbers() {
  const { lang } = useLang();
  return useMemo(() => {
    const compact = new Intl.NumberFormat(lang, { notation: 'compact', maximumFractionDigits: 2 });
    const percent = new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 1 });
    const plain = new Intl.NumberFormat(lang, { maximumFractionDigits: 2 });
    return { compact: (v: number | null) => (v === null ? '—' : compact.format(v)), percent: (v: number | null) => (v === null ? '—' : percent.format(v)), plain: (v: number | null) => (v === null ? '—' : plain.format(v)) };
  }, [lang]);
}
