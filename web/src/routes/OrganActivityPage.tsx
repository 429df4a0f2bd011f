import { useState, type FormEvent } from 'react';
import { usePageTitle } from '../lib/page.ts';
import { Link, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { Problem, send, useApi, useLang, type Localised } from '../lib/api.ts';
import { useMe } from '../lib/session.ts';
import '../lib/strings/registry-work.ts';

type Activity = { organ: string; name: Localised; rhythm: { rhythm: string; confidence: string } | null; meetings: number; meetings_by_year: Record<string, number>; documents: number; last: string | null; next: string | null; due: string | null; status: 'active' | 'dormant' | 'not_mandated' };

/** Every organ against its mandated rhythm; officers schedule meetings and send dormant-body alerts. */
export function OrganActivityPage() {
  const { t } = useTranslation();
  usePageTitle(t('work.activity.title'));
  const { pick } = useLang();
  const { me } = useMe();
  const { data, error, reload } = useApi<{ items: Activity[] }>('/api/v1/organ-activity?per_page=200', { fresh: true });
  const [message, setMessage] = useState<string | null>(null);
  const officer = me?.abilities.includes('organs.check_activity');
  const check = async () => {
    const res = await send<{ sent: unknown[] }>('POST', '/api/v1/organ-activity/alerts');
    setMessage(t('work.activity.sent', { count: res.sent.length }));
  };
  const schedule = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = Object.fromEntries(new FormData(e.currentTarget).entries()) as Record<string, string>;
    try {
      const res = await send<{ id: string }>('POST', '/api/v1/meetings', { organ: f.organ, start_date: f.start_date, ...(f.end_date ? { end_date: f.end_date } : {}), city: f.city, ...(f.agenda ? { agenda: [{ title: f.agenda }] } : {}) });
      setMessage(t('work.activity.scheduled', { id: res.id }));
      reload();
    } catch (err) {
      setMessage(err instanceof Problem ? err.message : String(err));
    }
  };
  return (
    <section>
      <h1>{t('work.activity.title')}</h1>
      {error ? <p className="error">{error}</p> : null}
      <p><a href="/api/v1/organ-activity.csv">{t('common.csv')}</a> · <a href="/api/v1/meetings.ics">{t('meetings.subscribe')}</a></p>
      <table data-testid="activity">
        <thead><tr><th>{t('work.activity.organ')}</th><th>{t('work.activity.rhythm')}</th><th>{t('work.activity.meetings')}</th><th>{t('work.activity.documents')}</th><th>{t('work.activity.last')}</th><th>{t('work.activity.next')}</th><th>{t('work.activity.due')}</th><th>{t('work.activity.status')}</th></tr></thead>
        <tbody>
          {data?.items.map((o) => (
            <tr key={o.organ} data-organ={o.organ} className={o.status === 'dormant' ? 'dormant' : ''}>
              <td><Link to={`/meetings?organ=${o.organ}`}>{pick(o.name)}</Link></td>
              <td>{o.rhythm ? t(`work.rhythm.${o.rhythm.rhythm}`) : ''}</td>
              <td title={Object.entries(o.meetings_by_year).map(([y, n]) => `${y}: ${n}`).join(', ')}>{o.meetings}</td>
              <td>{o.documents}</td>
              <td>{o.last ?? ''}</td>
              <td>{o.next ?? ''}</td>
              <td>{o.due ?? ''}</td>
              <td><strong>{t(`work.standing.${o.status}`)}</strong></td>
            </tr>
          ))}
        </tbody>
      </table>
      {officer ? (
        <>
          <p><button onClick={check}>{t('work.activity.check')}</button></p>
          <form className="stack" onSubmit={schedule} data-testid="schedule">
            <h2>{t('work.activity.schedule')}</h2>
            <label>{t('work.activity.organ')} <select name="organ">{data?.items.map((o) => <option key={o.organ} value={o.organ}>{pick(o.name)}</option>)}</select></label>
            <label>{t('work.activity.start')} <input name="start_date" type="date" required /></label>
            <label>{t('work.activity.end')} <input name="end_date" type="date" /></label>
            <label>{t('work.activity.city')} <input name="city" required /></label>
            <label>{t('work.activity.agenda')} <input name="agenda" size={40} /></label>
            <button type="submit">{t('work.activity.save')}</button>
          </form>
        </>
      ) : null}
      {message ? <p data-testid="activity-message">{message}</p> : null}
    </section>
  );
}

type Commitment = { document: string; document_title: Localised; paragraph: string; what: string; states: string[]; organs: string[]; deadline: string | null; status: string; flags: string[] };

/** The commitment register, by document, with flags. */
export function CommitmentsPage() {
  const { t } = useTranslation();
  usePageTitle(t('work.com.title'));
  const { pick } = useLang();
  const [params, setParams] = useSearchParams();
  const flag = params.get('flag') ?? '';
  const { data, error } = useApi<{ items: Commitment[]; total: number }>(`/api/v1/commitments?per_page=200${flag ? `&flag=${flag}` : ''}`, { fresh: true });
  return (
    <section>
      <h1>{t('work.com.title')}</h1>
      <div className="filters">
        <label>{t('work.com.flag')} <select value={flag} onChange={(e) => setParams(e.target.value ? { flag: e.target.value } : {})}><option value="">{t('work.com.all')}</option>{['no_owner', 'no_deadline', 'overdue', 'met'].map((f) => <option key={f} value={f}>{t(`work.flag.${f}`)}</option>)}</select></label>
        <a href={`/api/v1/commitments.csv${flag ? `?flag=${flag}` : ''}`}>{t('common.csv')}</a>
        {data ? <span>{t('work.com.total', { count: data.total })}</span> : null}
      </div>
      {error ? <p className="error">{error}</p> : null}
      <table data-testid="commitments">
        <thead><tr><th>{t('work.com.document')}</th><th>{t('work.com.paragraph')}</th><th>{t('work.com.what')}</th><th>{t('work.com.who')}</th><th>{t('work.com.deadline')}</th><th>{t('work.com.status')}</th><th>{t('work.com.flags')}</th></tr></thead>
        <tbody>
          {data?.items.map((c) => (
            <tr key={`${c.document}#${c.paragraph}`}>
              <td><Link to={`/documents/${c.document}`}>{pick(c.document_title)}</Link></td>
              <td><code>{c.paragraph}</code></td>
              <td>{c.what}</td>
              <td>{[...c.states, ...c.organs].join(', ')}</td>
              <td>{c.deadline ?? ''}</td>
              <td>{t(`mstatus.${c.status}`)}</td>
              <td>{c.flags.map((f) => t(`work.flag.${f}`)).join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
