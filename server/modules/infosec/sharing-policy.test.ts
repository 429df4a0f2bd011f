import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { mayReceive, PAP_LEVELS, policyProblem, recipients, TLP_LEVELS, wideningProblem, type SharingContext, type SharingPolicy } from './sharing-policy.ts';

const community = ['BY', 'CN', 'IN', 'IR', 'KG', 'KZ', 'PK', 'RU', 'TJ', 'UZ'];
const context: SharingContext = { community, groups: new Map([['central-asia', ['KG', 'KZ', 'TJ', 'UZ']]]) };
const states = (...s: string[]) => ({ kind: 'states' as const, states: s });

test('a marking and its audience must agree (TLP 2.0)', () => {
  const cases: [string, SharingPolicy, boolean][] = [
    ['CLEAR to the community', { tlp: 'CLEAR', pap: 'CLEAR', audience: { kind: 'community' } }, true],
    ['GREEN to named states', { tlp: 'GREEN', pap: 'GREEN', audience: states('KZ') }, false],
    ['AMBER to named states', { tlp: 'AMBER', pap: 'AMBER', audience: states('KZ', 'RU') }, true],
    ['AMBER to a group', { tlp: 'AMBER', pap: 'AMBER', audience: { kind: 'group', group: 'central-asia' } }, true],
    ['AMBER to the community', { tlp: 'AMBER', pap: 'AMBER', audience: { kind: 'community' } }, false],
    ['AMBER to an unknown group', { tlp: 'AMBER', pap: 'AMBER', audience: { kind: 'group', group: 'nobody' } }, false],
    ['AMBER+STRICT to named states', { tlp: 'AMBER+STRICT', pap: 'RED', audience: states('CN') }, true],
    ['RED to named states', { tlp: 'RED', pap: 'RED', audience: states('RU') }, true],
    ['RED to a group', { tlp: 'RED', pap: 'RED', audience: { kind: 'group', group: 'central-asia' } }, false],
    ['RED to nobody', { tlp: 'RED', pap: 'RED', audience: states() }, false],
    ['a state outside the network', { tlp: 'RED', pap: 'RED', audience: states('US') }, false],
  ];
  for (const [name, policy, ok] of cases) assert.equal(policyProblem(policy, context) === undefined, ok, name);
});

test('recipients: the community, a group or named states; the originator always receives', () => {
  const amber: SharingPolicy = { tlp: 'AMBER', pap: 'AMBER', audience: states('RU', 'KZ', 'KZ') };
  assert.deepEqual(recipients(amber, context), ['KZ', 'RU']);
  assert.equal(mayReceive(amber, 'KZ', 'CN', context), false);
  assert.equal(mayReceive(amber, 'CN', 'CN', context), true, 'the originator');
  assert.deepEqual(recipients({ tlp: 'AMBER', pap: 'AMBER', audience: { kind: 'group', group: 'central-asia' } }, context), ['KG', 'KZ', 'TJ', 'UZ']);
  assert.equal(recipients({ tlp: 'GREEN', pap: 'GREEN', audience: { kind: 'community' } }, context).length, 10);
});

test('a child may narrow its parent, never widen it', () => {
  const parent: SharingPolicy = { tlp: 'AMBER', pap: 'AMBER', audience: states('KZ', 'RU', 'CN') };
  assert.equal(wideningProblem(parent, { tlp: 'RED', pap: 'RED', audience: states('KZ') }, context), undefined);
  assert.match(wideningProblem(parent, { tlp: 'GREEN', pap: 'AMBER', audience: { kind: 'community' } }, context)!, /wider/);
  assert.match(wideningProblem(parent, { tlp: 'AMBER', pap: 'AMBER', audience: states('KZ', 'IN') }, context)!, /beyond the parent's: IN/);
  assert.match(wideningProblem(parent, { tlp: 'AMBER', pap: 'GREEN', audience: states('KZ') }, context)!, /PAP/);
});

const policy = fc.record({
  tlp: fc.constantFrom(...TLP_LEVELS),
  pap: fc.constantFrom(...PAP_LEVELS),
  audience: fc.oneof(
    fc.constant({ kind: 'community' as const }),
    fc.subarray(community, { minLength: 1 }).map((s) => states(...s)),
    fc.constant({ kind: 'group' as const, group: 'central-asia' }),
  ),
});

test('property: whatever narrows a parent sends to no one the parent excludes', () => {
  fc.assert(
    fc.property(policy, policy, fc.constantFrom(...community), (parent, child, state) => {
      if (wideningProblem(parent, child, context) !== undefined) return;
      if (recipients(child, context).includes(state)) assert.ok(recipients(parent, context).includes(state));
    }),
  );
});

test('property: narrowing is transitive', () => {
  fc.assert(
    fc.property(policy, policy, policy, (a, b, c) => {
      if (wideningProblem(a, b, context) === undefined && wideningProblem(b, c, context) === undefined) assert.equal(wideningProblem(a, c, context), undefined);
    }),
  );
});
