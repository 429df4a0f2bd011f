/**
 * Russian and Chinese texts of reference records that the records give in English only, from
 * GET /api/v1/translations (data/sco/translations.csv), merged into what the portal shows.
 */
import { useApi, useLang, type Localised } from './api.ts';
import type { Json } from './contract.ts';


/** A text to show, and whether it is our own translation (the portal marks those). */
export type Shown = { text: string; own: boolean };

/**
 * `text(kind, id, field, en, given)`: the record's text in the chosen language — the record's own
 * `given` form first, then translations.csv, then English (marked as not translated).
 */
export function useRecordText() {
  const { lang } = useLang();
  const { data } = useApi<Json<'/api/v1/translations'>>('/api/v1/translations');
  const index = new Map((data?.items ?? []).filter((t) => t.lang === lang).map((t) => [`${t.kind}\u0000${t.id}\u0000${t.field}`, t]));
  const text = (kind: string, id: string, field: string, en: string, given?: Localised | null): Shown => {
    if (lang === 'en') return { text: en, own: false };
    const own = given?.[lang];
    if (own) return { text: own, own: false };
    const t = index.get(`${kind}\u0000${id}\u0000${field}`);
    return t ? { text: t.text, own: t.confidence === 'own_translation' } : { text: en, own: false };
  };
  /** A list field (an organ's functions), item by item. */
  const list = (kind: string, id: string, field: string, en: string[]): Shown[] => {
    const joined = text(kind, id, field, en.join(' | '));
    const items = joined.text.split(' | ');
    return items.length === en.length ? items.map((t) => ({ text: t, own: joined.own })) : en.map((t) => ({ text: t, own: false }));
  };
  return { text, list, ready: !!data || lang === 'en' };
}
