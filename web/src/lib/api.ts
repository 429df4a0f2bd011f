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

/**
 * GETs `url` (re-fetching when it changes) and reports loading and problem details. Registry
 * reads are cached for the page's life; pass `fresh` for data that changes while one looks.
 */
export function useApi<T>(url: string | null, { fresh = false } = {}): Result<T> & { reload: () => void } {
  const [result, setResult] = useState<Result<T>>({ loading: true });
  const [round, setRound] = useState(0);
  useEffect(() => {
    if (!url) return;
    let live = true;
    setResult((r) => ({ ...r, loading: true }));
    if (fresh) cache.delete(url);
    load(url)
      .then(({ ok, body }) => {
        if (!live) return;
        setResult(ok ? { data: body as T, loading: false } : { error: (body as { detail?: string }).detail ?? 'error', loading: false });
      })
      .catch((e: Error) => live && setResult({ error: e.message, loading: false }));
    if (fresh) cache.delete(url);
    return () => {
      live = false;
    };
  }, [url, round, fresh]);
  return { ...result, reload: () => setRound((n) => n + 1) };
}

const CSRF_KEY = 'csrf';
export const rememberCsrf = (token: string | null) => (token ? sessionStorage.setItem(CSRF_KEY, token) : sessionStorage.removeItem(CSRF_KEY));

/** A refused change: the problem's detail, and each field or record it names. */
export class Problem extends Error {
  constructor(detail: string, readonly errors: { field: string; message: string }[] = []) {
    super(detail);
  }
}

async function request<T>(method: 'POST' | 'DELETE', url: string, contentType: string | null, body: BodyInit | undefined): Promise<T> {
  const res = await fetch(url, { method, headers: { ...(contentType ? { 'content-type': contentType } : {}), 'x-csrf-token': sessionStorage.getItem(CSRF_KEY) ?? '' }, body });
  const text = await res.text();
  const parsed = text ? JSON.parse(text) : null;
  if (!res.ok) throw new Problem((parsed as { detail?: string } | null)?.detail ?? res.statusText, (parsed as { errors?: Problem['errors'] } | null)?.errors);
  return parsed as T;
}

/** Sends a change with the session's CSRF token; resolves to the body, or throws the Problem. */
export const send = <T = unknown>(method: 'POST' | 'DELETE', url: string, body?: unknown): Promise<T> =>
  request<T>(method, url, body === undefined ? null : 'application/json', body === undefined ? undefined : JSON.stringify(body));

/** Sends a file as it is, typed as the API expects it. */
export const upload = <T = unknown>(url: string, file: Blob, contentType: string): Promise<T> => request<T>('POST', url, contentType, file);

/** The chosen language and a picker for localised data names (falling back to English). */
export function useLang(): { lang: Lang; pick: (l: Localised | null | undefined) => string } {
  const { i18n } = useTranslation();
  const lang = (i18n.resolvedLanguage ?? 'en') as Lang;
  return { lang, pick: (l) => (l ? (l[lang] ?? l.en) : '') };
}

export const todayIso = () => new Date().toISOString().slice(0, 10);
