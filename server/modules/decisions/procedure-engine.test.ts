import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { evaluate, POSITIONS, type Position, type Procedure } from './procedure-engine.ts';

const members = ['BY', 'CN', 'IN', 'IR', 'KG', 'KZ', 'PK', 'RU', 'TJ', 'UZ'];
const t = (minute: number) => new Date(Date.UTC(2026, 10, 1, 0, minute)).toISOString();
const all = (position: Position['position'], except: string[] = []) => members.filter((s) => !except.includes(s)).map((state, i) => ({ state, position, at: t(i) }));

test('consensus: table of cases', () => {
  const consensus: Procedure = { kind: 'consensus', eligible: members };
  const cases: [string, Position[], string][] = [
    ['nobody has answered', [], 'open'],
    ['all but one support', all('support', ['UZ']), 'open'],
    ['all support or do not object', [...all('support', ['UZ']), { state: 'UZ', position: 'no_objection', at: t(30) }], 'adopted'],
    ['a reservation does not block', [...all('support', ['IN']), { state: 'IN', position: 'reservation', at: t(30), text: 'para 4' }], 'adopted'],
    ['one objection blocks', [...all('support', ['PK']), { state: 'PK', position: 'objection', at: t(30) }], 'blocked'],
    ['an objection withdrawn by a later support', [...all('support', ['PK']), { state: 'PK', position: 'objection', at: t(30) }, { state: 'PK', position: 'support', at: t(31) }], 'adopted'],
    ['a partner cannot block', [...all('support'), { state: 'MN', position: 'objection', at: t(40) }], 'adopted'],
  ];
  for (const [name, positions, expected] of cases) assert.equal(evaluate(consensus, positions, t(100)).state, expected, name);
  const withReservation = evaluate(consensus, [...all('support', ['IN']), { state: 'IN', position: 'reservation', at: t(30), text: 'para 4' }], t(100));
  assert.deepEqual(withReservation.reservations, [{ state: 'IN', text: 'para 4' }]);
});

test('consensus minus one: the state concerned neither blocks nor is waited for', () => {
  const suspension: Procedure = { kind: 'consensus_minus_one', eligible: members, concerned: 'KG' };
  assert.equal(evaluate(suspension, [...all('support', ['KG']), { state: 'KG', position: 'objection', at: t(50) }], t(100)).state, 'adopted');
  assert.equal(evaluate(suspension, all('support', ['KG']), t(100)).state, 'adopted');
  assert.equal(evaluate(suspension, [...all('support', ['KG', 'RU']), { state: 'RU', position: 'objection', at: t(50) }], t(100)).state, 'blocked');
});

test('silence: deemed adopted at the deadline unless broken before it; broken stays broken', () => {
  const silence: Procedure = { kind: 'silence', eligible: members, deadline: t(60) };
  assert.equal(evaluate(silence, [], t(59)).state, 'open');
  assert.equal(evaluate(silence, [], t(60)).state, 'deemed_adopted');
  const broken = [{ state: 'IR', position: 'break_silence' as const, at: t(10) }];
  assert.equal(evaluate(silence, broken, t(20)).state, 'silence_broken');
  assert.equal(evaluate(silence, broken, t(90)).state, 'silence_broken');
  assert.equal(evaluate(silence, [{ state: 'IR', position: 'break_silence', at: t(61) }], t(90)).state, 'deemed_adopted', 'too late to break');
  assert.equal(evaluate(silence, [{ state: 'TR', position: 'break_silence', at: t(10) }], t(90)).state, 'deemed_adopted', 'a partner cannot break silence');
});

test('interested states: binds those who join; staying out blocks nothing', () => {
  const project: Procedure = { kind: 'interested_states', eligible: members };
  const answers = members.map((state, i) => ({ state, position: (i % 3 === 0 ? 'join' : 'stay_out') as Position['position'], at: t(i) }));
  const outcome = evaluate(project, answers, t(100));
  assert.equal(outcome.state, 'adopted');
  assert.deepEqual(outcome.participants, ['BY', 'IR', 'PK', 'UZ']);
  assert.equal(evaluate(project, answers.slice(1), t(100)).state, 'open');
  assert.equal(evaluate(project, all('stay_out'), t(100)).state, 'blocked', 'nobody joined');
});

const state = fc.constantFrom(...members, 'MN', 'TR', 'AF');
const position = fc.record({ state, position: fc.constantFrom(...POSITIONS), at: fc.integer({ min: 0, max: 200 }).map(t) });
const positions = fc.array(position, { maxLength: 40 });
const kind = fc.constantFrom('consensus' as const, 'consensus_minus_one' as const, 'silence' as const, 'interested_states' as const);
const procedure = fc.record({ kind, concerned: fc.constantFrom(...members), deadline: fc.integer({ min: 0, max: 200 }).map(t) }).map((p) => ({ ...p, eligible: members }));
const now = fc.integer({ min: 0, max: 250 }).map(t);

test('property: any standing objection by an eligible member prevents adoption under consensus', () => {
  fc.assert(
    fc.property(positions, now, (ps, at) => {
      const outcome = evaluate({ kind: 'consensus', eligible: members }, ps, at);
      if (outcome.objections.length > 0) assert.notEqual(outcome.state, 'adopted');
      if (outcome.state === 'adopted') assert.deepEqual(outcome.pending, []);
    }),
  );
});

test('property: deemed adoption never happens before the deadline or after silence is broken', () => {
  fc.assert(
    fc.property(positions, fc.integer({ min: 0, max: 200 }).map(t), now, (ps, deadline, at) => {
      const outcome = evaluate({ kind: 'silence', eligible: members, deadline }, ps, at);
      if (outcome.state === 'deemed_adopted') {
        assert.ok(at >= deadline);
        assert.ok(!ps.some((p) => members.includes(p.state) && p.position === 'break_silence' && p.at < deadline && p.at <= at));
      }
    }),
  );
});

test('property: a non-member\'s position never changes the outcome', () => {
  fc.assert(
    fc.property(procedure, positions, fc.array(position.filter((p) => !members.includes(p.state))), now, (proc, ps, outsiders, at) => {
      assert.deepEqual(evaluate(proc, [...ps, ...outsiders], at), evaluate(proc, ps, at));
    }),
  );
});

test('property: under consensus minus one, the concerned state\'s position never changes the outcome', () => {
  fc.assert(
    fc.property(positions, fc.constantFrom(...members), now, (ps, concerned, at) => {
      const proc: Procedure = { kind: 'consensus_minus_one', eligible: members, concerned };
      assert.deepEqual(evaluate(proc, ps, at), evaluate(proc, ps.filter((p) => p.state !== concerned), at));
    }),
  );
});
