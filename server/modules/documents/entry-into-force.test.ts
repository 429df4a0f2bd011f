import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { addDays, overallStatus, parseRule, partyStatuses, type Action, type Rule } from './entry-into-force.ts';

const rule4: Rule = { kind: 'consents', count: 4, days: 30 };
const ratify = (state: string, date: string): Action => ({ state, action: 'ratification', date });

test('rule specs parse, bad ones give a reason', () => {
  assert.deepEqual(parseRule('consents:4:30'), rule4);
  assert.deepEqual(parseRule('on_signature'), { kind: 'on_signature' });
  assert.match((parseRule('consents:0:30') as { error: string }).error, /N >= 1/);
  assert.match((parseRule('whenever') as { error: string }).error, /unknown entry-into-force rule/);
});

test('consents:4:30 enters into force on the 30th day after the fourth instrument', () => {
  const actions = [ratify('CN', '2003-01-10'), ratify('RU', '2003-02-01'), ratify('KZ', '2003-07-04'), ratify('TJ', '2003-08-20'), ratify('UZ', '2004-01-01')];
  const overall = overallStatus(rule4, actions, null, '2026-01-01');
  assert.deepEqual({ ...overall, computation: undefined }, { status: 'in_force', date: '2003-09-19', basis: 'computed', computation: undefined });
  assert.match(overall.computation.join('\n'), /4th instrument 2003-08-20 \+ 30 days = 2003-09-19/);
  const parties = partyStatuses(rule4, actions, overall, '2026-01-01');
  assert.equal(parties.find((p) => p.state === 'CN')!.inForceFrom, '2003-09-19', 'early party waits for the overall date');
  assert.equal(parties.find((p) => p.state === 'UZ')!.inForceFrom, '2004-01-31', 'late party: 30 days after its own instrument');
  assert.equal(overallStatus(rule4, actions.slice(0, 3), null, '2026-01-01').status, 'not_in_force');
});

test('a recorded date takes precedence over the computed one', () => {
  const overall = overallStatus(rule4, [ratify('KZ', '2003-07-04')], '2003-09-19', '2026-01-01');
  assert.deepEqual({ ...overall, computation: undefined }, { status: 'in_force', date: '2003-09-19', basis: 'recorded', computation: undefined });
  assert.equal(overallStatus({ kind: 'unknown' }, [], null, '2026-01-01').status, 'unknown');
});

test('beside a recorded date, a party whose consent is not recorded is unknown, not unbound', () => {
  const actions: Action[] = [{ state: 'CN', action: 'signature', date: '2002-06-07' }, ratify('KZ', '2003-07-04')];
  const overall = overallStatus(rule4, actions, '2003-09-19', '2026-01-01');
  const parties = partyStatuses(rule4, actions, overall, '2026-01-01');
  assert.equal(parties.find((p) => p.state === 'CN')!.status, 'unknown');
  assert.equal(parties.find((p) => p.state === 'KZ')!.status, 'in_force');
});

test('a withdrawn party is no longer bound; a signatory without consent is not bound', () => {
  const actions: Action[] = [ratify('CN', '2003-01-01'), { state: 'CN', action: 'withdrawal', date: '2010-01-01' }, { state: 'RU', action: 'signature', date: '2002-06-07' }];
  const overall = overallStatus({ kind: 'consents', count: 1, days: 0 }, actions, null, '2026-01-01');
  const parties = partyStatuses({ kind: 'consents', count: 1, days: 0 }, actions, overall, '2026-01-01');
  assert.equal(parties.find((p) => p.state === 'CN')!.status, 'not_in_force');
  assert.equal(parties.find((p) => p.state === 'RU')!.status, 'not_in_force');
});

const date = fc.integer({ min: 0, max: 9000 }).map((n) => addDays('2001-01-01', n));

test('property: no party is bound before the document itself is in force', () => {
  const actions = fc.array(fc.record({ state: fc.constantFrom('CN', 'RU', 'KZ', 'KG', 'TJ', 'UZ'), action: fc.constant('ratification' as const), date }), { maxLength: 12 });
  fc.assert(
    fc.property(actions, fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 90 }), date, (acts, count, days, today) => {
      const rule: Rule = { kind: 'consents', count, days };
      const overall = overallStatus(rule, acts, null, today);
      for (const p of partyStatuses(rule, acts, overall, today)) {
        if (p.status === 'in_force') {
          assert.equal(overall.status, 'in_force');
          assert.ok(p.inForceFrom! >= overall.date!);
        }
      }
    }),
  );
});

const act = (state: string, action: Action['action'], date: string): Action => ({ state, action, date });

test('table: the rules as data, overall and per party', () => {
  const cases: { spec: string; actions: Action[]; overall: string | null; party: [string, string | null, string] }[] = [
    // "the 30th day after the fourth notification": notifications of internal procedures count as consent.
    { spec: 'consents:4:30', actions: ['CN', 'RU', 'KZ', 'TJ'].map((s, i) => act(s, 'notification', `2020-0${i + 1}-01`)), overall: '2020-05-01', party: ['CN', '2020-05-01', 'in_force'] },
    // "on the date of the last notification": every signatory must have consented.
    { spec: 'all_consents:0', actions: [act('CN', 'signature', '2020-01-01'), act('RU', 'signature', '2020-01-01'), act('CN', 'notification', '2020-03-01'), act('RU', 'notification', '2020-06-15')], overall: '2020-06-15', party: ['RU', '2020-06-15', 'in_force'] },
    { spec: 'all_consents:0', actions: [act('CN', 'signature', '2020-01-01'), act('RU', 'signature', '2020-01-01'), act('CN', 'notification', '2020-03-01')], overall: null, party: ['CN', '2020-03-01', 'not_in_force'] },
    { spec: 'on_signature', actions: [act('CN', 'signature', '2021-02-02')], overall: '2021-02-02', party: ['CN', '2021-02-02', 'in_force'] },
    // A party's recorded date of entry into force beats the computed one.
    { spec: 'consents:1:30', actions: [act('CN', 'ratification', '2020-01-01'), act('RU', 'ratification', '2020-02-01'), act('RU', 'entry_into_force', '2020-02-10')], overall: '2020-01-31', party: ['RU', '2020-02-10', 'in_force'] },
  ];
  for (const c of cases) {
    const rule = parseRule(c.spec) as Rule;
    const overall = overallStatus(rule, c.actions, null, '2026-01-01');
    assert.equal(overall.date, c.overall, c.spec);
    const p = partyStatuses(rule, c.actions, overall, '2026-01-01').find((x) => x.state === c.party[0])!;
    assert.deepEqual([p.inForceFrom, p.status], [c.party[1], c.party[2]], `${c.spec} ${c.party[0]}`);
  }
});

test('provisional application is shown beside the party status, without binding it', () => {
  const actions = [act('CN', 'signature', '2024-10-16'), act('CN', 'provisional_application', '2025-01-01')];
  const overall = overallStatus({ kind: 'consents', count: 4, days: 0 }, actions, null, '2026-01-01');
  const cn = partyStatuses({ kind: 'consents', count: 4, days: 0 }, actions, overall, '2026-01-01')[0]!;
  assert.deepEqual([cn.provisionallyApplied, cn.status], ['2025-01-01', 'not_in_force']);
  assert.match(overall.computation.join(' '), /waiting for 4 more/);
});
