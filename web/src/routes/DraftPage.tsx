import { useEffect, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { send, useApi } from '../lib/api.ts';
import { StateName } from '../components/StateName.tsx';
import { AnnexForm, type Annex } from './officer-forms.tsx';
import '../lib/strings/relations.ts';

type Texts = { text_en: string | null; text_ru: string | null; text_zh: string | null };
type Draft = {
  id: string; organ: string; kind: string; title: string; tabled_by_state: string | null; status: string; current_version: number;
  versions: (Texts & { version: number; note: string | null; created_at: string })[];
  amendments: (Texts & { id: string; state: string; status: string; rationale: string | null; base_version: number })[];
  procedure: null | {
    kind: string; eligible: string[]; concerned: string | null; deadline: string | null;
    outcome: { state: string; pending: string[]; objections: string[]; reservations: { state: string; text: string | null }[]; participants: string[] };
    positions: { state: string; position: string; text: string | null; at: string }[];
  };
  decision: null | { id: string; outcome: string; participants: string[]; document_id: string | null; recorded_at: string };
  abilities: string[];
  states: { state: string; abilities: string[] }[];
};
const POSITIONS_BY_KIND: Record<string, string[]> = {
  consensus: ['support', 'no_objection', 'reservation', 'objection'],
  consensus_minus_one: ['support', 'no_objection', 'reservation', 'objection'],
  silence: ['break_silence'],
  interested_states: ['join', 'stay_out'],
};

function Countdown({ deadline }: { deadline: string }) {
  const { t } = useTranslation();
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const left = Math.max(0, Date.parse(deadline) - now);
  const d = Math.floor(left / 86_400_000);
  const h = Math.floor((left % 86_400_000) / 3_600_000);
  const m = Math.floor((left % 3_600_000) / 60_000);
  return <span data-testid="countdown">{t('ws.deadline')}: {deadline.slice(0, 16).replace('T', ' ')} UTC · {d}d {h}h {m}m {t('ws.remaining')}</span>;
}

function Diff({ id, versions }: { id: string; versions: number }) {
  const { t } = useTranslation();
  const [from, setFrom] = useState(Math.max(1, versions - 1));
  const [to, setTo] = useState(versions);
  const [lang, setLang] = useState('en');
  const { data } = useApi<{ parts: { value: string; change: string }[] }>(versions > 1 ? `/api/v1/drafts/${id}/diff?from=${from}&to=${to}&lang=${lang}` : null, { fresh: true });
  if (versions < 2) return null;
  const options = Array.from({ length: versions }, (_, i) => i + 1);
  return (
    <div className="diff">
      <h3>{t('ws.compare')}</h3>
      <select aria-label="from" value={from} onChange={(e) => setFrom(Number(e.target.value))}>{options.map((v) => <option key={v}>{v}</option>)}</select>
      {' → '}
      <select aria-label="to" value={to} onChange={(e) => setTo(Number(e.target.value))}>{options.map((v) => <option key={v}>{v}</option>)}</select>
      <select aria-label="language of the texts" value={lang} onChange={(e) => setLang(e.target.value)}>{['en', 'ru', 'zh'].map((l) => <option key={l}>{l}</option>)}</select>
      <p data-testid="diff">{data?.parts.map((p, i) => (p.change === 'added' ? <ins key={i}>{p.value}</ins> : p.change === 'removed' ? <del key={i}>{p.value}</del> : <span key={i}>{p.value}</span>))}</p>
    </div>
  );
}

/**
 * The outcomes the Secretariat can record for a procedure standing at `state` (the server's rule in
 * recordDecision): adopted only once adopted or deemed adopted, rejected once blocked or silence
 * is broken; a draft can always be withdrawn.
 */
export function recordable(state: string | undefined): ('adopted' | 'rejected' | 'withdrawn')[] {
  if (state === 'adopted' || state === 'deemed_adopted') return ['adopted', 'withdrawn'];
  if (state === 'blocked' || state === 'silence_broken') return ['rejected', 'withdrawn'];
  return ['withdrawn'];
}

export function DraftPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const { data: draft, error, reload } = useApi<Draft>(`/api/v1/drafts/${id}`, { fresh: true });
  const [problem, setProblem] = useState<string | null>(null);
  const { data: annex, reload: reloadAnnex } = useApi<Annex>(id ? `/api/v1/drafts/${id}/annex` : null, { fresh: true });
  const act = (method: 'POST', url: string, body?: unknown) => async () => {
    try {
      setProblem(null);
      await send(method, url, body);
      reload();
    } catch (e) {
      setProblem((e as Error).message);
    }
  };
  const onForm = (build: (f: FormData) => [string, unknown]) => (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const [url, body] = build(new FormData(e.currentTarget));
    void act('POST', url, body)();
  };
  if (error) return <p className="error">{error}</p>;
  if (!draft) return <p>{t('common.loading')}</p>;
  const latest = draft.versions.at(-1)!;
  const can = (a: string) => draft.abilities.includes(a);
  const speaking = (a: string) => draft.states.filter((s) => s.abilities.includes(a)).map((s) => s.state);
  const p = draft.procedure;
  const latestPosition = (state: string) => p?.positions.filter((x) => x.state === state).at(-1);
  const textOf = (f: FormData) => ({ text_en: f.get('text_en') || undefined, text_ru: f.get('text_ru') || undefined, text_zh: f.get('text_zh') || undefined });
  return (
    <section>
      <h1>{draft.title}</h1>
      <p>{draft.organ} · {draft.kind} · {draft.tabled_by_state ? <StateName iso2={draft.tabled_by_state} /> : t('ws.secretariat')} · <span className={`badge outcome-${draft.status}`} data-testid="draft-status">{t(`outcome.${draft.status}`)}</span></p>
      {problem ? <p className="error" role="alert">{problem}</p> : null}

      <h2>{t('ws.versions')} ({draft.current_version})</h2>
      <div className="texts">
        {(['en', 'ru', 'zh'] as const).map((l) => (latest[`text_${l}`] ? <blockquote key={l} lang={l}><small>{l}</small> {latest[`text_${l}`]}</blockquote> : null))}
      </div>
      <Diff id={draft.id} versions={draft.versions.length} />
      {can('drafts.edit') ? (
        <form className="stack" onSubmit={onForm((f) => [`/api/v1/drafts/${draft.id}/versions`, { ...textOf(f), note: f.get('note') || undefined }])}>
          <h3>{t('ws.newVersion')}</h3>
          <textarea name="text_en" rows={3} defaultValue={latest.text_en ?? ''} aria-label="text en" />
          <textarea name="text_ru" rows={2} defaultValue={latest.text_ru ?? ''} aria-label="text ru" />
          <textarea name="text_zh" rows={2} defaultValue={latest.text_zh ?? ''} aria-label="text zh" />
          <button type="submit">{t('ws.newVersion')}</button>
        </form>
      ) : null}

      {annex && annex.commitments.length > 0 ? (
        <table data-testid="annex">
          <caption>{t('rel.annex.title')} ({annex.pillar ? t(`rel.pillar.${annex.pillar}`) : ''})</caption>
          <thead><tr><th>{t('rel.annex.paragraph')}</th><th>{t('rel.annex.what')}</th><th>{t('rel.annex.states')}</th><th>{t('rel.annex.organs')}</th><th>{t('rel.annex.deadline')}</th><th>{t('rel.annex.indicator')}</th></tr></thead>
          <tbody>{annex.commitments.map((c) => <tr key={c.paragraph}><td>{c.paragraph}</td><td>{c.what}</td><td>{c.states.join(', ')}</td><td>{c.organs.join(', ')}</td><td>{c.deadline}</td><td>{c.indicator}</td></tr>)}</tbody>
        </table>
      ) : null}
      {can('drafts.edit') && !draft.decision && annex ? <AnnexForm key={draft.id} draftId={draft.id} annex={annex} onSaved={reloadAnnex} /> : null}

      <h2>{t('ws.amendments')}</h2>
      <ul>
        {draft.amendments.map((a) => (
          <li key={a.id}>
            <StateName iso2={a.state} /> ({a.status}): {a.text_en ?? a.text_ru ?? a.text_zh} {a.rationale ? <em>— {a.rationale}</em> : null}
            {a.status === 'proposed' && can('amendments.decide') ? (
              <>
                {' '}<button onClick={act('POST', `/api/v1/drafts/${draft.id}/amendments/${a.id}/decision`, { accept: true })}>{t('ws.accept')}</button>
                <button onClick={act('POST', `/api/v1/drafts/${draft.id}/amendments/${a.id}/decision`, { accept: false })}>{t('ws.reject')}</button>
              </>
            ) : null}
          </li>
        ))}
      </ul>
      {speaking('amendments.propose').length > 0 ? (
        <form className="stack" onSubmit={onForm((f) => [`/api/v1/drafts/${draft.id}/amendments`, { state: f.get('state'), rationale: f.get('rationale') || undefined, ...textOf(f) }])}>
          <h3>{t('ws.propose')}</h3>
          <select name="state" aria-label={t('ws.forState')}>{speaking('amendments.propose').map((s) => <option key={s}>{s}</option>)}</select>
          <textarea name="text_en" rows={2} aria-label="amendment en" />
          <input name="rationale" placeholder={t('ws.rationale')} />
          <button type="submit">{t('ws.propose')}</button>
        </form>
      ) : null}

      <h2>{t('ws.procedure')}</h2>
      {!p && can('procedures.open') ? <button onClick={act('POST', `/api/v1/drafts/${draft.id}/procedure`, {})}>{t('ws.open')}</button> : null}
      {p ? (
        <>
          <p>
            {p.kind} · {t('ws.outcome')}: <strong data-testid="outcome">{t(`outcome.${p.outcome.state}`)}</strong>
            {p.deadline ? <> · <Countdown deadline={p.deadline} /></> : null}
          </p>
          <table className="grid" data-testid="positions">
            <thead><tr><th>{t('common.state')}</th><th>{t('ws.position')}</th><th>{t('ws.text')}</th></tr></thead>
            <tbody>
              {p.eligible.map((state) => {
                const pos = latestPosition(state);
                return (
                  <tr key={state} data-state={state} className={pos ? `position-${pos.position}` : 'pending'}>
                    <td><StateName iso2={state} />{state === p.concerned ? ' *' : ''}</td>
                    <td>{pos ? t(`positions.${pos.position}`) : <em>{t('ws.pending')}</em>}</td>
                    <td>{pos?.text}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {speaking('positions.submit').length > 0 ? (
            <form className="inline" data-testid="position-form" onSubmit={onForm((f) => [`/api/v1/drafts/${draft.id}/positions`, { state: f.get('state'), position: f.get('position'), text: f.get('text') || undefined }])}>
              <select name="state" aria-label={t('ws.forState')}>{speaking('positions.submit').map((s) => <option key={s}>{s}</option>)}</select>
              <select name="position" aria-label={t('ws.position')}>{POSITIONS_BY_KIND[p.kind]!.map((x) => <option key={x} value={x}>{t(`positions.${x}`)}</option>)}</select>
              <input name="text" placeholder={t('ws.reservationText')} />
              <button type="submit">{t('ws.submit')}</button>
            </form>
          ) : null}
        </>
      ) : null}

      {can('decisions.record') ? (
        <p className="inline">
          {t('ws.record')}:{' '}
          {recordable(p?.outcome.state).map((o) => <button key={o} onClick={act('POST', `/api/v1/drafts/${draft.id}/decision`, { outcome: o })}>{t(`outcome.${o}`)}</button>)}
        </p>
      ) : null}
      {draft.decision ? (
        <p data-testid="decision">
          {t('ws.recorded')}: <strong>{t(`outcome.${draft.decision.outcome}`)}</strong> {draft.decision.recorded_at.slice(0, 10)}
          {draft.decision.document_id ? <> · <Link to={`/documents/${draft.decision.document_id.split('/').slice(4).join('-')}`}>{draft.decision.document_id}</Link></> : null}
        </p>
      ) : null}
    </section>
  );
}
