import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { todayIso, useApi, useLang, type Localised, type Sourced } from '../lib/api.ts';
import { Provenance } from '../components/Provenance.tsx';
import { StatusBadge } from '../components/Status.tsx';
import { City, RecordText } from '../components/RecordText.tsx';
import { LoadError, Loading } from '../components/States.tsx';
import { useRecordText } from '../lib/records.ts';
import { useFormat } from '../lib/format.ts';
import { usePageTitle } from '../lib/page.ts';
import { useMe } from '../lib/session.ts';
import { MembershipActForm } from './officer-forms.tsx';
import '../lib/strings/relations.ts';

type Period = { status: string; valid_from: string; valid_to: string | null; basis: string | null; meeting: string | null } & Sourced;
type State = {
  iso2: string; iso3: string; name: Localised; official_name_en: string | null; status: Period | null; history: Period[];
  chairmanships: { valid_from: string; valid_to: string | null; summit: string | null }[];
  hosted_meetings: { id: string; organ: string; start_date: string; city: string }[];
  acts: ({ id: string; act: string; status: string | null; date: string; date_precision: string; organ: string | null; meeting: string | null; decision: string | null } & Sourced)[];
} & Sourced;
type Organisation = { statuses: { id: string; label: Localised }[] };

export function StatePage() {
  const { iso2 } = useParams();
  const { t } = useTranslation();
  const { text } = useRecordText();
  const { date } = useFormat();
  const { data, error, status, reload } = useApi<State>(`/api/v1/states/${iso2}`, { fresh: true });
  const { me } = useMe();
  const { pick } = useLang();
  const officer = me?.abilities.includes('membership.record');
  const { data: organisation } = useApi<Organisation>(officer ? '/api/v1/organisation' : null);
  const name = data ? text('state', data.iso2, 'name', data.name.en, data.name) : null;
  usePageTitle(name?.text);
  if (error) return <LoadError error={error} status={status} />;
  if (!data || !name) return <Loading />;
  return (
    <section>
      <h1><RecordText shown={name} /> <small>{data.iso2} · {data.iso3}</small></h1>
      <p>{t('state.current')} {date(todayIso())}: <StatusBadge status={data.status?.status} /></p>
      <h2>{t('state.history')}</h2>
      <table>
        <thead><tr><th>{t('docs.status')}</th><th>{t('state.from')}</th><th>{t('state.to')}</th><th>{t('state.basis')}</th><th>{t('common.source')}</th></tr></thead>
        <tbody>
          {data.history.map((p) => (
            <tr key={`${p.status}${p.valid_from}`}>
              <td><StatusBadge status={p.status} /></td>
              <td>{date(p.valid_from)}</td>
              <td>{p.valid_to ? date(p.valid_to) : t('state.present')}</td>
              <td>{p.basis ? <RecordText shown={text('status_period', `${data.iso2}/${p.valid_from}/${p.status}`, 'basis', p.basis)} /> : null} {p.meeting ? <Link to={`/meetings/${p.meeting}`}>({p.meeting})</Link> : null}</td>
              <td><Provenance record={p} /></td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t('rel.acts.title')}</h2>
      <table data-testid="membership-acts">
        <thead><tr><th>{t('rel.acts.date')}</th><th>{t('rel.acts.kind')}</th><th>{t('rel.acts.status')}</th><th>{t('rel.acts.decision')}</th><th>{t('common.source')}</th></tr></thead>
        <tbody>
          {data.acts.map((a) => (
            <tr key={a.id} data-act={a.id}>
              <td>{a.date_precision === 'year' ? a.date.slice(0, 4) : a.date_precision === 'month' ? a.date.slice(0, 7) : date(a.date)}</td>
              <td>{t(`rel.actKind.${a.act}`)}</td>
              <td>{a.status ? <StatusBadge status={a.status} /> : null}</td>
              <td>{a.decision ? <Link to={`/documents/${a.decision.split('/').slice(4).join('-')}`}>{a.decision.split('/').at(-1)}</Link> : null} {a.meeting ? <Link to={`/meetings/${a.meeting}`}>({a.meeting})</Link> : null}</td>
              <td><Provenance record={a} /></td>
            </tr>
          ))}
        </tbody>
      </table>
      {officer && organisation ? <MembershipActForm iso2={data.iso2} statuses={organisation.statuses.map((s) => ({ id: s.id, label: pick(s.label) }))} onSaved={reload} /> : null}
      {data.chairmanships.length > 0 ? (
        <>
          <h2>{t('state.chairs')}</h2>
          <ul>{data.chairmanships.map((c) => <li key={c.valid_from}>{date(c.valid_from)} — {c.valid_to ? date(c.valid_to) : t('state.present')} {c.summit ? <Link to={`/meetings/${c.summit}`}>{c.summit}</Link> : null}</li>)}</ul>
        </>
      ) : null}
      {data.hosted_meetings.length > 0 ? (
        <>
          <h2>{t('state.hosted')}</h2>
          <ul>{data.hosted_meetings.map((m) => <li key={m.id}><Link to={`/meetings/${m.id}`}>{m.id}</Link> {date(m.start_date)} <City name={m.city} /></li>)}</ul>
        </>
      ) : null}
      <Provenance record={data} />
    </section>
  );
}
