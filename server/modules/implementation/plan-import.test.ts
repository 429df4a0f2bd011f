import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { codesInCycles } from './plan-import.ts';

/** The definition: a code is on a cycle when following parents from it comes back to it. */
function naive(parents: Map<string, string | undefined>): Set<string> {
  const out = new Set<string>();
  for (const start of parents.keys()) {
    let c = parents.get(start);
    for (let steps = 0; c !== undefined && steps <= parents.size; steps++, c = parents.get(c)) {
      if (c === start) {
        out.add(start);
        break;
      }
    }
  }
  return out;
}

test('the one-pass cycle finder agrees with following each chain', () => {
  const code = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f');
  fc.assert(
    fc.property(fc.uniqueArray(fc.tuple(code, fc.option(code, { nil: undefined })), { selector: ([c]) => c, maxLength: 6 }), (pairs) => {
      const rows = pairs.map(([c, p], i) => ({ line: i + 2, cells: { code: c, ...(p ? { parent_code: p } : {}) } }));
      assert.deepEqual([...codesInCycles(rows)].sort(), [...naive(new Map(pairs))].sort());
    }),
  );
  const chain = Array.from({ length: 50_000 }, (_, i) => ({ line: i + 2, cells: { code: `m${i}`, ...(i ? { parent_code: `m${i - 1}` } : {}) } }));
  assert.equal(codesInCycles(chain).size, 0, 'a long chain is walked once, without recursion');
});
