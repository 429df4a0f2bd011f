/**
 * Runs a settlement cycle in one transaction: takes the obligations due (pending or queued, value
 * date on or before the cycle's date), converts limits into the settlement unit with the day's
 * reference rates, nets them with the pure engine, and writes the cycle, each obligation's outcome
 * and the audit event. The cycle's rows are immutable (database triggers); a settled obligation
 * cannot change.
 */
import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { recordEvent } from '../../audit/audit-log.ts';
import { deny } from '../../http/auth.ts';
import { AppError } from '../../http/problem.ts';
import { can } from '../../policies/policy.ts';
import { actorId, type Actor } from '../../policies/actor.ts';
import { runCycle, SettlementInputError, toUnit, type Obligation, type UnitRate } from './netting.ts';
import { crossRate, formatRatio, MINOR_UNITS, unitRate } from './rates.ts';
import { quotesOn } from './rates.service.ts';
import { loadParticipants } from './participants.service.ts';

export interface CycleRequest {
  /** The cycle's business day (YYYY-MM-DD). */
  date: string;
  /** The settlement unit: the currency limits and positions are summed in. */
  unit: string;
  /** The vehicle currency cross rates go through when no direct quote exists. */
  vehicle?: string;
}

export async function runSettlementCycle(db: Kysely<DB>, actor: Actor, request: CycleRequest) {
  if (!can(actor, 'settlement.cycles.run')) deny(actor, 'Only the settlement operator runs a cycle');
  if (MINOR_UNITS[request.unit] === undefined) throw new AppError('invalid_request', `unit: not a settled currency`, [{ field: 'unit', message: `one of ${Object.keys(MINOR_UNITS).join(', ')}` }]);
  return db.transaction().execute(async (trx) => {
    // One cycle at a time: a second request waits, then sees the first one's outcome.
    await sql`lock table settlement_cycle in exclusive mode`.execute(trx);
    const { participants, swapLines } = await loadParticipants(trx);
    const due = await trx.selectFrom('settlement_obligation').select(['id', 'payer_id', 'payee_id', 'currency', 'amount', 'value_date']).where('status', '<>', 'settled').where('value_date', '<=', request.date).execute();
    if (due.length === 0) throw new AppError('conflict', `No obligations are due on or before ${request.date}`);
    const obligations: Obligation[] = due.map((o) => ({ id: o.id, payer: o.payer_id, payee: o.payee_id, currency: o.currency.trim(), amount: Number(o.amount), valueDate: o.value_date }));

    // Every currency the cycle touches needs a rate into the unit on the day.
    const quotes = await quotesOn(trx, request.date);
    const needed = [...new Set([...obligations.map((o) => o.currency), ...participants.flatMap((p) => (p.capCurrency ? [p.capCurrency] : [])), ...swapLines.map((l) => l.currency)])].sort();
    const rates: Record<string, UnitRate> = {};
    const shown: Record<string, { rate: string; path: string[]; sources: string[] }> = {};
    const missing: string[] = [];
    for (const c of needed) {
      const x = crossRate(quotes, c, request.unit, request.vehicle);
      if (!x) missing.push(c);
      else {
        rates[c] = unitRate(x.rate, c, request.unit);
        shown[c] = { rate: formatRatio(x.rate, 8), path: x.path, sources: x.sources };
      }
    }
    if (missing.length) throw new AppError('invalid_request', `No reference rate on or before ${request.date} turns ${missing.join(', ')} into ${request.unit}${request.vehicle ? ` (directly or through ${request.vehicle})` : ''}`, missing.map((c) => ({ field: 'rates', message: `${c}/${request.unit} missing` })));

    let result;
    try {
      result = runCycle({
        obligations,
        participants: participants.map((p) => ({ id: p.id, netDebitCap: p.netDebitCap === null ? null : toUnit(Number(p.netDebitCap), rates[p.capCurrency!]!) })),
        swapLines: swapLines.map((l) => ({ a: l.a, b: l.b, capacity: toUnit(Number(l.capacity), rates[l.currency]!) })),
        rates,
      });
    } catch (e) {
      if (e instanceof SettlementInputError) throw new AppError('invalid_request', e.message);
      throw e;
    }

    const seq = Number((await trx.selectFrom('settlement_cycle').select((eb) => eb.fn.max('seq').as('seq')).where('cycle_date', '=', request.date).executeTakeFirst())?.seq ?? 0) + 1;
    const id = `SC-${request.date.replaceAll('-', '')}-${seq}`;
    const { settled, queued, ...totals } = result;
    const digest = createHash('sha256').update(JSON.stringify({ unit: request.unit, rates: shown, obligations: [...obligations].sort((a, b) => (a.id < b.id ? -1 : 1)), settled, queued, totals })).digest('hex');
    const runAt = new Date().toISOString();
    await trx.insertInto('settlement_cycle').values({
      id, cycle_date: request.date, seq, unit: request.unit, vehicle: request.vehicle ?? null, rates: JSON.stringify(shown), result: JSON.stringify(totals),
      obligations: obligations.length, settled: settled.length, queued: queued.length, digest, run_by: actorId(actor), run_at: runAt,
    }).execute();
    // Outcomes go in as arrays (one statement each, whatever the cycle's size), then mark the obligations.
    await sql`insert into settlement_cycle_item (cycle_id, obligation_id, outcome, reason) select ${id}, o, 'settled', null from unnest(${settled}::text[]) as o`.execute(trx);
    await sql`insert into settlement_cycle_item (cycle_id, obligation_id, outcome, reason)
      select ${id}, q.id, 'queued', q.reason::jsonb from unnest(${queued.map((q) => q.id)}::text[], ${queued.map((q) => JSON.stringify(q.reason))}::text[]) as q(id, reason)`.execute(trx);
    await sql`update settlement_obligation o set status = 'settled', settled_in = ${id}, queue_reason = null from settlement_cycle_item i where i.cycle_id = ${id} and i.outcome = 'settled' and o.id = i.obligation_id`.execute(trx);
    await sql`update settlement_obligation o set status = 'queued', queue_reason = i.reason from settlement_cycle_item i where i.cycle_id = ${id} and i.outcome = 'queued' and o.id = i.obligation_id`.execute(trx);
    await recordEvent(trx, { actor: actorId(actor), action: 'settlement.cycle.run', subjectType: 'settlement_cycle', subjectId: id, after: { date: request.date, unit: request.unit, vehicle: request.vehicle ?? null, obligations: obligations.length, settled: settled.length, queued: queued.length, liquidity: totals.liquidity, digest } });
    return { id, settled: settled.length, queued: queued.length, digest };
  });
}
