/**
 * The trade complementarity index (Michaely 1996; World Bank WITS), pure:
 *
 *   TCI_ij = 100 · (1 − Σ_k |m_ik − x_jk| / 2)
 *
 * where m_ik is product k's share of importer i's imports from the world and x_jk its share of
 * exporter j's exports to the world. 100 means j exports exactly what i imports, in the same
 * proportions; 0 means j exports nothing i imports. Unknown without both structures (null).
 */

/** The shares of each product in `values` (product → value); null when they add up to nothing. */
export function shares(values: Map<string, number>): Map<string, number> | null {
  let total = 0;
  for (const v of values.values()) total += v;
  if (!(total > 0)) return null;
  return new Map([...values].map(([k, v]) => [k, v / total]));
}

/** TCI of exporter j's exports (product → value) against importer i's imports (product → value). */
export function complementarity(exportsOfJ: Map<string, number>, importsOfI: Map<string, number>): number | null {
  const x = shares(exportsOfJ);
  const m = shares(importsOfI);
  if (!x || !m) return null;
  let distance = 0;
  for (const k of new Set([...x.keys(), ...m.keys()])) distance += Math.abs((m.get(k) ?? 0) - (x.get(k) ?? 0));
  return 100 * (1 - distance / 2);
}

export interface ProductRow {
  reporter: string;
  flow: 'export' | 'import';
  product: string;
  value: number;
}

/** TCI for every ordered pair (exporter, importer) of `states`, from their trade with the world by product. */
export function complementarityMatrix(rows: ProductRow[], states: string[]) {
  const by = (state: string, flow: 'export' | 'import') => {
    const m = new Map<string, number>();
    for (const r of rows) if (r.reporter === state && r.flow === flow) m.set(r.product, (m.get(r.product) ?? 0) + r.value);
    return m;
  };
  const exports = new Map(states.map((s) => [s, by(s, 'export')]));
  const imports = new Map(states.map((s) => [s, by(s, 'import')]));
  return states.flatMap((exporter) => states.filter((importer) => importer !== exporter).map((importer) => ({ exporter, importer, index: complementarity(exports.get(exporter)!, imports.get(importer)!) })));
}
