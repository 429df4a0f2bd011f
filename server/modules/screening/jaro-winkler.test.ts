import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { jaroWinkler } from './jaro-winkler.ts';

test('known values', () => {
  const near = (a: number, b: number) => Math.abs(a - b) < 1e-3;
  assert.ok(near(jaroWinkler('martha', 'marhta'), 0.961));
  assert.ok(near(jaroWinkler('dixon', 'dicksonx'), 0.813));
  assert.equal(jaroWinkler('abc', 'abc'), 1);
  assert.equal(jaroWinkler('abc', 'xyz'), 0);
  assert.equal(jaroWinkler('', 'abc'), 0);
});

test('property: symmetric, between 0 and 1, 1 only for equal strings', () => {
  const word = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnop'), maxLength: 12 });
  fc.assert(
    fc.property(word, word, (a, b) => {
      const s = jaroWinkler(a, b);
      assert.ok(s >= 0 && s <= 1);
      assert.ok(Math.abs(s - jaroWinkler(b, a)) < 1e-12);
      if (a !== b && a && b) assert.ok(s < 1);
    }),
  );
});
