import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useApi, useLang, type Localised, type Sourced } from '../lib/api.ts';
import { Provenance } from '../components/Provenance.tsx';

type Organ = { id: string; parent: string | null; kind: string; name: Localised; seat: string | null; functions: string[]; charter_article: number | null; founding_document: string | null } & Sourced;

function Branch({ organ, all }: { organ: Organ; all: Organ[] }) {
  const { t } = useTranslation();
  const { pick } = useLang();
  const children = all.filter((o) => o.parent === organ.id);
  return (
    <li data-organ={organ.id}>
      <details open={organ.parent === null || organ.parent === 'CHS'}>
        <summary><strong>{pick(organ.name)}</strong> <small className="kind">{organ.kind.replace('_', ' ')}</small></summary>
        <div className="organ-body">
          {organ.charter_article ? <p>{t('organs.article')}: {organ.charter_article}</p> : null}
          {organ.seat ? <p>{t('organs.seat')}: {organ.seat}</p> : null}
          {organ.founding_document ? <p>{t('organs.founded')}: <Link to={`/documents/${organ.founding_document.split('/').slice(4).join('-')}`}>{organ.founding_document}</Link></p> : null}
          {organ.functions.length > 0 ? <ul className="functions">{organ.functions.map((f) => <li key={f}>{f}</li>)}</ul> : null}
          {organ.source.length > 0 ? <Provenance record={organ} /> : null}
          {['CHS', 'CHG'].includes(organ.id) ? <p><Link to={`/meetings?organ=${organ.id}`}>{t('meetings.title')}</Link></p> : null}
        </div>
        {children.length > 0 ? <ul className="tree">{children.map((c) => <Branch key={c.id} organ={c} all={all} />)}</ul> : null}
      </details>
    </li>
  );
}

export function OrgansPage() {
  const { t } = useTranslation();
  const { data, error } = useApi<{ items: Organ[] }>('/api/v1/organs?per_page=200');
  if (error) return <p className="error">{error}</p>;
  if (!data) return <p>{t('common.loading')}</p>;
  return (
    <section>
      <h1>{t('organs.title')}</h1>
      <ul className="tree root">{data.items.filter((o) => o.parent === null).map((o) => <Branch key={o.id} organ={o} all={data.items} />)}</ul>
      <p><a href="/api/v1/organs.csv">{t('common.csv')}</a></p>
    </section>
  );
}
