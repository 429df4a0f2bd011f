import { Empty, LoadError, Loading, SignInNeeded } from '../components/States.tsx';
import { useFormat } from '../lib/format.ts';
import { usePageTitle } from '../lib/page.ts';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { send, useApi } from '../lib/api.ts';
import { useMe } from '../lib/session.ts';

type Draft = { id: string; organ: string; kind: string; title: string; tabled_by_state: string | null; status: string; tabled_at: string };
type Notice = { id: number; event: string; draft: string; summary: string; created_at: string; read: boolean };
const KINDS = ['declaration', 'decision', 'statement', 'agreement', 'programme', 'action-plan', 'procedural', 'project', 'suspension'];

export function WorkspacePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { me, loading } = useMe();
  const drafts = useApi<{ items: Draft[] }>(me ? '/api/v1/drafts' : null, { fresh: true });
  const inbox = useApi<{ items: Notice[] }>(me ? '/api/v1/inbox' : null, { fresh: true });
  const councils = useApi<{ items: { id: string; kind: string }[] }>('/api/v1/organs?per_page=200');
  const [error, setError] = useState<string | null>(null);
  usePageTitle(t('ws.workspace'));
  if (loading) return <Loading />;
  if (!me) return <SignInNeeded title={t('ws.workspace')} />;
  // Officers table at any council for the Secretariat; a delegate only at their own organs, for
  // the states they act for (the first is the default; a multi-state role chooses).
  const officer = me.roles.some((r) => r.role === 'secretariat_officer');
  const own = me.roles.map((r) => r.organ).filter(Boolean) as string[];
  const anyOrgan = me.roles.some((r) => r.state && !r.organ);
  const organs = officer || anyOrgan ? [...new Set([...own, ...(councils.data?.items.filter((o) => o.kind === 'council').map((o) => o.id) ?? [])])] : [...new Set(own)];
  const states = [...new Set(me.roles.map((r) => r.state).filter(Boolean) as string[])];
  const table = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    try {
      const state = String(f.get('state') ?? '');
      const created = await send<{ id: string }>('POST', '/api/v1/drafts', { organ: f.get('organ'), kind: f.get('kind'), title: f.get('title'), ...(state ? { state } : {}), text_en: f.get('text_en') || undefined, text_ru: f.get('text_ru') || undefined, text_zh: f.get('text_zh') || undefined });
      navigate(`/drafts/${created.id}`);
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <section>
      <h1>{t('ws.workspace')} <small>{me.display_name} · {me.roles.map((r) => [t(`ref.role.${r.role}`, { defaultValue: r.role }), r.state, r.organ].filter(Boolean).join(' ')).join('; ')}</small></h1>
      <div className="columns">
        <div>
          <h2>{t('ws.agenda')}</h2>
          {drafts.data?.items.length === 0 ? <p>{t('ws.noDrafts')}</p> : null}
          <table data-testid="agenda">
            <tbody>
              {drafts.data?.items.map((d) => (
                <tr key={d.id}>
                  <td>{d.organ}</td>
                  <td><Link to={`/drafts/${d.id}`}>{d.title}</Link></td>
                  <td>{d.tabled_by_state ?? t('ws.secretariat')}</td>
                  <td><span className={`badge outcome-${d.status}`}>{t(`outcome.${d.status}`)}</span></td>
                </tr>
              ))}
            </tbody>
          </table>
          <h2>{t('ws.table')}</h2>
          <form onSubmit={table} className="stack" data-testid="table-draft">
            <label>{t('ws.title')} <input name="title" required maxLength={500} /></label>
            <label>{t('ws.organ')} <select name="organ">{organs.map((o) => <option key={o}>{o}</option>)}</select></label>
            <label>{t('ws.kind')} <select name="kind">{KINDS.map((k) => <option key={k}>{k}</option>)}</select></label>
            <label>{t('ws.forState')} <select name="state">{states.map((s) => <option key={s} value={s}>{s}</option>)}{officer ? <option value="">{t('ws.secretariat')}</option> : null}</select></label>
            <label>{t('ws.text')} (en) <textarea name="text_en" rows={3} /></label>
            <label>{t('ws.text')} (ru) <textarea name="text_ru" rows={2} /></label>
            <label>{t('ws.text')} (zh) <textarea name="text_zh" rows={2} /></label>
            <button type="submit">{t('ws.submit')}</button>
            {error ? <p className="error" role="alert">{error}</p> : null}
          </form>
        </div>
        <div>
          <h2>{t('ws.inbox')}</h2>
          <ul className="inbox" data-testid="inbox">
            {inbox.data?.items.map((n) => <li key={n.id} className={n.read ? 'read' : ''}><Link to={`/drafts/${n.draft}`}>{n.summary}</Link> <small>{n.created_at.slice(0, 16).replace('T', ' ')}</small></li>)}
          </ul>
        </div>
      </div>
    </section>
  );
}

export function DecisionsPage() {
  const { t } = useTranslation();
  const { data, error, status } = useApi<{ items: { id: string; draft: string; title: string; organ: string; participants: string[]; document: string | null; recorded_at: string; supersedes: string | null }[] }>('/api/v1/decisions', { fresh: true });
  const f = useFormat();
  usePageTitle(t('ws.publicDecisions'));
  return (
    <section>
      <h1>{t('ws.publicDecisions')}</h1>
      {error ? <LoadError error={error} status={status} /> : !data ? <Loading /> : data.items.length === 0 ? <Empty /> : null}
      <table data-testid="decisions">
        <thead><tr><th>{t('common.date')}</th><th>{t('ws.organ')}</th><th>{t('ws.title')}</th><th>{t('nav.documents')}</th></tr></thead>
        <tbody>
          {data?.items.map((d) => (
            <tr key={d.id}>
              <td>{f.date(d.recorded_at.slice(0, 10))}</td>
              <td>{d.organ}</td>
              <td><Link to={`/drafts/${d.draft}`}>{d.title}</Link></td>
              <td>{d.document ? <Link to={`/documents/${d.document.split('/').slice(4).join('-')}`}>{d.document}</Link> : null}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
