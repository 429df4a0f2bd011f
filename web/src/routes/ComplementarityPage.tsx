/** The trade complementarity index between the group's states, from imported trade by product. */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi, useLang, type Localised } from '../lib/api.ts';
import { usePageTitle } from '../lib/page.ts';
import { EChart, type ChartOption } from '../components/EChart.tsx';
import { GROUPS } from './EconomyPage.tsx';
import '../lib/strings/economy.ts';
import '../lib/strings/corridors.ts';
import './economy.css';

type Result = { states: { iso2: string; name: Localised }[]; product_rows: number; products: number; cells: { exporter: string; importer: string; index: number | null }[] };

export function ComplementarityPage() {
  const { t } = useTranslation();
  usePageTitle(t('corridors.complementarity.title'));
  const { pick } = useLang();
  const [year, setYear] = useState(2022);
  const [group, setGroup] = useState<(typeof GROUPS)[number]>('members');
  const query = `year=${year}&group=${group}`;
  const r = useApi<Result>(`/api/v1/economy/trade/complementarity?${query}`);
  const d = r.data;
  const option = useMemo<ChartOption | null>(() => {
    if (!d || d.product_rows === 0) return null;
    const names = d.states.map((s) => pick(s.name));
    const index = new Map(d.states.map((s, i) => [s.iso2, i]));
    return {
      tooltip: { formatter: (p: { value: [number, number, number] }) => `${names[p.value[1]]} → ${names[p.value[0]]}: ${p.value[2].toFixed(1)}` },
      grid: { left: 8, right: 8, top: 8, bottom: 60, containLabel: true },
      xAxis: { type: 'category', data: names, axisLabel: { rotate: 45, fontSize: 10 } },
      yAxis: { type: 'category', data: names, axisLabel: { fontSize: 10 } },
      visualMap: { min: 0, max: 100, orient: 'horizontal', left: 'center', bottom: 0, itemHeight: 80 },
      series: [{ type: 'heatmap', data: d.cells.filter((c) => c.index !== null).map((c) => [index.get(c.importer), index.get(c.exporter), c.index]) }],
    };
  }, [d, pick]);
  return (
    <section className="economy" data-testid="complementarity">
      <h1>{t('corridors.complementarity.title')}</h1>
      <p>{t('corridors.complementarity.intro')}</p>
      <div className="controls">
        <label>{t('economy.year')}<input type="number" min={1960} max={2100} value={year} onChange={(e) => setYear(Number(e.target.value))} /></label>
        <label>{t('economy.group')}
          <select value={group} onChange={(e) => setGroup(e.target.value as typeof group)}>
            {GROUPS.map((g) => <option key={g} value={g}>{t(`economy.groups.${g}`)}</option>)}
          </select>
        </label>
      </div>
      {r.error ? <p className="error">{r.error}</p> : null}
      {d && d.product_rows === 0 ? <p data-testid="complementarity-none">{t('corridors.complementarity.none')}</p> : null}
      {option ? <div className="card"><EChart option={option} label={t('corridors.complementarity.title')} height={360} /></div> : null}
      {d && d.product_rows > 0 ? (
        <div className="scroll">
          <table data-testid="complementarity-table">
            <thead><tr><th>{t('economy.exporter')}</th><th>{t('economy.importer')}</th><th className="num">{t('corridors.complementarity.index')}</th></tr></thead>
            <tbody>{d.cells.filter((c) => c.index !== null).map((c) => <tr key={`${c.exporter}-${c.importer}`}><td>{c.exporter}</td><td>{c.importer}</td><td className="num">{c.index!.toFixed(1)}</td></tr>)}</tbody>
          </table>
        </div>
      ) : null}
      <div className="downloads">{t('economy.download')}: <a href={`/api/v1/economy/trade/complementarity.csv?${query}`}>CSV</a> <a href={`/api/v1/economy/trade/complementarity.xlsx?${query}`}>XLSX</a> <a href={`/api/v1/economy/trade/matrix.csv?${query}`}>{t('economy.trade')} CSV</a></div>
      <p className="attribution">{t('corridors.complementarity.definition')}</p>
    </section>
  );
}
