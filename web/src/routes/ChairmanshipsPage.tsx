import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useApi, type Sourced } from '../lib/api.ts';
import { Provenance } from '../components/Provenance.tsx';
import { StateName } from '../components/StateName.tsx';
import { useOrganisation } from '../components/Status.tsx';
import { City, RecordText } from '../components/RecordText.tsx';
import { LoadError, Loading } from '../components/States.tsx';
import { useRecordText } from '../lib/records.ts';
import { useFormat } from '../lib/format.ts';
import { usePageTitle } from '../lib/page.ts';

type Term = { state: string; valid_from: string; valid_to: string | null; basis: 'recorded' | 'computed'; summit: string | null; summit_city: string | null; summit_date: string | null } & Sourced;

export function ChairmanshipsPage() {
  const { t } = useTranslation();
  const org = useOrganisation();
  const { text } = useRecordText();
  const { date } = useFormat();
  usePageTitle(t('chairs.title'));
  const { data, error, status } = useApi<{ items: Term[] }>('/api/v1/chairmanships?per_page=200');
  if (error) return <LoadError error={error} status={status} />;
  if (!data) return <Loading />;
  return (
    <section>
      <h1>{t('chairs.title')}</h1>
      {org ? <p className="rule">{t('chairs.rule')}: <RecordText shown={text('organisation', 'sco', 'rotation.term', org.rotation.term)} />. {org.rotation.note ? <RecordText shown={text('organisation', 'sco', 'rotation.note', org.rotation.note)} /> : null}</p> : null}
      <ol className="timeline">
        {[...data.items].reverse().map((c) => (
          <li key={`${c.basis}${c.valid_from}`} className={c.basis} data-basis={c.basis}>
            <span className="when">{c.valid_from.slice(0, 4)}{c.valid_to ? `–${c.valid_to.slice(0, 4)}` : ''}</span>
            <StateName iso2={c.state} />
            <span className="badge">{t(`chairs.${c.basis}`)}</span>
            {c.summit ? <span> · {t('chairs.summit')}: <Link to={`/meetings/${c.summit}`}><City name={c.summit_city} /> {date(c.summit_date)}</Link></span> : null}
            <Provenance record={c} />
          </li>
        ))}
      </ol>
      <p><a href="/api/v1/chairmanships.csv">{t('common.csv')}</a></p>
    </section>
  );
}
