/**
 * An officer records a membership act (an application, an admission, a status change…). The act
 * is checked against the organisation's rules (organisation.json `membershipRules`) together
 * with every other act of the state, so a back-dated act cannot break a later one; the state's
 * status changes from the act's date, since periods derive from the acts. Audited.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { recordEvent } from '../../audit/audit-log.ts';
import { deny } from '../../http/auth.ts';
import { AppError, notFound } from '../../http/problem.ts';
import { can } from '../../policies/policy.ts';
import { actorId, type Actor } from '../../policies/actor.ts';
import { organisationRules } from '../../organisation/organisation.routes.ts';
import { membershipActId } from '../../reference/reference-files.ts';
import { breach, byDate, derivePeriods, ENDING, GRANTING, type ActKind } from './membership-acts.ts';
import { presentAct } from './membership.service.ts';

export interface MembershipActInput {
  act: ActKind;
  status?: string | null;
  date: string;
  date_precision?: 'day' | 'month' | 'year';
  organ?: string | null;
  meeting?: string | null;
  /** The decision or instrument: a document's key (`memorandum-2022-09-15-memorandum-obligations-iran`) or its /akn/ id. */
  decision?: string | null;
  basis?: string | null;
  source?: string[];
  note?: string | null;
}

const invalid = (field: string, message: string) => new AppError('invalid_request', `${field}: ${message}`, [{ field, message }]);
const periodsText = (acts: DB['membership_act'][]) => derivePeriods(acts).map((p) => ({ status: p.status, valid_from: p.validFrom, valid_to: p.validTo }));

export async function recordMembershipAct(db: Kysely<DB>, actor: Actor, iso2: string, input: MembershipActInput) {
  if (!can(actor, 'membership.record')) deny(actor, 'Only the Secretariat records membership acts');
  const state = iso2.toUpperCase();
  const rules = await organisationRules(db);
  if (input.date < rules.founded) throw invalid('date', `is before the organisation was founded (${rules.founded})`);
  const status = input.status ?? null;
  if (ENDING.includes(input.act)) {
    if (status !== null) throw invalid('status', `a ${input.act} takes no status`);
  } else if (status === null) throw invalid('status', `an act of kind "${input.act}" names the status it concerns`);
  else if (!rules.statuses.some((s) => s.id === status)) throw invalid('status', `"${status}" is not one of the organisation's statuses (${rules.statuses.map((s) => s.id).join(', ')})`);
  return db.transaction().execute(async (trx) => {
    if (!(await trx.selectFrom('state').select('iso2').where('iso2', '=', state).executeTakeFirst())) throw notFound(`State "${iso2}"`);
    if (input.organ && !(await trx.selectFrom('organ').select('id').where('id', '=', input.organ).executeTakeFirst())) throw invalid('organ', `"${input.organ}" is not an organ`);
    if (input.meeting && !(await trx.selectFrom('meeting').select('id').where('id', '=', input.meeting).executeTakeFirst())) throw invalid('meeting', `"${input.meeting}" is not a meeting`);
    let decision: string | null = null;
    if (input.decision) {
      const doc = await trx.selectFrom('document').select('id').where((eb) => eb.or([eb('id', '=', input.decision!), eb('key', '=', input.decision!)])).executeTakeFirst();
      if (!doc) throw invalid('decision', `"${input.decision}" is not a document in the registry`);
      decision = doc.id;
    }
    const existing = await trx.selectFrom('membership_act').selectAll().where('state_iso2', '=', state).execute();
    const at = new Date().toISOString();
    const row: DB['membership_act'] = {
      id: membershipActId(state, input.act, input.date),
      state_iso2: state,
      act: input.act,
      status,
      date: input.date,
      date_precision: input.date_precision ?? 'day',
      organ_id: input.organ ?? null,
      meeting_id: input.meeting ?? null,
      decision_id: decision,
      basis: input.basis ?? null,
      source: input.source?.length ? input.source : [`secretariat:${actorId(actor)}`],
      confidence: 'confirmed',
      note: input.note ?? null,
      origin: 'secretariat',
      recorded_by: actor.kind === 'user' ? actor.userId : null,
      recorded_at: at,
    };
    if (existing.some((a) => a.id === row.id)) throw new AppError('conflict', `${state} already has an act of kind "${input.act}" on ${input.date} ("${row.id}")`, [{ field: 'date', message: 'an act of this kind is already recorded on this date' }]);
    // The new act, then every later act, must keep to the rules given all the others.
    const all = byDate([...existing, row]);
    for (const a of [row, ...all.filter((x) => x !== row && x.date >= row.date)]) {
      const broken = breach(rules.membershipRules ?? [], rules.statuses, all.filter((x) => x !== a), a);
      if (broken) {
        const whose = a === row ? 'This act' : `It would make the later act ${a.id}`;
        throw new AppError('conflict', `${whose} breaks the rule "${broken.rule}": ${broken.message}`, [{ field: a === row ? 'act' : 'date', message: `rule ${broken.rule}` }]);
      }
    }
    try {
      await trx.insertInto('membership_act').values(row).execute();
    } catch (e) {
      if ((e as { code?: string }).code === '23505') throw new AppError('conflict', `${state} already has an act of kind "${input.act}" on ${input.date}`);
      throw e;
    }
    const before = periodsText(existing);
    const after = periodsText([...existing, row]);
    await recordEvent(trx, { actor: actorId(actor), action: 'membership.act.record', subjectType: 'state', subjectId: state, before: { periods: before }, after: { act: row, periods: after } });
    return { act: presentAct(row), grants: GRANTING.includes(input.act) ? status : null, periods: after };
  });
}
