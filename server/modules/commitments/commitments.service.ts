/**
 * Commitments from decisions. A draft carries an implementation annex (paragraph, what, who —
 * states and/or organs —, by when, indicator); when the draft is adopted each commitment becomes a
 * measure of the document's commitments plan in implementation monitoring, coded by its paragraph
 * (an Akoma Ntoso eId). The Secretariat can also mark commitments in documents adopted before.
 * The register reads those measures back with their computed status.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { recordEvent } from '../../audit/audit-log.ts';
import { deny } from '../../http/auth.ts';
import { today } from '../../http/common-schemas.ts';
import { AppError, notFound } from '../../http/problem.ts';
import { can } from '../../policies/policy.ts';
import { actorId, type Actor } from '../../policies/actor.ts';
import { getPlan } from '../implementation/implementation.service.ts';

export interface Commitment {
  paragraph: string;
  what: string;
  states?: string[];
  organs?: string[];
  deadline?: string | null;
  indicator?: string | null;
}
export interface Annex {
  pillar: 'security' | 'economy' | 'culture';
  commitments: Commitment[];
}

type Db = Kysely<DB> | Transaction<DB>;
const invalid = (field: string, message: string) => new AppError('invalid_request', `${field}: ${message}`, [{ field, message }]);

async function checkCommitments(db: Db, commitments: Commitment[]) {
  const states = new Set((await db.selectFrom('state').select('iso2').execute()).map((s) => s.iso2));
  const organs = new Set((await db.selectFrom('organ').select('id').execute()).map((o) => o.id));
  const seen = new Set<string>();
  commitments.forEach((c, i) => {
    if (seen.has(c.paragraph)) throw invalid(`commitments.${i}.paragraph`, `"${c.paragraph}" appears twice`);
    seen.add(c.paragraph);
    (c.states ?? []).forEach((s, j) => { if (!states.has(s.toUpperCase())) throw invalid(`commitments.${i}.states.${j}`, `"${s}" is not a state`); });
    (c.organs ?? []).forEach((o, j) => { if (!organs.has(o)) throw invalid(`commitments.${i}.organs.${j}`, `"${o}" is not an organ`); });
  });
}

async function draftFor(db: Db, actor: Actor, id: string) {
  const d = await db.selectFrom('draft').selectAll().where('id', '=', id).executeTakeFirst();
  const subject = d && { organ: d.organ_id, status: d.status, tabledByState: d.tabled_by_state };
  if (!d || !can(actor, 'drafts.read', subject)) throw notFound(`Draft "${id}"`);
  return { draft: d, subject: subject! };
}

/** Replaces a draft's implementation annex (while the draft may be edited). */
export async function setAnnex(db: Kysely<DB>, actor: Actor, draftId: string, annex: Annex) {
  return db.transaction().execute(async (trx) => {
    const { subject } = await draftFor(trx, actor, draftId);
    if (!can(actor, 'drafts.edit', subject)) deny(actor, 'Only the Secretariat or the tabling state edits a draft, before its procedure');
    await checkCommitments(trx, annex.commitments);
    const before = await annexOf(trx, draftId);
    await trx.deleteFrom('draft_commitment').where('draft_id', '=', draftId).execute();
    await trx.insertInto('draft_annex').values({ draft_id: draftId, pillar: annex.pillar }).onConflict((oc) => oc.column('draft_id').doUpdateSet({ pillar: annex.pillar })).execute();
    if (annex.commitments.length > 0) {
      await trx.insertInto('draft_commitment').values(annex.commitments.map((c) => ({ draft_id: draftId, paragraph: c.paragraph, what: c.what, states: (c.states ?? []).map((s) => s.toUpperCase()), organs: c.organs ?? [], deadline: c.deadline ?? null, indicator: c.indicator ?? null }))).execute();
    }
    await recordEvent(trx, { actor: actorId(actor), action: 'draft.annex', subjectType: 'draft', subjectId: draftId, before, after: annex });
    return annexOf(trx, draftId);
  });
}

async function annexOf(db: Db, draftId: string) {
  const a = await db.selectFrom('draft_annex').selectAll().where('draft_id', '=', draftId).executeTakeFirst();
  if (!a) return null;
  const commitments = await db.selectFrom('draft_commitment').selectAll().where('draft_id', '=', draftId).orderBy('paragraph').execute();
  return { pillar: a.pillar, commitments: commitments.map((c) => ({ paragraph: c.paragraph, what: c.what, states: c.states, organs: c.organs, deadline: c.deadline, indicator: c.indicator })) };
}

/** A draft's annex, to those who may read the draft. */
export async function getAnnex(db: Kysely<DB>, actor: Actor, draftId: string) {
  await draftFor(db, actor, draftId);
  return (await annexOf(db, draftId)) ?? { pillar: null, commitments: [] };
}

/** The document's commitments plan, made on first use. */
async function planFor(trx: Transaction<DB>, doc: { id: string; key: string; title_en: string; title_ru: string | null; title_zh: string | null }, pillar: string) {
  const existing = await trx.selectFrom('action_plan').select('id').where('document_id', '=', doc.id).where('origin', '=', 'decision').executeTakeFirst();
  if (existing) return existing.id;
  const id = `commitments-${doc.key}`.slice(0, 120);
  await trx.insertInto('action_plan').values({
    id, document_id: doc.id, implements: doc.id, title_en: `Commitments: ${doc.title_en}`, title_ru: doc.title_ru && `Обязательства: ${doc.title_ru}`, title_zh: doc.title_zh && `承诺：${doc.title_zh}`,
    pillar, period_start: null, period_end: null, public: true, source: [doc.id], confidence: 'confirmed', note: 'commitments of the document, paragraph by paragraph', origin: 'decision',
  }).execute();
  return id;
}

async function addMeasures(trx: Transaction<DB>, planId: string, commitments: Commitment[]) {
  const taken = new Set((await trx.selectFrom('measure').select('code').where('plan_id', '=', planId).execute()).map((m) => m.code));
  commitments.forEach((c, i) => { if (taken.has(c.paragraph)) throw new AppError('conflict', `commitments.${i}.paragraph: "${c.paragraph}" already has a commitment`, [{ field: `commitments.${i}.paragraph`, message: 'already has a commitment' }]); });
  if (commitments.length === 0) return [];
  const rows = commitments.map((c) => ({
    id: `m_${randomBytes(6).toString('hex')}`, plan_id: planId, parent_id: null, code: c.paragraph, title: c.what, responsible_states: (c.states ?? []).map((s) => s.toUpperCase()), responsible_organs: c.organs ?? [],
    start_date: null, deadline: c.deadline ?? null, indicator_unit: c.indicator ?? null, baseline: null, target: null, weight: 1, dropped: false, paragraph: c.paragraph,
  }));
  await trx.insertInto('measure').values(rows).execute();
  return rows.map((r) => r.id);
}

/** On adoption (inside the decision's transaction): the annex's commitments become measures. */
export async function commitmentsToMeasures(trx: Transaction<DB>, draftId: string, documentId: string): Promise<string | null> {
  const annex = await annexOf(trx, draftId);
  if (!annex || annex.commitments.length === 0) return null;
  const doc = await trx.selectFrom('document').select(['id', 'key', 'title_en', 'title_ru', 'title_zh']).where('id', '=', documentId).executeTakeFirstOrThrow();
  const planId = await planFor(trx, doc, annex.pillar);
  await addMeasures(trx, planId, annex.commitments);
  return planId;
}

/** The Secretariat marks commitments in a document already adopted. */
export async function markCommitments(db: Kysely<DB>, actor: Actor, key: string, annex: Annex) {
  if (!can(actor, 'plans.manage')) deny(actor, 'Only the Secretariat marks commitments');
  return db.transaction().execute(async (trx) => {
    const doc = await trx.selectFrom('document').select(['id', 'key', 'title_en', 'title_ru', 'title_zh']).where('key', '=', key).executeTakeFirst();
    if (!doc) throw notFound(`Document "${key}"`);
    await checkCommitments(trx, annex.commitments);
    const planId = await planFor(trx, doc, annex.pillar);
    const measures = await addMeasures(trx, planId, annex.commitments);
    await recordEvent(trx, { actor: actorId(actor), action: 'commitments.mark', subjectType: 'document', subjectId: doc.id, after: { plan: planId, measures, annex } });
    return { plan: planId, measures };
  });
}

export interface RegisterFilter {
  document?: string | undefined;
  organ?: string | undefined;
  state?: string | undefined;
  flag?: 'no_owner' | 'no_deadline' | 'overdue' | 'met' | undefined;
}

/** Every commitment with its status and flags, filtered by document, organ (of the document or responsible) and state. */
export async function commitmentRegister(db: Kysely<DB>, actor: Actor, f: RegisterFilter) {
  let plans = db.selectFrom('action_plan').innerJoin('document', 'document.id', 'action_plan.document_id').select(['action_plan.id', 'document.key', 'document.organ_id', 'document.title_en', 'document.title_ru', 'document.title_zh']).where('action_plan.origin', '=', 'decision');
  if (f.document) plans = plans.where('document.key', '=', f.document);
  const rows = [];
  for (const p of await plans.orderBy('document.key').execute()) {
    const plan = await getPlan(db, actor, p.id, today());
    for (const m of plan.measures) {
      const flags = [
        ...(m.responsible_states.length + m.responsible_organs.length === 0 ? ['no_owner'] : []),
        ...(m.deadline === null ? ['no_deadline'] : []),
        ...(m.status === 'overdue' ? ['overdue'] : []),
        ...(m.status === 'done' ? ['met'] : []),
      ];
      rows.push({ document: p.key, document_title: { en: p.title_en, ru: p.title_ru, zh: p.title_zh }, document_organ: p.organ_id, plan: p.id, measure: m.id, paragraph: m.code, what: m.title, states: m.responsible_states, organs: m.responsible_organs, deadline: m.deadline, indicator: m.indicator.unit, status: m.status, flags });
    }
  }
  return rows.filter((r) =>
    (!f.organ || r.document_organ === f.organ || r.organs.includes(f.organ)) && (!f.state || r.states.includes(f.state.toUpperCase())) && (!f.flag || r.flags.includes(f.flag)));
}
export type RegisterRow = Awaited<ReturnType<typeof commitmentRegister>>[number];
