import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { send, upload, useApi, useLang, type Localised, type Sourced } from '../lib/api.ts';
import { Bar } from '../components/Bar.tsx';
import { RateBarChart, RateTrendChart } from '../components/RateCharts.tsx';
import { Empty } from '../components/States.tsx';
import { useFormat } from '../lib/format.ts';
import { useRecordText } from '../lib/records.ts';
import { usePageTitle } from '../lib/page.ts';
import { useMe } from '../lib/session.ts';
import { Provenance } from '../components/Provenance.tsx';
import { StateName } from '../components/StateName.tsx';

type Plan = { id: string; title: Localised; pillar: string; period_start: string | null; period_end: string | null; measures: number; progress: number | null; statuses: Record<string, number>; origin: string } & Sourced;
type Rate = { key: string; measures: number; rate: number | null };

export function ImplementationPage() {
  const { t } = useTranslation();
  const { pick } = useLang();
  const plans = useApi<{ items: Plan[] }>('/api/v1/plans', { fresh: true });
  const pillars = useApi<{ items: Rate[] }>('/api/v1/implementation/rates?by=pillar', { fresh: true });
  const states = useApi<{ items: Rate[] }>('/api/v1/implementation/rates?by=state', { fresh: true });
  const trend = useApi<{ items: { date: string; rate: number | null }[] }>('/api/v1/implementation/trend', { fresh: true });
  const meetings = useApi<{ items: { id: string; start_date: string; city: string }[] }>('/api/v1/meetings?per_page=20');
  const { me } = useMe();
  const [problem, setProblem] = useState<string | null>(null);
  usePageTitle(t('impl.title'));
  const f = useFormat();
  const { text } = useRecordText();
  const stateNames = useApi<{ items: { iso2: string; name: Localised }[] }>('/api/v1/states?per_page=200');
  const stateName = (iso2: string) => {
    const s = stateNames.data?.items.find((x) => x.iso2 === iso2);
    return s ? text('state', iso2, 'name', s.name.en, s.name).text : iso2;
  };
  const importPlan = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const file = f.get('file') as File;
    const id = String(f.get('id'));
    try {
      setProblem(null);
      // The plan is created with its measures, all or nothing: a failed import leaves no empty plan.
      const plan = new URLSearchParams({ title_en: String(f.get('title')), pillar: String(f.get('pillar')), ...(f.get('start') ? { period_start: String(f.get('start')) } : {}), ...(f.get('end') ? { period_end: String(f.get('end')) } : {}) });
      const type = file.name.endsWith('.xlsx') ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv';
      await upload(`/api/v1/plans/${encodeURIComponent(id)}/measures?${plan}`, file, type);
      window.location.assign(`/plans/${id}`);
    } catch (err) {
      setProblem((err as Error).message);
    }
  };
  return (
    <section>
      <h1>{t('impl.title')}</h1>
      <div className="columns">
        <div>
          <h2>{t('impl.plans')}</h2>
          <table data-testid="plans">
            <thead><tr><th></th><th>{t('impl.progress')}</th><th>{t('impl.measures')}</th><th></th></tr></thead>
            <tbody>
              {plans.data?.items.map((p) => (
                <tr key={p.id}>
                  <td><Link to={`/plans/${p.id}`}>{pick(p.title)}</Link> <small>{t(`pillar.${p.pillar}`)} · {p.period_start?.slice(0, 4) ?? '?'}–{p.period_end?.slice(0, 4) ?? '?'}</small></td>
                  <td><Bar value={p.progress} label={pick(p.title)} /></td>
                  <td>{p.measures}</td>
                  <td>{Object.entries(p.statuses).map(([s, n]) => <span key={s} className={`badge mstatus-${s}`}>{t(`mstatus.${s}`)} {n}</span>)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div>
          {me?.abilities.includes('plans.manage') ? (
            <form className="stack" onSubmit={importPlan} data-testid="import-plan">
              <h2>{t('impl.import')}</h2>
              <label>Id <input name="id" required pattern="[a-z0-9][a-z0-9-]+" /></label>
              <label>{t('ws.title')} <input name="title" required /></label>
              <label>{t('impl.pillar')} <select name="pillar">{['security', 'economy', 'culture'].map((p) => <option key={p} value={p}>{t(`pillar.${p}`)}</option>)}</select></label>
              <label>{t('impl.period')} <span className="inline"><input name="start" type="date" aria-label="start" /><input name="end" type="date" aria-label="end" /></span></label>
              <label>{t('impl.file')} <input name="file" type="file" accept=".csv,.xlsx" required /></label>
              <button type="submit">{t('impl.import')}</button>
              {problem ? <p className="error" role="alert">{problem}</p> : null}
            </form>
          ) : null}
          <h2>{t('impl.reviewFor')}</h2>
          <form className="inline" onSubmit={(e) => { e.preventDefault(); window.location.assign(`/review/${new FormData(e.currentTarget).get('meeting')}`); }}>
            <select name="meeting" aria-label={t('impl.reviewFor')}>{meetings.data?.items.map((m) => <option key={m.id} value={m.id}>{m.id} · {m.start_date} · {m.city}</option>)}</select>
            <button type="submit">{t('impl.review')}</button>
          </form>
          <h2>{t('impl.overTime')}</h2>
          {trend.data ? (trend.data.items.length > 0 ? <RateTrendChart points={trend.data.items} f={f} label={t('impl.overTime')} /> : <Empty />) : null}
          <dl className="bars" data-testid="trend">{trend.data?.items.map((p) => <div key={p.date}><dt>{p.date}</dt><dd><Bar value={p.rate} label={p.date} /></dd></div>)}</dl>
          <h2>{t('impl.byPillar')}</h2>
          {pillars.data ? (pillars.data.items.length > 0 ? <RateBarChart rates={pillars.data.items} name={(k) => t(`pillar.${k}`)} f={f} label={t('impl.byPillar')} /> : <Empty />) : null}
          <dl className="bars" data-testid="rates-pillar">{pillars.data?.items.map((r) => <div key={r.key}><dt>{t(`pillar.${r.key}`)}</dt><dd><Bar value={r.rate} label={r.key} /></dd></div>)}</dl>
          <h2>{t('impl.byState')}</h2>
          {states.data ? (states.data.items.length > 0 ? <RateBarChart rates={states.data.items} name={stateName} f={f} label={t('impl.byState')} /> : <Empty />) : null}
          <dl className="bars" data-testid="rates-state">{states.data?.items.map((r) => <div key={r.key} data-state={r.key}><dt><StateName iso2={r.key} /></dt><dd><Bar value={r.rate} label={r.key} /></dd></div>)}</dl>
        </div>
      </div>
    </section>
  );
}

type Report = { id: string; state: string; version: number; value: number | null; claim: string; narrative: string | null; date: string; review: string; review_note: string | null };
type Measure = {
  id: string; parent: string | null; code: string; title: string; responsible_states: string[]; deadline: string | null; indicator: { unit: string | null; baseline: number | null; target: number | null };
  progress: number; status: string; can_report: string[]; reports: Report[];
};
type PlanDetail = Plan & { measures: Measure[]; rates_by_state: Record<string, number | null>; overdue: string[]; abilities: string[]; note: string | null };

export function PlanPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const { pick } = useLang();
  const { data: plan, error, reload } = useApi<PlanDetail>(`/api/v1/plans/${id}`, { fresh: true });
  const [problem, setProblem] = useState<string | null>(null);
  if (error) return <p className="error">{error}</p>;
  if (!plan) return <p>{t('common.loading')}</p>;
  const act = async (url: string, body: unknown) => {
    try {
      setProblem(null);
      await send('POST', url, body);
      reload();
    } catch (e) {
      setProblem((e as Error).message);
    }
  };
  const report = (m: Measure) => (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const value = String(f.get('value') ?? '');
    void act(`/api/v1/plans/${plan.id}/measures/${m.id}/reports`, { state: f.get('state'), claim: f.get('claim'), ...(value ? { value: Number(value) } : {}), ...(f.get('narrative') ? { narrative: f.get('narrative') } : {}) });
  };
  const depth = (m: Measure): number => (m.parent ? 1 + depth(plan.measures.find((x) => x.id === m.parent)!) : 0);
  return (
    <section>
      <h1>{pick(plan.title)}</h1>
      <p>{t(`pillar.${plan.pillar}`)} · {plan.period_start ?? '?'} – {plan.period_end ?? '?'} · {t('impl.progress')} <Bar value={plan.progress} label="plan" /> · <a href={`/api/v1/plans/${plan.id}/measures.csv`}>CSV</a> · <a href={`/api/v1/plans/${plan.id}/measures.xlsx`}>XLSX</a> · <a href={`/api/v1/plans/${plan.id}/measures.json`}>JSON</a></p>
      <Provenance record={plan} />
      {problem ? <p className="error" role="alert">{problem}</p> : null}
      {Object.keys(plan.rates_by_state).length > 0 ? (
        <dl className="bars inline-bars" data-testid="plan-rates">{Object.entries(plan.rates_by_state).map(([s, r]) => <div key={s} data-state={s}><dt><StateName iso2={s} /></dt><dd><Bar value={r} label={s} /></dd></div>)}</dl>
      ) : null}
      <h2>{t('impl.measures')}</h2>
      {plan.measures.length === 0 ? <p>{t('impl.noMeasures')}</p> : null}
      <table className="measures" data-testid="measures">
        <tbody>
          {plan.measures.map((m) => (
            <tr key={m.id} data-code={m.code} className={`mstatus-${m.status}`}>
              <td style={{ paddingLeft: `${0.5 + depth(m) * 1.2}rem` }}><strong>{m.code}</strong> {m.title}</td>
              <td>{m.responsible_states.map((s, i) => <span key={s}>{i ? ', ' : ''}<StateName iso2={s} /></span>)}</td>
              <td>{m.deadline}</td>
              <td><span className={`badge mstatus-${m.status}`} data-testid="mstatus">{t(`mstatus.${m.status}`)}</span></td>
              <td><Bar value={m.progress} label={m.code} /></td>
              <td>
                {m.reports.map((r) => (
                  <div key={r.id} className={`report review-${r.review}`}>
                    <StateName iso2={r.state} /> v{r.version} {r.date}: {r.claim.replace('_', ' ')}{r.value !== null ? ` = ${r.value}${m.indicator.unit ?? ''}` : ''} {r.narrative ? <em>{r.narrative}</em> : null}
                    {r.review === 'returned' ? <span className="badge mstatus-overdue">{t('impl.returned')}: {r.review_note}</span> : null}
                    {r.review === 'submitted' && plan.abilities.includes('reports.return') ? (
                      <button onClick={() => { const note = window.prompt(t('impl.returnReport')); if (note) void act(`/api/v1/reports/${r.id}/return`, { note }); }}>{t('impl.returnReport')}</button>
                    ) : null}
                  </div>
                ))}
                {m.can_report.length > 0 ? (
                  <form className="inline report-form" onSubmit={report(m)} data-testid={`report-${m.code}`}>
                    <select name="state" aria-label={t('common.state')}>{m.can_report.map((s) => <option key={s}>{s}</option>)}</select>
                    <select name="claim" aria-label={t('impl.claim')}>{['in_progress', 'at_risk', 'done'].map((c) => <option key={c} value={c}>{c.replace('_', ' ')}</option>)}</select>
                    <input name="value" type="number" step="any" placeholder={`${t('impl.value')}${m.indicator.unit ? ` (${m.indicator.unit})` : ''}`} aria-label={t('impl.value')} />
                    <input name="narrative" placeholder={t('impl.narrative')} aria-label={t('impl.narrative')} />
                    <button type="submit">{t('impl.report')}</button>
                  </form>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
