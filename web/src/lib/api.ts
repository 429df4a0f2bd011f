/** Reading the API from the portal. */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Lang } from './i18n.ts';

export type Localised = { en: string; ru?: string | null; zh?: string | null };

export interface Sourced {
  source: string[];
  confidence: string;
  note?: string | null;
}

export type Result<T> = { data?: T; error?: string; loading: boolean };

/** Responses by URL: the registry is read-only here, so one page load fetches each URL once. */
const cache = new Map<string, Promise<{ ok: boolean; body: unknown }>>();

function load(url: string) {
  let hit = cache.get(url);
  if (!hit) {
    hit = fetch(url).then(async (res) => ({ ok: res.ok, body: await res.json() }));
    // A failed request is retried next time rather than remembered.
    hit.then((r) => !r.ok && cache.delete(url), () => cache.delete(url));
    cache.set(url, hit);
  }
  return hit;
}

/** GETs `url` (re-fetching when it changes) and reports loading and problem details. */
export function useApi<T>(url: string | null): Result<T> {
  const [result, setResult] = useState<Result<T>>({ loading: true });
  useEffect(() => {
    if (!url) return;
    let live = true;
    setResult((r) => ({ ...r, loading: true }));
    load(url)
      .then(({ ok, body }) => {
        if (!live) return;
        setResult(ok ? { data: body as T, loading: false } : { error: (body as { detail?: string }).detail ?? 'error', loading: false });
      })
      .catch((e: Error) => live && setResult({ error: e.message, loading: false }));
    return () => {
      live = false;
    };
  }, [url]);
  return result;
}

/** The chosen language and a picker for localised data names (falling back to English). */
export function useLang(): { lang: Lang; pick: (l: Localised | null | undefined) => string } {
  const { i18n } = useTranslation();
  const lang = (i18n.resolvedLanguage ?? 'en') as Lang;
  return { lang, pick: (l) => (l ? (l[lang] ?? l.en) : '') };
}

export const todayIso = () => new Date().toISOString().slice(0, 10);
