import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { send, todayIso, useApi } from '../lib/api.ts';
import { useMe } from '../lib/session.ts';
import { usePageTitle } from '../lib/page.ts';

const TLPS = ['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'] as const;
type Tlp = (typeof TLPS)[number];
type Warning = {
  id: string; originator: string; tlp: Tlp; title: string; severity?: string; valid_until?: string; revoked: boolean;
  recipients: string[]; acknowledgements: { state: string; at: string }[]; not_acknowledged?: string[];
  sightings: { state: string; kind: 'seen' | 'false_positive' | 'note'; note: string }[];
};
type NodeStatus = { state: string; sharing: string; peers: { state: string }[]; outbox: number; inbound_pending: number | null; rejected: { at: string; subject: string; origin: string | null; reason: string }[] };

/** The incident board of this state's node: warnings by TLP, acknowledgement, issuing, node status. */
export function InfosecPage() {
  const { t } = useTranslation();
  const { me } = useMe();
  const records = useApi<{ node: string | null; items: Warning[] }>('/api/v1/infosec/records', { fresh: true });
  const cert = me?.roles.find((r) => r.role === 'cert_officer')?.state ?? null;
  const status = useApi<NodeStatus>(cert || me?.roles.some((r) => r.role === 'administrator') ? '/api/v1/infosec/node' : null, { fresh: true });
  const [tlp, setTlp] = useState<Tlp | ''>('');
  usePageTitle(t('infosec.title'));
  const [error, setError] = useState<string | null>(null);
  if (records.loading && !records.data) return <p>{t('common.loading')}</p>;
  if (records.error || records.data?.node === null) return <section><h1>{t('infosec.title')}</h1><p>{records.error ?? t('infosec.notNode')}</p></section>;
  const act = (url: string, body?: unknown) => async () => {
    try {
      await send('POST', url, body);
      setError(null);
      records.reload();
    } catch (err) {
      setError((err as Error).message);
    }
  };
  const shown = (records.data?.items ?? []).filter((w) => !tlp || w.tlp === tlp);
  return (
    <section>
      <h1>{t('infosec.title')}</h1>
      {cert ? <p>{t('infosec.node', { state: cert })}</p> : <p>{t('infosec.signIn')}</p>}
      {error ? <p className="error" role="alert">{error}</p> : null}
      <h2>{t('infosec.board')}</h2>
      <label>{t('infosec.filter')}{' '}
        <select value={tlp} onChange={(e) => setTlp(e.target.value as Tlp | '')} data-testid="tlp-filter">
          <option value="">{t('infosec.all')}</option>
          {TLPS.map((x) => <option key={x} value={x}>TLP:{x}</option>)}
        </select>
      </label>
      {shown.length === 0 ? <p>{t('infosec.none')}</p> : (
        <table data-testid="warnings">
          <thead><tr><th>TLP</th><th>{t('infosec.titleCol')}</th><th>{t('infosec.from')}</th><th>{t('infosec.severity')}</th><th>{t('infosec.validUntil')}</th><th>{t('infosec.acknowledged')}</th><th></th></tr></thead>
          <tbody>
            {shown.map((w) => (
              <tr key={w.id}>
                <td><span className={`badge tlp-${w.tlp.replace('+', '-').toLowerCase()}`}>TLP:{w.tlp}</span></td>
                <td>{w.revoked ? <em>{t('infosec.revoked')}</em> : w.title}</td>
                <td>{w.originator}</td>
                <td>{w.severity ? t(`infosec.severities.${w.severity}`) : ''}</td>
                <td>{w.valid_until}</td>
                <td>
                  {w.acknowledgements.map((a) => a.state).join(' ')}
                  {w.not_acknowledged?.length ? <div>{t('infosec.notAcknowledged')}: {w.not_acknowledged.join(' ')}</div> : null}
                  {w.sightings.map((x, i) => <div key={i}>{x.state}: {t(`infosec.sightingKinds.${x.kind}`)}{x.note ? ` — ${x.note}` : ''}</div>)}
                </td>
                <td>
                  {!w.revoked && cert && w.originator !== cert && !w.acknowledgements.some((a) => a.state === cert) ? <button onClick={act(`/api/v1/infosec/records/${w.id}/acknowledgements`)}>{t('infosec.acknowledge')}</button> : null}
                  {!w.revoked && cert && w.originator !== cert ? (['seen', 'false_positive'] as const).map((kind) => <button key={kind} className="link" onClick={act(`/api/v1/infosec/records/${w.id}/sightings`, { kind })}>{t(`infosec.sightingKinds.${kind}`)}</button>) : null}
                  {!w.revoked && cert && w.originator === cert ? <button onClick={act(`/api/v1/infosec/records/${w.id}/revocation`)}>{t('infosec.revoke')}</button> : null}
                  {!w.revoked ? <a href={`/api/v1/infosec/records/${w.id}/stix`}>{t('infosec.stix')}</a> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {cert ? <IssueForm state={cert} onIssued={records.reload} /> : null}
      {status.data ? <NodeStatusView status={status.data} /> : null}
    </section>
  );
}

function IssueForm({ state, onIssued }: { state: string; onIssued: () => void }) {
  const { t } = useTranslation();
  const members = useApi<{ items: { iso2: string }[] }>(`/api/v1/states?at=${todayIso()}&status=member&per_page=200`);
  const [tlp, setTlp] = useState<Tlp>('AMBER');
  const [audience, setAudience] = useState<string[]>([state]);
  const [message, setMessage] = useState<string | null>(null);
  const community = tlp === 'CLEAR' || tlp === 'GREEN';
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const lines = (name: string, separator: RegExp) => String(f.get(name) ?? '').split(separator).map((s) => s.trim()).filter(Boolean);
    try {
      const issued = await send<{ recipients: string[] }>('POST', '/api/v1/infosec/warnings', {
        title: f.get('title'), tlp, pap: tlp === 'AMBER+STRICT' ? 'AMBER' : tlp, severity: f.get('severity'), valid_until: f.get('valid_until'),
        audience: community ? { kind: 'community' } : { kind: 'states', states: audience },
        sectors: lines('sectors', /,/), recommended_actions: f.get('actions'), indicators: lines('indicators', /\n/).map((pattern) => ({ pattern })),
      });
      setMessage(t('infosec.issued', { recipients: issued.recipients.join(', ') }));
      onIssued();
    } catch (err) {
      setMessage((err as Error).message);
    }
  };
  return (
    <form onSubmit={submit} className="stack" data-testid="issue-warning">
      <h2>{t('infosec.issue')}</h2>
      <label>{t('infosec.warningTitle')} <input name="title" required maxLength={500} /></label>
      <label>TLP <select value={tlp} onChange={(e) => setTlp(e.target.value as Tlp)}>{TLPS.map((x) => <option key={x} value={x}>TLP:{x}</option>)}</select></label>
      <fieldset disabled={community}>
        <legend>{t('infosec.audience')}</legend>
        <p className="hint">{t('infosec.audienceHelp')}</p>
        {members.data?.items.map((m) => (
          <label key={m.iso2} className="inline">
            <input type="checkbox" checked={audience.includes(m.iso2)} onChange={(e) => setAudience(e.target.checked ? [...audience, m.iso2] : audience.filter((s) => s !== m.iso2))} /> {m.iso2}
          </label>
        ))}
      </fieldset>
      <label>{t('infosec.severity')} <select name="severity" defaultValue="high">{(['low', 'medium', 'high', 'critical'] as const).map((s) => <option key={s} value={s}>{t(`infosec.severities.${s}`)}</option>)}</select></label>
      <label>{t('infosec.validUntil')} <input name="valid_until" type="date" required /></label>
      <label>{t('infosec.sectors')} <input name="sectors" /></label>
      <label>{t('infosec.actions')} <textarea name="actions" rows={3} /></label>
      <label>{t('infosec.indicators')} <textarea name="indicators" rows={3} placeholder="[domain-name:value = 'example.org']" /></label>
      <button type="submit">{t('infosec.send')}</button>
      {message ? <p role="status">{message}</p> : null}
    </form>
  );
}

function NodeStatusView({ status }: { status: NodeStatus }) {
  const { t } = useTranslation();
  return (
    <div data-testid="node-status">
      <h2>{t('infosec.status')}</h2>
      <dl>
        <dt>{t('infosec.sharing')}</dt><dd>{t(`infosec.sharingStates.${status.sharing}`)}</dd>
        <dt>{t('infosec.peers')}</dt><dd>{status.peers.map((p) => p.state).join(' ') || '—'}</dd>
        <dt>{t('infosec.outbox')}</dt><dd>{status.outbox}</dd>
        <dt>{t('infosec.lag')}</dt><dd>{status.inbound_pending ?? '—'}</dd>
      </dl>
      {status.rejected.length ? (
        <table>
          <caption>{t('infosec.rejected')}</caption>
          <thead><tr><th>{t('common.date')}</th><th>{t('infosec.from')}</th><th>{t('infosec.reason')}</th></tr></thead>
          <tbody>{status.rejected.map((r, i) => <tr key={i}><td>{r.at}</td><td>{r.origin ?? '—'}</td><td>{r.reason}</td></tr>)}</tbody>
        </table>
      ) : null}
    </div>
  );
}
