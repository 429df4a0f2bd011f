import { useState, type FormEvent } from 'react';
import { usePageTitle } from '../lib/page.ts';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { Problem, send, todayIso, useApi, useLang, type Localised } from '../lib/api.ts';
import { useMe } from '../lib/session.ts';
import { StateName } from '../components/StateName.tsx';
import '../lib/strings/registry-work.ts';

type Notification = { id: string; year: number; number: number; document: string; summary: string; published_at: string };
type Row = { participant: string; signature: string | null; consent: string | null; consent_kind: string | null; provisional_application: string | null; entry_into_force: string | null; status: string; withdrawal: string | null; reservations: string[] };
type Act = { id: string; state: string; action: string; date: string; instrument: string; text: string | null; source: string[]; superseded_by: string | null };
type Doc = { key: string; title: Localised; entry_into_force_rule: string; status: { status: string; date: string | null; computation: string[] } };
const ACTIONS = ['signature', 'ratification', 'acceptance', 'approval', 'accession', 'notification', 'reservation', 'declaration', 'withdrawal', 'provisional_application', 'entry_into_force'];

/** The published depositary notifications, newest first. */
export function DepositaryPage() {
  const { t } = useTranslation();
  usePageTitle(t('work.dep.notifications'));
  const { data, error } = useApi<{ items: Notification[] }>('/api/v1/depositary/notifications?per_page=200', { fresh: true });
  return (
    <section>
      <h1>{t('work.dep.notifications')}</h1>
      {error ? <p className="error">{error}</p> : null}
      <p><Link to="/depositary/charter-2002-06-07-charter">{t('work.dep.statusTable')}: {t('work.dep.charter')}</Link> · <a href="/api/v1/depositary/notifications.csv">{t('common.csv')}</a></p>
      {data?.items.length === 0 ? <p>{t('work.dep.noNotifications')}</p> : (
        <table>
          <thead><tr><th>{t('work.dep.number')}</th><th>{t('work.dep.published')}</th><th></th></tr></thead>
          <tbody>{data?.items.map((n) => <tr key={n.id}><td>{n.year}/{n.number}</td><td>{n.published_at.slice(0, 10)}</td><td><Link to={`/depositary/${n.document}`}>{n.summary}</Link></td></tr>)}</tbody>
        </table>
      )}
    </section>
  );
}

/** A treaty's status table in the manner of the UN Treaty Collection, its acts, and (for officers) the form to record one. */
export function TreatyStatusPage() {
  const { key } = useParams();
  const { t } = useTranslation();
  const { pick } = useLang();
  const { me } = useMe();
  const doc = useApi<Doc>(`/api/v1/documents/${key}`, { fresh: true });
  usePageTitle(doc.data ? pick(doc.data.title) : key);
  const table = useApi<{ items: Row[] }>(`/api/v1/documents/${key}/status?per_page=200`, { fresh: true });
  const acts = useApi<{ items: Act[] }>(`/api/v1/documents/${key}/acts`, { fresh: true });
  const commitments = useApi<{ items: { paragraph: string; what: string; states: string[]; organs: string[]; deadline: string | null; status: string; flags: string[] }[]; total: number }>(`/api/v1/commitments?document=${key}&per_page=200`, { fresh: true });
  const [message, setMessage] = useState<string | null>(null);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const body = Object.fromEntries([...f.entries()].filter(([, v]) => v !== '')) as Record<string, string>;
    try {
      const res = await send<{ notification: { id: string } }>('POST', `/api/v1/documents/${key}/acts`, { ...body, source: [body.source] });
      setMessage(t('work.dep.recorded', { id: res.notification.id }));
      doc.reload(); table.reload(); acts.reload();
    } catch (err) {
      setMessage(err instanceof Problem ? `${err.message}` : String(err));
    }
  };
  return (
    <section>
      <h1>{doc.data ? pick(doc.data.title) : key}</h1>
      <p><Link to={`/documents/${key}`}>{key}</Link> · <a href={`/api/v1/documents/${key}/status.csv`}>{t('common.csv')}</a> · <a href={`/api/v1/documents/${key}/status`}>{t('work.dep.json')}</a></p>
      {doc.data ? (
        <div className="computation" data-testid="computation">
          <strong>{t('work.dep.overall')}: {t(`status.${doc.data.status.status}`)} {doc.data.status.date ?? ''}</strong> <code>{doc.data.entry_into_force_rule}</code>
          <details open><summary>{t('work.dep.computation')}</summary><ul>{doc.data.status.computation.map((c) => <li key={c}>{c}</li>)}</ul></details>
        </div>
      ) : null}
      <h2>{t('work.dep.statusTable')}</h2>
      <table data-testid="status-table">
        <thead><tr><th>{t('work.dep.participant')}</th><th>{t('work.dep.signature')}</th><th>{t('work.dep.consent')}</th><th>{t('work.dep.provisional')}</th><th>{t('work.dep.eif')}</th><th>{t('work.dep.reservations')}</th></tr></thead>
        <tbody>
          {table.data?.items.map((r) => (
            <tr key={r.participant} data-state={r.participant}>
              <td><StateName iso2={r.participant} /></td>
              <td>{r.signature ?? ''}</td>
              <td>{r.consent ?? ''}{r.consent_kind === 'accession' ? ' a' : ''}</td>
              <td>{r.provisional_application ?? ''}</td>
              <td>{r.entry_into_force ?? ''} <small>{t(`status.${r.status}`)}</small></td>
              <td>{r.reservations.join('; ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t('work.dep.acts')}</h2>
      <ul>
        {acts.data?.items.map((a) => (
          <li key={a.id} className={a.superseded_by ? 'superseded' : ''}>
            {a.date} <StateName iso2={a.state} /> — {t(`work.act.${a.action}`)} ({a.instrument}){a.text ? `: ${a.text}` : ''} <small>{a.id}{a.superseded_by ? ` · ${t('work.dep.superseded')} ${a.superseded_by}` : ''}</small>
          </li>
        ))}
      </ul>
      {commitments.data?.total ? (
        <>
          <h2>{t('work.com.title')} — {t('work.com.total', { count: commitments.data.total })}</h2>
          <table data-testid="document-commitments">
            <thead><tr><th>{t('work.com.paragraph')}</th><th>{t('work.com.what')}</th><th>{t('work.com.who')}</th><th>{t('work.com.deadline')}</th><th>{t('work.com.status')}</th><th>{t('work.com.flags')}</th></tr></thead>
            <tbody>{commitments.data.items.map((c) => <tr key={c.paragraph}><td><code>{c.paragraph}</code></td><td>{c.what}</td><td>{[...c.states, ...c.organs].join(', ')}</td><td>{c.deadline ?? ''}</td><td>{t(`mstatus.${c.status}`)}</td><td>{c.flags.map((f) => t(`work.flag.${f}`)).join(', ')}</td></tr>)}</tbody>
          </table>
        </>
      ) : null}
      {me?.abilities.includes('depositary.record') ? (
        <form className="stack" onSubmit={submit} data-testid="record-act">
          <h2>{t('work.dep.record')}</h2>
          <label>{t('work.dep.state')} <input name="state" required pattern="[A-Za-z]{2}" size={3} /></label>
          <label>{t('work.dep.action')} <select name="action">{ACTIONS.map((a) => <option key={a} value={a}>{t(`work.act.${a}`)}</option>)}</select></label>
          <label>{t('work.dep.date')} <input name="date" type="date" required max={todayIso()} /></label>
          <label>{t('work.dep.instrument')} <input name="instrument" required size={40} /></label>
          <label>{t('work.dep.source')} <input name="source" required size={40} /></label>
          <label>{t('work.dep.text')} <textarea name="text" rows={2} /></label>
          <label>{t('work.dep.supersedes')} <input name="supersedes" pattern="act_[0-9a-f]{12}" /></label>
          <button type="submit">{t('work.dep.save')}</button>
          {message ? <p data-testid="act-message">{message}</p> : null}
        </form>
      ) : null}
    </section>
  );
}
