import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { readTradeFile } from './trade-files.ts';
import { tradeMatrix } from './trade-indices.ts';
import { COMTRADE_PLUS, IMF_SDMX } from './trade-fixtures.ts';

test('Comtrade+ files: totals only, world as WLD, mirror imports kept as imports', () => {
  const { flows, problems } = readTradeFile('comtrade', COMTRADE_PLUS);
  assert.deepEqual(problems, []);
  assert.equal(flows.length, 7, 'the chapter-27 row is not a total');
  assert.deepEqual(flows.find((f) => f.reporter === 'KAZ' && f.partner === 'WLD'), { reporter: 'KAZ', partner: 'WLD', year: 2022, flow: 'export', value: 84.4e9 });
});

test('IMF SDMX-CSV: millions of US$, exports and imports only', () => {
  const { flows, problems } = readTradeFile('imf', IMF_SDMX);
  assert.deepEqual(problems, []);
  assert.deepEqual(flows.map((f) => [f.partner, f.value]), [['KAZ', 16.3e9], ['RUS', 76.1e9], ['WLD', 3593.6e9]]);
});

test('bad rows are reported by line and column, and nothing is returned', () => {
  const r = readTradeFile('comtrade', 'refYear,reporterISO,partnerISO,flowCode,cmdCode,primaryValue\n2022,KAZ,CHN,X,TOTAL,abc\n20x2,KZ,CHN,Q,TOTAL,5\n');
  assert.equal(r.flows.length, 0);
  assert.deepEqual(r.problems.map((p) => p.line), [2, 3, 3, 3]);
  assert.match(r.problems[0]!.message, /primaryValue/);
  assert.equal(readTradeFile('imf', COMTRADE_PLUS).problems[0]!.line, 1);
});

test('matrix: direct exports, mirror imports where a reporter is silent, shares and intensity', () => {
  const { flows } = readTradeFile('comtrade', COMTRADE_PLUS);
  const imports = new Map([['CHN', 2700e9], ['RUS', 260e9], ['KAZ', 50e9], ['WLD', 25000e9]]);
  const m = tradeMatrix(flows, ['CHN', 'KAZ', 'RUS'], 2022, imports);
  const cell = (a: string, b: string) => m.cells.find((c) => c.from === a && c.to === b)!;
  assert.deepEqual(cell('KAZ', 'CHN'), { from: 'KAZ', to: 'CHN', value: 13.2e9, mirror: false, share: 13.2e9 / 84.4e9, intensity: (13.2e9 / 84.4e9) / (2700e9 / 25000e9) });
  assert.equal(cell('RUS', 'CHN').value, 114e9);
  assert.equal(cell('RUS', 'CHN').mirror, true);
  assert.equal(cell('CHN', 'KAZ').value, null, 'neither side reported');
  assert.equal(m.total, null);
  assert.equal(m.dependence.find((d) => d.state === 'KAZ')!.dependence, (13.2e9 + 8.8e9) / 84.4e9);
});

test('property: a state with all its exports inside the group depends on it entirely', () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 1, max: 1e6 }), { minLength: 2, maxLength: 2 }), ([a, b]) => {
      const flows = [
        { reporter: 'AAA', partner: 'BBB', year: 2020, flow: 'export' as const, value: a! },
        { reporter: 'AAA', partner: 'CCC', year: 2020, flow: 'export' as const, value: b! },
        { reporter: 'AAA', partner: 'WLD', year: 2020, flow: 'export' as const, value: a! + b! },
      ];
      const m = tradeMatrix(flows, ['AAA', 'BBB', 'CCC'], 2020, new Map());
      assert.ok(Math.abs(m.dependence[0]!.dependence! - 1) < 1e-12);
      const shares = m.cells.filter((c) => c.from === 'AAA').reduce((s, c) => s + c.share!, 0);
      assert.ok(Math.abs(shares - 1) < 1e-12);
    }),
  );
});
