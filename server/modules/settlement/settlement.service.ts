/**
 * Queries of the settlement module: obligations, cycles with their positions and instructions,
 * and the statistics. What a caller sees is filtered by the settlement policy: the operator all,
 * a bank's officers their own state's participants, everyone else aggregates.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { deny } from '../../http/auth.ts';
import { notFound } from '../../http/problem.ts';
import { can } from '../../policies/policy.ts';
import type { Actor } from '../../policies/actor.ts';
import { toUnit, type CycleResult } from './netting.ts';
import { instructionsCsv, instructionsPacs009, type InstructionRow } from './obligation-formats.ts';
import { fromMinorUnits, NATIONAL_CURRENCIES, parseDecimal, unitRate } from './rates.ts';
import { loadParticipants } from './participants.service.ts';

type Totals = Omit<CycleResult, 'settled' | 'queued'>;
const json = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;

/** Which participants' details `actor` may see: all, some (by id), or none. */
async function visibility(db: Kysely<DB>, actor: Actor) {
  const { participants } = await loadParticipants(db);
  const state = new Map(participants.map((p) => [p.id, p.state]));
  const sees = (...ids: string[]) => can(actor, 'settlement.details.read', { states: ids.map((id) => state.get(id) ?? '') });
  const scope: 'all' | 'own' | 'aggregates' = can(actor, 'settlement.manage') ? 'all' : participants.some((p) => sees(p.id)) ? 'own' : 'aggregates';
  return { participants, sees, scope };
}

export async function listObligations(db: Kysely<DB>, actor: Actor, query: { value_date?: string; status?: 'pending' | 'queued' | 'settled'; participant?: string; limit?: number }) {
  if (!can(actor, 'settlement.obligations.list')) deny(actor, 'Obligations are shown to the settlement operator and settlement banks only');
  const { sees } = await visibility(db, actor);
  let q = db.selectFrom('settlement_obligation').selectAll().orderBy('value_date').orderBy('id');
  if (query.value_date) q = q.where('value_date', '=', query.value_date);
  if (query.status) q = q.where('status', '=', query.status);
  if (query.participant) q = q.where((eb) => eb.or([eb('payer_id', '=', query.participant!), eb('payee_id', '=', query.participant!)]));
  const rows = (await q.execute()).filter((o) => sees(o.payer_id, o.payee_id) || sees(o.payer_id) || sees(o.payee_id));
  return {
    total: rows.length,
    items: rows.slice(0, query.limit ?? 500).map((o) => ({ id: o.id, payer: o.payer_id, payee: o.payee_id, currency: o.currency.trim(), amount: fromMinorUnits(BigInt(String(o.amount)), o.currency.trim()), value_date: o.value_date, reference: o.reference, status: o.status, queue_reason: o.queue_reason === null ? null : json(o.queue_reason), settled_in: o.settled_in })),
  };
}

const summary = (c: DB['settlement_cycle']) => {
  const totals = json<Totals>(c.result);
  const unitOf = (amount: number) => fromMinorUnits(amount, c.unit.trim());
  return {
    id: c.id, date: c.cycle_date, seq: c.seq, unit: c.unit.trim(), vehicle: c.vehicle?.trim() ?? null, run_at: new Date(c.run_at).toISOString(), digest: c.digest,
    obligations: c.obligations, settled: c.settled, queued: c.queued,
    liquidity: { gross: unitOf(totals.liquidity.gross), bilateral_net: unitOf(totals.liquidity.bilateralNet), multilateral_net: unitOf(totals.liquidity.multilateralNet), saved_vs_gross: totals.liquidity.savedVsGross },
    currencies: totals.currencies.map((t) => ({ currency: t.currency, national: t.currency in NATIONAL_CURRENCIES, obligations: t.obligations, settled_obligations: t.settledObligations, gross: fromMinorUnits(t.gross, t.currency), settled_gross: fromMinorUnits(t.settledGross, t.currency), bilateral_net: fromMinorUnits(t.bilateralNet, t.currency), multilateral_net: fromMinorUnits(t.multilateralNet, t.currency) })),
  };
};

/** Every cycle's aggregates, newest first: open to all. */
export async function listCycles(db: Kysely<DB>) {
  return { items: (await db.selectFrom('settlement_cycle').selectAll().orderBy('cycle_date', 'desc').orderBy('seq', 'desc').execute()).map(summary) };
}

async function findCycle(db: Kysely<DB>, id: string) {
  const c = await db.selectFrom('settlement_cycle').selectAll().where('id', '=', id).executeTakeFirst();
  if (!c) throw notFound(`Cycle "${id}"`);
  return c;
}

/**
 * A cycle: aggregates for all; positions (per currency and in the unit), limits used,
 * instructions and queued obligations with their reasons for the participants the caller may see.
 */
export async function getCycle(db: Kysely<DB>, actor: Actor, id: string) {
  const c = await findCycle(db, id);
  const { sees, scope } = await visibility(db, actor);
  const totals = json<Totals>(c.result);
  const rates = json<Record<string, { rate: string; path: string[]; sources: string[] }>>(c.rates);
  const unit = c.unit.trim();
  const inUnit = (amount: number, currency: string) => signed(toUnit(amount, unitRate(parseDecimal(rates[currency]!.rate), currency, unit)), unit);
  const queued = scope === 'aggregates' ? [] : await db.selectFrom('settlement_cycle_item').innerJoin('settlement_obligation', 'settlement_obligation.id', 'settlement_cycle_item.obligation_id')
    .select(['settlement_obligation.id', 'payer_id', 'payee_id', 'currency', 'amount', 'value_date', 'reason']).where('cycle_id', '=', id).where('outcome', '=', 'queued').orderBy('value_date').orderBy('settlement_obligation.id').execute();
  return {
    ...summary(c),
    scope,
    rates,
    positions: totals.positions.filter((p) => sees(p.participant)).map((p) => ({ participant: p.participant, currency: p.currency, paid: fromMinorUnits(p.paid, p.currency), received: fromMinorUnits(p.received, p.currency), net: signed(p.net, p.currency), net_in_unit: inUnit(p.net, p.currency) })),
    limits: totals.participants.filter((p) => sees(p.participant)).map((p) => ({ participant: p.participant, net_debit: fromMinorUnits(p.netDebit, unit), net_debit_cap: p.netDebitCap === null ? null : fromMinorUnits(p.netDebitCap, unit) })),
    swap_lines: totals.swapLines.filter((l) => sees(l.a) || sees(l.b)).map((l) => ({ a: l.a, b: l.b, capacity: fromMinorUnits(l.capacity, unit), net: signed(l.net, unit) })),
    bilateral: totals.bilateral.filter((b) => sees(b.payer) || sees(b.payee)).map((b) => ({ ...b, amount: fromMinorUnits(b.amount, b.currency) })),
    instructions: totals.instructions.filter((i) => sees(i.participant)).map((i) => ({ ...i, amount: fromMinorUnits(i.amount, i.currency) })),
    queued_obligations: queued.filter((q) => sees(q.payer_id) || sees(q.payee_id)).map((q) => ({ id: q.id, payer: q.payer_id, payee: q.payee_id, currency: q.currency.trim(), amount: fromMinorUnits(BigInt(String(q.amount)), q.currency.trim()), value_date: q.value_date, reason: json(q.reason) })),
  };
}

const signed = (minor: number | bigint, currency: string) => (minor < 0 ? `-${fromMinorUnits(-BigInt(minor), currency)}` : fromMinorUnits(minor, currency));

/** A cycle's settlement instructions as CSV or pacs.009 — the caller's own, or all for the operator. */
export async function exportInstructions(db: Kysely<DB>, actor: Actor, id: string, format: 'csv' | 'xml') {
  const c = await findCycle(db, id);
  const { participants, sees, scope } = await visibility(db, actor);
  if (scope === 'aggregates') deny(actor, "Instructions go to the settlement operator and each bank's officers only");
  const bic = new Map(participants.map((p) => [p.id, p.bic]));
  const rows: InstructionRow[] = json<Totals>(c.result).instructions.filter((i) => sees(i.participant)).map((i) => ({ ...i, bic: bic.get(i.participant)! }));
  const cycle = { id: c.id, date: c.cycle_date, createdAt: new Date(c.run_at).toISOString() };
  return format === 'csv' ? instructionsCsv(cycle, rows) : instructionsPacs009(cycle, rows);
}

/**
 * Aggregates for everyone: per cycle the liquidity saved against gross settlement and the share
 * of national currencies in the value settled (the roadmap's indicator); and what is still open
 * (pending or queued), per currency, with the queued part by reason.
 */
export async function statistics(db: Kysely<DB>) {
  const cycles = await db.selectFrom('settlement_cycle').selectAll().orderBy('cycle_date').orderBy('seq').execute();
  const perCycle = cycles.map((c) => {
    const totals = json<Totals>(c.result);
    const rates = json<Record<string, { rate: string }>>(c.rates);
    const unit = c.unit.trim();
    let all = 0n;
    let national = 0n;
    for (const t of totals.currencies) {
      const v = toUnit(t.settledGross, unitRate(parseDecimal(rates[t.currency]!.rate), t.currency, unit));
      all += v;
      if (t.currency in NATIONAL_CURRENCIES) national += v;
    }
    return { id: c.id, date: c.cycle_date, unit, settled: c.settled, queued: c.queued, liquidity_saved_vs_gross: totals.liquidity.savedVsGross, gross: fromMinorUnits(totals.liquidity.gross, unit), multilateral_net: fromMinorUnits(totals.liquidity.multilateralNet, unit), national_currency_share: all === 0n ? null : Number((national * 1_000_000n) / all) / 1_000_000 };
  });
  const open = await db.selectFrom('settlement_obligation').select(['currency', 'status', (eb) => eb.fn.countAll<string>().as('n'), (eb) => eb.fn.sum<string>('amount').as('amount')]).where('status', '<>', 'settled').groupBy(['currency', 'status']).orderBy('currency').orderBy('status').execute();
  const code = sql<string>`queue_reason->>'code'`;
  const reasons = await db.selectFrom('settlement_obligation').select([code.as('code'), (eb) => eb.fn.countAll<string>().as('n')]).where('status', '=', 'queued').groupBy(code).orderBy(code).execute();
  return {
    cycles: perCycle,
    open: open.map((o) => ({ currency: o.currency.trim(), status: o.status, obligations: Number(o.n), amount: fromMinorUnits(BigInt(String(o.amount)), o.currency.trim()) })),
    queued_by_reason: reasons.map((r) => ({ reason: r.code as string, obligations: Number(r.n) })),
  };
}
