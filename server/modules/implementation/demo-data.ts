/**
 * A clearly labelled demonstration data set: one invented plan with measures and reports, to
 * show a full cycle in the portal. Nothing here is a fact; every title says [DEMO] and the plan's
 * origin is 'demo'. Loaded only by `secretariat demo seed`.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { recordEvent } from '../../audit/audit-log.ts';
import { addDays } from '../documents/entry-into-force.ts';

import { DEMO_PLAN } from './demo-plan.ts';
export { DEMO_PLAN };
const DEMO_USER = 'demo';
/** Ids in the same shape as generated ones (m_ and r_ with 12 hex digits), so every route takes them. */
const measureId = (code: string) => `m_de${code.replace('.', '').padStart(10, '0')}`;

/** [code, parent, title, states, start, deadline, unit, baseline, target] */
const MEASURES: [string, string | null, string, string[], string, string, string | null, number | null, number | null][] = [
  ['1', null, '[DEMO] Transport connectivity', ['KZ', 'UZ', 'KG', 'TJ'], '2024-01-01', '2027-12-31', null, null, null],
  ['1.1', '1', '[DEMO] Open new rail border crossings', ['KZ', 'UZ'], '2024-01-01', '2026-06-30', 'crossings', 0, 2],
  ['1.2', '1', '[DEMO] Harmonise transit documents', ['KG', 'TJ'], '2024-01-01', '2027-12-31', '%', 0, 100],
  ['2', null, '[DEMO] Settlement in national currencies', ['RU', 'CN', 'KZ'], '2024-01-01', '2027-12-31', '%', 20, 60],
  ['3', null, '[DEMO] Joint customs risk profiles', ['IN', 'PK'], '2024-01-01', '2025-12-31', 'profiles', 0, 10],
];
/** [measure code, state, days after 2024-01-01, value, claim] */
const REPORTS: [string, string, number, number | null, 'in_progress' | 'at_risk' | 'done'][] = [
  ['1.1', 'KZ', 200, 1, 'in_progress'], ['1.1', 'KZ', 600, 2, 'done'], ['1.1', 'UZ', 400, 1, 'in_progress'],
  ['1.2', 'KG', 300, 30, 'in_progress'], ['1.2', 'TJ', 500, 20, 'at_risk'],
  ['2', 'RU', 250, 35, 'in_progress'], ['2', 'CN', 250, 45, 'in_progress'], ['2', 'KZ', 700, 40, 'in_progress'],
  ['3', 'IN', 300, 4, 'in_progress'],
];

/** Loads the demo plan once; a second run changes nothing. */
export async function seedDemo(db: Kysely<DB>, actor: string): Promise<{ created: boolean }> {
  if (await db.selectFrom('action_plan').select('id').where('id', '=', DEMO_PLAN).executeTakeFirst()) return { created: false };
  await db.transaction().execute(async (trx) => {
    if (!(await trx.selectFrom('app_user').select('id').where('id', '=', DEMO_USER).executeTakeFirst())) {
      // The demo reports' author: an account that cannot sign in.
      await trx.insertInto('app_user').values({ id: DEMO_USER, email: 'demo@secretariat.invalid', display_name: 'Demo data', password_hash: null, failed_logins: 0, locked_until: null, disabled: true, created_at: new Date().toISOString() }).execute();
    }
    await trx.insertInto('action_plan').values({ id: DEMO_PLAN, document_id: null, implements: null, title_en: '[DEMO] Connectivity action plan 2024–2027 (invented demonstration data)', title_ru: '[ДЕМО] План действий по взаимосвязанности 2024–2027 (вымышленные данные)', title_zh: '[演示] 2024–2027年互联互通行动计划（虚构数据）', pillar: 'economy', period_start: '2024-01-01', period_end: '2027-12-31', public: true, source: ['demo: invented by secretariat demo seed'], confidence: 'unconfirmed', note: 'Demonstration data: not a fact about the SCO.', origin: 'demo' }).execute();
    for (const [code, parent, title, states, start, deadline, unit, baseline, target] of MEASURES) {
      await trx.insertInto('measure').values({ id: measureId(code), plan_id: DEMO_PLAN, parent_id: parent ? measureId(parent) : null, code, title, responsible_states: states, responsible_organs: [], start_date: start, deadline, indicator_unit: unit, baseline, target, weight: 1, dropped: false }).execute();
    }
    const versions = new Map<string, number>();
    for (const [i, [code, state, day, value, claim]] of REPORTS.entries()) {
      const key = `${code}:${state}`;
      versions.set(key, (versions.get(key) ?? 0) + 1);
      await trx.insertInto('measure_report').values({ id: `r_de${i.toString(16).padStart(10, '0')}`, measure_id: measureId(code), state_iso2: state, version: versions.get(key)!, value, claim, narrative: '[DEMO] invented progress report', evidence: [], report_date: addDays('2024-01-01', day), submitted_by: DEMO_USER, submitted_at: new Date().toISOString(), review: 'submitted', review_note: null, reviewed_by: null, reviewed_at: null }).execute();
    }
    await recordEvent(trx, { actor, action: 'demo.seed', subjectType: 'action_plan', subjectId: DEMO_PLAN, after: { measures: MEASURES.length, reports: REPORTS.length } });
  });
  return { created: true };
}
