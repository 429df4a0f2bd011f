/** Reading the API from the portal. */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Lang } from './i18n.ts';
import { client } from './contract.ts';

export type Localised = { en: string; ru?: string | null; zh?: string | null };

export interface Sourced {
  source: string[];
  confidence: string;
  note?: string | null;
}

/** `status` is the HTTP status of a failed load (undefined when the server did not answer). */
export type Result<T> = { data?: T; error?: string; status?: number; loading: boolean };

/** Responses by URL: the registry is read-only here, so one page load fetches each URL once. */
const cache = new Map<string, Promise<{ ok: boolean; status: number; body: unknown }>>();

function load(url: string) {
  let hit = cache.get(url);
  if (!hit) {
    // A proxy's HTML error page or an empty body is a failed load, not a JSON parse error on screen.
    hit = fetch(url).then(async (res) => ({ ok: res.ok, status: res.status, body: await res.json().catch(() => ({ detail: res.statusText })) }));
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
      .then(({ ok, status, body }) => {
        if (!live) return;
        setResult(ok ? { data: body as T, loading: false } : { error: (body as { detail?: string }).detail ?? String(status), status, loading: false });
      })
      .catch((e: Error) => live && setResult({ error: e.message, loading: false }));
    if (fresh) cache.delete(url);
    return () => {
      live = false;
    };
  }, [url, round, fresh]);
  return { ...result, reload: () => setRound((n) => n + 1) };
}

/**
 * The session's CSRF token, read from GET /api/v1/session (same-origin only), so that every tab,
 * a bookmark or a restored session can make changes — not only the tab that signed in.
 */
let csrf: Promise<string> | null = null;
const csrfToken = () =>
  (csrf ??= client
    .GET('/api/v1/session')
    .then(({ data }) => data?.csrf_token ?? '')
    .catch(() => ''));
/** Forgets the token (after signing in or out) so the next change reads the new one. */
export const forgetCsrf = () => {
  csrf = null;
};

/** A refused change: the problem's detail, and each field or record it names. */
export class Problem extends Error {
  constructor(detail: string, readonly errors: { field: string; message: string }[] = []) {
    super(detail);
  }
}

async function request<T>(method: 'POST' | 'PUT' | 'DELETE', url: string, contentType: string | null, body: BodyInit | undefined): Promise<T> {
  const res = await fetch(url, { method, headers: { ...(contentType ? { 'content-type': contentType } : {}), 'x-csrf-token': await csrfToken() }, body });
  const text = await res.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = { detail: res.statusText };
  }
  if (!res.ok) throw new Problem((parsed as { detail?: string } | null)?.detail ?? res.statusText, (parsed as { errors?: Problem['errors'] } | null)?.errors);
  return parsed as T;
}

/** Sends a change with the session's CSRF token; resolves to the body, or throws the Problem. */
export const send = <T = unknown>(method: 'POST' | 'PUT' | 'DELETE', url: string, body?: unknown): Promise<T> =>
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
