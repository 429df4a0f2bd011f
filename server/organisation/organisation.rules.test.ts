import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadReference } from '../reference/load-reference.ts';
import { referenceDir } from '../testing/test-database.ts';
import { procedureFor } from './organisation.rules.ts';

const rules = loadReference(referenceDir).organisation;

test('the procedure follows the SCO rules as data: first matching rule wins', () => {
  const cases: [string, string, string | undefined][] = [
    ['CHS', 'suspension', 'consensus_minus_one'],
    ['CHS', 'declaration', 'consensus'],
    ['CHG', 'project', 'interested_states'],
    ['CNC', 'procedural', 'silence'],
    ['CHS', 'procedural', 'consensus'],
  ];
  for (const [organ, kind, expected] of cases) assert.equal(procedureFor(rules, organ, kind)?.procedure, expected, `${organ} ${kind}`);
  assert.equal(procedureFor({ ...rules, procedures: [] }, 'CHS', 'declaration'), undefined);
});
