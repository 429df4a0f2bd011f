import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { runCycle, SettlementInputError, type CycleInput, type Obligation, type Participant, type SwapLine } from './netting.ts';

const ONE = { num: 1n, den: 1n };
const o = (id: string, payer: string, payee: string, amount: number, currency = 'RUB', valueDate = '2026-12-01'): Obligation => ({ id, payer, payee, amount, currency, valueDate });
const parts = (caps: Record<string, bigint | null>): Participant[] => Object.entries(caps).map(([id, netDebitCap]) => ({ id, netDebitCap }));
const free = parts({ A: null, B: null, C: null });

test('table: hand-checked cycles', () => {
  const cases: { name: string; input: CycleInput; settled: string[]; queued: [string, string][]; nets: Record<string, number>; multilateral: number; bilateral: number }[] = [
    {
      name: 'a ring offsets fully: no liquidity needed',
      input: { obligations: [o('r1', 'A', 'B', 100), o('r2', 'B', 'C', 100), o('r3', 'C', 'A', 100)], participants: free, rates: { RUB: ONE } },
      settled: ['r1', 'r2', 'r3'], queued: [], nets: { 'A RUB': 0, 'B RUB': 0, 'C RUB': 0 }, multilateral: 0, bilateral: 300,
    },
    {
      name: 'two-way payments net bilaterally',
      input: { obligations: [o('x1', 'A', 'B', 100), o('x2', 'B', 'A', 60)], participants: free, rates: { RUB: ONE } },
      settled: ['x1', 'x2'], queued: [], nets: { 'A RUB': -40, 'B RUB': 40 }, multilateral: 40, bilateral: 40,
    },
    {
      name: 'a cap takes out the payer\'s latest obligation only',
      input: { obligations: [o('a2', 'A', 'B', 40), o('a1', 'A', 'B', 30), o('b1', 'B', 'A', 10)], participants: parts({ A: 50n, B: null }), rates: { RUB: ONE } },
      settled: ['a1', 'b1'], queued: [['a2', 'net_debit_cap:A']], nets: { 'A RUB': -20, 'B RUB': 20 }, multilateral: 20, bilateral: 20,
    },
    {
      name: 'the queue order is the value date first: an earlier date stays',
      input: { obligations: [o('a1', 'A', 'B', 30, 'RUB', '2026-12-02'), o('z9', 'A', 'B', 40, 'RUB', '2026-12-01')], participants: parts({ A: 50n, B: null }), rates: { RUB: ONE } },
      settled: ['z9'], queued: [['a1', 'net_debit_cap:A']], nets: { 'A RUB': -40, 'B RUB': 40 }, multilateral: 40, bilateral: 40,
    },
    {
      name: 'removal cascades: B loses A\'s payment and then breaches its own cap',
      input: { obligations: [o('a1', 'A', 'B', 100), o('b1', 'B', 'C', 100)], participants: parts({ A: 0n, B: 0n, C: null }), rates: { RUB: ONE } },
      settled: [], queued: [['a1', 'net_debit_cap:A'], ['b1', 'net_debit_cap:B']], nets: {}, multilateral: 0, bilateral: 0,
    },
    {
      name: 'a swap line caps what one central bank may owe the other',
      input: { obligations: [o('s1', 'A', 'B', 20), o('s2', 'A', 'B', 15), o('s3', 'B', 'A', 5)], participants: free, swapLines: [{ a: 'B', b: 'A', capacity: 25n }], rates: { RUB: ONE } },
      settled: ['s1', 's3'], queued: [['s2', 'swap_line:A>B']], nets: { 'A RUB': -15, 'B RUB': 15 }, multilateral: 15, bilateral: 15,
    },
    {
      name: 'the cap is in the settlement unit, summed over short currencies',
      // 100 CNY minor × 12 = 1200 units; 500 RUB minor × 1 = 500; A is short 1700 > 1500: its latest (c1) goes.
      input: { obligations: [o('c1', 'A', 'B', 100, 'CNY'), o('b1', 'A', 'B', 500, 'RUB')], participants: parts({ A: 1500n, B: null }), rates: { RUB: ONE, CNY: { num: 12n, den: 1n } } },
      settled: ['b1'], queued: [['c1', 'net_debit_cap:A']], nets: { 'A RUB': -500, 'B RUB': 500 }, multilateral: 500, bilateral: 500,
    },
  ];
  for (const c of cases) {
    const r = runCycle(c.input);
    assert.deepEqual(r.settled, c.settled, c.name);
    assert.deepEqual(r.queued.map((q) => [q.id, q.reason.code === 'net_debit_cap' ? `net_debit_cap:${q.reason.participant}` : `swap_line:${q.reason.payer}>${q.reason.payee}`]), c.queued, c.name);
    assert.deepEqual(Object.fromEntries(r.positions.map((p) => [`${p.participant} ${p.currency}`, p.net])), c.nets, c.name);
    assert.equal(r.liquidity.multilateralNet, c.multilateral, c.name);
    assert.equal(r.liquidity.bilateralNet, c.bilateral, c.name);
  }
});

test('instructions: short participants pay in, long ones receive, per currency', () => {
  const r = runCycle({ obligations: [o('x1', 'A', 'B', 100), o('x2', 'B', 'C', 30), o('x3', 'C', 'A', 10)], participants: free, rates: { RUB: ONE } });
  assert.deepEqual(r.instructions, [
    { participant: 'A', currency: 'RUB', direction: 'debit', amount: 90 },
    { participant: 'B', currency: 'RUB', direction: 'credit', amount: 70 },
    { participant: 'C', currency: 'RUB', direction: 'credit', amount: 20 },
  ]);
  assert.equal(r.liquidity.gross, 140);
  assert.equal(r.liquidity.savedVsGross, 1 - 90 / 140);
});

test('bad input is refused, naming the obligation', () => {
  const input = (obligations: Obligation[]): CycleInput => ({ obligations, participants: free, rates: { RUB: ONE } });
  assert.throws(() => runCycle(input([o('x', 'A', 'Q', 1)])), (e: Error) => e instanceof SettlementInputError && /x: unknown payee Q/.test(e.message));
  assert.throws(() => runCycle(input([o('x', 'A', 'A', 1)])), /x: payer and payee are the same/);
  assert.throws(() => runCycle(input([o('x', 'A', 'B', 1, 'USD')])), /x: no rate for currency USD/);
  assert.throws(() => runCycle(input([o('x', 'A', 'B', 1.5)])), /x: amount must be a positive integer/);
  assert.throws(() => runCycle(input([o('x', 'A', 'B', 0)])), /x: amount must be a positive integer/);
  assert.throws(() => runCycle(input([o('x', 'A', 'B', 1), o('x', 'B', 'C', 2)])), /x appears twice/);
  assert.throws(() => runCycle(input([o('x', 'A', 'B', 2 ** 52), o('y', 'A', 'B', 2 ** 52)])), /exceeds 2\^53/);
});

// ---- properties -----------------------------------------------------------------------------

const IDS = ['BOC', 'CBR', 'NBK', 'NBKR', 'CBU'];
const CURRENCIES = { RUB: { num: 1n, den: 1n }, CNY: { num: 12n, den: 1n }, KZT: { num: 1n, den: 5n } };
const obligationsArb = fc
  .array(fc.record({ payer: fc.constantFrom(...IDS), payee: fc.constantFrom(...IDS), currency: fc.constantFrom(...Object.keys(CURRENCIES)), amount: fc.integer({ min: 1, max: 10_000 }), day: fc.integer({ min: 1, max: 3 }) }), { maxLength: 60 })
  .map((rows) => rows.filter((r) => r.payer !== r.payee).map((r, i) => ({ id: `o${String(i).padStart(3, '0')}`, payer: r.payer, payee: r.payee, currency: r.currency, amount: r.amount, valueDate: `2026-12-0${r.day}` })));
const capsArb = fc.array(fc.option(fc.bigInt({ min: 0n, max: 100_000n }), { nil: null }), { minLength: IDS.length, maxLength: IDS.length }).map((caps) => IDS.map((id, i) => ({ id, netDebitCap: caps[i]! })));
const linesArb = fc.uniqueArray(fc.record({ pair: fc.constantFrom(...IDS.flatMap((a, i) => IDS.slice(i + 1).map((b) => `${a}|${b}`))), capacity: fc.bigInt({ min: 0n, max: 100_000n }) }), { selector: (l) => l.pair, maxLength: 4 })
  .map((ls) => ls.map((l): SwapLine => ({ a: l.pair.split('|')[0]!, b: l.pair.split('|')[1]!, capacity: l.capacity })));
const inputArb = fc.record({ obligations: obligationsArb, participants: capsArb, swapLines: linesArb }).map((x): CycleInput => ({ ...x, rates: CURRENCIES }));

test('property: per currency, net positions sum to zero, and settled + queued is the input', () => {
  fc.assert(fc.property(inputArb, (input) => {
    const r = runCycle(input);
    for (const c of Object.keys(CURRENCIES)) assert.equal(r.positions.filter((p) => p.currency === c).reduce((s, p) => s + p.net, 0), 0);
    assert.deepEqual([...r.settled, ...r.queued.map((q) => q.id)].sort(), input.obligations.map((x) => x.id).sort());
  }));
});

test('property: no settled cycle breaks a limit', () => {
  fc.assert(fc.property(inputArb, (input) => {
    const r = runCycle(input);
    for (const p of r.participants) if (p.netDebitCap !== null) assert.ok(p.netDebit <= p.netDebitCap, `${p.participant}: ${p.netDebit} > ${p.netDebitCap}`);
    for (const l of r.swapLines) assert.ok(Math.abs(l.net) <= l.capacity, `${l.a}–${l.b}: ${l.net} beyond ${l.capacity}`);
    // And the reported figures are the settled set's: recompute with no limits over it.
    const again = runCycle({ ...input, obligations: input.obligations.filter((x) => r.settled.includes(x.id)), participants: IDS.map((id) => ({ id, netDebitCap: null })), swapLines: [] });
    assert.deepEqual(again.positions, r.positions);
  }));
});

test('property: removing an obligation never raises its payer\'s net debit', () => {
  fc.assert(fc.property(obligationsArb.filter((os) => os.length > 0), fc.nat(), (obligations, pick) => {
    const unlimited = (os: Obligation[]) => runCycle({ obligations: os, participants: IDS.map((id) => ({ id, netDebitCap: null })), rates: CURRENCIES });
    const gone = obligations[pick % obligations.length]!;
    const before = unlimited(obligations).participants.find((p) => p.participant === gone.payer)!.netDebit;
    const after = unlimited(obligations.filter((x) => x !== gone)).participants.find((p) => p.participant === gone.payer)!.netDebit;
    assert.ok(after <= before, `${gone.payer}: ${after} > ${before}`);
  }));
});

test('property: the same input in any order gives the same cycle', () => {
  fc.assert(fc.property(inputArb.chain((input) => fc.shuffledSubarray([...input.obligations], { minLength: input.obligations.length }).map((shuffled) => [input, shuffled] as const)), ([input, shuffled]) => {
    assert.deepEqual(runCycle({ ...input, obligations: shuffled, participants: [...input.participants].reverse() }), runCycle(input));
  }));
});

test('property: queued obligations settle in a later cycle once limits allow', () => {
  fc.assert(fc.property(inputArb, obligationsArb, (input, tomorrow) => {
    const first = runCycle(input);
    const queued = input.obligations.filter((x) => first.queued.some((q) => q.id === x.id));
    const next = tomorrow.map((x) => ({ ...x, id: `n${x.id}`, valueDate: '2026-12-04' }));
    // Limits raised to what the queued obligations need: the queue clears, and the new day's obligations with it.
    const second = runCycle({ obligations: [...queued, ...next], participants: IDS.map((id) => ({ id, netDebitCap: null })), rates: CURRENCIES });
    assert.equal(second.queued.length, 0);
    assert.ok(queued.every((x) => second.settled.includes(x.id)));
    // Retried under the same limits, the queue again settles only what the limits allow.
    const retry = runCycle({ ...input, obligations: queued });
    for (const p of retry.participants) if (p.netDebitCap !== null) assert.ok(p.netDebit <= p.netDebitCap);
  }));
});
