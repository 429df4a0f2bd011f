import { useState } from 'react';
import { usePageTitle } from '../lib/page.ts';
import { Link, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useApi, useLang, type Localised } from '../lib/api.ts';
import '../lib/strings/registry-work.ts';
import '../lib/strings/texts.ts';

type Segment = { text: string; hit: boolean };
type Passage = { language: string; version: number; eid: string; snippet: Segment[] };
type Hit = { key: string; kind: string; date: string | null; organ: string | null; title: Localised; score: number; highlight: Record<'en' | 'ru' | 'zh', Segment[] | null>; passages: Passage[] };
const KINDS = ['charter', 'convention', 'treaty', 'agreement', 'protocol', 'declaration', 'statement', 'communique', 'programme', 'plan', 'strategy', 'concept', 'memorandum', 'decision'];

function Marked({ segments }: { segments: Segment[] }) {
  return <>{segments.map((s, i) => (s.hit ? <mark key={i}>{s.text}</mark> : <span key={i}>{s.text}</span>))}</>;
}

/** Search in the three languages: every title of each hit shown, its matches marked. */
export function SearchPage() {
  const { t } = useTranslation();
  usePageTitle(t('work.search.title'));
  const { lang } = useLang();
  const [params, setParams] = useSearchParams();
  const [text, setText] = useState(params.get('q') ?? '');
  const q = params.get('q') ?? '';
  const filters = ['kind', 'organ', 'year', 'status'].filter((k) => params.get(k));
  const query = new URLSearchParams({ q, per_page: '50', ...Object.fromEntries(filters.map((k) => [k, params.get(k)!])) });
  const { data, error } = useApi<{ items: Hit[]; total: number }>(q ? `/api/v1/search?${query}` : null);
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next);
  };
  const order = [lang, ...(['en', 'ru', 'zh'] as const).filter((l) => l !== lang)];
  return (
    <section>
      <h1>{t('work.search.title')}</h1>
      <form className="filters" onSubmit={(e) => { e.preventDefault(); set('q', text.trim()); }}>
        <input data-testid="search-q" aria-label={t('work.search.query')} placeholder={t('work.search.query')} value={text} onChange={(e) => setText(e.target.value)} size={40} />
        <button type="submit">{t('work.search.go')}</button>
        <label>{t('work.search.kind')} <select value={params.get('kind') ?? ''} onChange={(e) => set('kind', e.target.value)}><option value="">{t('work.search.any')}</option>{KINDS.map((k) => <option key={k} value={k}>{t(`ref.docKind.${k}`, { defaultValue: k })}</option>)}</select></label>
        <label>{t('work.search.year')} <input type="number" min={1996} max={2100} value={params.get('year') ?? ''} onChange={(e) => set('year', e.target.value)} /></label>
        <label>{t('work.search.status')} <select value={params.get('status') ?? ''} onChange={(e) => set('status', e.target.value)}><option value="">{t('work.search.any')}</option>{(['in_force', 'not_in_force', 'unknown'] as const).map((s) => <option key={s} value={s}>{t(`status.${s}`)}</option>)}</select></label>
      </form>
      {error ? <p className="error">{error}</p> : null}
      {data ? <p>{data.total ? t('work.search.results', { count: data.total }) : t('work.search.none')}</p> : null}
      <ol className="search-results" data-testid="search-results">
        {data?.items.map((h) => (
          <li key={h.key}>
            <Link to={`/documents/${h.key}`}>{h.highlight[order[0]!] ? <Marked segments={h.highlight[order[0]!]!} /> : h.title.en}</Link>
            <small> {t(`ref.docKind.${h.kind}`, { defaultValue: h.kind })} · {h.date ?? '—'} · {h.organ ?? ''}</small>
            {order.slice(1).map((l) => (h.highlight[l] ? <div key={l} lang={l} className="other-title"><Marked segments={h.highlight[l]!} /></div> : null))}
            {h.passages.map((p) => (
              <p key={`${p.language}${p.eid}`} lang={p.language} className="search-passage" data-testid="search-passage">
                <Link to={`/documents/${h.key}/text?language=${p.language}#${p.eid}`}>{t('texts.passages')} ({t(`texts.lang.${p.language}`)}, <code>{p.eid}</code>)</Link>: <Marked segments={p.snippet} />
              </p>
            ))}
          </li>
        ))}
      </ol>
    </section>
  );
}
