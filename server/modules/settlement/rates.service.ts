/** Reference rates per date and currency pair, with their source; cross rates computed from them. */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { recordEvent } from '../../audit/audit-log.ts';
import { deny } from '../../http/auth.ts';
import { AppError, type FieldError } from '../../http/problem.ts';
import { checkRows, readCsv } from '../../http/tabular.ts';
import { can } from '../../policies/policy.ts';
import { actorId, type Actor } from '../../policies/actor.ts';
import { CURRENCIES, crossRate, formatRatio, MINOR_UNITS, parseDecimal, type QuotedRate } from './rates.ts';

export interface RateInput {
  rate_date: string;
  base: string;
  quote: string;
  /** 1 base = rate quote, a plain decimal. */
  rate: string;
  source: string;
}

const currency = { enum: Object.keys(MINOR_UNITS) };
const rateSchema = {
  type: 'object',
  required: ['rate_date', 'base', 'quote', 'rate', 'source'],
  additionalProperties: false,
  properties: { rate_date: { type: 'string', format: 'date' }, base: currency, quote: currency, rate: { type: 'string', pattern: '^[0-9]+(\\.[0-9]+)?$' }, source: { type: 'string', minLength: 1, maxLength: 500 } },
};

/** Records reference rates from CSV (columns as RateInput) or JSON, all or nothing, audited. */
export async function recordRates(db: Kysely<DB>, actor: Actor, input: { csv: string } | { rates: RateInput[] }) {
  if (!can(actor, 'settlement.rates.record')) deny(actor, 'Only the settlement operator records reference rates');
  const rows = 'csv' in input ? readCsv(input.csv) : input.rates.map((r, i) => ({ line: i, cells: r as unknown as Record<string, string> }));
  const where = (line: number) => ('csv' in input ? `line ${line}` : `rates.${line}`);
  const errors: FieldError[] = checkRows(rateSchema, rows).map((p) => ({ field: where(p.line), message: p.message }));
  for (const { line, cells } of rows) {
    if (cells.base === cells.quote) errors.push({ field: where(line), message: 'base and quote must differ' });
    else if (/^0+(\.0+)?$/.test(cells.rate ?? '')) errors.push({ field: where(line), message: 'rate must be positive' });
  }
  if (rows.length === 0) errors.push({ field: 'rates', message: 'no rates given' });
  if (errors.length) throw new AppError('invalid_request', `nothing was recorded: ${errors.slice(0, 5).map((e) => `${e.field}: ${e.message}`).join('; ')}`, errors);
  const now = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    for (const { cells: r } of rows) {
      const row = { rate_date: r.rate_date!, base: r.base!, quote: r.quote!, rate: r.rate!, source: r.source!, recorded_by: actorId(actor), recorded_at: now };
      await trx.insertInto('settlement_rate').values(row).onConflict((oc) => oc.columns(['rate_date', 'base', 'quote']).doUpdateSet({ rate: row.rate, source: row.source, recorded_by: row.recorded_by, recorded_at: now })).execute();
    }
    await recordEvent(trx, { actor: actorId(actor), action: 'settlement.rates.record', subjectType: 'settlement_rate', subjectId: [...new Set(rows.map((r) => r.cells.rate_date))].sort().join(','), after: rows.map((r) => r.cells) });
  });
  return { recorded: rows.length };
}

/** The quotes in force on `date`: for each pair, the latest recorded on or before it. */
export async function quotesOn(db: Kysely<DB>, date: string): Promise<(QuotedRate & { date: string })[]> {
  const rows = await db.selectFrom('settlement_rate').selectAll().where('rate_date', '<=', date).orderBy('rate_date', 'desc').execute();
  const latest = new Map<string, (typeof rows)[number]>();
  for (const r of rows) if (!latest.has(`${r.base}/${r.quote}`)) latest.set(`${r.base}/${r.quote}`, r);
  return [...latest.values()].sort((a, b) => `${a.base}${a.quote}`.localeCompare(`${b.base}${b.quote}`)).map((r) => ({ base: r.base.trim(), quote: r.quote.trim(), rate: parseDecimal(String(r.rate)), source: r.source, date: r.rate_date }));
}

/** The quotes in force on `date` and every currency's cross rate into `unit` (through `vehicle`). */
export async function listRates(db: Kysely<DB>, query: { date: string; unit?: string; vehicle?: string }) {
  const quotes = await quotesOn(db, query.date);
  const unit = query.unit;
  return {
    date: query.date,
    quotes: quotes.map((q) => ({ date: q.date, base: q.base, quote: q.quote, rate: formatRatio(q.rate, 8), source: q.source })),
    cross: unit
      ? CURRENCIES.filter((c) => c !== unit).map((c) => {
        const x = crossRate(quotes, c, unit, query.vehicle);
        return { from: c, to: unit, rate: x ? formatRatio(x.rate, 8) : null, path: x?.path ?? [], sources: x?.sources ?? [] };
      })
      : [],
  };
}
