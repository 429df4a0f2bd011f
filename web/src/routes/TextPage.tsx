import { useEffect, useState, type FormEvent } from 'react';
import { Link, useLocation, useParams, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../lib/page.ts';
import { Problem, send, useApi, useLang, type Localised } from '../lib/api.ts';
import { useMe } from '../lib/session.ts';
import '../lib/strings/texts.ts';
import './text.css';

type Unit = { eid: string; kind: string; num: string | null; heading: string | null; body: string; parent: string | null };
type Text = { document: string; title: Localised; language: string; version: number; latest_version: number; source: string[]; note: string | null; origin: string; created_at: string; units: Unit[] };
type Version = { language: string; version: number; origin: string; created_at: string; source: string[] };
const LANGS = ['en', 'ru', 'zh'] as const;

/** Headings as the text itself prints them, in the text's language (not the reader's). */
const NUMBERED: Record<string, { article: (n: string) => string; chapter: (n: string) => string; preamble: string }> = {
  en: { article: (n) => `Article ${n}`, chapter: (n) => `Chapter ${n}`, preamble: 'Preamble' },
  ru: { article: (n) => `Статья ${n}`, chapter: (n) => `Глава ${n}`, preamble: 'Преамбула' },
  zh: { article: (n) => `第${n}条`, chapter: (n) => `第${n}章`, preamble: '序言' },
};

/** The words of one unit, with its address as the anchor. */
function UnitView({ u, language }: { u: Unit; language: string }) {
  if (u.kind === 'preamble') return null;
  if (u.kind === 'chapter' || u.kind === 'article') {
    const Heading = u.kind === 'chapter' ? 'h3' : 'h4';
    const words = NUMBERED[language] ?? NUMBERED.en!;
    return (
      <Heading id={u.eid} className={`akn-${u.kind}`}>
        {words[u.kind](u.num ?? '')}{u.heading ? <span className="akn-heading"> {u.heading}</span> : null} <a href={`#${u.eid}`} className="eid" aria-label={u.eid}>#</a>
      </Heading>
    );
  }
  return (
    <p id={u.eid} className={`akn-${u.kind}`}>
      {u.body.split('\n').map((line, i) => <span key={i}>{i ? <br /> : null}{line}</span>)} <a href={`#${u.eid}`} className="eid" aria-label={u.eid}>#</a>
    </p>
  );
}

/** A text version, unit by unit (shared by the reading and the printable pages). */
function TextBody({ text }: { text: Text }) {
  const { hash } = useLocation();
  // The units arrive after the page: bring the addressed one into view once they are there.
  useEffect(() => {
    const id = decodeURIComponent(hash.slice(1));
    if (!id) return;
    const el = document.getElementById(id);
    document.querySelectorAll('.akn .is-target').forEach((e) => e.classList.remove('is-target'));
    el?.classList.add('is-target');
    el?.scrollIntoView({ block: 'center' });
  }, [hash, text]);
  const preamble = text.units.some((u) => u.kind === 'recital');
  return (
    <article className="akn" lang={text.language} data-testid="text-body">
      {preamble ? <h3 id="preamble" className="akn-preamble">{(NUMBERED[text.language] ?? NUMBERED.en!).preamble}</h3> : null}
      {text.units.map((u) => (u.kind === 'conclusions' ? <div key={u.eid} className="akn-conclusions"><UnitView u={u} language={text.language} /></div> : <UnitView key={u.eid} u={u} language={text.language} />))}
    </article>
  );
}

/** A version of the text; `ready` false asks nothing yet (e.g. before the held languages are known). */
const useText = (key: string | undefined, lang: string, version: string | null, ready = true) =>
  useApi<Text>(ready ? `/api/v1/documents/${key}/texts/${lang}${version ? `?version=${version}` : ''}` : null, { fresh: true });

/** A document's text per language, its versions, its exports, and (for officers) the upload form. */
export function TextPage() {
  const { key } = useParams();
  const { t } = useTranslation();
  const { lang: uiLang, pick } = useLang();
  const { me } = useMe();
  const [params, setParams] = useSearchParams();
  const versions = useApi<{ items: Version[] }>(`/api/v1/documents/${key}/texts`, { fresh: true });
  const held = LANGS.filter((l) => versions.data?.items.some((v) => v.language === l));
  const lang = params.get('language') ?? (held.includes(uiLang as (typeof LANGS)[number]) ? uiLang : held[0] ?? uiLang);
  const version = params.get('version');
  const text = useText(key, lang, version, held.includes(lang as (typeof LANGS)[number]));
  const doc = useApi<{ title: Localised }>(`/api/v1/documents/${key}`);
  const title = doc.data ? pick(doc.data.title) : key;
  usePageTitle(`${t('texts.title')}: ${title ?? ''}`);
  const [message, setMessage] = useState<string | null>(null);
  const choose = (next: Record<string, string | null>) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) v === null ? p.delete(k) : p.set(k, v);
    setParams(p, { replace: true });
  };
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const language = String(f.get('language'));
    try {
      const res = await send<{ version: number }>('POST', `/api/v1/documents/${key}/texts/${language}`, { text: String(f.get('text')), source: [String(f.get('source'))], ...(f.get('note') ? { note: String(f.get('note')) } : {}) });
      setMessage(t('texts.uploaded', { version: res.version }));
      versions.reload();
      choose({ language, version: null });
      text.reload();
    } catch (err) {
      setMessage(err instanceof Problem ? err.message : String(err));
    }
  };
  const ofLang = versions.data?.items.filter((v) => v.language === lang) ?? [];
  const shown = text.data;
  const query = `?language=${lang}${shown ? `&version=${shown.version}` : ''}`;
  return (
    <section>
      <h1>{title}</h1>
      <p><Link to={`/documents/${key}`}>{t('texts.back')}</Link></p>
      <div className="text-controls">
        <span role="group" aria-label={t('texts.language')}>
          {LANGS.map((l) => (
            <button key={l} type="button" aria-pressed={l === lang} disabled={!held.includes(l)} onClick={() => choose({ language: l, version: null })} data-testid={`text-lang-${l}`}>{t(`texts.lang.${l}`)}</button>
          ))}
        </span>
        {ofLang.length > 0 ? (
          <label>{t('texts.version')}{' '}
            <select value={shown?.version ?? ''} onChange={(e) => choose({ version: e.target.value })} data-testid="text-version">
              {ofLang.map((v) => <option key={v.version} value={v.version}>{t('texts.versionOf', { version: v.version, date: v.created_at.slice(0, 10) })}</option>)}
            </select>
          </label>
        ) : null}
        {shown ? (
          <>
            <a href={`/api/v1/documents/${key}/texts/${lang}/text.akn.xml?version=${shown.version}`} data-testid="akn-link">{t('texts.akn')}</a>
            <Link to={`/documents/${key}/text/print${query}`} data-testid="print-link">{t('texts.print')}</Link>
          </>
        ) : null}
      </div>
      {held.length === 0 && versions.data ? <p>{t('texts.none')}</p> : null}
      {text.error && held.includes(lang as (typeof LANGS)[number]) ? <p className="error">{text.error}</p> : null}
      {shown ? (
        <>
          <p className="text-provenance">
            {shown.version < shown.latest_version ? <strong>{t('texts.older', { latest: shown.latest_version })} </strong> : null}
            {t('texts.source')}: {shown.source.map((s) => (/^https?:/.test(s) ? <a key={s} href={s} rel="noreferrer">{s}</a> : <span key={s}>{s}</span>))}
            {shown.note ? <> · {shown.note}</> : null}
          </p>
          <TextBody text={shown} />
        </>
      ) : null}
      {me?.abilities.includes('texts.upload') ? (
        <form className="stack" onSubmit={submit} data-testid="upload-text">
          <h2>{t('texts.upload')}</h2>
          <p>{t('texts.uploadHelp')}</p>
          <label>{t('texts.language')} <select name="language" defaultValue={lang}>{LANGS.map((l) => <option key={l} value={l}>{t(`texts.lang.${l}`)}</option>)}</select></label>
          <label>{t('texts.body')} <textarea name="text" rows={10} required /></label>
          <label>{t('texts.source')} <input name="source" required size={40} /></label>
          <label>{t('texts.note')} <input name="note" size={40} /></label>
          <button type="submit">{t('texts.save')}</button>
          {message ? <p data-testid="upload-message">{message}</p> : null}
        </form>
      ) : null}
    </section>
  );
}

/** The printable page: the text alone, with print styles. */
export function PrintTextPage() {
  const { key } = useParams();
  const { t } = useTranslation();
  const { pick } = useLang();
  const [params] = useSearchParams();
  const lang = params.get('language') ?? 'en';
  const text = useText(key, lang, params.get('version'));
  usePageTitle(text.data ? `${pick(text.data.title)} (${t(`texts.lang.${lang}`, { defaultValue: lang })})` : key);
  return (
    <section className="print-text">
      <p className="no-print"><Link to={`/documents/${key}/text?language=${lang}`}>{t('texts.backToText')}</Link> · <button type="button" onClick={() => window.print()}>{t('texts.printNow')}</button></p>
      {text.error ? <p className="error">{text.error}</p> : null}
      {text.data ? (
        <>
          <h1 lang={lang}>{text.data.title[lang as 'en'] ?? pick(text.data.title)}</h1>
          <p className="text-provenance">{t('texts.versionOf', { version: text.data.version, date: text.data.created_at.slice(0, 10) })} · {t('texts.source')}: {text.data.source.join('; ')}</p>
          <TextBody text={text.data} />
        </>
      ) : null}
    </section>
  );
}
