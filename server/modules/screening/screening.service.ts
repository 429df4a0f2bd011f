/**
 * Screening against the lists a caller may see: the single list, and the national lists of the
 * states whose list the caller may read. One in-memory index per list, rebuilt when the list has
 * changed. The request and response follow OpenSanctions' yente /match, so its clients work here.
 * Every screening is logged (who screened what) and the log is kept only for the retention period.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../http/problem.ts';
import { can } from '../../policies/policy.ts';
import { actorId, type Actor } from '../../policies/actor.ts';
import { deny } from '../../http/auth.ts';
import { parseStatements } from '../listing/national-lists.service.ts';
import { screenedEntity, toFtm, type Statement } from '../listing/entity-model.ts';
import { DEFAULT_THRESHOLD, NameIndex, type ScreeningQuery } from './matcher.ts';

export const SINGLE_LIST = 'single-list';
const nationalDataset = (state: string) => `national-${state}`;

export interface QueryEntity {
  schema: string;
  properties: Record<string, string[]>;
}

interface Dataset {
  dataset: string;
  /** The national list's state; null for the single list. */
  state: string | null;
  stamp: string;
}

interface Listed {
  id: string;
  schema: string;
  caption: string;
  statements: Statement[];
}

/** Which listed schemata a query of a schema may match. */
const MATCHABLE: Record<string, string[]> = {
  Person: ['Person'],
  Organization: ['Organization', 'LegalEntity'],
  Company: ['Organization', 'LegalEntity'],
  LegalEntity: ['Person', 'Organization', 'LegalEntity'],
};
export const QUERY_SCHEMATA = Object.keys(MATCHABLE);

/** A yente-style query entity as the engine's query. */
export function engineQuery(entity: QueryEntity): ScreeningQuery {
  const p = entity.properties;
  const parts = ['firstName', 'middleName', 'fatherName', 'lastName'].flatMap((k) => p[k] ?? []);
  const names = [...(p.name ?? []), ...(p.alias ?? [])];
  if (parts.length) names.push(parts.join(' '));
  const year = (p.birthDate ?? []).map((d) => Number(d.slice(0, 4))).find((y) => Number.isInteger(y) && y > 1800);
  return {
    names,
    birthYear: year,
    nationalities: [...(p.nationality ?? []), ...(p.country ?? [])].map((c) => c.toUpperCase()),
    identifiers: [...(p.passportNumber ?? []), ...(p.idNumber ?? []), ...(p.registrationNumber ?? [])],
  };
}

export class ScreeningService {
  private readonly indices = new Map<string, { stamp: string; index: NameIndex; listed: Map<string, Listed> }>();

  constructor(private readonly db: Kysely<DB>, private readonly retentionDays: number) {}

  /** The datasets the actor may screen against (or the one named), with the stamp that tells when each changed. */
  private async datasetsFor(actor: Actor, named: string | undefined): Promise<Dataset[]> {
    const single = await this.db.selectFrom('single_list_entity').select([sql<string>`count(*)`.as('n'), sql<string>`max(updated_at)`.as('at')]).where('status', '=', 'listed').executeTakeFirst();
    const national = await this.db.selectFrom('list_entry').select(['state', sql<string>`count(*)`.as('n'), sql<string>`max(updated_at)`.as('at')]).where('status', '=', 'listed').groupBy('state').execute();
    const visible = [
      { dataset: SINGLE_LIST, state: null, stamp: `${single?.n}/${single?.at}` },
      ...national.filter((r) => can(actor, 'nationalLists.read', { state: r.state })).map((r) => ({ dataset: nationalDataset(r.state), state: r.state, stamp: `${r.n}/${r.at}` })),
    ];
    if (!named || named === 'default') return visible;
    const chosen = visible.filter((d) => d.dataset === named);
    if (chosen.length === 0) throw new AppError('not_found', `Dataset "${named}" was not found (or is not yours to screen against)`);
    return chosen;
  }

  private async index(dataset: Dataset) {
    const cached = this.indices.get(dataset.dataset);
    if (cached?.stamp === dataset.stamp) return cached;
    const rows = dataset.state
      ? await this.db.selectFrom('list_entry').select(['id', 'schema', 'caption', 'statements']).where('state', '=', dataset.state).where('status', '=', 'listed').execute()
      : await this.db.selectFrom('single_list_entity').select(['id', 'schema', 'caption', 'statements']).where('status', '=', 'listed').execute();
    const index = new NameIndex();
    const listed = new Map<string, Listed>();
    for (const row of rows) {
      const entity = { ...row, statements: parseStatements(row.statements) };
      listed.set(row.id, entity);
      index.add(screenedEntity(row.id, row.schema, row.caption, entity.statements));
    }
    const built = { stamp: dataset.stamp, index, listed };
    this.indices.set(dataset.dataset, built);
    return built;
  }

  /** Ranked results for one query over the datasets given. */
  private async screen(datasets: Dataset[], query: QueryEntity, options: { limit: number; threshold: number }) {
    const schemata = MATCHABLE[query.schema] ?? [];
    const results = [];
    for (const dataset of datasets) {
      const { index, listed } = await this.index(dataset);
      for (const r of index.search(engineQuery(query), options.limit * 2, options.threshold)) {
        const entity = listed.get(r.id)!;
        if (!schemata.includes(entity.schema)) continue;
        const sources = [...new Set(entity.statements.flatMap((s) => s.sources ?? []))].sort();
        results.push({ id: r.id, caption: r.caption, schema: entity.schema, properties: toFtm(r.id, entity.schema, entity.statements).properties, datasets: [dataset.dataset], sources, score: r.score, match: r.match, features: r.features, matched_name: r.matchedName });
      }
    }
    return results.sort((a, b) => b.score - a.score).slice(0, options.limit);
  }

  /** yente's /match: a batch of query entities keyed by the client's ids. */
  async match(actor: Actor, queries: Record<string, QueryEntity>, options: { limit: number; threshold: number; dataset?: string | undefined }, channel = 'api') {
    if (!can(actor, 'screening.use')) deny(actor, 'Screening is for competent authorities and the RATS Executive Committee');
    const datasets = await this.datasetsFor(actor, options.dataset);
    const responses: Record<string, unknown> = {};
    for (const [key, query] of Object.entries(queries)) {
      const results = await this.screen(datasets, query, options);
      responses[key] = { status: 200, results, total: { value: results.length, relation: 'eq' }, query: { id: key, ...query } };
    }
    await this.log(actor, channel, queries, Object.fromEntries(Object.entries(responses).map(([k, r]) => [k, (r as { results: { id: string; score: number }[] }).results.map((x) => [x.id, x.score])])));
    return { responses, matcher: { name: 'secretariat-name-index', threshold: options.threshold }, limit: options.limit };
  }

  /** A free-text name search over the lists the actor may see. */
  async search(actor: Actor, q: string, limit: number) {
    if (!can(actor, 'screening.use')) deny(actor, 'Screening is for competent authorities and the RATS Executive Committee');
    const results = await this.screen(await this.datasetsFor(actor, undefined), { schema: 'LegalEntity', properties: { name: [q] } }, { limit, threshold: DEFAULT_THRESHOLD });
    await this.log(actor, 'search', { q }, results.map((r) => [r.id, r.score]));
    return { results, total: { value: results.length, relation: 'eq' } };
  }

  /** Logs a screening, and forgets screenings older than the retention period. */
  private async log(actor: Actor, channel: string, queries: unknown, results: unknown) {
    const now = new Date();
    await this.db.insertInto('screening_log').values({ actor: actorId(actor), at: now.toISOString(), channel, queries: JSON.stringify(queries), results: JSON.stringify(results) }).execute();
    await this.db.deleteFrom('screening_log').where('at', '<', new Date(now.getTime() - this.retentionDays * 86_400_000).toISOString()).execute();
  }

  async readLog(actor: Actor, filter: { actor?: string | undefined; limit: number }) {
    if (!can(actor, 'screening.log.read')) deny(actor, 'The screening log is for the RATS Executive Committee and administrators');
    let query = this.db.selectFrom('screening_log').selectAll().orderBy('id', 'desc').limit(filter.limit);
    if (filter.actor) query = query.where('actor', '=', filter.actor);
    const rows = await query.execute();
    return { retention_days: this.retentionDays, items: rows.map((r) => ({ ...r, id: Number(r.id), at: new Date(r.at).toISOString() })) };
  }
}
