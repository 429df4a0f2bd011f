/** Implementation rates as ECharts (docs/decisions/0005-charts.md): over time, and by a dimension. */
import { useMemo } from 'react';
import { EChart, type ChartOption } from './EChart.tsx';
import type { Formatters } from '../lib/format.ts';

const BLUE = '#1f5fa8';

/** The overall rate at the end of each quarter, as a line (0–100 %). */
export function RateTrendChart({ points, f, label }: { points: { date: string; rate: number | null }[]; f: Formatters; label: string }) {
  const option = useMemo<ChartOption>(() => ({
    grid: { left: 48, right: 16, top: 16, bottom: 32 },
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => f.percent(v) },
    xAxis: { type: 'category', data: points.map((p) => p.date), axisLabel: { formatter: (d: string) => f.date(d.slice(0, 7)) } },
    yAxis: { type: 'value', min: 0, max: 1, axisLabel: { formatter: (v: number) => f.percent(v) } },
    series: [{ type: 'line', data: points.map((p) => p.rate), color: BLUE, symbolSize: 6 }],
  }), [points, f]);
  return <EChart option={option} label={label} height={220} />;
}

/** Rates by pillar or state as horizontal bars; `name` gives each key's label in the chosen language. */
export function RateBarChart({ rates, name, f, label }: { rates: { key: string; rate: number | null }[]; name: (key: string) => string; f: Formatters; label: string }) {
  const option = useMemo<ChartOption>(() => {
    const sorted = [...rates].sort((a, b) => f.compare(name(b.key), name(a.key)));
    return {
      grid: { left: 8, right: 48, top: 8, bottom: 24, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: number) => f.percent(v) },
      xAxis: { type: 'value', min: 0, max: 1, axisLabel: { formatter: (v: number) => f.percent(v) } },
      yAxis: { type: 'category', data: sorted.map((r) => name(r.key)) },
      series: [{ type: 'bar', data: sorted.map((r) => r.rate), color: BLUE, label: { show: true, position: 'right', formatter: (p: { value: number | null }) => f.percent(p.value) } }],
    };
  }, [rates, name, f]);
  return <EChart option={option} label={label} height={Math.max(120, 28 * rates.length + 40)} />;
}
