import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { loadReference } from '../../reference/load-reference.ts';
import { referenceDir } from '../../testing/test-database.ts';
import { breach, derivePeriods, type MembershipAct } from './membership-acts.ts';
import { overlaps } from './status-on-date.ts';

const reference = loadReference(referenceDir);
const rules = reference.organisation.membershipRules ?? [];
const statuses = reference.organisation.statuses;
const act = (a: string, status: string | null, date: string): MembershipAct => ({ act: a, status, date });

test('for every state, the status periods of the reference files are the periods derived from its acts', () => {
  const states = new Set([...reference.state.map((s) => s.iso2)]);
  let compared = 0;
  for (const state of states) {
    const fromActs = derivePeriods(reference.membership_act.filter((a) => a.state_iso2 === state)).map((p) => [p.status, p.validFrom, p.validTo]);
    const fromFile = reference.status_period.filter((p) => p.state_iso2 === state).sort((a, b) => a.valid_from.localeCompare(b.valid_from)).map((p) => [p.status, p.valid_from, p.valid_to]);
    assert.deepEqual(fromActs, fromFile, state);
    compared += fromFile.length;
  }
  assert.equal(compared, reference.status_period.length, 'every period of the file is compared');
  assert.ok(compared >= 48);
});

test("every reference act keeps to the organisation's rules given the state's other acts", () => {
  for (const a of reference.membership_act) {
    const others = reference.membership_act.filter((x) => x.state_iso2 === a.state_iso2 && x !== a);
    assert.equal(breach(rules, statuses, others, a), null, a.id);
  }
});

test("India's path: observer, application, procedure, memorandum, member", () => {
  const india = reference.membership_act.filter((a) => a.state_iso2 === 'IN').map((a) => `${a.act}:${a.status}@${a.date}`);
  assert.deepEqual(india, ['admission:observer@2005-07-05', 'application:member@2014-09-01', 'procedure_launched:member@2015-07-10', 'memorandum_of_obligations:member@2016-06-24', 'admission:member@2017-06-09']);
  assert.equal(reference.membership_act.find((a) => a.id === 'IN-memorandum_of_obligations-2016-06-24')?.decision_id, '/akn/sco/act/memorandum/2016-06-24/memoranda-obligations-india-pakistan');
});

test('derived periods: a granting act closes the open period, a withdrawal ends it, other acts change nothing', () => {
  const periods = derivePeriods([act('admission', 'member', '2017-06-09'), act('admission', 'observer', '2005-07-05'), act('application', 'member', '2014-09-01'), act('withdrawal', null, '2030-01-01')]);
  assert.deepEqual(periods.map((p) => [p.status, p.validFrom, p.validTo]), [['observer', '2005-07-05', '2017-06-09'], ['member', '2017-06-09', '2030-01-01']]);
  assert.deepEqual(derivePeriods([act('application', 'member', '2014-09-01')]), []);
});

test('rules as data: an admission as member needs an application, a launched procedure and a memorandum of obligations', () => {
  const observer = [act('admission', 'observer', '2005-07-05')];
  assert.equal(breach(rules, statuses, observer, act('admission', 'member', '2026-12-01'))?.rule, 'member_admission_procedure');
  assert.match(breach(rules, statuses, observer, act('admission', 'member', '2026-12-01'))!.message, /no application for "member"/);
  const applied = [...observer, act('application', 'member', '2026-01-01')];
  assert.match(breach(rules, statuses, applied, act('admission', 'member', '2026-12-01'))!.message, /no procedure launched/);
  const full = [...applied, act('procedure_launched', 'member', '2026-03-01'), act('memorandum_of_obligations', 'member', '2026-06-01')];
  assert.equal(breach(rules, statuses, full, act('admission', 'member', '2026-12-01')), null);
  // The founders' admission predates the 2010 regulation.
  assert.equal(breach(rules, statuses, [], act('founding', 'member', '2001-06-15')), null);
  assert.equal(breach(rules, statuses, [], act('procedure_launched', 'member', '2026-01-01'))?.rule, 'procedure_after_application');
});

test('built-in checks: a status exists only in its window, is not granted twice, and a withdrawal needs a status', () => {
  assert.equal(breach(rules, statuses, [], act('admission', 'observer', '2026-01-01'))?.rule, 'status_window', 'observers were merged into partners in 2025');
  assert.equal(breach(rules, statuses, [], act('admission', 'partner', '2024-01-01'))?.rule, 'status_window');
  assert.equal(breach(rules, statuses, [act('admission', 'partner', '2025-09-01')], act('admission', 'partner', '2026-01-01'))?.rule, 'already_holds');
  assert.equal(breach(rules, statuses, [], act('withdrawal', null, '2026-01-01'))?.rule, 'holds_nothing');
  assert.equal(breach(rules, statuses, [], act('status_change', 'partner', '2026-01-01'))?.rule, 'partner_from_observer_or_dialogue_partner');
  assert.equal(breach(rules, statuses, [act('admission', 'dialogue_partner', '2015-07-10')], act('status_change', 'partner', '2025-09-01')), null);
});

const day = fc.integer({ min: 0, max: 15_000 }).map((n) => new Date(Date.UTC(2001, 5, 15) + n * 86_400_000).toISOString().slice(0, 10));
const anyAct = fc.record({ act: fc.constantFrom('founding', 'admission', 'status_change', 'withdrawal', 'application', 'dialogue_memorandum'), status: fc.constantFrom('member', 'observer', 'partner'), date: day });

test('property: derived periods never overlap, are ordered, and each is opened by a granting act on its first day', () => {
  fc.assert(
    fc.property(fc.array(anyAct, { maxLength: 12 }), (acts) => {
      const periods = derivePeriods(acts.map((a) => (a.act === 'withdrawal' ? { ...a, status: null } : a)));
      assert.deepEqual(overlaps(periods), []);
      for (const p of periods) {
        assert.ok(['founding', 'admission', 'status_change'].includes(p.openedBy.act));
        assert.equal(p.openedBy.date, p.validFrom);
        assert.ok(p.validTo === null || p.validTo > p.validFrom);
      }
    }),
  );
});

test('the loader refuses acts that no longer give the periods of status-periods.csv, naming the state', async () => {
  const fs = await import('node:fs');
  const os = await import('node:os');
  const path = await import('node:path');
  const { InvalidReferenceData } = await import('../../reference/load-reference.ts');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'acts-'));
  fs.cpSync(referenceDir, dir, { recursive: true });
  const file = path.join(dir, 'membership-acts.csv');
  fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/\nIN,admission,member,2017-06-09[^\n]*/, ''));
  assert.throws(() => loadReference(dir), (e: unknown) => e instanceof InvalidReferenceData && e.problems.some((p) => p.file === 'membership-acts.csv' && /IN: the acts give the periods \[observer 2005-07-05\.\.\]/.test(p.message)));
  fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/\nIN,application,member[^\n]*/, ''));
  assert.throws(() => loadReference(dir), (e: unknown) => e instanceof InvalidReferenceData && e.problems.some((p) => /IN-procedure_launched-2015-07-10 breaks rule "procedure_after_application"/.test(p.message)));
});
