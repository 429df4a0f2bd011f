/**
 * Search across the registry's document titles in English, Russian and Chinese. Every language's
 * title of a document is searched whatever the query's language, so a Russian or Chinese query
 * finds a document wherever the registry holds its title in that language. Words are stemmed by
 * PostgreSQL's built-in 'russian' configuration; Chinese is matched by character bigrams
 * (query-terms.ts). The SQL is the same on PGlite and PostgreSQL.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { today } from '../../http/common-schemas.ts';
import { getDocument } from '../documents/documents.service.ts';
import { highlightGrams, markedSegments, queryTerms, snippet, type Segment } from './query-terms.ts';

export interface SearchFilter {
  q: string;
  kind?: string | undefined;
  organ?: string | undefined;
  year?: number | undefined;
  status?: 'in_force' | 'not_in_force' | 'unknown' | undefined;
}

const vector = sql`to_tsvector('russian', coalesce(title_en, '') || ' ' || coalesce(title_ru, '') || ' ' || coalesce(counterparty, ''))`;
const like = (gram: string) => `%${gram.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
const headline = (column: string, query: RawBuilder<unknown>) =>
  sql<string | null>`case when ${sql.ref(column)} is null then null else ts_headline('russian', ${sql.ref(column)}, ${query}, 'HighlightAll=true, StartSel=' || chr(1) || ', StopSel=' || chr(2)) end`;

/** Documents matching `q` (and the filters), best first, with their titles' matches marked. */
export async function searchDocuments(db: Kysely<DB>, f: SearchFilter) {
  const { words, grams } = queryTerms(f.q);
  if (!words && grams.length === 0) return [];
  const query = sql`plainto_tsquery('russian', ${words})`;
  const wordRank = words ? sql<number>`ts_rank(${vector}, ${query})` : sql<number>`0`;
  // Every bigram found: the shorter the title, the closer the match.
  const gramRank = grams.length > 0 ? sql<number>`${grams.length}::float / greatest(char_length(title_zh), 1)` : sql<number>`0`;
  let q = db
    .selectFrom('document')
    .select(['id', 'key', 'kind', 'date', 'organ_id', 'title_en', 'title_ru', 'title_zh'])
    .select(sql<number>`${wordRank} + ${gramRank}`.as('score'))
    .select(words ? headline('title_en', query).as('hl_en') : sql<null>`null`.as('hl_en'))
    .select(words ? headline('title_ru', query).as('hl_ru') : sql<null>`null`.as('hl_ru'));
  // A query's words tokenised to nothing (only stop words) match nothing rather than everything.
  if (words) q = q.where(sql<boolean>`${vector} @@ ${query}`);
  for (const g of grams) q = q.where('title_zh', 'like', like(g));
  if (f.kind) q = q.where('kind', '=', f.kind);
  if (f.organ) q = q.where('organ_id', '=', f.organ);
  if (f.year) q = q.where('date', '>=', `${f.year}-01-01`).where('date', '<=', `${f.year}-12-31`);
  // Passages: units of the latest version of each language's text that match every term.
  const passages = await matchingPassages(db, words, grams);
  const byDocument = new Map<string, PassageRow[]>();
  for (const p of passages) byDocument.set(p.document_id, [...(byDocument.get(p.document_id) ?? []), p]);
  const titleRows = await q.execute();
  const titleIds = new Set(titleRows.map((r) => r.id));
  const extra = [...byDocument.keys()].filter((id) => !titleIds.has(id));
  let textOnly: typeof titleRows = [];
  if (extra.length > 0) {
    let t = db
      .selectFrom('document')
      .select(['id', 'key', 'kind', 'date', 'organ_id', 'title_en', 'title_ru', 'title_zh'])
      .select(sql<number>`0`.as('score'))
      .select(words ? headline('title_en', query).as('hl_en') : sql<null>`null`.as('hl_en'))
      .select(words ? headline('title_ru', query).as('hl_ru') : sql<null>`null`.as('hl_ru'))
      .where('id', 'in', extra);
    if (f.kind) t = t.where('kind', '=', f.kind);
    if (f.organ) t = t.where('organ_id', '=', f.organ);
    if (f.year) t = t.where('date', '>=', `${f.year}-01-01`).where('date', '<=', `${f.year}-12-31`);
    textOnly = await t.execute();
  }
  // A document whose title matches ranks above every one that only mentions the words in its
  // text (a title match adds 1; ts_rank and the bigram score stay below 1); within each group,
  // the title's score plus half the best passage's.
  const scored = [...titleRows.map((r) => ({ r, title: 1 + Number(r.score) })), ...textOnly.map((r) => ({ r, title: 0 }))].map(({ r, title }) => {
    const own = byDocument.get(r.id) ?? [];
    return { r, own, score: title + 0.5 * Math.max(0, ...own.map((p) => Number(p.score))) };
  });
  scored.sort((a, b) => b.score - a.score || (b.r.date ?? '').localeCompare(a.r.date ?? '') || (a.r.title_en ?? '').localeCompare(b.r.title_en ?? ''));
  const results = [];
  for (const { r, own, score } of scored) {
    const status = f.status ? (await getDocument(db, r.key, today()))!.status.status : undefined;
    if (f.status && status !== f.status) continue;
    const mark = (title: string | null, headlined: string | null): Segment[] | null => (title === null ? null : headlined ? markedSegments(headlined) : [{ text: title, hit: false }]);
    results.push({
      id: r.id, key: r.key, kind: r.kind, date: r.date, organ: r.organ_id,
      title: { en: r.title_en, ru: r.title_ru, zh: r.title_zh },
      score: Math.round(score * 10_000) / 10_000,
      highlight: { en: mark(r.title_en, r.hl_en), ru: mark(r.title_ru, r.hl_ru), zh: r.title_zh === null ? null : highlightGrams(r.title_zh, grams) },
      passages: own.slice(0, PASSAGES_PER_DOCUMENT).map((p) => ({
        language: p.language, version: p.version, eid: p.eid,
        snippet: snippet(p.hl ? markedSegments(p.hl) : highlightGrams(p.body, grams), SNIPPET_RADIUS),
      })),
    });
  }
  return results;
}

const PASSAGES_PER_DOCUMENT = 3;
const SNIPPET_RADIUS = 60;

interface PassageRow {
  document_id: string;
  language: string;
  version: number;
  eid: string;
  body: string;
  hl: string | null;
  score: number;
}

/**
 * Units (paragraphs, recitals, final clauses…) of the latest text version in each language that
 * hold every word (stemmed) and every Chinese bigram of the query, best first within a document.
 */
async function matchingPassages(db: Kysely<DB>, words: string, grams: string[]): Promise<PassageRow[]> {
  const query = sql`plainto_tsquery('russian', ${words})`;
  let q = db
    .selectFrom('document_text_unit as u')
    .innerJoin('document_text_version as v', 'v.id', 'u.version_id')
    .select(['v.document_id', 'v.language', 'v.version', 'u.eid', 'u.body', 'u.position'])
    .select(words ? sql<string>`ts_headline('russian', u.body, ${query}, 'HighlightAll=true, StartSel=' || chr(1) || ', StopSel=' || chr(2))`.as('hl') : sql<null>`null`.as('hl'))
    .select((words ? sql<number>`ts_rank(u.words, ${query})` : sql<number>`0`).as('word_score'))
    .where('u.kind', 'in', ['paragraph', 'recital', 'conclusions', 'chapter'])
    .where(({ eb, selectFrom }) => eb('v.version', '=', selectFrom('document_text_version as w').select((e) => e.fn.max('w.version').as('m')).whereRef('w.document_id', '=', 'v.document_id').whereRef('w.language', '=', 'v.language')));
  // Stop words alone match nothing, as in titles.
  if (words) q = q.where(sql<boolean>`u.words @@ ${query}`);
  for (const g of grams) q = q.where('u.body', 'like', like(g));
  const rows = await q.execute();
  const gramScore = (body: string) => (grams.length > 0 ? grams.length / Math.max([...body].length, 1) : 0);
  return rows
    .map((r) => ({ document_id: r.document_id, language: r.language, version: r.version, eid: r.eid, body: r.body, hl: r.hl, score: Number(r.word_score) + gramScore(r.body), position: r.position }))
    .sort((a, b) => b.score - a.score || a.language.localeCompare(b.language) || a.position - b.position);
}
export type SearchHit = Awaited<ReturnType<typeof searchDocuments>>[number];
