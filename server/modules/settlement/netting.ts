/**
 * The netting engine of a settlement cycle — pure: no database, no clock, no I/O.
 *
 * gross obligations → bilateral net (per pair and currency) → multilateral net positions (per
 * participant and currency, and in the settlement unit). Limits: a net debit cap per participant
 * and the capacity of a bilateral swap line between two central banks, both in settlement-unit
 * minor units. When a limit is breached, obligations are removed the way the gridlock-resolution
 * algorithm of RTGS queues does it (Bech & Soramäki, "Gridlock resolution in interbank payment
 * systems", Bank of Finland Discussion Papers 9/2001; Danmarks Nationalbank, "Payment Systems in
 * Denmark", appendix A on Kronos): net everything, and while a participant is in breach take its
 * latest obligation (the end of its queue, so the queue's order is respected) out of the set,
 * recompute and repeat until every limit holds. What remains settles; what was taken out is queued
 * for the next cycle with the limit that put it there. See docs/decisions/0010-settlement.md.
 *
 * Amounts are integer minor units held as safe integers (never fractions). Conversion into the
 * settlement unit uses an exact integer ratio per currency in BigInt, truncated toward zero.
 * The queue order is (value date, id), so the cycle does not depend on the order of the input.
 */

export interface Obligation {
  /** Unique reference (e.g. the ISO 20022 end-to-end id or UETR). */
  id: string;
  payer: string;
  payee: string;
  /** ISO 4217 code. */
  currency: string;
  /** Positive integer, in the currency's minor units. */
  amount: number;
  /** YYYY-MM-DD. */
  valueDate: string;
}

export interface Participant {
  id: string;
  /** Largest net debit allowed, summed over currencies, in settlement-unit minor units; null: no cap. */
  netDebitCap: bigint | null;
}

/** A bilateral swap line: the net the two may owe each other, in settlement-unit minor units. */
export interface SwapLine {
  a: string;
  b: string;
  capacity: bigint;
}

/** Settlement-unit minor units per minor unit of the currency = num / den (exact). */
export interface UnitRate {
  num: bigint;
  den: bigint;
}

export interface CycleInput {
  obligations: readonly Obligation[];
  participants: readonly Participant[];
  swapLines?: readonly SwapLine[];
  /** Per currency; every currency of an obligation needs one. */
  rates: Readonly<Record<string, UnitRate>>;
}

export type QueueReason =
  | { code: 'net_debit_cap'; participant: string }
  | { code: 'swap_line'; payer: string; payee: string };

export interface Position {
  participant: string;
  currency: string;
  /** Sums of settled obligations paid and received, and received − paid (negative: a net debit). */
  paid: number;
  received: number;
  net: number;
}

export interface BilateralNet {
  /** The side that owes the net amount. */
  payer: string;
  payee: string;
  currency: string;
  amount: number;
}

/** What a participant pays into (debit) or receives from (credit) the settlement account. */
export interface Instruction {
  participant: string;
  currency: string;
  direction: 'debit' | 'credit';
  amount: number;
}

export interface CurrencyTotals {
  currency: string;
  obligations: number;
  settledObligations: number;
  gross: number;
  settledGross: number;
  /** Sum of bilateral net amounts of the settled set. */
  bilateralNet: number;
  /** Sum of net debit positions of the settled set: the liquidity the cycle needs. */
  multilateralNet: number;
}

export interface Liquidity {
  /** In settlement-unit minor units, over the settled set. */
  gross: number;
  bilateralNet: number;
  multilateralNet: number;
  /** 1 − multilateral / gross (0 when nothing settled). */
  savedVsGross: number;
}

export interface CycleResult {
  /** Ids in queue order. */
  settled: string[];
  queued: { id: string; reason: QueueReason }[];
  positions: Position[];
  /** Net debit per participant in settlement-unit minor units, with its cap. */
  participants: { participant: string; netDebit: number; netDebitCap: number | null }[];
  swapLines: { a: string; b: string; capacity: number; net: number }[];
  bilateral: BilateralNet[];
  instructions: Instruction[];
  currencies: CurrencyTotals[];
  liquidity: Liquidity;
}

/** Input the engine refuses: an unknown participant or currency, a bad amount, a duplicate id. */
export class SettlementInputError extends Error {}

/** Adds `v` to `arr[k]` (strict index checks make `arr[k] += v` awkward). */
const bump = (arr: { [k: number]: number }, k: number, v: number) => {
  arr[k] = (arr[k] ?? 0) + v;
};
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Value of `amount` minor units in settlement-unit minor units, truncated toward zero. */
export function toUnit(amount: number, rate: UnitRate): bigint {
  return (BigInt(amount) * rate.num) / rate.den;
}

/**
 * Runs one settlement cycle over `input`. Throws SettlementInputError for input it cannot net.
 * Deterministic: the same obligations in any order give the same result.
 */
export function runCycle(input: CycleInput): CycleResult {
  const participantIds = input.participants.map((p) => p.id).sort(byText);
  const pIndex = new Map(participantIds.map((id, i) => [id, i]));
  if (pIndex.size !== participantIds.length) throw new SettlementInputError('a participant is listed twice');
  const currencies = Object.keys(input.rates).sort(byText);
  const cIndex = new Map(currencies.map((c, i) => [c, i]));
  const rates = currencies.map((c) => input.rates[c]!);
  for (const [c, r] of currencies.map((c, i) => [c, rates[i]!] as const)) if (r.num < 0n || r.den <= 0n) throw new SettlementInputError(`rate of ${c} must be a non-negative ratio`);
  const P = participantIds.length;
  const C = currencies.length;
  const caps = participantIds.map(() => null as bigint | null);
  for (const p of input.participants) caps[pIndex.get(p.id)!] = p.netDebitCap;

  // Obligations as columns, checked, then put in queue order.
  const obligations = input.obligations;
  const N = obligations.length;
  const payer = new Int32Array(N);
  const payee = new Int32Array(N);
  const cur = new Int32Array(N);
  const amount = new Float64Array(N);
  const gross = new Array<number>(C).fill(0);
  for (let i = 0; i < N; i++) {
    const o = obligations[i]!;
    const a = pIndex.get(o.payer);
    const b = pIndex.get(o.payee);
    const c = cIndex.get(o.currency);
    if (a === undefined) throw new SettlementInputError(`obligation ${o.id}: unknown payer ${o.payer}`);
    if (b === undefined) throw new SettlementInputError(`obligation ${o.id}: unknown payee ${o.payee}`);
    if (a === b) throw new SettlementInputError(`obligation ${o.id}: payer and payee are the same`);
    if (c === undefined) throw new SettlementInputError(`obligation ${o.id}: no rate for currency ${o.currency}`);
    if (!Number.isSafeInteger(o.amount) || o.amount <= 0) throw new SettlementInputError(`obligation ${o.id}: amount must be a positive integer of minor units`);
    bump(gross, c, o.amount);
    if (!Number.isSafeInteger(gross[c])) throw new SettlementInputError(`the total in ${o.currency} exceeds 2^53 − 1 minor units`);
    payer[i] = a;
    payee[i] = b;
    cur[i] = c;
    amount[i] = o.amount;
  }
  const order = new Int32Array(N);
  for (let i = 0; i < N; i++) order[i] = i;
  order.sort((i, j) => byText(obligations[i]!.valueDate, obligations[j]!.valueDate) || byText(obligations[i]!.id, obligations[j]!.id));
  for (let k = 1; k < N; k++) if (obligations[order[k]!]!.id === obligations[order[k - 1]!]!.id) throw new SettlementInputError(`obligation ${obligations[order[k]!]!.id} appears twice`);

  // Net positions (received − paid) per participant × currency, and per ordered pair × currency.
  const net = new Float64Array(P * C);
  const pair = new Float64Array(P * P * C);
  for (let i = 0; i < N; i++) {
    bump(net, payer[i]! * C + cur[i]!, -amount[i]!);
    bump(net, payee[i]! * C + cur[i]!, amount[i]!);
    bump(pair, (payer[i]! * P + payee[i]!) * C + cur[i]!, amount[i]!);
    bump(pair, (payee[i]! * P + payer[i]!) * C + cur[i]!, -amount[i]!);
  }

  // Queues to take obligations from, latest last: per payer × currency and per payer → payee.
  const byPayerCur = buckets(order, (i) => payer[i]! * C + cur[i]!, P * C);
  const byPair = buckets(order, (i) => payer[i]! * P + payee[i]!, P * P);
  const removed = new Uint8Array(N);
  const reasons: { i: number; reason: QueueReason }[] = [];
  // Position in queue order of each obligation, to compare tails of different queues.
  const rank = new Int32Array(N);
  for (let k = 0; k < N; k++) rank[order[k]!] = k;

  const remove = (i: number, reason: QueueReason) => {
    removed[i] = 1;
    const c = cur[i]!;
    bump(net, payer[i]! * C + c, amount[i]!);
    bump(net, payee[i]! * C + c, -amount[i]!);
    bump(pair, (payer[i]! * P + payee[i]!) * C + c, -amount[i]!);
    bump(pair, (payee[i]! * P + payer[i]!) * C + c, amount[i]!);
    reasons.push({ i, reason });
  };
  const netDebit = (p: number): bigint => {
    let sum = 0n;
    for (let c = 0; c < C; c++) if (net[p * C + c]! < 0) sum += toUnit(-net[p * C + c]!, rates[c]!);
    return sum;
  };
  const pairNet = (a: number, b: number): bigint => {
    let sum = 0n;
    for (let c = 0; c < C; c++) if (pair[(a * P + b) * C + c] !== 0) sum += toUnit(pair[(a * P + b) * C + c]!, rates[c]!);
    return sum;
  };

  const lines = (input.swapLines ?? []).map((l) => {
    const a = pIndex.get(l.a);
    const b = pIndex.get(l.b);
    if (a === undefined || b === undefined || a === b) throw new SettlementInputError(`swap line ${l.a}–${l.b}: needs two different known participants`);
    return { a: Math.min(a, b), b: Math.max(a, b), capacity: l.capacity };
  }).sort((x, y) => x.a - y.a || x.b - y.b);

  let changed = true;
  while (changed) {
    changed = false;
    for (let p = 0; p < P; p++) {
      const cap = caps[p];
      if (cap === null || cap === undefined) continue;
      while (netDebit(p) > cap) {
        // The latest obligation of p in a currency where p is short: it lowers p's debit.
        let best = -1;
        for (let c = 0; c < C; c++) {
          if (net[p * C + c]! >= 0) continue;
          const i = byPayerCur.last(p * C + c, removed);
          if (i >= 0 && (best < 0 || rank[i]! > rank[best]!)) best = i;
        }
        remove(best, { code: 'net_debit_cap', participant: participantIds[p]! });
        changed = true;
      }
    }
    for (const line of lines) {
      for (const [x, y] of [[line.a, line.b], [line.b, line.a]] as const) {
        while (pairNet(x, y) > line.capacity) {
          // x owes y more than the line carries: take x's latest obligation to y.
          remove(byPair.last(x * P + y, removed), { code: 'swap_line', payer: participantIds[x]!, payee: participantIds[y]! });
          changed = true;
        }
      }
    }
  }

  return present();

  function present(): CycleResult {
    const settled: string[] = [];
    const paid = new Float64Array(P * C);
    const received = new Float64Array(P * C);
    const count = new Array<number>(C).fill(0);
    const settledCount = new Array<number>(C).fill(0);
    const settledGross = new Array<number>(C).fill(0);
    for (let k = 0; k < N; k++) {
      const i = order[k]!;
      bump(count, cur[i]!, 1);
      if (removed[i]) continue;
      settled.push(obligations[i]!.id);
      bump(paid, payer[i]! * C + cur[i]!, amount[i]!);
      bump(received, payee[i]! * C + cur[i]!, amount[i]!);
      bump(settledCount, cur[i]!, 1);
      bump(settledGross, cur[i]!, amount[i]!);
    }
    const queued = reasons.map(({ i, reason }) => ({ id: obligations[i]!.id, rank: rank[i]!, reason })).sort((x, y) => x.rank - y.rank).map(({ id, reason }) => ({ id, reason }));
    const positions: Position[] = [];
    const instructions: Instruction[] = [];
    const multilateral = new Array<number>(C).fill(0);
    for (let p = 0; p < P; p++) {
      for (let c = 0; c < C; c++) {
        const k = p * C + c;
        if (paid[k] === 0 && received[k] === 0) continue;
        positions.push({ participant: participantIds[p]!, currency: currencies[c]!, paid: paid[k]!, received: received[k]!, net: net[k]! });
        if (net[k] !== 0) instructions.push({ participant: participantIds[p]!, currency: currencies[c]!, direction: net[k]! < 0 ? 'debit' : 'credit', amount: Math.abs(net[k]!) });
        if (net[k]! < 0) bump(multilateral, c, -net[k]!);
      }
    }
    const bilateral: BilateralNet[] = [];
    const bilateralSum = new Array<number>(C).fill(0);
    for (let a = 0; a < P; a++) {
      for (let b = a + 1; b < P; b++) {
        for (let c = 0; c < C; c++) {
          const owed = pair[(a * P + b) * C + c]!;
          if (owed === 0) continue;
          bilateral.push(owed > 0 ? { payer: participantIds[a]!, payee: participantIds[b]!, currency: currencies[c]!, amount: owed } : { payer: participantIds[b]!, payee: participantIds[a]!, currency: currencies[c]!, amount: -owed });
          bump(bilateralSum, c, Math.abs(owed));
        }
      }
    }
    const inUnit = (perCurrency: number[]) => Number(perCurrency.reduce((s, v, c) => s + toUnit(v, rates[c]!), 0n));
    const liquidity = { gross: inUnit(settledGross), bilateralNet: inUnit(bilateralSum), multilateralNet: inUnit(multilateral), savedVsGross: 0 };
    liquidity.savedVsGross = liquidity.gross === 0 ? 0 : 1 - liquidity.multilateralNet / liquidity.gross;
    return {
      settled,
      queued,
      positions,
      participants: participantIds.map((id, p) => ({ participant: id, netDebit: Number(netDebit(p)), netDebitCap: caps[p] === null ? null : Number(caps[p]) })),
      swapLines: lines.map((l) => ({ a: participantIds[l.a]!, b: participantIds[l.b]!, capacity: Number(l.capacity), net: Number(pairNet(l.a, l.b)) })),
      bilateral,
      instructions,
      currencies: currencies.map((currency, c) => ({ currency, obligations: count[c]!, settledObligations: settledCount[c]!, gross: gross[c]!, settledGross: settledGross[c]!, bilateralNet: bilateralSum[c]!, multilateralNet: multilateral[c]! })),
      liquidity,
    };
  }
}

/** Obligation indices grouped by key, each group in queue order; `last` skips removed ones. */
function buckets(order: Int32Array, key: (i: number) => number, keys: number) {
  const start = new Int32Array(keys + 1);
  for (const i of order) bump(start, key(i) + 1, 1);
  for (let k = 0; k < keys; k++) bump(start, k + 1, start[k]!);
  const items = new Int32Array(order.length);
  const fill = start.slice(0, keys);
  for (const i of order) {
    const k = key(i);
    items[fill[k]!] = i;
    bump(fill, k, 1);
  }
  // The end of each group's live part; obligations removed through another group are skipped here.
  const end = start.slice(1);
  return {
    last(k: number, removed: Uint8Array): number {
      let e = end[k]!;
      while (e > start[k]! && removed[items[e - 1]!]) e--;
      end[k] = e;
      return e > start[k]! ? items[e - 1]! : -1;
    },
  };
}

/**
 * The baselines the benchmark and the statistics compare with, over all `obligations`:
 * gross settlement (each paid in full) and naive multilateral netting (no limits).
 * Liquidity in settlement-unit minor units.
 */
export function baselines(obligations: readonly Obligation[], rates: Readonly<Record<string, UnitRate>>): { gross: number; naiveMultilateral: number } {
  const totals = new Map<string, number>();
  const nets = new Map<string, number>();
  for (const o of obligations) {
    totals.set(o.currency, (totals.get(o.currency) ?? 0) + o.amount);
    nets.set(`${o.payer} ${o.currency}`, (nets.get(`${o.payer} ${o.currency}`) ?? 0) - o.amount);
    nets.set(`${o.payee} ${o.currency}`, (nets.get(`${o.payee} ${o.currency}`) ?? 0) + o.amount);
  }
  let gross = 0n;
  for (const [c, v] of totals) gross += toUnit(v, rates[c]!);
  let naive = 0n;
  for (const [k, v] of nets) if (v < 0) naive += toUnit(-v, rates[k.split(' ')[1]!]!);
  return { gross: Number(gross), naiveMultilateral: Number(naive) };
}
