/**
 * Reads bilateral trade files as their services export them (pure), into flows
 * `{ reporter, partner, year, flow, value }` with ISO alpha-3 codes (WLD = the world).
 *
 *   comtrade  UN Comtrade+ CSV (refYear, reporterISO, partnerISO, flowCode X/M, cmdCode, primaryValue)
 *             or the legacy Comtrade CSV (Year, Reporter ISO, Partner ISO, Trade Flow, Commodity
 *             Code, Trade Value (US$)); the total over commodities (TOTAL) gives the flows, and rows
 *             by commodity with the world as partner give `products` (for the complementarity index).
 *   imf       IMF IMTS/DOTS as SDMX-CSV (COUNTRY, COUNTERPART_COUNTRY, INDICATOR, TIME_PERIOD,
 *             OBS_VALUE) with XG_FOB_USD (exports) and MG_CIF_USD (imports); values in millions of US$.
 *
 * The column names follow the services' documentation; the tests use small files made to that shape.
 */
import { parse } from 'csv-parse/sync';

export interface TradeFlow {
  reporter: string;
  partner: string;
  year: number;
  flow: 'export' | 'import';
  value: number;
}
/** A reporter's trade with the world in one product (commodity code as the file gives it). */
export interface ProductFlow {
  reporter: string;
  year: number;
  flow: 'export' | 'import';
  product: string;
  value: number;
}
export interface TradeFileProblem {
  line: number;
  message: string;
}

/** Comtrade's code for the world as partner (W00 in Comtrade+, WLD in the legacy files). */
const WORLD = new Set(['W00', 'WLD', 'WORLD']);
const area = (code: string | undefined) => {
  const c = (code ?? '').trim().toUpperCase();
  return WORLD.has(c) ? 'WLD' : c;
};

const COMTRADE = [
  { year: 'refYear', reporter: 'reporterISO', partner: 'partnerISO', flow: 'flowCode', commodity: 'cmdCode', value: 'primaryValue', scale: 1 },
  { year: 'Year', reporter: 'Reporter ISO', partner: 'Partner ISO', flow: 'Trade Flow', commodity: 'Commodity Code', value: 'Trade Value (US$)', scale: 1 },
];
const FLOWS: Record<string, 'export' | 'import'> = { X: 'export', M: 'import', EXPORT: 'export', IMPORT: 'import', XG_FOB_USD: 'export', MG_CIF_USD: 'import' };

/** Parses `text` as `source` exports it; every bad row is reported with its line, and no flows are returned then. */
export function readTradeFile(source: 'comtrade' | 'imf', text: string): { flows: TradeFlow[]; products: ProductFlow[]; problems: TradeFileProblem[] } {
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(text, { columns: true, bom: true, skip_empty_lines: true, trim: true, info: true });
  } catch (e) {
    return { flows: [], products: [], problems: [{ line: (e as { lines?: number }).lines ?? 1, message: (e as Error).message }] };
  }
  const header = records[0] ? Object.keys(records[0].record) : [];
  const cols = source === 'imf'
    ? { year: 'TIME_PERIOD', reporter: 'COUNTRY', partner: 'COUNTERPART_COUNTRY', flow: 'INDICATOR', commodity: null, value: 'OBS_VALUE', scale: 1e6 }
    : COMTRADE.find((c) => header.includes(c.reporter));
  if (!cols || !header.includes(cols.reporter)) return { flows: [], products: [], problems: [{ line: 1, message: source === 'imf' ? 'not an IMF SDMX-CSV file: expected COUNTRY, COUNTERPART_COUNTRY, INDICATOR, TIME_PERIOD, OBS_VALUE' : 'not a Comtrade CSV file: expected reporterISO/partnerISO (Comtrade+) or Reporter ISO/Partner ISO (legacy)' }] };
  const flows: TradeFlow[] = [];
  const products: ProductFlow[] = [];
  const problems: TradeFileProblem[] = [];
  for (const { record: r, info } of records) {
    const product = cols.commodity && r[cols.commodity] && r[cols.commodity]!.toUpperCase() !== 'TOTAL' ? r[cols.commodity]!.trim() : null;
    // By product, only the trade with the world is kept: the complementarity index needs no more.
    if (product !== null && area(r[cols.partner]) !== 'WLD') continue;
    const flow = FLOWS[(r[cols.flow] ?? '').toUpperCase()];
    if (!flow) {
      if (source === 'imf') continue; // other IMF indicators (balances, other units) are not flows we keep
      if (/^RE-?(EXPORT|IMPORT)$|^R[XM]$/i.test(r[cols.flow] ?? '')) continue;
    }
    const year = Number(String(r[cols.year] ?? '').slice(0, 4));
    const value = Number(r[cols.value]);
    const reporter = area(r[cols.reporter]);
    const partner = area(r[cols.partner]);
    const bad = [
      !flow && `column "${cols.flow}": "${r[cols.flow] ?? ''}" is neither an export nor an import`,
      !/^[A-Z]{3}$/.test(reporter) && `column "${cols.reporter}": "${reporter}" is not an ISO alpha-3 code`,
      !/^[A-Z]{3}$/.test(partner) && `column "${cols.partner}": "${partner}" is not an ISO alpha-3 code`,
      !(Number.isInteger(year) && year >= 1900 && year <= 2100) && `column "${cols.year}": not a year`,
      !(r[cols.value] !== '' && Number.isFinite(value) && value >= 0) && `column "${cols.value}": not a non-negative number`,
    ].filter(Boolean) as string[];
    if (bad.length) problems.push(...bad.map((message) => ({ line: info.lines, message })));
    else if (product !== null) products.push({ reporter, year, flow: flow!, product, value: value * cols.scale });
    else flows.push({ reporter, partner, year, flow: flow!, value: value * cols.scale });
  }
  return problems.length ? { flows: [], products: [], problems } : { flows, products, problems };
}
