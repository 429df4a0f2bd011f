/** Projects of economic cooperation: the list, and one project with its decision, financing and computed figures. */
import { useState, type FormEvent } from 'react';
import { usePageTitle } from '../lib/page.ts';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { send, useApi, useLang, type Localised, type Sourced } from '../lib/api.ts';
import { useMe } from '../lib/session.ts';
import { Provenance } from '../components/Provenance.tsx';
import { StateName } from '../components/StateName.tsx';
import { useNumbers } from './economy-format.ts';
import '../lib/strings/economy.ts';
import './economy.css';
import { WorldMap } from '../components/WorldMap.tsx';
import '../lib/strings/corridors.ts';

type Decision = { draft: string | null; status: string; bound: string[]; document: string | null };
type Project = { id: string; title: Localised; sector: string; stage: string; location: string | null; host_states: string[]; planned_end: string | null; actual_end: string | null; origin: string; decision: Decision } & Sourced;
type Detail = Project & {
  financing: { id: string; source_name: string; source_kind: string; instrument: string; amount: number; currency: string; committed_on: string | null; disbursements: { date: string; amount: number }[] }[];
  computed: { by_currency: { currency: string; committed: number; disbursed: number; ratio: number | null; creditor_concentration: number | null }[]; delay_days: number | null };
  abilities: string[];
  milestones: { id: string; title: Localised; planned_on: string; actual_on: string | null; delay_days: number; state: 'reached' | 'overdue' | 'pending' }[];
  slip_days: number | null;
  measures: { id: string; code: string | null; title: string | null; plan: string; plan_title: string | null }[];
  corridors: { id: string; name: Localised }[];
};

const SECTORS = ['energy', 'transport', 'telecom', 'health', 'agriculture', 'industry', 'special_zone', 'finance', 'trade', 'other'];
const NEXT: Record<string, string[]> = { idea: ['proposal', 'dropped'], proposal: ['appraisal', 'dropped'], appraisal: ['financing', 'proposal', 'dropped'], financing: ['implementation', 'dropped'], implementation: ['completed', 'dropped'], completed: [], dropped: [] };

export function ProjectsPage() {
  const { t } = useTranslation();
  usePageTitle(t('economy.projects'));
  const { pick } = useLang();
  const { me } = useMe();
  const projects = useApi<{ items: Project[] }>('/api/v1/economy/projects?per_page=200', { fresh: true });
  const states = useApi<{ items: { iso2: string; m49: string; name: Localised }[] }>('/api/v1/states?per_page=200');
  // The project map: each host state shaded by how many projects it hosts.
  const hosted = new Map<string, number>();
  for (const p of projects.data?.items ?? []) for (const h of p.host_states) hosted.set(h, (hosted.get(h) ?? 0) + 1);
  const shades = ['#c9dff0', '#8fbfe0', '#4f94c9', '#1f6f8b'];
  const colours = new Map((states.data?.items ?? []).filter((s) => hosted.has(s.iso2)).map((s) => [s.m49, { colour: shades[Math.min(hosted.get(s.iso2)! - 1, shades.length - 1)]!, iso2: s.iso2 }]));
  const labels = new Map((states.data?.items ?? []).filter((s) => hosted.has(s.iso2)).map((s) => [s.m49, `${pick(s.name)}: ${t('corridors.projectsIn', { count: hosted.get(s.iso2) })}`]));
  const [problem, setProblem] = useState<string | null>(null);
  const register = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    try {
      const hosts = String(f.get('hosts') ?? '').split(/[\s,]+/).filter(Boolean);
      const { id } = await send<{ id: string }>('POST', '/api/v1/economy/projects', { id: f.get('id'), title_en: f.get('title'), sector: f.get('sector'), ...(hosts.length ? { host_states: hosts } : {}) });
      window.location.assign(`/economy/projects/${id}`);
    } catch (err) {
      setProblem((err as Error).message);
    }
  };
  return (
    <section className="economy" data-testid="projects">
      <h1>{t('economy.projects')}</h1>
      <div className="card" data-testid="project-map">
        <h2>{t('corridors.projectMap')}</h2>
        <WorldMap colours={colours} labels={labels} label={t('corridors.projectMap')} />
        <p className="disclaimer">{t('map.endorsement')}</p>
      </div>
      <div className="downloads">{t('economy.download')}: <a href="/api/v1/economy/projects.csv">CSV</a> <a href="/api/v1/economy/projects.xlsx">XLSX</a></div>
      <div className="scroll">
        <table>
          <thead><tr><th>{t('economy.project')}</th><th>{t('economy.sector')}</th><th>{t('economy.stage')}</th><th>{t('economy.hosts')}</th><th>{t('economy.bound')}</th></tr></thead>
          <tbody>
            {projects.data?.items.map((p) => (
              <tr key={p.id}>
                <td><Link to={`/economy/projects/${p.id}`}>{pick(p.title)}</Link>{p.location ? <small> · {p.location}</small> : null}</td>
                <td>{t(`economy.sectors.${p.sector}`)}</td>
                <td><span className={`badge stage stage-${p.stage}`}>{t(`economy.stages.${p.stage}`)}</span></td>
                <td>{p.host_states.join(' ')}</td>
                <td>{p.decision.bound.join(' ') || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {me?.abilities.includes('economy.projects.manage') ? (
        <form className="stack card" onSubmit={register} data-testid="new-project">
          <h2>{t('economy.newProject')}</h2>
          <label>{t('economy.id')}<input name="id" required pattern="[a-z0-9][a-z0-9-]{1,80}" /></label>
          <label>{t('economy.titleEn')}<input name="title" required /></label>
          <label>{t('economy.sector')}<select name="sector">{SECTORS.map((s) => <option key={s} value={s}>{t(`economy.sectors.${s}`)}</option>)}</select></label>
          <label>{t('economy.hosts')}<input name="hosts" placeholder="KZ UZ" /></label>
          <button type="submit">{t('economy.save')}</button>
          {problem ? <p className="error">{problem}</p> : null}
        </form>
      ) : null}
    </section>
  );
}

export function ProjectPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const { pick } = useLang();
  const fmt = useNumbers();
  const project = useApi<Detail>(`/api/v1/economy/projects/${id}`, { fresh: true });
  usePageTitle(project.data ? pick(project.data.title) : id);
  const [problem, setProblem] = useState<string | null>(null);
  const act = async (f: () => Promise<unknown>) => {
    try {
      setProblem(null);
      await f();
      project.reload();
    } catch (err) {
      setProblem((err as Error).message);
    }
  };
  const p = project.data;
  if (project.error) return <p className="error">{project.error}</p>;
  if (!p) return <p>{t('common.loading')}</p>;
  const manage = p.abilities.includes('economy.projects.manage');
  const addMilestone = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    void act(() => send('POST', `/api/v1/economy/projects/${p.id}/milestones`, { title_en: f.get('title'), planned_on: f.get('planned'), ...(f.get('actual') ? { actual_on: f.get('actual') } : {}) }));
  };
  const addFinancing = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    void act(() => send('POST', `/api/v1/economy/projects/${p.id}/financing`, { source_name: f.get('source'), source_kind: f.get('kind'), instrument: f.get('instrument'), amount: Number(f.get('amount')), currency: f.get('currency') }));
  };
  return (
    <section className="economy" data-testid="project">
      <p><Link to="/economy/projects">← {t('economy.projects')}</Link></p>
      <h1>{pick(p.title)}</h1>
      <p>
        <span className={`badge stage stage-${p.stage}`}>{t(`economy.stages.${p.stage}`)}</span> {t(`economy.sectors.${p.sector}`)}
        {p.location ? ` · ${p.location}` : ''} · {t('economy.hosts')}: {p.host_states.map((s) => <span key={s}><StateName iso2={s} /> </span>)}
      </p>
      <Provenance record={p} />
      <div className="downloads">{t('economy.download')}: <a href={`/api/v1/economy/projects/${p.id}/iati.xml`}>IATI XML</a></div>
      <div className="card" data-testid="decision">
        <h2>{t('economy.decision')}</h2>
        <p>{p.decision.draft ? <Link to={`/drafts/${p.decision.draft}`}>{t(`outcome.${p.decision.status}`)}</Link> : t('economy.decisionNone')}</p>
        <h3>{t('economy.bound')}</h3>
        {p.decision.bound.length ? <div className="states-list" data-testid="bound">{p.decision.bound.map((s) => <span className="badge" key={s}><StateName iso2={s} /></span>)}</div> : <p>{t('economy.boundNone')}</p>}
        {manage && !p.decision.draft ? <button onClick={() => act(() => send('POST', `/api/v1/economy/projects/${p.id}/decision`, {}))}>{t('economy.tableDecision')}</button> : null}
        {manage && p.origin === 'user' && NEXT[p.stage]!.length ? (
          <div className="inline">{t('economy.moveTo')}: {NEXT[p.stage]!.map((s) => <button key={s} onClick={() => act(() => send('POST', `/api/v1/economy/projects/${p.id}/stage`, { stage: s }))}>{t(`economy.stages.${s}`)}</button>)}</div>
        ) : null}
      </div>
      <div className="card">
        <h2>{t('economy.financing')}</h2>
        {p.financing.length === 0 ? <p>{t('economy.noFinancing')}</p> : (
          <div className="scroll">
            <table data-testid="financing">
              <thead><tr><th>{t('economy.source')}</th><th>{t('economy.instrument')}</th><th className="num">{t('economy.amount')}</th><th className="num">{t('economy.disbursed')}</th></tr></thead>
              <tbody>
                {p.financing.map((f) => (
                  <tr key={f.id}>
                    <td>{f.source_name} <small>{t(`economy.sourceKinds.${f.source_kind}`)}</small></td>
                    <td>{t(`economy.instruments.${f.instrument}`)}</td>
                    <td className="num">{fmt.plain(f.amount)} {f.currency}</td>
                    <td className="num">{fmt.plain(f.disbursements.reduce((a, d) => a + d.amount, 0))} {f.currency}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <dl className="bars">
          {p.computed.by_currency.map((c) => (
            <div key={c.currency}><dt>{t('economy.ratio')} ({c.currency})</dt><dd>{fmt.percent(c.ratio)} · {t('economy.concentration')}: {fmt.plain(c.creditor_concentration)}</dd></div>
          ))}
          <div><dt>{t('economy.delay')}</dt><dd>{fmt.plain(p.computed.delay_days)}</dd></div>
        </dl>
        {p.abilities.includes('economy.financing.record') ? (
          <form className="stack" onSubmit={addFinancing} data-testid="add-financing">
            <h3>{t('economy.addFinancing')}</h3>
            <label>{t('economy.source')}<input name="source" required /></label>
            <label>{t('economy.sourceKind')}<select name="kind">{['interbank_consortium', 'development_bank', 'fund', 'government', 'commercial_bank', 'other'].map((k) => <option key={k} value={k}>{t(`economy.sourceKinds.${k}`)}</option>)}</select></label>
            <label>{t('economy.instrument')}<select name="instrument">{['loan', 'concessional_loan', 'grant', 'equity', 'guarantee', 'credit_line'].map((k) => <option key={k} value={k}>{t(`economy.instruments.${k}`)}</option>)}</select></label>
            <label>{t('economy.amount')}<input name="amount" type="number" min="0" step="any" required /></label>
            <label>{t('economy.currency')}<input name="currency" required pattern="[A-Za-z]{3}" defaultValue="USD" /></label>
            <button type="submit">{t('economy.save')}</button>
          </form>
        ) : null}
      </div>
      <div className="card" data-testid="milestones">
        <h2>{t('economy.milestones')}</h2>
        {p.milestones.length === 0 ? <p>{t('economy.milestonesNone')}</p> : (
          <div className="scroll">
            <table>
              <thead><tr><th>{t('economy.milestone')}</th><th>{t('economy.planned')}</th><th>{t('economy.actual')}</th><th className="num">{t('economy.delay')}</th></tr></thead>
              <tbody>
                {p.milestones.map((m) => (
                  <tr key={m.id}><td>{pick(m.title)}</td><td>{m.planned_on}</td><td>{m.actual_on ?? t(`economy.milestoneStates.${m.state}`)}</td><td className="num">{m.delay_days}</td></tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {p.slip_days !== null ? <p>{t('economy.slip')}: {p.slip_days}</p> : null}
        {p.abilities.includes('economy.milestones.record') ? (
          <form className="stack" onSubmit={addMilestone} data-testid="add-milestone">
            <h3>{t('economy.addMilestone')}</h3>
            <label>{t('economy.milestone')}<input name="title" required /></label>
            <label>{t('economy.planned')}<input name="planned" type="date" required /></label>
            <label>{t('economy.actual')}<input name="actual" type="date" /></label>
            <button type="submit">{t('economy.save')}</button>
          </form>
        ) : null}
        <h2>{t('economy.measures')}</h2>
        {p.measures.length === 0 ? <p>{t('economy.measuresNone')}</p> : <ul>{p.measures.map((m) => <li key={m.id}><Link to="/implementation">{m.code ? `${m.code} ${m.title}` : m.id}</Link> <small>{m.plan_title ?? m.plan}</small></li>)}</ul>}
        <h2>{t('corridors.nav')}</h2>
        {p.corridors.length === 0 ? <p>{t('economy.corridorsNone')}</p> : <ul>{p.corridors.map((c) => <li key={c.id}><Link to={`/economy/corridors/${c.id}`}>{pick(c.name)}</Link></li>)}</ul>}
      </div>
      {problem ? <p className="error">{problem}</p> : null}
    </section>
  );
}
