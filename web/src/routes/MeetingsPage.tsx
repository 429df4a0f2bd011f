import { City } from '../components/RecordText.tsx';
import { LoadError, Loading } from '../components/States.tsx';
import { useFormat } from '../lib/format.ts';
import { usePageTitle } from '../lib/page.ts';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useApi, useLang, type Localised, type Sourced } from '../lib/api.ts';
import { Provenance } from '../components/Provenance.tsx';
import { StateName } from '../components/StateName.tsx';
import { StatusBadge } from '../components/Status.tsx';
import { useMe } from '../lib/session.ts';
import { MeetingRecordForm, type MeetingRecord } from './officer-forms.tsx';
import '../lib/strings/relations.ts';

type CulturalEvent = { id: string; kind: string; title: Localised; start_date: string; end_date: string; date_precision: 'day' | 'month' | 'year'; city: string | null; hosts: string[]; states: string[]; meeting: string | null } & Sourced;

/** Cultural and humanitarian events on the same calendar as meetings. */
function Events({ organ, year }: { organ: string; year: string }) {
  const { t } = useTranslation();
  const { pick } = useLang();
  const f = useFormat();
  const query = new URLSearchParams({ per_page: '200', ...(organ ? { organ } : {}), ...(year ? { year } : {}) });
  const { data } = useApi<{ items: CulturalEvent[] }>(`/api/v1/events?${query}`);
  const when = (d: string, p: CulturalEvent['date_precision']) => (p === 'year' ? d.slice(0, 4) : p === 'month' ? d.slice(0, 7) : f.date(d));
  if (!data) return null;
  return (
    <>
      <h2>{t('rel.events.title')}</h2>
      {data.items.length === 0 ? <p>{t('rel.events.none')}</p> : (
        <table data-testid="events">
          <thead><tr><th>{t('rel.events.dates')}</th><th>{t('rel.events.kind')}</th><th>{t('meetings.title')}</th><th>{t('meetings.city')}</th><th>{t('rel.events.hosts')}</th><th>{t('rel.events.states')}</th></tr></thead>
          <tbody>
            {data.items.map((e) => (
              <tr key={e.id} data-event={e.id}>
                <td>{when(e.start_date, e.date_precision)}{e.end_date !== e.start_date ? ` – ${when(e.end_date, e.date_precision)}` : ''}</td>
                <td>{t(`rel.eventKind.${e.kind}`)}</td>
                <td>{pick(e.title)} {e.meeting ? <Link to={`/meetings/${e.meeting}`}>({e.meeting})</Link> : null}</td>
                <td>{e.city ? <City name={e.city} /> : null}</td>
                <td>{e.hosts.map((h, i) => <span key={h}>{i > 0 ? ', ' : ''}<StateName iso2={h} /></span>)}</td>
                <td>{e.states.length}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

type Meeting = { id: string; organ: string; organ_name: Localised; number: number | null; start_date: string; end_date: string; city: string; host: string | null; format: string; outcomes: string | null } & Sourced;
const ORGANS = ['CHS', 'CHG'];

export function MeetingsPage() {
  const { t } = useTranslation();
  const { pick } = useLang();
  const f = useFormat();
  usePageTitle(t('meetings.title'));
  const [params, setParams] = useSearchParams();
  const organ = params.get('organ') ?? '';
  const year = params.get('year') ?? '';
  const query = new URLSearchParams({ per_page: '200', ...(organ ? { organ } : {}), ...(year ? { year } : {}) });
  const { data, error } = useApi<{ items: Meeting[]; total: number }>(`/api/v1/meetings?${query}`);
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next);
  };
  return (
    <section>
      <h1>{t('meetings.title')}</h1>
      <div className="filters">
        <label>{t('meetings.organ')} <select value={organ} onChange={(e) => set('organ', e.target.value)}><option value="">{t('meetings.all')}</option>{ORGANS.map((o) => <option key={o} value={o}>{t(`ref.organ.${o}`)}</option>)}</select></label>
        <label>{t('meetings.year')} <input type="number" min={1996} max={2100} value={year} onChange={(e) => set('year', e.target.value)} /></label>
        <a href={`/api/v1/meetings.ics${organ ? `?organ=${organ}` : ''}`}>{t('meetings.subscribe')}</a>
        <a href={`/api/v1/meetings.csv?${query}`}>{t('common.csv')}</a>
      </div>
      {error ? <p className="error">{error}</p> : null}
      <table>
        <thead><tr><th>{t('meetings.date')}</th><th>{t('meetings.organ')}</th><th>{t('meetings.city')}</th><th>{t('meetings.host')}</th><th></th></tr></thead>
        <tbody>
          {data?.items.map((m) => (
            <tr key={m.id}>
              <td>{f.date(m.start_date)}{m.end_date !== m.start_date ? ` – ${f.date(m.end_date)}` : ''}</td>
              <td><Link to={`/meetings/${m.id}`}>{pick(m.organ_name)} {m.number ? `№ ${m.number}` : ''}</Link></td>
              <td><City name={m.city} /></td>
              <td><StateName iso2={m.host} /></td>
              <td className="outcomes">{m.outcomes}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Events organ={organ} year={year} />
    </section>
  );
}

type MeetingDetail = Meeting & { participants: Record<string, string[]>; documents: { key: string; kind: string; title: Localised }[]; record: MeetingRecord };

export function MeetingPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const { pick } = useLang();
  const f = useFormat();
  const { data, error, status, reload } = useApi<MeetingDetail>(`/api/v1/meetings/${id}`, { fresh: true });
  const { me } = useMe();
  // The officers who schedule meetings keep their records (the server checks the organ).
  const officer = me?.abilities.includes('organs.check_activity');
  usePageTitle(data ? `${pick(data.organ_name)} ${data.number ? `№ ${data.number}` : ''}` : t('meetings.title'));
  if (error) return <LoadError error={error} status={status} />;
  if (!data) return <Loading />;
  return (
    <section>
      <h1>{pick(data.organ_name)} {data.number ? `№ ${data.number}` : ''}</h1>
      <p>{f.date(data.start_date)}{data.end_date !== data.start_date ? ` – ${f.date(data.end_date)}` : ''} · <City name={data.city} /></p>
      {data.outcomes ? <p>{data.outcomes}</p> : null}
      <h2>{t('meetings.participants')}</h2>
      {Object.entries(data.participants).map(([status, states]) => (
        <p key={status}><StatusBadge status={status} />{' '}{states.map((s, i) => <span key={s}>{i > 0 ? ', ' : ''}<StateName iso2={s} /></span>)}</p>
      ))}
      <h2>{t('meetings.documents')}</h2>
      <ul>{data.documents.map((d) => <li key={d.key}><Link to={`/documents/${d.key}`}>{pick(d.title)}</Link> <small>{t(`ref.docKind.${d.kind}`, { defaultValue: d.kind })}</small></li>)}</ul>
      <h2>{t('rel.record.title')}</h2>
      <div data-testid="meeting-record">
        {data.record.agenda.length === 0 && data.record.delegations.length === 0 && !data.record.minutes ? <p>{t('rel.record.empty')}</p> : null}
        {data.record.agenda.length > 0 ? <ol>{data.record.agenda.map((a, i) => <li key={i}>{a.title} {a.draft ? <Link to={`/drafts/${a.draft}`}>({a.draft})</Link> : null}</li>)}</ol> : null}
        {data.record.delegations.map((d) => <p key={d.state}><StateName iso2={d.state} />: {d.members.join(', ')}</p>)}
        {data.record.outcome_documents.length > 0 ? <p>{t('rel.record.outcomes')}: {data.record.outcome_documents.map((k, i) => <span key={k}>{i > 0 ? ', ' : ''}<Link to={`/documents/${k}`}>{k}</Link></span>)}</p> : null}
        {data.record.minutes ? <blockquote>{data.record.minutes}</blockquote> : null}
      </div>
      {officer ? <MeetingRecordForm key={data.id} meetingId={data.id} record={data.record} onSaved={reload} /> : null}
      <Provenance record={data} />
    </section>
  );
}
