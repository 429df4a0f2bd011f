import { useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useApi } from '../lib/api.ts';
import type { Json } from '../lib/contract.ts';
import { useMe } from '../lib/session.ts';
import { useFormat } from '../lib/format.ts';
import { usePageTitle } from '../lib/page.ts';
import { Empty, LoadError, Loading, SignInNeeded } from '../components/States.tsx';
import '../lib/strings/audit.ts';

type Event = Required<Json<'/api/v1/audit-events'>['items'][number]>;
const FILTERS = ['actor', 'state', 'subject_type', 'subject_id', 'from', 'to'] as const;

/** The audit log for officers and administrators: filters in the URL, 100 events a page, CSV of all. */
export function AuditPage() {
  const { t } = useTranslation();
  const f = useFormat();
  usePageTitle(t('audit.title'));
  const { me, loading } = useMe();
  const [params, setParams] = useSearchParams();
  const may = me?.abilities.includes('audit.read') ?? false;
  const query = new URLSearchParams(FILTERS.flatMap((k) => (params.get(k) ? [[k, params.get(k)!]] : [])));
  const page = Number(params.get('page') ?? 1);
  const { data, error, status } = useApi<{ items: Event[]; total: number; per_page: number }>(may ? `/api/v1/audit-events?${query}&page=${page}&per_page=100` : null, { fresh: true });
  if (loading) return <Loading />;
  if (!me) return <SignInNeeded title={t('audit.title')} />;
  if (!may) return <section><h1>{t('audit.title')}</h1><p>{t('audit.denied')}</p></section>;
  const labels: Record<(typeof FILTERS)[number], string> = { actor: t('audit.actor'), state: t('audit.state'), subject_type: t('audit.recordType'), subject_id: t('audit.record'), from: t('audit.from'), to: t('audit.to') };
  const pages = data ? Math.max(1, Math.ceil(data.total / data.per_page)) : 1;
  const go = (p: number) => setParams(new URLSearchParams([...query, ['page', String(p)], ...(params.get('lang') ? [['lang', params.get('lang')!]] : [])]));
  return (
    <section>
      <h1>{t('audit.title')}</h1>
      <form
        className="filters"
        onSubmit={(e) => {
          e.preventDefault();
          const form = new FormData(e.currentTarget);
          const next = new URLSearchParams(FILTERS.flatMap((k) => (form.get(k) ? [[k, String(form.get(k))]] : [])));
          if (params.get('lang')) next.set('lang', params.get('lang')!);
          setParams(next);
        }}
      >
        {FILTERS.map((k) => (
          <label key={k}>{labels[k]} <input name={k} type={k === 'from' || k === 'to' ? 'date' : 'text'} defaultValue={params.get(k) ?? ''} size={k === 'state' ? 3 : 14} /></label>
        ))}
        <button type="submit">{t('audit.filter')}</button>
        <a href={`/api/v1/audit-events.csv?${query}`}>{t('common.csv')}</a>
      </form>
      {error ? <LoadError error={error} status={status} /> : !data ? <Loading /> : data.total === 0 ? <Empty /> : null}
      {data && data.total >= 5000 ? <p>{t('audit.limit', { limit: f.number(5000) })}</p> : null}
      <table data-testid="audit">
        <thead><tr><th>{t('audit.at')}</th><th>{t('audit.actor')}</th><th>{t('audit.state')}</th><th>{t('audit.action')}</th><th>{t('audit.record')}</th></tr></thead>
        <tbody>
          {data?.items.map((e) => (
            <tr key={e.seq}>
              <td>{new Date(e.at).toLocaleString(document.documentElement.lang, { timeZone: 'UTC' })} UTC</td>
              <td>{e.actor}</td>
              <td>{e.acting_for ?? '—'}</td>
              <td><code>{e.action}</code></td>
              <td>{e.subject_type} <code>{e.subject_id}</code></td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="pager">
        <button disabled={page <= 1} onClick={() => go(page - 1)}>{t('common.prev')}</button>
        <span>{t('common.page')} {page} / {pages}</span>
        <button disabled={page >= pages} onClick={() => go(page + 1)}>{t('common.next')}</button>
      </div>
    </section>
  );
}
