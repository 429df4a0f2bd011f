/** National-currency settlement: cycles and statistics, a cycle's positions (heat map), a participant. */
import { useMemo } from 'react';
import { usePageTitle } from '../lib/page.ts';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useApi, useLang, type Localised, type Sourced } from '../lib/api.ts';
import { EChart, type ChartOption } from '../components/EChart.tsx';
import { Provenance } from '../components/Provenance.tsx';
import '../lib/strings/settlement.ts';

type CycleSummary = {
  id: string; date: string; unit: string; vehicle: string | null; run_at: string; digest: string; obligations: number; settled: number; queued: number;
  liquidity: { gross: string; bilateral_net: string; multilateral_net: string; saved_vs_gross: number };
  currencies: { currency: string; national: boolean; obligations: number; settled_obligations: number; gross: string; settled_gross: string; bilateral_net: string; multilateral_net: string }[];
};
type Reason = { code: 'net_debit_cap'; participant: string } | { code: 'swap_line'; payer: string; payee: string };
type Cycle = CycleSummary & {
  scope: 'all' | 'own' | 'aggregates';
  rates: Record<string, { rate: string; path: string[]; sources: string[] }>;
  positions: { participant: string; currency: string; paid: string; received: string; net: string; net_in_unit: string }[];
  limits: { participant: string; net_debit: string; net_debit_cap: string | null }[];
  instructions: { participant: string; currency: string; direction: 'debit' | 'credit'; amount: string }[];
  queued_obligations: { id: string; payer: string; payee: string; currency: string; amount: string; value_date: string; reason: Reason }[];
};
type Statistics = {
  cycles: { id: string; date: string; unit: string; settled: number; queued: number; liquidity_saved_vs_gross: number; national_currency_share: number | null }[];
  open: { currency: string; status: string; obligations: number; amount: string }[];
};
type Participant = {
  id: string; bic: string; state: string; kind: 'central_bank' | 'designated_bank'; name: Localised; currencies: string[]; restricted: boolean;
  net_debit_cap?: { amount: string; currency: string } | null; accounts?: { currency: string; account: string }[];
  swap_lines?: ({ counterparty: string; capacity: string; currency: string } & Sourced)[];
} & Sourced;

const pct = (x: number | null) => (x === null ? '—' : `${(100 * x).toFixed(1)} %`);
function useMoney() {
  const { lang } = useLang();
  return (amount: string, currency?: string) => `${Number(amount).toLocaleString(lang, { minimumFractionDigits: 2, maximumFractionDigits: 2 })}${currency ? ` ${currency}` : ''}`;
}

function ReasonText({ reason }: { reason: Reason }) {
  const { t } = useTranslation();
  return <>{reason.code === 'net_debit_cap' ? t('settlement.reasons.net_debit_cap', { participant: reason.participant }) : t('settlement.reasons.swap_line', { payer: reason.payer, payee: reason.payee })}</>;
}

export function SettlementPage() {
  const { t } = useTranslation();
  usePageTitle(t('settlement.title'));
  const { pick } = useLang();
  const money = useMoney();
  const cycles = useApi<{ items: CycleSummary[] }>('/api/v1/settlement/cycles', { fresh: true });
  const stats = useApi<Statistics>('/api/v1/settlement/statistics', { fresh: true });
  const participants = useApi<{ items: Participant[] }>('/api/v1/settlement/participants', { fresh: true });
  const trend = useMemo<ChartOption | null>(() => {
    const items = stats.data?.cycles ?? [];
    if (items.length === 0) return null;
    return {
      animation: false,
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${v.toFixed(1)} %` },
      legend: { bottom: 0 },
      grid: { left: 48, right: 16, top: 12, bottom: 64 },
      xAxis: { type: 'category', data: items.map((c) => c.id.replace(/^SC-/, '')) },
      yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value} %' } },
      series: [
        { name: t('settlement.saved'), type: 'line', symbolSize: 8, data: items.map((c) => +(100 * c.liquidity_saved_vs_gross).toFixed(2)) },
        { name: t('settlement.nationalShare'), type: 'line', symbolSize: 8, data: items.map((c) => (c.national_currency_share === null ? null : +(100 * c.national_currency_share).toFixed(2))) },
      ],
    };
  }, [stats.data, t]);
  return (
    <section className="settlement">
      <h1>{t('settlement.title')}</h1>
      <p>{t('settlement.intro')}</p>
      <div className="columns">
        <div>
          <h2>{t('settlement.cycles')}</h2>
          {cycles.data && cycles.data.items.length === 0 ? <p>{t('settlement.noCycles')}</p> : null}
          <div className="scroll">
            <table data-testid="cycles">
              <thead><tr><th>{t('settlement.cycle')}</th><th>{t('settlement.settled')}</th><th>{t('settlement.queued')}</th><th>{t('settlement.multilateral')}</th><th>{t('settlement.saved')}</th></tr></thead>
              <tbody>
                {cycles.data?.items.map((c) => (
                  <tr key={c.id}>
                    <td><Link to={`/settlement/cycles/${c.id}`}>{c.id}</Link> <small>{c.date}</small></td>
                    <td>{c.settled}</td>
                    <td>{c.queued}</td>
                    <td>{money(c.liquidity.multilateral_net, c.unit)}</td>
                    <td>{pct(c.liquidity.saved_vs_gross)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h2>{t('settlement.overTime')}</h2>
          {trend ? <EChart option={trend} height={240} label={`${t('settlement.saved')}, ${t('settlement.nationalShare')}`} /> : <p>{t('settlement.none')}</p>}
        </div>
        <div>
          <h2>{t('settlement.open')}</h2>
          {stats.data && stats.data.open.length === 0 ? <p>{t('settlement.none')}</p> : null}
          <table data-testid="open">
            <tbody>{stats.data?.open.map((o) => <tr key={`${o.currency}${o.status}`}><td>{t(`settlement.status.${o.status}`)}</td><td>{o.obligations}</td><td>{money(o.amount, o.currency)}</td></tr>)}</tbody>
          </table>
          <h2>{t('settlement.participants')}</h2>
          {participants.data?.items.length === 0 ? <p>{t('settlement.none')}</p> : null}
          <ul data-testid="participants">
            {participants.data?.items.map((p) => <li key={p.id}><Link to={`/settlement/participants/${p.id}`}>{pick(p.name)}</Link> <small>{p.id} · {p.state}</small></li>)}
          </ul>
        </div>
      </div>
    </section>
  );
}

export function SettlementCyclePage() {
  const { id } = useParams();
  const { t } = useTranslation();
  usePageTitle(`${t('settlement.cycle')} ${id ?? ''}`);
  const money = useMoney();
  const { data: cycle, error } = useApi<Cycle>(`/api/v1/settlement/cycles/${id}`, { fresh: true });
  const heat = useMemo<ChartOption | null>(() => {
    if (!cycle || cycle.positions.length === 0) return null;
    const people = [...new Set(cycle.positions.map((p) => p.participant))].sort();
    const currencies = [...new Set(cycle.positions.map((p) => p.currency))].sort();
    const values = cycle.positions.map((p) => [currencies.indexOf(p.currency), people.indexOf(p.participant), Number(p.net_in_unit)]);
    const extent = Math.max(1, ...values.map((v) => Math.abs(v[2]!)));
    return {
      tooltip: { formatter: (p: { value: number[] }) => `${people[p.value[1]!]} · ${currencies[p.value[0]!]}: ${p.value[2]!.toLocaleString()} ${cycle.unit}` },
      grid: { left: 56, right: 12, top: 8, bottom: 64 },
      xAxis: { type: 'category', data: currencies, splitArea: { show: true } },
      yAxis: { type: 'category', data: people, splitArea: { show: true } },
      visualMap: { min: -extent, max: extent, calculable: false, orient: 'horizontal', left: 'center', bottom: 0, itemHeight: 120, inRange: { color: ['#b2182b', '#f7f7f7', '#2166ac'] }, text: [t('settlement.received'), t('settlement.paid')] },
      animation: false,
      series: [{ type: 'heatmap', data: values, label: { show: currencies.length <= 6, formatter: (p: { value: number[] }) => Math.round(p.value[2]!).toLocaleString() } }],
    };
  }, [cycle, t]);
  if (error) return <p className="error">{error}</p>;
  if (!cycle) return <p>{t('common.loading')}</p>;
  return (
    <section className="settlement">
      <h1>{t('settlement.cycle')} {cycle.id}</h1>
      <p className="note" data-testid="scope">{t(`settlement.scope.${cycle.scope}`)}</p>
      <dl className="facts">
        <div><dt>{t('settlement.date')}</dt><dd>{cycle.date}</dd></div>
        <div><dt>{t('settlement.unit')}</dt><dd>{cycle.unit}{cycle.vehicle ? ` (${t('settlement.vehicle')}: ${cycle.vehicle})` : ''}</dd></div>
        <div><dt>{t('settlement.settled')}</dt><dd>{cycle.settled} / {cycle.obligations}</dd></div>
        <div><dt>{t('settlement.queued')}</dt><dd>{cycle.queued}</dd></div>
        <div><dt>{t('settlement.gross')}</dt><dd>{money(cycle.liquidity.gross, cycle.unit)}</dd></div>
        <div><dt>{t('settlement.bilateral')}</dt><dd>{money(cycle.liquidity.bilateral_net, cycle.unit)}</dd></div>
        <div><dt>{t('settlement.multilateral')}</dt><dd>{money(cycle.liquidity.multilateral_net, cycle.unit)}</dd></div>
        <div><dt>{t('settlement.saved')}</dt><dd data-testid="saved">{pct(cycle.liquidity.saved_vs_gross)}</dd></div>
      </dl>
      {heat ? (<><h2>{t('settlement.heatmap')}</h2><EChart option={heat} height={Math.max(220, 40 * new Set(cycle.positions.map((p) => p.participant)).size + 80)} label={t('settlement.heatmap')} /></>) : null}
      <h2>{t('settlement.byCurrency')}</h2>
      <div className="scroll">
        <table data-testid="currencies">
          <thead><tr><th>{t('settlement.currency')}</th><th>{t('settlement.settled')}</th><th>{t('settlement.gross')}</th><th>{t('settlement.bilateral')}</th><th>{t('settlement.multilateral')}</th><th>{t('settlement.rates')}</th></tr></thead>
          <tbody>
            {cycle.currencies.map((c) => (
              <tr key={c.currency}>
                <td>{c.currency}</td><td>{c.settled_obligations} / {c.obligations}</td><td>{money(c.settled_gross)}</td><td>{money(c.bilateral_net)}</td><td>{money(c.multilateral_net)}</td>
                <td>{cycle.rates[c.currency]?.rate} <small title={cycle.rates[c.currency]?.sources.join('; ')}>{cycle.rates[c.currency]?.path.join(' × ')}</small></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {cycle.scope !== 'aggregates' ? (
        <>
          <h2>{t('settlement.instructions')}</h2>
          <p className="inline">{t('settlement.download')}: <a href={`/api/v1/settlement/cycles/${cycle.id}/instructions.csv`}>CSV</a> <a href={`/api/v1/settlement/cycles/${cycle.id}/instructions.xml`}>ISO 20022 pacs.009</a></p>
          <div className="scroll">
            <table data-testid="instructions">
              <thead><tr><th>{t('settlement.participant')}</th><th>{t('settlement.currency')}</th><th></th><th>{t('settlement.amount')}</th></tr></thead>
              <tbody>{cycle.instructions.map((i) => <tr key={`${i.participant}${i.currency}`}><td>{i.participant}</td><td>{i.currency}</td><td>{t(`settlement.direction.${i.direction}`)}</td><td>{money(i.amount)}</td></tr>)}</tbody>
            </table>
          </div>
          <h2>{t('settlement.limits')}</h2>
          <div className="scroll">
            <table data-testid="limits">
              <thead><tr><th>{t('settlement.participant')}</th><th>{t('settlement.netDebit')}</th><th>{t('settlement.cap')}</th></tr></thead>
              <tbody>{cycle.limits.map((l) => <tr key={l.participant}><td><Link to={`/settlement/participants/${l.participant}`}>{l.participant}</Link></td><td>{money(l.net_debit, cycle.unit)}</td><td>{l.net_debit_cap === null ? t('settlement.noCap') : money(l.net_debit_cap, cycle.unit)}</td></tr>)}</tbody>
            </table>
          </div>
          <h2>{t('settlement.queuedObligations')}</h2>
          {cycle.queued_obligations.length === 0 ? <p>{t('settlement.none')}</p> : (
            <div className="scroll">
              <table data-testid="queued">
                <thead><tr><th>{t('settlement.obligations')}</th><th>{t('settlement.payer')}</th><th>{t('settlement.payee')}</th><th>{t('settlement.amount')}</th><th>{t('settlement.reason')}</th></tr></thead>
                <tbody>{cycle.queued_obligations.map((q) => <tr key={q.id}><td>{q.id}</td><td>{q.payer}</td><td>{q.payee}</td><td>{money(q.amount, q.currency)}</td><td><ReasonText reason={q.reason} /></td></tr>)}</tbody>
              </table>
            </div>
          )}
        </>
      ) : null}
      <p className="disclaimer">{t('settlement.digest')}: <code>{cycle.digest}</code></p>
    </section>
  );
}

export function SettlementParticipantPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const { pick } = useLang();
  const money = useMoney();
  const { data: p, error } = useApi<Participant>(`/api/v1/settlement/participants/${id}`, { fresh: true });
  usePageTitle(p ? pick(p.name) : id);
  if (error) return <p className="error">{error}</p>;
  if (!p) return <p>{t('common.loading')}</p>;
  return (
    <section className="settlement">
      <h1>{pick(p.name)}</h1>
      <p>{p.id} · BIC {p.bic} · {p.state} · {t(`settlement.kind.${p.kind}`)}</p>
      <Provenance record={p} />
      <p>{t('settlement.currencies')}: {p.currencies.join(', ')}</p>
      {p.restricted ? <p className="note" data-testid="restricted">{t('settlement.restricted')}</p> : (
        <>
          <h2>{t('settlement.limits')}</h2>
          <p data-testid="cap">{t('settlement.cap')}: {p.net_debit_cap ? money(p.net_debit_cap.amount, p.net_debit_cap.currency) : t('settlement.noCap')}</p>
          <h2>{t('settlement.swapLines')}</h2>
          {p.swap_lines?.length ? (
            <table data-testid="swap-lines">
              <thead><tr><th>{t('settlement.counterparty')}</th><th>{t('settlement.capacity')}</th><th></th></tr></thead>
              <tbody>{p.swap_lines.map((l) => <tr key={l.counterparty}><td><Link to={`/settlement/participants/${l.counterparty}`}>{l.counterparty}</Link></td><td>{money(l.capacity, l.currency)}</td><td><Provenance record={l} /></td></tr>)}</tbody>
            </table>
          ) : <p>{t('settlement.none')}</p>}
          <h2>{t('settlement.accounts')}</h2>
          <ul>{p.accounts?.map((a) => <li key={a.currency}>{a.currency}: <code>{a.account}</code></li>)}</ul>
        </>
      )}
      <p><Link to="/settlement">← {t('settlement.title')}</Link></p>
    </section>
  );
}
