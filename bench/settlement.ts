/**
 * Settlement cycle benchmark: 1,000,000 obligations among 50 participants in 10 currencies.
 * Compares, in the same run, gross settlement (every obligation paid in full), naive multilateral
 * netting (all obligations, no limits) and the full cycle (bilateral and multilateral netting,
 * caps and swap lines, gridlock-resolution removal). Target: the cycle under 10 s, peak memory
 * (resident set) under 1 GiB. The data are invented with a seeded generator, so runs compare.
 * `--database [N]` also times importing and settling the first N obligations through the service on PostgreSQL.
 *
 *   npm run bench:settlement [-- --obligations 1000000]
 */
import { baselines, runCycle, toUnit, type Obligation, type SwapLine, type UnitRate } from '../server/modules/settlement/netting.ts';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const N = arg('obligations', 1_000_000);
const PARTICIPANTS = 50;
const CURRENCIES = ['BYN', 'CNY', 'INR', 'IRR', 'KGS', 'KZT', 'PKR', 'RUB', 'TJS', 'UZS'];
// Settlement-unit minor units per currency minor unit, invented but of plausible relative size.
const RATES: Record<string, UnitRate> = { BYN: { num: 30n, den: 1n }, CNY: { num: 14n, den: 1n }, INR: { num: 12n, den: 10n }, IRR: { num: 1n, den: 420n }, KGS: { num: 115n, den: 100n }, KZT: { num: 2n, den: 10n }, PKR: { num: 36n, den: 100n }, RUB: { num: 1n, den: 1n }, TJS: { num: 9n, den: 1n }, UZS: { num: 8n, den: 1000n } };

function mulberry32(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ids = Array.from({ length: PARTICIPANTS }, (_, i) => `P${String(i).padStart(2, '0')}`);
const random = mulberry32(2026);
const obligations: Obligation[] = new Array(N);
for (let i = 0; i < N; i++) {
  // Skewed flows: lower-numbered participants pay more, so positions are not all near zero.
  const payer = Math.floor(random() ** 1.3 * PARTICIPANTS);
  let payee = Math.floor(random() * (PARTICIPANTS - 1));
  if (payee >= payer) payee++;
  const amount = Math.max(1, Math.floor(10 ** (2 + random() * 6)));
  obligations[i] = { id: `OB${String(i).padStart(8, '0')}`, payer: ids[payer]!, payee: ids[payee]!, currency: CURRENCIES[Math.floor(random() * CURRENCIES.length)]!, amount, valueDate: `2026-12-0${1 + Math.floor(random() * 3)}` };
}

const ms = (t: bigint) => Number(process.hrtime.bigint() - t) / 1e6;

// Gross settlement: each obligation debits its payer and credits its payee in full.
let t = process.hrtime.bigint();
const balance = new Map<string, number>();
for (const o of obligations) {
  balance.set(`${o.payer} ${o.currency}`, (balance.get(`${o.payer} ${o.currency}`) ?? 0) - o.amount);
  balance.set(`${o.payee} ${o.currency}`, (balance.get(`${o.payee} ${o.currency}`) ?? 0) + o.amount);
}
const grossMs = ms(t);

t = process.hrtime.bigint();
const base = baselines(obligations, RATES);
const naiveMs = ms(t);

// Limits: each participant may be short 60% of its naive net debit; swap lines among the first
// eight carry half of their naive bilateral net.
const naiveDebit = new Map<string, bigint>();
for (const [k, v] of balance) if (v < 0) naiveDebit.set(k.split(' ')[0]!, (naiveDebit.get(k.split(' ')[0]!) ?? 0n) + toUnit(-v, RATES[k.split(' ')[1]!]!));
const participants = ids.map((id) => ({ id, netDebitCap: ((naiveDebit.get(id) ?? 0n) * 6n) / 10n }));
const pairNet = new Map<string, bigint>();
for (const o of obligations) {
  if (o.payer >= 'P08' || o.payee >= 'P08') continue;
  const [a, b, sign] = o.payer < o.payee ? [o.payer, o.payee, 1n] : [o.payee, o.payer, -1n];
  pairNet.set(`${a} ${b}`, (pairNet.get(`${a} ${b}`) ?? 0n) + sign * toUnit(o.amount, RATES[o.currency]!));
}
const swapLines: SwapLine[] = [...pairNet].map(([k, v]) => ({ a: k.split(' ')[0]!, b: k.split(' ')[1]!, capacity: (v < 0n ? -v : v) / 2n }));

t = process.hrtime.bigint();
const cycle = runCycle({ obligations, participants, swapLines, rates: RATES });
const cycleMs = ms(t);
const peakRss = process.resourceUsage().maxRSS * 1024;

const settledValue = cycle.liquidity.gross;
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const su = (x: number) => `${(x / 100).toLocaleString('en', { maximumFractionDigits: 0 })} SU`;
const reasons = cycle.queued.reduce<Record<string, number>>((acc, q) => ({ ...acc, [q.reason.code]: (acc[q.reason.code] ?? 0) + 1 }), {});

console.log(`settlement cycle: ${N.toLocaleString('en')} obligations, ${PARTICIPANTS} participants, ${CURRENCIES.length} currencies, ${swapLines.length} swap lines (seeded, invented data)`);
console.log(`machine: ${(await import('node:os')).cpus().length} cores shared by eight engineers; timings are noisy`);
console.log('');
console.log('                        time        liquidity needed      saved vs gross');
console.log(`gross settlement     ${grossMs.toFixed(0).padStart(7)} ms   ${su(base.gross).padStart(22)}   —`);
console.log(`naive netting        ${naiveMs.toFixed(0).padStart(7)} ms   ${su(base.naiveMultilateral).padStart(22)}   ${pct(1 - base.naiveMultilateral / base.gross)}`);
console.log(`full cycle (limits)  ${cycleMs.toFixed(0).padStart(7)} ms   ${su(cycle.liquidity.multilateralNet).padStart(22)}   ${pct(cycle.liquidity.savedVsGross)} of the settled set's gross`);
console.log('');
console.log(`cycle / naive netting time: ${(cycleMs / naiveMs).toFixed(2)}×; cycle / gross posting time: ${(cycleMs / grossMs).toFixed(2)}×`);
console.log(`settled: ${cycle.settled.length.toLocaleString('en')} of ${N.toLocaleString('en')} obligations (${pct(cycle.settled.length / N)}), ${pct(settledValue / base.gross)} of gross value`);
console.log(`queued: ${cycle.queued.length.toLocaleString('en')} (${Object.entries(reasons).map(([k, v]) => `${k} ${v.toLocaleString('en')}`).join(', ') || 'none'})`);
console.log(`bilateral net of the settled set: ${su(cycle.liquidity.bilateralNet)}`);
console.log(`peak memory (max resident set of the whole process, incl. the generated input): ${(peakRss / 2 ** 20).toFixed(0)} MiB`);
console.log(`targets: cycle < 10 s ${cycleMs < 10_000 ? 'met' : 'MISSED'}; memory < 1 GiB ${peakRss < 2 ** 30 ? 'met' : 'MISSED'}`);

// --database [N]: the same data's first N obligations (default 100,000) imported as CSV and settled
// through the service, in one transaction each, on the PostgreSQL server (TEST_POSTGRES_URL).
if (process.argv.includes('--database')) {
  const n = Number.isFinite(arg('database', NaN)) ? arg('database', NaN) : 100_000;
  process.env.TEST_POSTGRES_URL ??= 'postgres://postgres@127.0.0.1:5432/postgres';
  const { openTestDatabase } = await import('../server/testing/test-database.ts');
  const { upsertParticipants } = await import('./../server/modules/settlement/participants.service.ts');
  const { importObligations } = await import('../server/modules/settlement/import-obligations.ts');
  const { runSettlementCycle } = await import('../server/modules/settlement/run-cycle.ts');
  const { fromMinorUnits, formatRatio } = await import('../server/modules/settlement/rates.ts');
  const database = await openTestDatabase();
  const db = database.db;
  const operator = { kind: 'user' as const, userId: 'bench', email: 'bench@example.org', displayName: 'bench', roles: [{ role: 'settlement_operator' as const, state: null, organ: null }], via: 'token' as const, scopes: null };
  const states = (await db.selectFrom('state').select('iso2').orderBy('iso2').execute()).map((s) => s.iso2.trim());
  await upsertParticipants(db, operator, {
    participants: participants.map((p, i) => ({ id: p.id, bic: `BNK${p.id.slice(1)}XXX`, state: states[i % states.length]!, kind: 'designated_bank' as const, name: { en: `Bench bank ${p.id}` }, net_debit_cap: fromMinorUnits(p.netDebitCap ?? 0n, 'RUB'), cap_currency: 'RUB', accounts: CURRENCIES.map((c) => ({ currency: c, account: `${p.id}-${c}` })), source: ['bench: invented'], confidence: 'unconfirmed' as const })),
    swap_lines: swapLines.map((l) => ({ a: l.a, b: l.b, capacity: fromMinorUnits(l.capacity, 'RUB'), currency: 'RUB', source: ['bench: invented'], confidence: 'unconfirmed' as const })),
  });
  // The benchmark's settlement unit is RUB here: 1 unit of X = RATES[X] × (minor units alike) RUB.
  const { recordRates } = await import('../server/modules/settlement/rates.service.ts');
  await recordRates(db, operator, { rates: CURRENCIES.filter((c) => c !== 'RUB').map((c) => ({ rate_date: '2026-12-01', base: c, quote: 'RUB', rate: formatRatio(RATES[c]!, 12), source: 'bench: invented' })) });
  const csv = ['id,payer,payee,currency,amount,value_date', ...obligations.slice(0, n).map((o) => `${o.id},${o.payer},${o.payee},${o.currency},${fromMinorUnits(o.amount, o.currency)},${o.valueDate}`)].join('\n');
  t = process.hrtime.bigint();
  await importObligations(db, operator, 'csv', csv);
  const importMs = ms(t);
  t = process.hrtime.bigint();
  const stored = await runSettlementCycle(db, operator, { date: '2026-12-03', unit: 'RUB' });
  const storedMs = ms(t);
  console.log('');
  console.log(`PostgreSQL (${n.toLocaleString('en')} obligations): import (CSV, validated, one transaction) ${(importMs / 1000).toFixed(1)} s; cycle (read, net, write every outcome, audit; one transaction) ${(storedMs / 1000).toFixed(1)} s; settled ${stored.settled.toLocaleString('en')}, queued ${stored.queued.toLocaleString('en')}`);
  await database.dispose();
}
