import { Link, useParams, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useApi, useLang, type Localised, type Sourced } from '../lib/api.ts';
import { Provenance } from '../components/Provenance.tsx';
import '../lib/strings/registry-work.ts';
import '../lib/strings/texts.ts';
import { StateName } from '../components/StateName.tsx';
import { City, RecordText } from '../components/RecordText.tsx';
import { Empty, LoadError, Loading } from '../components/States.tsx';
import { useRecordText } from '../lib/records.ts';
import { useFormat, type Formatters } from '../lib/format.ts';
import { usePageTitle } from '../lib/page.ts';
import type { TFunction } from 'i18next';

type Doc = { id: string; key: string; kind: string; title: Localised; date: string | null; date_precision: string | null; place: string | null; organ: string | null; meeting: string | null; counterparty: string | null; in_force: string | null; entry_into_force_rule: string } & Sourced;
const KINDS = ['charter', 'convention', 'treaty', 'agreement', 'protocol', 'declaration', 'statement', 'communique', 'programme', 'action-plan', 'plan', 'strategy', 'concept', 'roadmap', 'regulation', 'memorandum', 'decision', 'initiative', 'resolution'];
const ORGANS = ['CHS', 'CHG', 'SECRETARIAT'];
const shownDate = (d: Doc, f: Formatters) => (d.date ? f.date(d.date_precision === 'year' ? d.date.slice(0, 4) : d.date_precision === 'month' ? d.date.slice(0, 7) : d.date) : '—');

/** An entry-into-force rule code (`consents:4:30`) in words. */
export function ruleLabel(rule: string, t: TFunction): string {
  const [kind, count, days] = rule.split(':');
  return t(`ref.eif.${kind}`, { count: Number(count), days: Number(days), defaultValue: rule });
}

export function DocumentsPage() {
  const { t } = useTranslation();
  const { text } = useRecordText();
  const f = useFormat();
  usePageTitle(t('docs.title'));
  const [params, setParams] = useSearchParams();
  const filters = { kind: params.get('kind') ?? '', organ: params.get('organ') ?? '', year: params.get('year') ?? '', q: params.get('q') ?? '' };
  const page = Number(params.get('page') ?? 1);
  const query = new URLSearchParams(Object.entries(filters).filter(([, v]) => v));
  const { data, error, status } = useApi<{ items: Doc[]; total: number; per_page: number }>(`/api/v1/documents?${query}&page=${page}&per_page=25`);
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    next.delete('page');
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next);
  };
  const pages = data ? Math.max(1, Math.ceil(data.total / data.per_page)) : 1;
  return (
    <section>
      <h1>{t('docs.title')}</h1>
      <div className="filters">
        <label>{t('docs.kind')} <select value={filters.kind} onChange={(e) => set('kind', e.target.value)}><option value="">{t('meetings.all')}</option>{[...KINDS].sort((a, b) => f.compare(t(`ref.docKind.${a}`), t(`ref.docKind.${b}`))).map((k) => <option key={k} value={k}>{t(`ref.docKind.${k}`)}</option>)}</select></label>
        <label>{t('meetings.organ')} <select value={filters.organ} onChange={(e) => set('organ', e.target.value)}><option value="">{t('meetings.all')}</option>{ORGANS.map((o) => <option key={o} value={o}>{t(`ref.organ.${o}`)}</option>)}</select></label>
        <label>{t('meetings.year')} <input type="number" min={1996} max={2100} value={filters.year} onChange={(e) => set('year', e.target.value)} /></label>
        <label>{t('docs.search')} <input type="search" value={filters.q} onChange={(e) => set('q', e.target.value)} /></label>
        <a href={`/api/v1/documents.csv?${query}`}>{t('common.csv')}</a>
      </div>
      {error ? <LoadError error={error} status={status} /> : null}
      {!data && !error ? <Loading /> : null}
      {data?.total === 0 ? <Empty /> : null}
      <p>{data ? f.number(data.total) : ''}</p>
      <table>
        <thead><tr><th>{t('common.date')}</th><th>{t('docs.kind')}</th><th>{t('ws.title')}</th><th>{t('common.confidence')}</th></tr></thead>
        <tbody>
          {data?.items.map((d) => (
            <tr key={d.id}>
              <td>{shownDate(d, f)}</td>
              <td>{t(`ref.docKind.${d.kind}`, { defaultValue: d.kind })}</td>
              <td><Link to={`/documents/${d.key}`}><RecordText shown={text('document', d.id, 'title', d.title.en, d.title)} /></Link>{d.counterparty ? <small> · {t('docs.counterparty')} {d.counterparty}</small> : null}</td>
              <td><span className={`badge confidence-${d.confidence}`}>{t(`confidence.${d.confidence}`)}</span></td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="pager">
        <button disabled={page <= 1} onClick={() => set('page', String(page - 1))}>{t('common.prev')}</button>
        <span>{t('common.page')} {page} / {pages}</span>
        <button disabled={page >= pages} onClick={() => set('page', String(page + 1))}>{t('common.next')}</button>
      </div>
    </section>
  );
}

type DocDetail = Doc & {
  status: { status: string; date: string | null; basis: string };
  parties: { state: string; signed: string | null; consented: string | null; withdrawn: string | null; status: string; inForceFrom: string | null }[];
  ledger: ({ state: string; action: string; date: string; text: string | null } & Sourced)[];
  pending_signatures?: string[];
};

export function DocumentPage() {
  const { key } = useParams();
  const { t } = useTranslation();
  const { text } = useRecordText();
  const f = useFormat();
  const { data, error, status } = useApi<DocDetail>(`/api/v1/documents/${key}`);
  const title = data ? text('document', data.id, 'title', data.title.en, data.title) : null;
  usePageTitle(title?.text ?? t('docs.title'));
  if (error) return <LoadError error={error} status={status} />;
  if (!data || !title) return <Loading />;
  return (
    <section>
      <h1><RecordText shown={title} /></h1>
      <p className="akn"><code>{data.id}</code></p>
      <p>{t(`ref.docKind.${data.kind}`, { defaultValue: data.kind })} · {shownDate(data, f)} {data.place ? <>· <City name={data.place} /></> : ''} {data.meeting ? <Link to={`/meetings/${data.meeting}`}>· {data.meeting}</Link> : null}</p>
      <p>{t('docs.status')}: <strong data-testid="eif-status">{t(`status.${data.status.status}`)}</strong> {data.status.date ? `(${f.date(data.status.date)}, ${t(`ref.eifBasis.${data.status.basis}`, { defaultValue: data.status.basis })})` : ''} · {t('docs.rule')}: <span title={data.entry_into_force_rule}>{ruleLabel(data.entry_into_force_rule, t)}</span> · <Link to={`/depositary/${data.key}`} data-testid="depositary-link">{t('work.dep.open')}</Link> · <Link to={`/documents/${data.key}/text`} data-testid="text-link">{t('texts.open')}</Link></p>
      {data.pending_signatures && data.pending_signatures.length > 0 ? (
        <p data-testid="pending-signatures">{t('ref.pendingSignatures')}: {data.pending_signatures.map((s, i) => <span key={s}>{i > 0 ? ', ' : ''}<StateName iso2={s} /></span>)}</p>
      ) : null}
      {data.parties.length > 0 ? (
        <>
          <h2>{t('docs.parties')}</h2>
          <table>
            <thead><tr><th>{t('common.state')}</th><th>{t('docs.signed')}</th><th>{t('docs.consented')}</th><th>{t('docs.status')}</th><th>{t('docs.inForce')}</th></tr></thead>
            <tbody>{data.parties.map((p) => <tr key={p.state}><td><StateName iso2={p.state} /></td><td>{f.date(p.signed)}</td><td>{f.date(p.consented)}</td><td>{t(`status.${p.status}`)}</td><td>{f.date(p.inForceFrom)}</td></tr>)}</tbody>
          </table>
          <h2>{t('docs.ledger')}</h2>
          <table>
            <thead><tr><th>{t('common.date')}</th><th>{t('common.state')}</th><th>{t('docs.action')}</th><th>{t('docs.text')}</th><th>{t('common.source')}</th></tr></thead>
            <tbody>{data.ledger.map((a) => <tr key={`${a.state}${a.action}${a.date}`}><td>{f.date(a.date)}</td><td><StateName iso2={a.state} /></td><td>{t(`ref.action.${a.action}`, { defaultValue: a.action })}</td><td>{a.text}</td><td><Provenance record={a} /></td></tr>)}</tbody>
          </table>
        </>
      ) : null}
      <Provenance record={data} />
    </section>
  );
}
