/** The economy dashboard: an indicator by state and for an SCO group over time, with the sources' statements beside it. */
import { useMemo, useState } from 'react';
import { usePageTitle } from '../lib/page.ts';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useApi, useLang, type Localised, type Sourced } from '../lib/api.ts';
import { useNumbers } from './economy-format.ts';
import { EChart, type ChartOption } from '../components/EChart.tsx';
import '../lib/strings/economy.ts';
import './economy.css';
import { TradeMatrix } from './TradeMatrix.tsx';

type Indicator = { code: string; name: Localised; unit: string; aggregation: string; years: { first: number; last: number } | null } & Sourced;
type Point = { year: number; value: number | null; complete: boolean; states: string[]; missing: string[]; partial_value: number | null; world: { value: number | null; share: number | null }; by_state: { iso2: string; name: Localised; value: number | null }[] };
type Statement = { id: string; indicator: string | null; group: string | null; year: number | null; value: number; unit: string; quote: string; label: Localised; computed: { value: number | null; difference: number | null; missing: string[] } | null } & Sourced;
type Series = { indicator: Indicator; group: string; points: Point[]; statements: Statement[] };

export const GROUPS = ['members', 'founders', 'observers', 'dialogue_partners', 'sco_partners', 'partners', 'family'] as const;

export function EconomyPage() {
  const { t } = useTranslation();
  usePageTitle(t('economy.title'));
  const { pick } = useLang();
  const fmt = useNumbers();
  const [code, setCode] = useState('ny.gdp.mktp.cd');
  const [group, setGroup] = useState<(typeof GROUPS)[number]>('members');
  const [from, setFrom] = useState(2001);
  const [to, setTo] = useState(2024);
  const indicators = useApi<{ items: Indicator[] }>('/api/v1/economy/indicators');
  const query = `group=${group}&from=${from}&to=${to}`;
  const series = useApi<Series>(from <= to ? `/api/v1/economy/indicators/${code}/series?${query}` : null);
  const statements = useApi<{ items: Statement[] }>('/api/v1/economy/statements');
  const s = series.data;
  const additive = s?.indicator.aggregation !== 'none';

  const groupChart = useMemo<ChartOption | null>(() => {
    if (!s || !additive) return null;
    const years = s.points.map((p) => String(p.year));
    const quoted = s.statements.filter((q) => q.year !== null && q.year >= from && q.year <= to);
    return {
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => fmt.compact(v) },
      legend: { top: 0 },
      grid: { left: 8, right: 8, bottom: 24, top: 36, containLabel: true },
      xAxis: { type: 'category', data: years },
      yAxis: [{ type: 'value', axisLabel: { formatter: (v: number) => fmt.compact(v) } }, ...(s.indicator.aggregation === 'sum' ? [{ type: 'value', max: 1, axisLabel: { formatter: (v: number) => fmt.percent(v) } }] : [])],
      series: [
        { name: t(`economy.groups.${group}`), type: 'line', data: s.points.map((p) => p.value), connectNulls: false },
        ...(s.indicator.aggregation === 'sum' ? [{ name: t('economy.worldShare'), type: 'line', yAxisIndex: 1, lineStyle: { type: 'dashed' }, data: s.points.map((p) => p.world.share), tooltip: { valueFormatter: (v: number) => fmt.percent(v) } }] : []),
        ...(quoted.length ? [{ name: t('economy.quoted'), type: 'scatter', symbolSize: 11, data: quoted.map((q) => [String(q.year), q.value]) }] : []),
      ],
    };
  }, [s, additive, group, from, to, fmt, t]);

  const stateChart = useMemo<ChartOption | null>(() => {
    if (!s) return null;
    const names = new Map<string, string>();
    for (const p of s.points) for (const b of p.by_state) names.set(b.iso2, pick(b.name));
    const years = s.points.map((p) => String(p.year));
    return {
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => fmt.compact(v) },
      legend: { type: 'scroll', top: 0 },
      grid: { left: 8, right: 8, bottom: 24, top: 36, containLabel: true },
      xAxis: { type: 'category', data: years },
      yAxis: { type: 'value', axisLabel: { formatter: (v: number) => fmt.compact(v) } },
      series: [...names].map(([iso2, name]) => ({ name, type: 'line', showSymbol: false, data: s.points.map((p) => p.by_state.find((b) => b.iso2 === iso2)?.value ?? null) })),
    };
  }, [s, pick, fmt]);

  const exportUrl = (format: string) => `/api/v1/economy/indicators/${code}/observations.${format}?${query}`;
  return (
    <section className="economy" data-testid="economy">
      <h1>{t('economy.title')}</h1>
      <p>{t('economy.intro')} <Link to="/economy/projects">{t('economy.projects')} →</Link></p>
      <div className="controls">
        <label>{t('economy.indicator')}
          <select className="indicator" data-testid="indicator" value={code} onChange={(e) => setCode(e.target.value)}>
            {indicators.data?.items.map((i) => <option key={i.code} value={i.code}>{pick(i.name)}</option>)}
          </select>
        </label>
        <label>{t('economy.group')}
          <select data-testid="group" value={group} onChange={(e) => setGroup(e.target.value as typeof group)}>
            {GROUPS.map((g) => <option key={g} value={g}>{t(`economy.groups.${g}`)}</option>)}
          </select>
        </label>
        <label>{t('economy.from')}<input type="number" min={1960} max={2100} value={from} onChange={(e) => setFrom(Number(e.target.value))} /></label>
        <label>{t('economy.to')}<input type="number" min={1960} max={2100} value={to} onChange={(e) => setTo(Number(e.target.value))} /></label>
      </div>
      {series.error ? <p className="error">{series.error}</p> : null}
      {s ? (
        <>
          <div className="charts">
            <div className="card">
              <h2>{t('economy.groupValue')} — {pick(s.indicator.name)}</h2>
              {groupChart ? <EChart option={groupChart} label={`${t('economy.groupValue')}: ${pick(s.indicator.name)}`} /> : <p>{t('economy.noGroupValue')}</p>}
            </div>
            <div className="card">
              <h2>{t('economy.byState')}</h2>
              {stateChart ? <EChart option={stateChart} label={`${t('economy.byState')}: ${pick(s.indicator.name)}`} /> : null}
            </div>
          </div>
          <div className="card">
            <div className="downloads">{t('economy.download')}: <a href={exportUrl('csv')}>CSV</a> <a href={exportUrl('xlsx')}>XLSX</a> <a href={exportUrl('sdmx-csv')}>SDMX-CSV</a></div>
            <div className="scroll">
              <table data-testid="group-table">
                <thead><tr><th>{t('economy.year')}</th><th className="num">{t('economy.groupValue')} ({s.indicator.unit})</th><th className="num">{t('economy.worldShare')}</th><th>{t('economy.states')}</th></tr></thead>
                <tbody>
                  {[...s.points].reverse().map((p) => (
                    <tr key={p.year}>
                      <td>{p.year}</td>
                      <td className="num">{fmt.compact(p.value)}{!p.complete && additive ? <div className="incomplete">{t('economy.incomplete', { states: p.missing.join(', '), partial: fmt.compact(p.partial_value) })}</div> : null}</td>
                      <td className="num">{fmt.percent(p.world.share)}</td>
                      <td>{p.states.length} <small>{p.states.join(' ')}</small></td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        </>
      ) : <p>{t('common.loading')}</p>}
      <TradeMatrix group={group} />
      <div className="card">
        <h2>{t('economy.statements')}</h2>
        <div className="scroll">
          <table data-testid="statements">
            <thead><tr><th></th><th className="num">{t('economy.quoted')}</th><th className="num">{t('economy.computed')}</th><th className="num">{t('economy.difference')}</th></tr></thead>
            <tbody>
              {statements.data?.items.map((q) => (
                <tr key={q.id}>
                  <td>{pick(q.label)}{q.year ? `, ${q.year}` : ''}{q.group ? ` (${t(`economy.groups.${q.group}`)})` : ''}<div className="quote">“{q.quote}” — {q.source.join(', ')}</div></td>
                  <td className="num">{fmt.compact(q.value)} {q.unit}</td>
                  <td className="num">{q.computed ? fmt.compact(q.computed.value) : <small>{t('economy.notComputable')}</small>}</td>
                  <td className="num">{q.computed ? fmt.percent(q.computed.difference) : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
      <p className="attribution">{t('economy.attribution')}</p>
    </section>
  );
}
