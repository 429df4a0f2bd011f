import { SignInNeeded } from '../components/States.tsx';
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { Problem, send, upload, useApi } from '../lib/api.ts';
import { useMe } from '../lib/session.ts';

type Statement = { prop: string; value: string; lang?: string; sources?: string[] };
type Entity = { id: string; schema: string; caption: string; status: string; listed_on: string; statements: Statement[] };
type Proposal = { id: string; kind: string; status: string; caption?: string; proposed_by_state: string; positions: { state: string; position: string; review_date: string | null }[]; pending: string[] };
type Entry = { id: string; caption: string; schema: string; legal_basis: string | null; listed_on: string | null; status: string; listing_proposal: { id: string; status: string } | null };
type Result = { id: string; caption: string; score: number; match: boolean; datasets: string[]; sources: string[]; matched_name: string; features: Record<string, number> };

/** The lists by role: the screening form, the caller's national list, the consolidation queue and the single list. */
export function SingleListPage() {
  const { t } = useTranslation();
  const { me, loading } = useMe();
  const entities = useApi<{ items: Entity[] }>(me ? '/api/v1/single-list/entities' : null, { fresh: true });
  const screens = Boolean(me?.roles.some((r) => r.role === 'competent_authority' || r.role === 'rats_officer'));
  const ownState = me?.roles.find((r) => r.role === 'competent_authority')?.state ?? null;
  // Positions are taken by a member's competent authority or its national coordinator.
  const speaksFor = me?.roles.find((r) => r.role === 'competent_authority' || r.role === 'national_coordinator')?.state ?? null;
  const proposals = useApi<{ items: Proposal[] }>(screens || speaksFor ? '/api/v1/single-list/proposals' : null, { fresh: true });
  const national = useApi<{ items: Entry[] }>(ownState ? `/api/v1/national-lists/${ownState}/entries` : null, { fresh: true });
  const [error, setError] = useState<string | null>(null);
  if (loading) return <p>{t('common.loading')}</p>;
  if (!me) return <SignInNeeded title={t('list.title')} />;
  const act = (url: string, body: unknown, alsoReload?: () => void) => async () => {
    try {
      await send('POST', url, body);
      setError(null);
      proposals.reload();
      entities.reload();
      alsoReload?.();
    } catch (err) {
      setError((err as Error).message);
    }
  };
  const open = (p: Proposal) => p.status === 'open' || p.status === 'blocked';
  return (
    <section>
      <h1>{t('list.title')}</h1>
      {error ? <p className="error" role="alert">{error}</p> : null}
      {screens ? <ScreeningForm /> : null}
      {ownState ? (
        <>
          <h2>{t('list.national', { state: ownState })}</h2>
          <ImportForm state={ownState} onImported={national.reload} />
          {national.data?.items.length === 0 ? <p>{t('list.noEntries')}</p> : null}
          <table data-testid="national-list">
            {national.data?.items.length ? <thead><tr><th>{t('list.subject')}</th><th>{t('ws.kind')}</th><th>{t('list.basis')}</th><th>{t('list.listedOn')}</th><th></th></tr></thead> : null}
            <tbody>
              {national.data?.items.map((e) => (
                <tr key={e.id}>
                  <td>{e.caption}</td><td>{e.schema}</td><td>{e.legal_basis}</td><td>{e.listed_on}</td>
                  <td>
                    {e.listing_proposal
                      ? <span className={`badge outcome-${e.listing_proposal.status}`}>{t(e.listing_proposal.status === 'adopted' ? 'list.onSingleList' : 'list.proposed')}</span>
                      : <button onClick={act('/api/v1/single-list/proposals', { state: ownState, kind: 'listing', entry: e.id, reason: t('list.defaultReason') }, national.reload)}>{t('list.propose')}</button>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
      {proposals.data ? (
        <>
          <h2>{t('list.queue')}</h2>
          {proposals.data.items.length === 0 ? <p>{t('list.noProposals')}</p> : (
            <table data-testid="queue">
              <thead><tr><th>{t('list.subject')}</th><th>{t('list.kind')}</th><th>{t('list.by')}</th><th>{t('ws.status')}</th><th>{t('ws.positions')}</th><th>{t('ws.pending')}</th><th></th></tr></thead>
              <tbody>
                {proposals.data.items.map((p) => (
                  <tr key={p.id}>
                    <td>{p.caption}</td><td>{t(`list.kinds.${p.kind}`)}</td><td>{p.proposed_by_state}</td>
                    <td><span className={`badge outcome-${p.status}`}>{t(`list.statuses.${p.status}`)}</span></td>
                    <td>{p.positions.map((x) => <span key={x.state} className={`badge position-${x.position}`} title={x.review_date ?? ''}>{x.state}: {t(`list.positions.${x.position}`)}{x.review_date ? ` → ${x.review_date}` : ''} </span>)}</td>
                    <td>{p.pending.join(' ')}</td>
                    <td>
                      {open(p) && speaksFor && p.pending.includes(speaksFor)
                        ? (['concur', 'object', 'hold'] as const).map((position) => <button key={position} onClick={act(`/api/v1/single-list/proposals/${p.id}/positions`, { state: speaksFor, position })}>{t(`list.take.${position}`)}</button>)
                        : null}
                      {open(p) && ownState && national.data?.items.length ? <GroupForm entries={national.data.items} onGroup={(entry, judgement) => act(`/api/v1/single-list/proposals/${p.id}/entries`, { entry, judgement })()} /> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      ) : null}
      <h2>{t('list.single')}</h2>
      {entities.data?.items.length === 0 ? <p>{t('list.empty')}</p> : null}
      <table data-testid="single-list">
        <tbody>
          {entities.data?.items.map((e) => (
            <tr key={e.id}>
              <td><Link to={`/single-list/${e.id}`}>{e.caption}</Link></td><td>{e.schema}</td><td>{t(`list.statuses.${e.status}`)}</td><td>{e.listed_on}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** A national list file, UN XML or FtM JSON lines; a refused file lists every bad record. */
function ImportForm({ state, onImported }: { state: string; onImported: () => void }) {
  const { t } = useTranslation();
  const [outcome, setOutcome] = useState<{ inserted: number; updated: number; unchanged: number } | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const file = f.get('file') as File;
    const type = /\.xml$/i.test(file.name) ? 'application/xml' : 'application/x-ndjson';
    const basis = String(f.get('legal_basis') ?? '');
    try {
      setProblem(null);
      setOutcome(await upload(`/api/v1/national-lists/${state}/import${basis ? `?legal_basis=${encodeURIComponent(basis)}` : ''}`, file, type));
      onImported();
    } catch (err) {
      setOutcome(null);
      setProblem(err instanceof Problem ? err : new Problem((err as Error).message));
    }
  };
  return (
    <form onSubmit={submit} className="inline" data-testid="import-list">
      <label>{t('list.file')} <input name="file" type="file" accept=".xml,.jsonl,.ndjson,.json" required /></label>
      <label>{t('list.legalBasis')} <input name="legal_basis" maxLength={1000} /></label>
      <button type="submit">{t('list.importButton')}</button>
      {outcome ? <p role="status">{t('list.imported', outcome)}</p> : null}
      {problem ? (
        <div className="error" role="alert">
          <p>{problem.message}</p>
          <ul>{problem.errors.map((x) => <li key={`${x.field}-${x.message}`}>{x.field}: {x.message}</li>)}</ul>
        </div>
      ) : null}
    </form>
  );
}

/** Groups one of the caller's national entries under a proposal, judging whether it is the same subject. */
function GroupForm({ entries, onGroup }: { entries: Entry[]; onGroup: (entry: string, judgement: string) => void }) {
  const { t } = useTranslation();
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    onGroup(String(f.get('entry')), String(f.get('judgement')));
  };
  return (
    <form onSubmit={submit} className="inline">
      <select name="entry" aria-label={t('list.groupEntry')}>{entries.map((e) => <option key={e.id} value={e.id}>{e.caption}</option>)}</select>
      <select name="judgement" aria-label={t('list.judgement')}>{(['same', 'different', 'unsure'] as const).map((j) => <option key={j} value={j}>{t(`list.judgements.${j}`)}</option>)}</select>
      <button type="submit">{t('list.group')}</button>
    </form>
  );
}

/** Names in any script; each candidate shows the listed name that matched and the evidence by feature. */
function ScreeningForm() {
  const { t } = useTranslation();
  const [results, setResults] = useState<Result[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const screen = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const properties: Record<string, string[]> = { name: [String(f.get('name'))] };
    for (const [field, prop] of [['birthDate', 'birthDate'], ['nationality', 'nationality'], ['passport', 'passportNumber']] as const) if (f.get(field)) properties[prop] = [String(f.get(field))];
    try {
      const r = await send<{ responses: { q: { results: Result[] } } }>('POST', '/api/v1/screening/match?limit=10', { queries: { q: { schema: 'Person', properties } } });
      setResults(r.responses.q.results);
      setError(null);
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <>
      <h2>{t('list.screen')}</h2>
      <form onSubmit={screen} className="inline" data-testid="screening-form">
        <label>{t('list.name')} <input name="name" required maxLength={300} /></label>
        <label>{t('list.birthDate')} <input name="birthDate" pattern="\d{4}(-\d{2}(-\d{2})?)?" placeholder="1980" /></label>
        <label>{t('list.nationality')} <input name="nationality" pattern="[A-Za-z]{2}" size={3} /></label>
        <label>{t('list.passport')} <input name="passport" /></label>
        <button type="submit">{t('list.screenButton')}</button>
      </form>
      {error ? <p className="error" role="alert">{error}</p> : null}
      {results ? (
        <table data-testid="screening-results">
          <thead><tr><th>{t('list.candidate')}</th><th>{t('list.score')}</th><th>{t('list.why')}</th><th>{t('list.lists')}</th></tr></thead>
          <tbody>
            {results.length === 0 ? <tr><td colSpan={4}>{t('list.noResults')}</td></tr> : null}
            {results.map((r) => (
              <tr key={`${r.datasets[0]}-${r.id}`} className={r.match ? 'match' : ''}>
                <td>{r.caption}{r.match ? <strong> · {t('list.match')}</strong> : null}</td>
                <td><meter min={0} max={1} low={0.6} high={0.8} optimum={1} value={r.score} /> {r.score.toFixed(2)}</td>
                <td><mark>{r.matched_name}</mark> {Object.entries(r.features).map(([k, v]) => <span key={k} className="badge">{t(`list.features.${k}`, { defaultValue: k })}: {v}</span>)}</td>
                <td>{r.datasets.join(', ')}{r.sources.length ? ` (${r.sources.join(', ')})` : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </>
  );
}

/** An entity of the single list: each value with the states it comes from, and its listing history. */
export function SingleListEntityPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const entity = useApi<Entity & { proposals: { id: string; kind: string; status: string; proposed_by_state: string; opened_at: string; closed_at: string | null }[]; history: { seq: number; at: string; action: string; acting_for: string | null }[] }>(`/api/v1/single-list/entities/${id}`);
  if (entity.error) return <p className="error">{entity.error}</p>;
  if (!entity.data) return <p>{t('common.loading')}</p>;
  const e = entity.data;
  return (
    <section>
      <h1>{e.caption} <small>{e.schema} · {t(`list.statuses.${e.status}`)}</small></h1>
      <table data-testid="entity-values">
        <thead><tr><th>{t('list.property')}</th><th>{t('list.value')}</th><th>{t('list.sources')}</th></tr></thead>
        <tbody>
          {e.statements.map((s) => (
            <tr key={`${s.prop}-${s.value}`}><td>{s.prop}</td><td lang={s.lang}>{s.value}</td><td>{s.sources?.join(', ')}</td></tr>
          ))}
        </tbody>
      </table>
      <h2>{t('list.history')}</h2>
      <ol data-testid="entity-history">
        {e.history.map((h) => <li key={h.seq}>{h.at.slice(0, 10)} · {h.action} · {h.acting_for}</li>)}
      </ol>
    </section>
  );
}
