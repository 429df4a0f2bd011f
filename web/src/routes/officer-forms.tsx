/**
 * Officers' forms: a draft's implementation annex, a meeting's record and a state's membership
 * act. Each sends one request; the server checks and answers with a problem naming the field.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Problem, send } from '../lib/api.ts';
import '../lib/strings/relations.ts';

const codes = (text: string) => text.split(/[\s,;]+/).map((s) => s.trim()).filter(Boolean);
const failure = (e: unknown) => (e instanceof Problem && e.errors.length ? `${e.message} (${e.errors.map((x) => x.field).join(', ')})` : (e as Error).message);

type Commitment = { paragraph: string; what: string; states: string; organs: string; deadline: string; indicator: string };
const blank: Commitment = { paragraph: '', what: '', states: '', organs: '', deadline: '', indicator: '' };
export type Annex = { pillar: string | null; commitments: { paragraph: string; what: string; states: string[]; organs: string[]; deadline: string | null; indicator: string | null }[] };

/** A draft's implementation annex: commitments paragraph by paragraph (what, who, by when, indicator). */
export function AnnexForm({ draftId, annex, onSaved }: { draftId: string; annex: Annex | undefined; onSaved: () => void }) {
  const { t } = useTranslation();
  const [pillar, setPillar] = useState(annex?.pillar ?? 'security');
  const [rows, setRows] = useState<Commitment[]>(annex?.commitments.length ? annex.commitments.map((c) => ({ paragraph: c.paragraph, what: c.what, states: c.states.join(', '), organs: c.organs.join(', '), deadline: c.deadline ?? '', indicator: c.indicator ?? '' })) : [{ ...blank }]);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const set = (i: number, key: keyof Commitment, value: string) => setRows(rows.map((r, j) => (j === i ? { ...r, [key]: value } : r)));
  const save = async (e: FormEvent) => {
    e.preventDefault();
    const commitments = rows.filter((r) => r.paragraph || r.what).map((r) => ({ paragraph: r.paragraph.trim(), what: r.what.trim(), states: codes(r.states).map((s) => s.toUpperCase()), organs: codes(r.organs), deadline: r.deadline || null, indicator: r.indicator || null }));
    try {
      await send('PUT', `/api/v1/drafts/${draftId}/annex`, { pillar, commitments });
      setMessage({ ok: true, text: t('rel.annex.saved', { count: commitments.length }) });
      onSaved();
    } catch (err) {
      setMessage({ ok: false, text: failure(err) });
    }
  };
  return (
    <form className="stack" data-testid="annex-form" onSubmit={save}>
      <h3>{t('rel.annex.title')}</h3>
      <label>{t('rel.annex.pillar')} <select value={pillar} onChange={(e) => setPillar(e.target.value)}>{['security', 'economy', 'culture'].map((p) => <option key={p} value={p}>{t(`rel.pillar.${p}`)}</option>)}</select></label>
      {rows.map((r, i) => (
        <fieldset key={i} data-testid="commitment">
          <legend>№ {i + 1}</legend>
          <label>{t('rel.annex.paragraph')} <input value={r.paragraph} onChange={(e) => set(i, 'paragraph', e.target.value)} placeholder="para_1" /></label>
          <label>{t('rel.annex.what')} <input value={r.what} onChange={(e) => set(i, 'what', e.target.value)} /></label>
          <label>{t('rel.annex.states')} <input value={r.states} onChange={(e) => set(i, 'states', e.target.value)} placeholder={t('rel.annex.list')} /></label>
          <label>{t('rel.annex.organs')} <input value={r.organs} onChange={(e) => set(i, 'organs', e.target.value)} placeholder={t('rel.annex.list')} /></label>
          <label>{t('rel.annex.deadline')} <input type="date" value={r.deadline} onChange={(e) => set(i, 'deadline', e.target.value)} /></label>
          <label>{t('rel.annex.indicator')} <input value={r.indicator} onChange={(e) => set(i, 'indicator', e.target.value)} /></label>
          {rows.length > 1 ? <button type="button" onClick={() => setRows(rows.filter((_, j) => j !== i))}>{t('rel.annex.remove')}</button> : null}
        </fieldset>
      ))}
      <p className="inline">
        <button type="button" onClick={() => setRows([...rows, { ...blank }])}>{t('rel.annex.add')}</button>
        <button type="submit">{t('rel.annex.save')}</button>
      </p>
      {message ? <p className={message.ok ? 'ok' : 'error'} role={message.ok ? 'status' : 'alert'} data-testid="annex-message">{message.text}</p> : null}
    </form>
  );
}

export type MeetingRecord = { agenda: { title: string; draft: string | null }[]; delegations: { state: string; members: string[] }[]; outcome_documents: string[]; minutes: string | null };

/** A meeting's record: agenda items (linking drafts), delegations by state with their members, outcome documents, minutes. */
export function MeetingRecordForm({ meetingId, record, onSaved }: { meetingId: string; record: MeetingRecord; onSaved: () => void }) {
  const { t } = useTranslation();
  const [agenda, setAgenda] = useState(record.agenda.length ? record.agenda.map((a) => ({ title: a.title, draft: a.draft ?? '' })) : [{ title: '', draft: '' }]);
  const [delegations, setDelegations] = useState(record.delegations.length ? record.delegations.map((d) => ({ state: d.state, members: d.members.join('\n') })) : [{ state: '', members: '' }]);
  const [outcomes, setOutcomes] = useState(record.outcome_documents.join(', '));
  const [minutes, setMinutes] = useState(record.minutes ?? '');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const save = async (e: FormEvent) => {
    e.preventDefault();
    const body = {
      agenda: agenda.filter((a) => a.title.trim()).map((a) => ({ title: a.title.trim(), ...(a.draft.trim() ? { draft: a.draft.trim() } : {}) })),
      delegations: delegations.filter((d) => d.state.trim()).map((d) => ({ state: d.state.trim().toUpperCase(), members: d.members.split('\n').map((m) => m.trim()).filter(Boolean) })),
      outcome_documents: codes(outcomes),
      minutes: minutes.trim() || null,
    };
    try {
      await send('PATCH', `/api/v1/meetings/${meetingId}`, body);
      setMessage({ ok: true, text: t('rel.record.saved') });
      onSaved();
    } catch (err) {
      setMessage({ ok: false, text: failure(err) });
    }
  };
  return (
    <form className="stack" data-testid="record-form" onSubmit={save}>
      <h3>{t('rel.record.title')}</h3>
      {agenda.map((a, i) => (
        <fieldset key={`a${i}`} data-testid="agenda-item">
          <legend>№ {i + 1}</legend>
          <label>{t('rel.record.agenda')} <input value={a.title} onChange={(e) => setAgenda(agenda.map((x, j) => (j === i ? { ...x, title: e.target.value } : x)))} /></label>
          <label>{t('rel.record.draft')} <input value={a.draft} onChange={(e) => setAgenda(agenda.map((x, j) => (j === i ? { ...x, draft: e.target.value } : x)))} placeholder="d_…" /></label>
        </fieldset>
      ))}
      <button type="button" onClick={() => setAgenda([...agenda, { title: '', draft: '' }])}>{t('rel.record.addItem')}</button>
      {delegations.map((d, i) => (
        <fieldset key={`d${i}`} data-testid="delegation">
          <legend>№ {i + 1}</legend>
          <label>{t('rel.record.delegation')} <input value={d.state} maxLength={2} onChange={(e) => setDelegations(delegations.map((x, j) => (j === i ? { ...x, state: e.target.value } : x)))} placeholder="KZ" /></label>
          <label>{t('rel.record.members')} <textarea rows={2} value={d.members} onChange={(e) => setDelegations(delegations.map((x, j) => (j === i ? { ...x, members: e.target.value } : x)))} /></label>
        </fieldset>
      ))}
      <button type="button" onClick={() => setDelegations([...delegations, { state: '', members: '' }])}>{t('rel.record.addDelegation')}</button>
      <label>{t('rel.record.outcomes')} <input value={outcomes} onChange={(e) => setOutcomes(e.target.value)} placeholder={t('rel.annex.list')} /></label>
      <label>{t('rel.record.minutes')} <textarea rows={4} value={minutes} onChange={(e) => setMinutes(e.target.value)} /></label>
      <button type="submit">{t('rel.record.save')}</button>
      {message ? <p className={message.ok ? 'ok' : 'error'} role={message.ok ? 'status' : 'alert'} data-testid="record-message">{message.text}</p> : null}
    </form>
  );
}

const ACTS = ['application', 'procedure_launched', 'memorandum_of_obligations', 'dialogue_memorandum', 'admission', 'status_change', 'withdrawal'];

/** A state's membership act: its kind, the status it concerns, its date, decision and source. */
export function MembershipActForm({ iso2, statuses, onSaved }: { iso2: string; statuses: { id: string; label: string }[]; onSaved: () => void }) {
  const { t } = useTranslation();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const save = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = Object.fromEntries(new FormData(e.currentTarget).entries()) as Record<string, string>;
    const body = {
      act: f.act, status: f.act === 'withdrawal' ? null : f.status, date: f.date, date_precision: f.date_precision,
      ...(f.decision ? { decision: f.decision } : {}), ...(f.basis ? { basis: f.basis } : {}), ...(f.source ? { source: [f.source] } : {}),
    };
    try {
      const res = await send<{ act: { id: string } }>('POST', `/api/v1/states/${iso2}/acts`, body);
      setMessage({ ok: true, text: t('rel.acts.recorded', { id: res.act.id }) });
      onSaved();
    } catch (err) {
      setMessage({ ok: false, text: failure(err) });
    }
  };
  return (
    <form className="stack" data-testid="record-membership-act" onSubmit={save}>
      <h3>{t('rel.acts.record')}</h3>
      <label>{t('rel.acts.kind')} <select name="act">{ACTS.map((a) => <option key={a} value={a}>{t(`rel.actKind.${a}`)}</option>)}</select></label>
      <label>{t('rel.acts.status')} <select name="status">{statuses.map((s) => <option key={s.id} value={s.id}>{s.label}</option>)}</select></label>
      <label>{t('rel.acts.date')} <input name="date" type="date" required /></label>
      <label>{t('rel.acts.precision')} <select name="date_precision">{['day', 'month', 'year'].map((p) => <option key={p} value={p}>{t(`rel.precision.${p}`)}</option>)}</select></label>
      <label>{t('rel.acts.decision')} <input name="decision" placeholder="memorandum-2023-07-04-…" /></label>
      <label>{t('rel.acts.basis')} <input name="basis" /></label>
      <label>{t('rel.acts.source')} <input name="source" type="url" /></label>
      <button type="submit">{t('rel.acts.save')}</button>
      {message ? <p className={message.ok ? 'ok' : 'error'} role={message.ok ? 'status' : 'alert'} data-testid="membership-act-message">{message.text}</p> : null}
    </form>
  );
}
