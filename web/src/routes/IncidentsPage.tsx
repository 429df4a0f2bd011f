import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { send, useApi } from '../lib/api.ts';
import { useMe } from '../lib/session.ts';
import { usePageTitle } from '../lib/page.ts';

type Text = { en: string; ru: string; zh: string };
type Procedure = { statuses: { id: string; label: Text }[]; steps: { id: string; status: string; title: Text }[] };
type Incident = {
  id: string; kind: string; originator: string; tlp: string; title: string; revoked: boolean; status: string; severity: string;
  checklist: Record<string, { at: string }>; aftercare: { note: string; at: string }[]; objects: unknown[];
};
const TLPS = ['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'];

/** The incident board: incidents by TLP and state, each with its handling checklist (kept as data) and aftercare. */
export function IncidentsPage() {
  const { t, i18n } = useTranslation();
  const { me } = useMe();
  usePageTitle(t('infosecHandling.incidentsTitle'));
  const records = useApi<{ node: string | null; items: Incident[] }>('/api/v1/infosec/records', { fresh: true });
  const procedure = useApi<Procedure>('/api/v1/infosec/procedure');
  const [tlp, setTlp] = useState('');
  const [state, setState] = useState('');
  const [note, setNote] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const cert = me?.roles.find((r) => r.role === 'cert_officer')?.state ?? null;
  const lang = (i18n.language in { en: 1, ru: 1, zh: 1 } ? i18n.language : 'en') as keyof Text;
  if (records.loading && !records.data) return <p>{t('common.loading')}</p>;
  if (records.error || records.data?.node === null) return <section><h1>{t('infosecHandling.incidentsTitle')}</h1><p>{records.error ?? t('infosecHandling.notNode')}</p></section>;
  const act = (method: 'POST' | 'PUT', url: string, body: unknown) => async () => {
    try {
      await send(method, url, body);
      setError(null);
      records.reload();
    } catch (err) {
      setError((err as Error).message);
    }
  };
  const incidents = (records.data?.items ?? []).filter((r) => r.kind === 'incident' && !r.revoked);
  const shown = incidents.filter((r) => (!tlp || r.tlp === tlp) && (!state || r.originator === state));
  const statuses = procedure.data?.statuses ?? [];
  const label = (id: string) => statuses.find((s) => s.id === id)?.label[lang] ?? id;
  return (
    <section>
      <h1>{t('infosecHandling.incidentsTitle')}</h1>
      {error ? <p className="error" role="alert">{error}</p> : null}
      <label>{t('infosecHandling.marking')}{' '}
        <select value={tlp} onChange={(e) => setTlp(e.target.value)} data-testid="incident-tlp">
          <option value="">{t('infosecHandling.all')}</option>
          {TLPS.map((x) => <option key={x} value={x}>TLP:{x}</option>)}
        </select>
      </label>{' '}
      <label>{t('infosecHandling.state')}{' '}
        <select value={state} onChange={(e) => setState(e.target.value)} data-testid="incident-state">
          <option value="">{t('infosecHandling.all')}</option>
          {[...new Set(incidents.map((r) => r.originator))].sort().map((s) => <option key={s} value={s}>{s}</option>)}
        </select>
      </label>
      {shown.length === 0 ? <p>{t('infosecHandling.none')}</p> : shown.map((r) => {
        const own = cert !== null && r.originator === cert;
        const i = statuses.findIndex((s) => s.id === r.status);
        const next = statuses[i + 1];
        return (
          <article key={r.id} className="card" data-testid="incident">
            <h2><span className={`badge tlp-${r.tlp.replace('+', '-').toLowerCase()}`}>TLP:{r.tlp}</span> {r.title}</h2>
            <p>{t('infosecHandling.from', { state: r.originator })} · {t('infosecHandling.status')}: <strong data-testid="incident-status">{label(r.status)}</strong> · {t('infosecHandling.objects', { count: r.objects?.length ?? 0 })}</p>
            <h3>{t('infosecHandling.checklist')}</h3>
            {statuses.map((s) => (
              <fieldset key={s.id}>
                <legend>{s.label[lang]}</legend>
                {(procedure.data?.steps ?? []).filter((step) => step.status === s.id).map((step) => (
                  <label key={step.id} style={{ display: 'block' }}>
                    <input type="checkbox" checked={Boolean(r.checklist?.[step.id])} disabled={!own || statuses.findIndex((x) => x.id === step.status) < i}
                      onChange={(e) => void act('PUT', `/api/v1/infosec/incidents/${r.id}/checklist/${step.id}`, { done: e.target.checked })()} data-testid={`step-${step.id}`} />{' '}
                    {step.title[lang]}
                  </label>
                ))}
              </fieldset>
            ))}
            {own && next ? <button type="button" onClick={act('POST', `/api/v1/infosec/incidents/${r.id}/status`, { status: next.id })} data-testid="incident-next">{t('infosecHandling.next', { status: next.label[lang] })}</button> : null}
            <h3>{t('infosecHandling.aftercare')}</h3>
            <ul>{(r.aftercare ?? []).map((a) => <li key={a.at}>{a.note}</li>)}</ul>
            {own && i >= 2 ? (
              <p>
                <label>{t('infosecHandling.addAftercare')}<br /><textarea value={note[r.id] ?? ''} onChange={(e) => setNote({ ...note, [r.id]: e.target.value })} data-testid="aftercare-note" /></label><br />
                <button type="button" disabled={!note[r.id]} onClick={async () => { await act('POST', `/api/v1/infosec/incidents/${r.id}/aftercare`, { note: note[r.id] })(); setNote({ ...note, [r.id]: '' }); }}>{t('infosecHandling.save')}</button>
              </p>
            ) : null}
          </article>
        );
      })}
    </section>
  );
}
