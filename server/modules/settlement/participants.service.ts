/** Participants (settlement banks), their accounts and limits, and swap lines between them. */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { recordEvent } from '../../audit/audit-log.ts';
import { AppError, notFound, type FieldError } from '../../http/problem.ts';
import { can } from '../../policies/policy.ts';
import { actorId, type Actor } from '../../policies/actor.ts';
import { fromMinorUnits, MINOR_UNITS, toMinorUnits } from './rates.ts';

export interface ParticipantInput {
  id: string;
  bic: string;
  state: string;
  kind: 'central_bank' | 'designated_bank';
  name: { en: string; ru?: string | null; zh?: string | null };
  /** Major units of cap_currency, e.g. "5000000.00"; absent: no cap. */
  net_debit_cap?: string | null;
  cap_currency?: string | null;
  accounts: { currency: string; account: string }[];
  source: string[];
  confidence: 'confirmed' | 'seed' | 'wikipedia' | 'unconfirmed';
}

export interface SwapLineInput {
  a: string;
  b: string;
  /** Major units of `currency`. */
  capacity: string;
  currency: string;
  source: string[];
  confidence: 'confirmed' | 'seed' | 'wikipedia' | 'unconfirmed';
}

const bigintOf = (v: string | number | bigint) => BigInt(String(v));
/** A limit in major units → minor units; zero is a valid limit (nothing may be owed). */
const limitOf = (text: string, currency: string) => (/^0+(\.0+)?$/.test(text) ? 0 : toMinorUnits(text, currency));

/**
 * Creates or updates the participants and swap lines given (others stay as they are), in one
 * transaction, each change audited. Errors name the field: `participants.2.cap_currency`.
 */
export async function upsertParticipants(db: Kysely<DB>, actor: Actor, body: { participants: ParticipantInput[]; swap_lines?: SwapLineInput[]; note?: string }) {
  if (!can(actor, 'settlement.manage')) throw new AppError(actor.kind === 'anonymous' ? 'unauthenticated' : 'forbidden', 'Only the settlement operator manages participants');
  const errors: FieldError[] = [];
  const states = new Set((await db.selectFrom('state').select('iso2').execute()).map((s) => s.iso2.trim()));
  const caps = body.participants.map((p, i) => {
    if (!states.has(p.state)) errors.push({ field: `participants.${i}.state`, message: `unknown state ${p.state}` });
    for (const [j, a] of p.accounts.entries()) if (MINOR_UNITS[a.currency] === undefined) errors.push({ field: `participants.${i}.accounts.${j}.currency`, message: `not a settled currency (${Object.keys(MINOR_UNITS).join(', ')})` });
    if ((p.net_debit_cap ?? null) === null) return null;
    const cap = p.cap_currency ? limitOf(p.net_debit_cap!, p.cap_currency) : null;
    if (cap === null) errors.push({ field: `participants.${i}.net_debit_cap`, message: 'needs cap_currency and a decimal amount in it' });
    return cap;
  });
  const known = new Set([...body.participants.map((p) => p.id), ...(await db.selectFrom('settlement_participant').select('id').execute()).map((p) => p.id)]);
  const capacities = (body.swap_lines ?? []).map((l, i) => {
    if (!known.has(l.a) || !known.has(l.b) || l.a === l.b) errors.push({ field: `swap_lines.${i}`, message: 'needs two different known participants' });
    const c = limitOf(l.capacity, l.currency);
    if (c === null) errors.push({ field: `swap_lines.${i}.capacity`, message: `a decimal amount of ${l.currency}` });
    return c;
  });
  if (errors.length) throw new AppError('invalid_request', errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);
  const now = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    for (const [i, p] of body.participants.entries()) {
      const before = await trx.selectFrom('settlement_participant').selectAll().where('id', '=', p.id).executeTakeFirst();
      const row = { id: p.id, bic: p.bic, state: p.state, kind: p.kind, name_en: p.name.en, name_ru: p.name.ru ?? null, name_zh: p.name.zh ?? null, net_debit_cap: caps[i] === null ? null : String(caps[i]), cap_currency: caps[i] === null ? null : p.cap_currency!, source: p.source, confidence: p.confidence, updated_at: now };
      await trx.insertInto('settlement_participant').values(row).onConflict((oc) => oc.column('id').doUpdateSet({ ...row })).execute();
      await trx.deleteFrom('settlement_account').where('participant_id', '=', p.id).execute();
      if (p.accounts.length) await trx.insertInto('settlement_account').values(p.accounts.map((a) => ({ participant_id: p.id, currency: a.currency, account: a.account }))).execute();
      await recordEvent(trx, { actor: actorId(actor), action: before ? 'settlement.participant.update' : 'settlement.participant.create', subjectType: 'settlement_participant', subjectId: p.id, before: before ?? null, after: { ...row, accounts: p.accounts, note: body.note ?? null } });
    }
    for (const [i, l] of (body.swap_lines ?? []).entries()) {
      const [a, b] = l.a < l.b ? [l.a, l.b] : [l.b, l.a];
      const row = { bank_a: a, bank_b: b, capacity: String(capacities[i]), capacity_currency: l.currency, source: l.source, confidence: l.confidence, updated_at: now };
      await trx.insertInto('settlement_swap_line').values(row).onConflict((oc) => oc.columns(['bank_a', 'bank_b']).doUpdateSet({ ...row })).execute();
      await recordEvent(trx, { actor: actorId(actor), action: 'settlement.swap_line.set', subjectType: 'settlement_swap_line', subjectId: `${a}-${b}`, after: { ...row, note: body.note ?? null } });
    }
  });
  return { participants: body.participants.length, swap_lines: (body.swap_lines ?? []).length };
}

/** All participants, swap lines and accounts, as the engine and the presenters need them. */
export async function loadParticipants(db: Kysely<DB>) {
  const participants = await db.selectFrom('settlement_participant').selectAll().orderBy('id').execute();
  const accounts = await db.selectFrom('settlement_account').selectAll().orderBy('participant_id').orderBy('currency').execute();
  const lines = await db.selectFrom('settlement_swap_line').selectAll().orderBy('bank_a').orderBy('bank_b').execute();
  return {
    participants: participants.map((p) => ({
      id: p.id, bic: p.bic, state: p.state.trim(), kind: p.kind, name: { en: p.name_en, ru: p.name_ru, zh: p.name_zh },
      netDebitCap: p.net_debit_cap === null ? null : bigintOf(p.net_debit_cap), capCurrency: p.cap_currency?.trim() ?? null,
      accounts: accounts.filter((a) => a.participant_id === p.id).map((a) => ({ currency: a.currency.trim(), account: a.account })),
      source: p.source, confidence: p.confidence,
    })),
    swapLines: lines.map((l) => ({ a: l.bank_a, b: l.bank_b, capacity: bigintOf(l.capacity), currency: l.capacity_currency.trim(), source: l.source, confidence: l.confidence })),
  };
}

type Loaded = Awaited<ReturnType<typeof loadParticipants>>;

/** A participant as `actor` may see it: limits, accounts and swap lines only to the operator and its own officers. */
function present(actor: Actor, p: Loaded['participants'][number], lines: Loaded['swapLines'], states: Map<string, string>) {
  const base = { id: p.id, bic: p.bic, state: p.state, kind: p.kind, name: p.name, currencies: p.accounts.map((a) => a.currency), source: p.source, confidence: p.confidence };
  if (!can(actor, 'settlement.details.read', { states: [p.state] })) return { ...base, restricted: true };
  return {
    ...base,
    restricted: false,
    net_debit_cap: p.netDebitCap === null ? null : { amount: fromMinorUnits(p.netDebitCap, p.capCurrency!), currency: p.capCurrency },
    accounts: p.accounts,
    swap_lines: lines.filter((l) => l.a === p.id || l.b === p.id).filter((l) => can(actor, 'settlement.details.read', { states: [states.get(l.a)!, states.get(l.b)!] }))
      .map((l) => ({ counterparty: l.a === p.id ? l.b : l.a, capacity: fromMinorUnits(l.capacity, l.currency), currency: l.currency, source: l.source, confidence: l.confidence })),
  };
}

export async function listParticipants(db: Kysely<DB>, actor: Actor) {
  const { participants, swapLines } = await loadParticipants(db);
  const states = new Map(participants.map((p) => [p.id, p.state]));
  return { items: participants.map((p) => present(actor, p, swapLines, states)) };
}

export async function getParticipant(db: Kysely<DB>, actor: Actor, id: string) {
  const { participants, swapLines } = await loadParticipants(db);
  const p = participants.find((x) => x.id === id);
  if (!p) throw notFound(`Participant "${id}"`);
  return present(actor, p, swapLines, new Map(participants.map((x) => [x.id, x.state])));
}
