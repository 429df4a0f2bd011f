import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { crossRate, formatRatio, fromMinorUnits, parseDecimal, toMinorUnits, unitRate, type QuotedRate } from './rates.ts';

test('amounts: major-unit decimals to minor units and back, exactly', () => {
  const cases: [string, string, number | null][] = [['1250.5', 'RUB', 125050], ['0.01', 'CNY', 1], ['12.345', 'KZT', null], ['0', 'RUB', null], ['-5', 'RUB', null], ['1e3', 'RUB', null], ['10', 'XXX', null]];
  for (const [text, currency, minor] of cases) assert.equal(toMinorUnits(text, currency), minor, `${text} ${currency}`);
  assert.equal(fromMinorUnits(125050, 'RUB'), '1250.50');
  assert.equal(fromMinorUnits(7, 'CNY'), '0.07');
  fc.assert(fc.property(fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), (minor) => toMinorUnits(fromMinorUnits(minor, 'UZS'), 'UZS') === minor));
});

const q = (base: string, quote: string, rate: string): QuotedRate => ({ base, quote, rate: parseDecimal(rate), source: `src ${base}${quote}` });

test('cross rates: direct, inverse, through the vehicle, or none', () => {
  const quotes = [q('CNY', 'USD', '0.14'), q('KZT', 'USD', '0.002'), q('CNY', 'RUB', '12.8')];
  assert.equal(formatRatio(crossRate(quotes, 'CNY', 'RUB')!.rate), '12.800000');
  assert.equal(formatRatio(crossRate(quotes, 'RUB', 'CNY')!.rate, 8), '0.07812500');
  const kzt = crossRate(quotes, 'KZT', 'CNY', 'USD')!;
  assert.deepEqual([formatRatio(kzt.rate, 8), kzt.path, kzt.sources], ['0.01428571', ['KZT/USD', '~CNY/USD'], ['src KZTUSD', 'src CNYUSD']]);
  assert.equal(crossRate(quotes, 'KZT', 'CNY'), null, 'no vehicle given');
  assert.equal(crossRate(quotes, 'UZS', 'CNY', 'USD'), null, 'no UZS quote');
  assert.deepEqual(crossRate(quotes, 'CNY', 'CNY')!.rate, { num: 1n, den: 1n });
});

test('property: a cross rate and the cross rate back multiply to one', () => {
  const dec = fc.tuple(fc.integer({ min: 1, max: 10 ** 6 }), fc.integer({ min: 0, max: 6 })).map(([n, p]) => (n / 10 ** p).toFixed(p));
  fc.assert(fc.property(dec, dec, (a, b) => {
    const quotes = [q('KZT', 'USD', a), q('CNY', 'USD', b)];
    const there = crossRate(quotes, 'KZT', 'CNY', 'USD')!.rate;
    const back = crossRate(quotes, 'CNY', 'KZT', 'USD')!.rate;
    assert.equal(there.num * back.num, there.den * back.den);
  }));
});

test('unit rates scale by the minor units of both currencies', () => {
  assert.deepEqual(unitRate(parseDecimal('12.8'), 'CNY', 'RUB'), { num: 64n, den: 5n });
});
