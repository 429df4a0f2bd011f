/** How many states held each status, year by year, as stacked bars coloured like the map. */
import { useMemo } from 'react';
import { EChart, type ChartOption } from './EChart.tsx';
import { useApi, useLang } from '../lib/api.ts';
import { useFormat } from '../lib/format.ts';
import type { StatusRule } from './Status.tsx';
import type { Json } from '../lib/contract.ts';

export function MembershipChart({ statuses, label }: { statuses: StatusRule[]; label: string }) {
  const { data } = useApi<Json<'/api/v1/membership/counts'>>('/api/v1/membership/counts');
  const { pick } = useLang();
  const f = useFormat();
  const option = useMemo<ChartOption | null>(() => {
    if (!data) return null;
    return {
      grid: { left: 8, right: 8, top: 40, bottom: 24, containLabel: true },
      legend: { top: 0 },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: number) => f.number(v) },
      xAxis: { type: 'category', data: data.items.map((i) => i.date.slice(0, 4)) },
      yAxis: { type: 'value', minInterval: 1, axisLabel: { formatter: (v: number) => f.number(v) } },
      series: statuses.map((s) => ({ type: 'bar', stack: 'states', name: pick(s.label), color: s.colour, data: data.items.map((i) => i.counts[s.id] ?? 0) })),
    };
  }, [data, statuses, pick, f]);
  return option ? <EChart option={option} label={label} height={260} /> : null;
}
