/**
 * Imports a file of obligations — CSV, or ISO 20022 pacs.008 / pacs.009 XML — all or nothing:
 * every problem is reported with its line or transaction number, and nothing is written unless
 * every obligation is good.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { recordEvent } from '../../audit/audit-log.ts';
import { deny } from '../../http/auth.ts';
import { AppError } from '../../http/problem.ts';
import { can } from '../../policies/policy.ts';
import { actorId, type Actor } from '../../policies/actor.ts';
import { readObligationsCsv, readPacs, type FormatProblem } from './obligation-formats.ts';
import { loadParticipants } from './participants.service.ts';

const CHUNK = 1000;
const placeOf = (at: string) => Number(/line (\d+)/.exec(at)?.[1] ?? 0);
const invalid = (problems: FormatProblem[]) => new AppError('invalid_request', `${problems.length} problem(s); nothing was imported: ${problems.slice(0, 5).map((p) => `${p.at}: ${p.message}`).join('; ')}`, problems.map((p) => ({ field: p.at, message: p.message })));

/** `kind` is the file's media type family: 'csv' or 'xml'. */
export async function importObligations(db: Kysely<DB>, actor: Actor, kind: 'csv' | 'xml', body: string) {
  if (!can(actor, 'settlement.obligations.list')) deny(actor, 'Only the settlement operator and settlement banks import obligations');
  const read = kind === 'csv' ? readObligationsCsv(body) : readPacs(body);
  const { participants } = await loadParticipants(db);
  const byKey = new Map(participants.flatMap((p) => [[p.id, p], [p.bic, p], [p.bic.slice(0, 8), p]] as const));
  const problems: FormatProblem[] = [...read.problems];
  const seen = new Set<string>();
  const rows = read.records.flatMap((r) => {
    const payer = byKey.get(r.payer);
    const payee = byKey.get(r.payee);
    const fail = (message: string) => (problems.push({ at: r.at, message }), []);
    if (!payer) return fail(`payer ${r.payer} is not a participant`);
    if (!payee) return fail(`payee ${r.payee} is not a participant`);
    if (payer.id === payee.id) return fail('payer and payee are the same participant');
    for (const p of [payer, payee]) if (!p.accounts.some((a) => a.currency === r.currency)) return fail(`${p.id} has no settlement account in ${r.currency}`);
    if (seen.has(r.id)) return fail(`obligation ${r.id} appears twice in the file`);
    seen.add(r.id);
    return [{ row: { id: r.id, payer_id: payer.id, payee_id: payee.id, currency: r.currency, amount: String(r.amount), value_date: r.valueDate, reference: r.reference }, at: r.at, states: [payer.state] }];
  });
  // In the file's order: CSV lines and pacs transactions are numbered.
  if (problems.length) throw invalid(problems.sort((a, b) => placeOf(a.at) - placeOf(b.at)));
  const payerStates = [...new Set(rows.flatMap((r) => r.states))].sort();
  if (!can(actor, 'settlement.obligations.import', { states: payerStates })) deny(actor, "A settlement bank's officer imports only its own state's payments");

  const id = `si_${randomBytes(6).toString('hex')}`;
  const sha256 = createHash('sha256').update(body).digest('hex');
  await db.transaction().execute(async (trx) => {
    const ids = rows.map((r) => r.row.id);
    const existing = new Set<string>();
    for (let i = 0; i < ids.length; i += CHUNK) for (const o of await trx.selectFrom('settlement_obligation').select('id').where('id', 'in', ids.slice(i, i + CHUNK)).execute()) existing.add(o.id);
    if (existing.size) throw new AppError('conflict', `${existing.size} obligation(s) were imported before; nothing was imported`, rows.filter((r) => existing.has(r.row.id)).slice(0, 100).map((r) => ({ field: r.at, message: `obligation ${r.row.id} exists already` })));
    await trx.insertInto('settlement_import').values({ id, format: read.format, obligations: rows.length, sha256, imported_by: actorId(actor), imported_at: new Date().toISOString() }).execute();
    for (let i = 0; i < rows.length; i += CHUNK) await trx.insertInto('settlement_obligation').values(rows.slice(i, i + CHUNK).map((r) => ({ ...r.row, import_id: id, status: 'pending' as const }))).execute();
    await recordEvent(trx, { actor: actorId(actor), action: 'settlement.obligations.import', subjectType: 'settlement_import', subjectId: id, after: { format: read.format, obligations: rows.length, sha256, payer_states: payerStates } });
  }).catch((e: unknown) => {
    // Two imports of the same obligations at once: the second meets the primary key.
    if ((e as { code?: string }).code === '23505') throw new AppError('conflict', 'Some of these obligations were imported at the same time by another request; nothing was imported');
    throw e;
  });
  return { import: id, format: read.format, obligations: rows.length, value_dates: [...new Set(rows.map((r) => r.row.value_date))].sort() };
}
