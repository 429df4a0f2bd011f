/**
 * Document texts: an officer uploads the plain text of a document in one language; it is cut into
 * its structure (text-structure.ts) and stored as a new version — earlier versions stay readable,
 * and every upload is an audit event. The reference texts in data/texts load the same way.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { recordEvent } from '../../audit/audit-log.ts';
import { deny } from '../../http/auth.ts';
import { AppError, notFound } from '../../http/problem.ts';
import { can } from '../../policies/policy.ts';
import { actorId, type Actor } from '../../policies/actor.ts';
import { parseText, TextStructureError, type Language, type TextUnit } from './text-structure.ts';
import { toAkomaNtoso } from './akoma-ntoso.ts';

export const LANGUAGES: readonly Language[] = ['en', 'ru', 'zh'];

export interface TextInput {
  text: string;
  source: string[];
  note?: string | undefined;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const invalid = (field: string, message: string) => new AppError('invalid_request', `${field}: ${message}`, [{ field, message }]);

async function documentByKey(db: Kysely<DB> | Transaction<DB>, key: string) {
  const d = await db.selectFrom('document').select(['id', 'key', 'kind', 'date', 'title_en', 'title_ru', 'title_zh']).where('key', '=', key).executeTakeFirst();
  if (!d) throw notFound(`Document "${key}"`);
  return d;
}

/** Parses the text (naming the line of a structural problem) or refuses it as `field`. */
function structure(text: string, field: string): TextUnit[] {
  try {
    return parseText(text);
  } catch (e) {
    if (e instanceof TextStructureError) throw invalid(field, e.message);
    throw e;
  }
}

type Origin = { kind: 'upload'; actor: Actor } | { kind: 'reference'; actor: string };

/** Stores `input` as the next version of the document's text in `language`, in `trx`. */
async function addVersion(trx: Transaction<DB>, doc: { id: string; key: string }, language: Language, input: TextInput, units: TextUnit[], origin: Origin) {
  const body = input.text.replace(/\r\n?/g, '\n').trim();
  const hash = sha256(body);
  const last = await trx.selectFrom('document_text_version').select(['version', 'sha256']).where('document_id', '=', doc.id).where('language', '=', language).orderBy('version', 'desc').limit(1).executeTakeFirst();
  if (last?.sha256 === hash) throw new AppError('conflict', `This text is identical to version ${last.version} of the ${language} text`);
  const version = (last?.version ?? 0) + 1;
  const row = {
    id: `txt_${randomBytes(6).toString('hex')}`, document_id: doc.id, language, version, body, sha256: hash, source: input.source, note: input.note?.trim() || null,
    origin: origin.kind, uploaded_by: origin.kind === 'upload' ? (origin.actor as Actor & { kind: 'user' }).userId : null, created_at: new Date().toISOString(),
  };
  try {
    await trx.insertInto('document_text_version').values(row).execute();
  } catch (e) {
    // Two uploads of one language racing for the same version number: the second is told.
    if ((e as { code?: string }).code === '23505') throw new AppError('conflict', `Another ${language} version of "${doc.key}" was uploaded meanwhile; reload and upload again`);
    throw e;
  }
  await trx.insertInto('document_text_unit').values(units.map((u, position) => ({ version_id: row.id, position, eid: u.eid, kind: u.kind, num: u.num, heading: u.heading, body: u.body, parent_eid: u.parent }))).execute();
  await recordEvent(trx, {
    actor: origin.kind === 'upload' ? actorId(origin.actor) : origin.actor, action: 'document.text', subjectType: 'document', subjectId: doc.id,
    before: last ? { language, version: last.version, sha256: last.sha256 } : null,
    after: { language, version, sha256: hash, units: units.length, articles: units.filter((u) => u.kind === 'article').length, source: input.source, origin: origin.kind },
  });
  return row;
}

/** An officer's upload: a new version of the document's text in `language`. */
export async function uploadText(db: Kysely<DB>, actor: Actor, key: string, language: Language, input: TextInput) {
  if (!can(actor, 'texts.upload')) deny(actor, 'Only Secretariat officers upload document texts');
  if (!input.text.trim()) throw invalid('text', 'must not be empty');
  const units = structure(input.text, 'text');
  const row = await db.transaction().execute(async (trx) => addVersion(trx, await documentByKey(trx, key), language, input, units, { kind: 'upload', actor }));
  return getText(db, key, language, row.version);
}

/** Every version of every language, newest first within a language. */
export async function listVersions(db: Kysely<DB>, key: string) {
  const doc = await documentByKey(db, key);
  const rows = await db
    .selectFrom('document_text_version as v')
    .leftJoin('app_user as u', 'u.id', 'v.uploaded_by')
    .select(['v.language', 'v.version', 'v.sha256', 'v.source', 'v.note', 'v.origin', 'v.created_at', 'u.email'])
    .where('v.document_id', '=', doc.id)
    .orderBy('v.language')
    .orderBy('v.version', 'desc')
    .execute();
  return rows.map(presentVersion);
}

const presentVersion = (v: { language: string; version: number; sha256: string; source: string[]; note: string | null; origin: string; created_at: Date | string; email?: string | null }) => ({
  language: v.language, version: v.version, sha256: v.sha256, source: v.source, note: v.note, origin: v.origin, uploaded_by: v.email ?? null, created_at: new Date(v.created_at).toISOString(),
});

/** A version (the latest unless `version` is given) of the document's text in `language`, with its units. */
export async function getText(db: Kysely<DB>, key: string, language: Language, version?: number) {
  const doc = await documentByKey(db, key);
  let q = db.selectFrom('document_text_version as v').leftJoin('app_user as u', 'u.id', 'v.uploaded_by').select(['v.id', 'v.language', 'v.version', 'v.sha256', 'v.source', 'v.note', 'v.origin', 'v.created_at', 'u.email']).where('v.document_id', '=', doc.id).where('v.language', '=', language);
  q = version ? q.where('v.version', '=', version) : q.orderBy('v.version', 'desc').limit(1);
  const v = await q.executeTakeFirst();
  if (!v) throw notFound(version ? `Version ${version} of the ${language} text of "${key}"` : `A ${language} text of "${key}"`);
  const latest = await db.selectFrom('document_text_version').select((eb) => eb.fn.max('version').as('n')).where('document_id', '=', doc.id).where('language', '=', language).executeTakeFirst();
  const units = await db.selectFrom('document_text_unit').select(['eid', 'kind', 'num', 'heading', 'body', 'parent_eid']).where('version_id', '=', v.id).orderBy('position').execute();
  return {
    document: doc.key, document_uri: doc.id, kind: doc.kind, date: doc.date, title: { en: doc.title_en, ru: doc.title_ru, zh: doc.title_zh },
    ...presentVersion(v), latest_version: Number(latest?.n ?? v.version),
    units: units.map((u) => ({ eid: u.eid, kind: u.kind as TextUnit['kind'], num: u.num, heading: u.heading, body: u.body, parent: u.parent_eid })),
  };
}
export type TextView = Awaited<ReturnType<typeof getText>>;

/** The version as Akoma Ntoso 3.0 XML. */
export async function textAsAkomaNtoso(db: Kysely<DB>, key: string, language: Language, version?: number): Promise<{ xml: string; version: number }> {
  const t = await getText(db, key, language, version);
  const xml = toAkomaNtoso({ uri: t.document_uri, kind: t.kind, title: t.title[language] ?? t.title.en ?? t.document, date: t.date, language, version: t.version, versionDate: t.created_at.slice(0, 10), units: t.units });
  return { xml, version: t.version };
}

export interface ReferenceText {
  key: string;
  language: Language;
  text: string;
  source: string[];
  note?: string;
}

/**
 * Loads the reference texts (data/texts): a text whose words differ from the latest version of
 * its language becomes a new version; an unchanged one is left alone, so a second run adds nothing.
 * Returns how many versions it added.
 */
export async function loadReferenceTexts(db: Kysely<DB>, texts: readonly ReferenceText[], actor = 'system:seed'): Promise<number> {
  let added = 0;
  await db.transaction().execute(async (trx) => {
    for (const t of texts) {
      const doc = await documentByKey(trx, t.key);
      const last = await trx.selectFrom('document_text_version').select('sha256').where('document_id', '=', doc.id).where('language', '=', t.language).orderBy('version', 'desc').limit(1).executeTakeFirst();
      if (last?.sha256 === sha256(t.text.replace(/\r\n?/g, '\n').trim())) continue;
      await addVersion(trx, doc, t.language, t, parseText(t.text), { kind: 'reference', actor });
      added++;
    }
  });
  return added;
}
