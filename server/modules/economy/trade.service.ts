/** Bilateral trade: imports of users' Comtrade and IMF files, and the group's trade matrix by year. */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { recordEvent } from '../../audit/audit-log.ts';
import { deny } from '../../http/auth.ts';
import { AppError } from '../../http/problem.ts';
import { can } from '../../policies/policy.ts';
import { actorId, type Actor } from '../../policies/actor.ts';
import { readTradeFile } from './trade-files.ts';
import { tradeMatrix } from './trade-indices.ts';
import { complementarityMatrix } from './trade-complementarity.ts';
import { groupOn, type GroupId } from './indicators.service.ts';

const BATCH = 1000;

/** Imports a file as `source` exports it; a bad file is refused whole, each bad row named. */
export async function importTrade(db: Kysely<DB>, actor: Actor, source: 'comtrade' | 'imf', text: string, fileName: string | null) {
  if (!can(actor, 'economy.trade.import')) deny(actor, 'Only the Secretariat imports trade files');
  const { flows, products, problems } = readTradeFile(source, text);
  if (problems.length) throw new AppError('invalid_request', `body: ${problems.length} problem(s) in the file, nothing imported`, problems.slice(0, 50).map((p) => ({ field: `line ${p.line}`, message: p.message })));
  if (flows.length === 0 && products.length === 0) throw new AppError('invalid_request', 'body: the file holds no export or import totals, nor trade with the world by product', [{ field: 'body', message: 'no flows' }]);
  const id = `t_${randomBytes(6).toString('hex')}`;
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('economy_trade_import').values({ id, source, file_name: fileName, rows: flows.length + products.length, imported_by: actorId(actor), imported_at: new Date().toISOString() }).execute();
    for (let i = 0; i < flows.length; i += BATCH) {
      await trx.insertInto('economy_trade_flow').values(flows.slice(i, i + BATCH).map((f) => ({ ...f, source, import_id: id })))
        .onConflict((oc) => oc.columns(['source', 'reporter', 'partner', 'year', 'flow']).doUpdateSet((eb) => ({ value: eb.ref('excluded.value'), import_id: eb.ref('excluded.import_id') }))).execute();
    }
    for (let i = 0; i < products.length; i += BATCH) {
      await trx.insertInto('economy_trade_product').values(products.slice(i, i + BATCH).map((p) => ({ ...p, source, import_id: id })))
        .onConflict((oc) => oc.columns(['source', 'reporter', 'year', 'flow', 'product']).doUpdateSet((eb) => ({ value: eb.ref('excluded.value'), import_id: eb.ref('excluded.import_id') }))).execute();
    }
    await recordEvent(trx, { actor: actorId(actor), action: 'trade.import', subjectType: 'economy_trade_import', subjectId: id, after: { source, file_name: fileName, rows: flows.length, product_rows: products.length } });
  });
  return { id, source, rows: flows.length, product_rows: products.length };
}

/** The group's trade matrix in `year` from `source`'s flows, with shares, intensity (WDI imports) and dependence. */
export async function groupTradeMatrix(db: Kysely<DB>, group: GroupId, year: number, source: 'comtrade' | 'imf') {
  const states = await groupOn(db, group, year);
  const iso3 = states.map((s) => s.iso3);
  const areas = [...iso3, 'WLD'];
  const flows = iso3.length ? await db.selectFrom('economy_trade_flow').select(['reporter', 'partner', 'year', 'flow', 'value']).where('source', '=', source).where('year', '=', year).where('reporter', 'in', iso3).where('partner', 'in', areas).execute() : [];
  const imports = await db.selectFrom('economy_observation').select(['area', 'value']).where('indicator_code', '=', 'tm.val.mrch.cd.wt').where('year', '=', year).where('area', 'in', areas).execute();
  const m = tradeMatrix(flows.map((f) => ({ ...f, value: Number(f.value) })), iso3, year, new Map(imports.map((i) => [i.area, Number(i.value)])));
  const iso2 = new Map(states.map((s) => [s.iso3, s.iso2]));
  return {
    group, year, source, states: states.map((s) => ({ iso2: s.iso2, name: s.name })), flows_loaded: flows.length,
    cells: m.cells.map((c) => ({ ...c, from: iso2.get(c.from)!, to: iso2.get(c.to)! })),
    dependence: m.dependence.map((d) => ({ ...d, state: iso2.get(d.state)! })),
    total: m.total,
    note: 'Cells are exports as reported (US$); "mirror" cells are the partner\'s reported imports (CIF). Intensity uses WDI merchandise imports (tm.val.mrch.cd.wt).',
  };
}

/** The trade complementarity index for every ordered pair of the group's states in `year`, from their trade with the world by product. */
export async function groupComplementarity(db: Kysely<DB>, group: GroupId, year: number, source: 'comtrade' | 'imf') {
  const states = await groupOn(db, group, year);
  const iso3 = states.map((s) => s.iso3);
  const rows = iso3.length ? await db.selectFrom('economy_trade_product').select(['reporter', 'flow', 'product', 'value']).where('source', '=', source).where('year', '=', year).where('reporter', 'in', iso3).execute() : [];
  const iso2 = new Map(states.map((s) => [s.iso3, s.iso2]));
  const products = new Set(rows.map((r) => r.product));
  return {
    group, year, source, states: states.map((s) => ({ iso2: s.iso2, name: s.name })), product_rows: rows.length, products: products.size,
    cells: complementarityMatrix(rows.map((r) => ({ ...r, value: Number(r.value) })), iso3).map((c) => ({ exporter: iso2.get(c.exporter)!, importer: iso2.get(c.importer)!, index: c.index })),
    definition: 'TCI = 100 · (1 − Σ_k |m_ik − x_jk| / 2): m_ik is product k\'s share of importer i\'s imports from the world, x_jk its share of exporter j\'s exports to the world (Michaely 1996; World Bank WITS). Null where either structure is not loaded.',
  };
}
