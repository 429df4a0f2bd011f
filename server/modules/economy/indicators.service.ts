/**
 * Indicators by state and for the SCO's groups over time. A group in a year is the states holding
 * its statuses on the last day of that year, by the membership module's status-on-date rule
 * (`listStates`): 6 members in 2016, 8 in 2019, 9 in 2023, 10 in 2024.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError, notFound } from '../../http/problem.ts';
import { localisedOf } from '../../http/common-schemas.ts';
import { organisationRules } from '../../organisation/organisation.routes.ts';
import { listStates } from '../membership/membership.service.ts';
import { aggregate, shareOfWorld, type AggregateInputs, type Aggregation } from './group-aggregate.ts';

/** The groups a figure can be asked for, by the statuses (organisation.json ids) their states hold. */
export const GROUPS = {
  members: { statuses: ['member'] },
  /** Members since the founding date (organisation.json `founded`). */
  founders: { statuses: ['member'], foundedOnly: true },
  observers: { statuses: ['observer'] },
  dialogue_partners: { statuses: ['dialogue_partner'] },
  /** The unified "SCO partner" status (since 2025-09-01). */
  sco_partners: { statuses: ['partner'] },
  /** Dialogue partners and SCO partners. */
  partners: { statuses: ['dialogue_partner', 'partner'] },
  /** Every state with any status. */
  family: { statuses: null },
} as const satisfies Record<string, { statuses: readonly string[] | null; foundedOnly?: boolean }>;
export type GroupId = keyof typeof GROUPS;
export const GROUP_IDS = Object.keys(GROUPS) as GroupId[];

/** World aggregate's code in WDI. */
const WORLD = 'WLD';
export const WDI_ATTRIBUTION = 'Source: World Bank, World Development Indicators (CC BY 4.0)';

const endOfYear = (year: number) => `${year}-12-31`;

/** The group's states (ISO alpha-2, sorted) on 31 December of `year`, with their alpha-3 codes. */
export async function groupOn(db: Kysely<DB>, group: GroupId, year: number) {
  const rule = GROUPS[group] as { statuses: readonly string[] | null; foundedOnly?: boolean };
  const founded = rule.foundedOnly ? (await organisationRules(db)).founded : null;
  const states = (await listStates(db, endOfYear(year))).filter((s) => s.status !== null && (rule.statuses === null || rule.statuses.includes(s.status.status)) && (!founded || s.status.valid_from === founded));
  return states.map((s) => ({ iso2: s.iso2, iso3: s.iso3, name: s.name })).sort((a, b) => a.iso2.localeCompare(b.iso2));
}

async function indicatorOf(db: Kysely<DB>, code: string) {
  const ind = await db.selectFrom('economy_indicator').selectAll().where('code', '=', code.toLowerCase()).executeTakeFirst();
  if (!ind) throw notFound(`Indicator "${code}"`);
  return ind;
}

const presentIndicator = (i: DB['economy_indicator']) => ({ code: i.code, name: localisedOf(i as never, 'name'), unit: i.unit, aggregation: i.aggregation, numerator: i.numerator, denominator: i.denominator, weight: i.weight, source: i.source, confidence: i.confidence, note: i.note });

/** The WDI codes a rule reads, by input. */
function inputsOf(i: DB['economy_indicator']): Partial<Record<keyof AggregateInputs, string>> {
  switch (i.aggregation) {
    case 'ratio': return { numerator: i.numerator!, denominator: i.denominator!, value: i.code };
    case 'weighted_mean': return { value: i.code, weight: i.weight! };
    default: return { value: i.code };
  }
}

/** Observations of `codes` in [from, to] for the given areas: code → year → area → value. */
async function observations(db: Kysely<DB>, codes: string[], areas: string[], from: number, to: number) {
  const out = new Map<string, Map<number, Map<string, number>>>();
  if (areas.length === 0) return out;
  const rows = await db.selectFrom('economy_observation').selectAll().where('indicator_code', 'in', codes).where('area', 'in', areas).where('year', '>=', from).where('year', '<=', to).execute();
  for (const r of rows) {
    const byYear = out.get(r.indicator_code) ?? out.set(r.indicator_code, new Map()).get(r.indicator_code)!;
    const byArea = byYear.get(r.year) ?? byYear.set(r.year, new Map()).get(r.year)!;
    byArea.set(r.area, Number(r.value));
  }
  return out;
}

export async function listIndicators(db: Kysely<DB>) {
  const [rows, years] = await Promise.all([
    db.selectFrom('economy_indicator').selectAll().orderBy('code').execute(),
    db.selectFrom('economy_observation').select(['indicator_code']).select((eb) => [eb.fn.min('year').as('first'), eb.fn.max('year').as('last')]).groupBy('indicator_code').execute(),
  ]);
  const span = new Map(years.map((y) => [y.indicator_code, { first: Number(y.first), last: Number(y.last) }]));
  return rows.map((r) => ({ ...presentIndicator(r), years: span.get(r.code) ?? null }));
}

/**
 * The group's value of indicator `code` in `year`, with its states, the missing ones, each
 * state's value and the share of the world total (additive indicators).
 */
export async function groupYear(db: Kysely<DB>, code: string, group: GroupId, year: number) {
  const ind = await indicatorOf(db, code);
  if (ind.aggregation === 'none') throw new AppError('invalid_request', `code: ${ind.code} (${ind.unit}) does not add up over states; read its values by state`, [{ field: 'code', message: 'no group value for this indicator' }]);
  const [point] = await groupSeries(db, ind, group, year, year);
  return { indicator: presentIndicator(ind), group, ...point! };
}

export type GroupPoint = Awaited<ReturnType<typeof groupSeries>>[number];

/** One point per year of [from, to]: the group's states that year and the figures above. */
export async function groupSeries(db: Kysely<DB>, ind: DB['economy_indicator'], group: GroupId, from: number, to: number) {
  const rule: Aggregation = { kind: ind.aggregation };
  const years = Array.from({ length: to - from + 1 }, (_, i) => from + i);
  const groups = await Promise.all(years.map((y) => groupOn(db, group, y)));
  const iso3 = new Map(groups.flat().map((s) => [s.iso3, s.iso2]));
  const wanted = inputsOf(ind);
  const obs = await observations(db, [...new Set(Object.values(wanted))], [...iso3.keys(), WORLD], from, to);
  const seriesFor = (code: string | undefined, year: number) => {
    const byArea = (code && obs.get(code)?.get(year)) || new Map<string, number>();
    return new Map([...byArea].filter(([a]) => a !== WORLD).map(([a, v]) => [iso3.get(a)!, v]));
  };
  return years.map((year, i) => {
    const states = groups[i]!;
    const inputs: AggregateInputs = Object.fromEntries(Object.entries(wanted).map(([k, code]) => [k, seriesFor(code, year)]));
    const r = aggregate(rule, states.map((s) => s.iso2), inputs);
    const world = obs.get(ind.code)?.get(year)?.get(WORLD) ?? null;
    const own = inputs.value ?? new Map();
    return {
      year,
      date: endOfYear(year),
      value: r.value,
      unit: ind.unit,
      complete: r.complete,
      states: states.map((s) => s.iso2),
      reported: r.reported,
      missing: r.missing,
      partial_value: r.partial_value,
      world: { value: world, share: shareOfWorld(rule, r.value, world) },
      by_state: states.map((s) => ({ iso2: s.iso2, name: s.name, value: own.get(s.iso2) ?? null })),
    };
  });
}

/** The indicator for `group` over [from, to], with the seeds' statements about the same figure. */
export async function indicatorSeries(db: Kysely<DB>, code: string, group: GroupId, from: number, to: number) {
  if (to < from) throw new AppError('invalid_request', 'to: must not be before from', [{ field: 'to', message: 'must not be before from' }]);
  if (to - from > 80) throw new AppError('invalid_request', 'from: at most 80 years at once', [{ field: 'from', message: 'at most 80 years at once' }]);
  const ind = await indicatorOf(db, code);
  const points = await groupSeries(db, ind, group, from, to);
  const statements = await db.selectFrom('economy_statement').selectAll().where('indicator_code', '=', ind.code).where('group_id', '=', group).orderBy('year').execute();
  return { indicator: presentIndicator(ind), group, attribution: WDI_ATTRIBUTION, points, statements: statements.map(presentStatement) };
}

const presentStatement = (s: DB['economy_statement']) => ({ id: s.id, indicator: s.indicator_code, group: s.group_id, year: s.year, value: Number(s.value), unit: s.unit, quote: s.quote, label: localisedOf(s as never, 'label'), source: s.source, confidence: s.confidence, note: s.note });

/**
 * The figures quoted in the sources; where one measures what the product computes (same
 * indicator, group and year), the computed figure beside it and the relative difference.
 */
export async function listStatements(db: Kysely<DB>) {
  const rows = await db.selectFrom('economy_statement').selectAll().orderBy('id').execute();
  const out = [];
  for (const s of rows) {
    let computed = null;
    if (s.indicator_code && s.group_id && s.year && s.group_id in GROUPS) {
      const ind = await indicatorOf(db, s.indicator_code);
      const [p] = await groupSeries(db, ind, s.group_id as GroupId, s.year, s.year);
      computed = { value: p!.value, complete: p!.complete, missing: p!.missing, states: p!.states, difference: p!.value ? (Number(s.value) - p!.value) / p!.value : null };
    }
    out.push({ ...presentStatement(s), computed });
  }
  return out;
}
