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
import { highlightGrams, markedSegments, queryTerms, type Segment } from './query-terms.ts';

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
  const rows = await q.orderBy('score', 'desc').orderBy(sql`date desc nulls last`).orderBy('title_en').execute();
  const results = [];
  for (const r of rows) {
    const status = f.status ? (await getDocument(db, r.key, today()))!.status.status : undefined;
    if (f.status && status !== f.status) continue;
    const mark = (title: string | null, headlined: string | null): Segment[] | null => (title === null ? null : headlined ? markedSegments(headlined) : [{ text: title, hit: false }]);
    results.push({
      id: r.id, key: r.key, kind: r.kind, date: r.date, organ: r.organ_id,
      title: { en: r.title_en, ru: r.title_ru, zh: r.title_zh },
      score: Math.round(Number(r.score) * 10_000) / 10_000,
      highlight: { en: mark(r.title_en, r.hl_en), ru: mark(r.title_ru, r.hl_ru), zh: r.title_zh === null ? null : highlightGrams(r.title_zh, grams) },
    });
  }
  return results;
}
export type SearchHit = Awaited<ReturnType<typeof searchDocuments>>[number];
