import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { send, todayIso, useApi } from '../lib/api.ts';
import { useMe } from '../lib/session.ts';
import { usePageTitle } from '../lib/page.ts';
import { StateName } from '../components/StateName.tsx';

type Group = { id: string; name: string; states: string[]; records: number };

/**
 * The sharing groups of this node and their member states (administrators and the node's CERT
 * officers read them); administrators define a group and delete one no record names.
 */
export function SharingGroupsPage() {
  const { t } = useTranslation();
  const { me } = useMe();
  usePageTitle(t('infosecHandling.groupsTitle'));
  const admin = me?.roles.some((r) => r.role === 'administrator') ?? false;
  const reader = admin || (me?.roles.some((r) => r.role === 'cert_officer') ?? false);
  const groups = useApi<{ node: string; items: Group[] }>(reader ? '/api/v1/infosec/groups' : null, { fresh: true });
  const members = useApi<{ items: { iso2: string }[] }>(admin ? `/api/v1/states?at=${todayIso()}&status=member&per_page=200` : null);
  const [id, setId] = useState('');
  const [name, setName] = useState('');
  const [states, setStates] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const title = <h1>{t('infosecHandling.groupsTitle')}</h1>;
  if (!reader) return <section>{title}<p>{t('infosecHandling.groupsSignIn')}</p></section>;
  if (groups.loading && !groups.data) return <p>{t('common.loading')}</p>;
  if (groups.error) return <section>{title}<p>{groups.status === 404 ? t('infosecHandling.notNode') : groups.error}</p></section>;
  const act = async (run: () => Promise<unknown>, done?: () => void) => {
    try {
      await run();
      setError(null);
      done?.();
      groups.reload();
    } catch (err) {
      setError((err as Error).message);
      setSaved(null);
    }
  };
  const define = (e: FormEvent) => {
    e.preventDefault();
    void act(() => send('PUT', `/api/v1/infosec/groups/${encodeURIComponent(id)}`, { name, states }), () => {
      setSaved(id);
      setId('');
      setName('');
      setStates([]);
    });
  };
  const items = groups.data?.items ?? [];
  return (
    <section>
      {title}
      <p>{t('infosecHandling.groupsIntro')}</p>
      {error ? <p className="error" role="alert">{error}</p> : null}
      {items.length === 0 ? <p>{t('infosecHandling.groupsNone')}</p> : (
        <div style={{ overflowX: 'auto' }}>
          <table data-testid="sharing-groups">
            <thead><tr><th>{t('infosecHandling.groupId')}</th><th>{t('infosecHandling.groupName')}</th><th>{t('infosecHandling.groupMembers')}</th><th>{t('infosecHandling.groupRecords')}</th>{admin ? <th></th> : null}</tr></thead>
            <tbody>
              {items.map((g) => (
                <tr key={g.id}>
                  <td><code>{g.id}</code></td>
                  <td>{g.name}</td>
                  <td>{g.states.map((s, i) => <span key={s}>{i ? ', ' : ''}<StateName iso2={s} /></span>)}</td>
                  <td>{g.records}</td>
                  {admin ? <td>{g.records === 0 ? <button type="button" onClick={() => void act(() => send('DELETE', `/api/v1/infosec/groups/${encodeURIComponent(g.id)}`))}>{t('infosecHandling.groupDelete')}</button> : null}</td> : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {admin ? (
        <form onSubmit={define} data-testid="define-group">
          <h2>{t('infosecHandling.groupCreate')}</h2>
          <p><label>{t('infosecHandling.groupId')} ({t('infosecHandling.groupIdHint')})<br /><input value={id} required pattern="[a-z0-9\-]{1,64}" onChange={(e) => setId(e.target.value)} /></label></p>
          <p><label>{t('infosecHandling.groupName')}<br /><input value={name} required maxLength={200} onChange={(e) => setName(e.target.value)} /></label></p>
          <fieldset>
            <legend>{t('infosecHandling.groupMembers')}</legend>
            {members.data?.items.map((m) => (
              <label key={m.iso2} style={{ marginRight: '1em', whiteSpace: 'nowrap' }}>
                <input type="checkbox" checked={states.includes(m.iso2)} onChange={(e) => setStates(e.target.checked ? [...states, m.iso2] : states.filter((s) => s !== m.iso2))} /> {m.iso2}
              </label>
            ))}
          </fieldset>
          <button type="submit" disabled={!id || !name || states.length === 0}>{t('infosecHandling.groupSave')}</button>
          {saved ? <p role="status">{t('infosecHandling.groupSaved', { id: saved })}</p> : null}
        </form>
      ) : null}
    </section>
  );
}
