import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { complementarity, complementarityMatrix } from './trade-complementarity.ts';
import { readTradeFile } from './trade-files.ts';
import { COMTRADE_PRODUCTS } from './trade-fixtures.ts';

test('hand-checked: shares .6/.4 against .2/.3/.5 give 100·(1 − (.4+.1+.5)/2) = 50', () => {
  const x = new Map([['A', 60], ['B', 40]]);
  const m = new Map([['A', 20], ['B', 30], ['C', 50]]);
  assert.equal(complementarity(x, m), 50);
});

test('identical structures give 100, disjoint ones 0, no trade gives null', () => {
  assert.equal(complementarity(new Map([['A', 1], ['B', 3]]), new Map([['A', 10], ['B', 30]])), 100);
  assert.equal(complementarity(new Map([['A', 5]]), new Map([['B', 5]])), 0);
  assert.equal(complementarity(new Map(), new Map([['B', 5]])), null);
});

test('the index stays within 0..100 and does not depend on the scale of either side', () => {
  const structure = fc.dictionary(fc.constantFrom('01', '02', '27', '84', '85'), fc.integer({ min: 0, max: 1000 }), { minKeys: 1 });
  fc.assert(fc.property(structure, structure, fc.integer({ min: 1, max: 1000 }), (a, b, k) => {
    const x = new Map(Object.entries(a));
    const m = new Map(Object.entries(b));
    const tci = complementarity(x, m);
    if (tci === null) return [...x.values()].every((v) => v === 0) || [...m.values()].every((v) => v === 0);
    const scaled = complementarity(new Map([...x].map(([p, v]) => [p, v * k])), m)!;
    return tci >= -1e-9 && tci <= 100 + 1e-9 && Math.abs(scaled - tci) < 1e-9;
  }));
});

test('from a Comtrade file by product: world rows kept, bilateral product rows dropped, the matrix checked by hand', () => {
  const { products, flows, problems } = readTradeFile('comtrade', COMTRADE_PRODUCTS);
  assert.deepEqual(problems, []);
  assert.equal(flows.length, 0);
  assert.equal(products.length, 7, 'the KAZ→CHN chapter-27 row is bilateral, so left out');
  const m = complementarityMatrix(products, ['KAZ', 'CHN']);
  // KAZ exports 27: 60, 72: 40; CHN imports 27: 20, 72: 30, 85: 50 → 50. CHN exports only 85; KAZ imports only 85 → 100.
  assert.deepEqual(m, [{ exporter: 'KAZ', importer: 'CHN', index: 50 }, { exporter: 'CHN', importer: 'KAZ', index: 100 }]);
});
