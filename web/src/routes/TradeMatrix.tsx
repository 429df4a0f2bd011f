/** The group's bilateral trade matrix for a year as a heat map, and the import of trade files for the Secretariat. */
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { upload, useApi, useLang, type Localised } from '../lib/api.ts';
import { useMe } from '../lib/session.ts';
import { EChart, type ChartOption } from '../components/EChart.tsx';
import { useNumbers } from './economy-format.ts';

type Matrix = { states: { iso2: string; name: Localised }[]; flows_loaded: number; cells: { from: string; to: string; value: number | null; mirror: boolean; share: number | null; intensity: number | null }[]; dependence: { state: string; dependence: number | null }[] };

export function TradeMatrix({ group }: { group: string }) {
  const { t } = useTranslation();
  const { pick } = useLang();
  const fmt = useNumbers();
  const { me } = useMe();
  const [year, setYear] = useState(2022);
  const [source, setSource] = useState<'comtrade' | 'imf'>('comtrade');
  const matrix = useApi<Matrix>(`/api/v1/economy/trade/matrix?year=${year}&group=${group}&source=${source}`, { fresh: true });
  const [message, setMessage] = useState<{ rows?: number; problem?: string } | null>(null);
  const m = matrix.data;
  const option = useMemo<ChartOption | null>(() => {
    if (!m || m.flows_loaded === 0) return null;
    const names = m.states.map((s) => pick(s.name));
    const index = new Map(m.states.map((s, i) => [s.iso2, i]));
    const values = m.cells.filter((c) => c.value !== null);
    return {
      tooltip: { formatter: (p: { value: [number, number, number] }) => `${names[p.value[1]]} → ${names[p.value[0]]}: ${fmt.compact(p.value[2])} US$` },
      grid: { left: 8, right: 8, top: 8, bottom: 60, containLabel: true },
      xAxis: { type: 'category', data: names, name: t('economy.importer'), nameLocation: 'middle', nameGap: 45, axisLabel: { rotate: 45, fontSize: 10 } },
      yAxis: { type: 'category', data: names, name: t('economy.exporter'), axisLabel: { fontSize: 10 } },
      visualMap: { min: 0, max: Math.max(...values.map((c) => c.value!)), calculable: false, orient: 'horizontal', left: 'center', bottom: 0, itemHeight: 80, formatter: (v: number) => fmt.compact(v) },
      series: [{ type: 'heatmap', data: values.map((c) => [index.get(c.to), index.get(c.from), c.value]) }],
    };
  }, [m, pick, fmt, t]);
  const importFile = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const file = f.get('file') as File;
    try {
      const r = await upload<{ rows: number }>(`/api/v1/economy/trade/imports?source=${f.get('source')}&file_name=${encodeURIComponent(file.name)}`, file, 'text/csv');
      setMessage({ rows: r.rows });
      matrix.reload();
    } catch (err) {
      setMessage({ problem: (err as Error).message });
    }
  };
  return (
    <div className="card" data-testid="trade">
      <h2>{t('economy.trade')}</h2>
      <div className="controls">
        <label>{t('economy.year')}<input type="number" min={1960} max={2100} value={year} onChange={(e) => setYear(Number(e.target.value))} /></label>
        <label>{t('economy.tradeSource')}<select value={source} onChange={(e) => setSource(e.target.value as 'comtrade' | 'imf')}><option value="comtrade">UN Comtrade</option><option value="imf">IMF</option></select></label>
      </div>
      {option ? (
        <>
          <EChart option={option} height={360} label={t('economy.trade')} />
          <p className="attribution">{t('economy.tradeNote')}</p>
        </>
      ) : <p>{t('economy.tradeNone')}</p>}
      {me?.abilities.includes('economy.trade.import') ? (
        <form className="stack" onSubmit={importFile} data-testid="trade-import">
          <h3>{t('economy.importTrade')}</h3>
          <label>{t('economy.tradeSource')}<select name="source"><option value="comtrade">UN Comtrade (CSV)</option><option value="imf">IMF IMTS (SDMX-CSV)</option></select></label>
          <label>{t('economy.file')}<input type="file" name="file" accept=".csv,text/csv" required /></label>
          <button type="submit">{t('economy.importTrade')}</button>
          {message ? <p className={message.problem ? 'error' : undefined}>{message.problem ?? t('economy.imported', { rows: message.rows })}</p> : null}
        </form>
      ) : null}
    </div>
  );
}
