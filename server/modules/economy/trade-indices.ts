/**
 * The intra-group trade matrix and indices computed from it (pure). Values are US$.
 *
 * A cell i→j is i's reported exports to j; when i did not report them, j's reported imports from
 * i stand in ("mirror", CIF rather than FOB), and the cell says so. Partner share s_ij = X_ij / X_i,w
 * (i's exports to the world). Trade intensity I_ij = s_ij / (M_j / M_w): the share j takes of i's
 * exports over the share j takes of world imports (1 = as expected from j's size; Kojima 1964).
 * Dependence of i on the group = Σ_j X_ij / X_i,w.
 */
import type { TradeFlow } from './trade-files.ts';

export interface MatrixCell {
  from: string;
  to: string;
  value: number | null;
  mirror: boolean;
  share: number | null;
  intensity: number | null;
}

/** `states` in ISO alpha-3; `imports` maps a state (and WLD) to its total imports from WDI, for intensity. */
export function tradeMatrix(flows: readonly TradeFlow[], states: readonly string[], year: number, imports: ReadonlyMap<string, number>) {
  const get = (reporter: string, partner: string, flow: 'export' | 'import') => flows.find((f) => f.year === year && f.reporter === reporter && f.partner === partner && f.flow === flow)?.value;
  const cells: MatrixCell[] = [];
  for (const from of states) {
    const world = get(from, 'WLD', 'export');
    for (const to of states) {
      if (from === to) continue;
      const direct = get(from, to, 'export');
      const mirror = direct === undefined ? get(to, from, 'import') : undefined;
      const value = direct ?? mirror ?? null;
      const share = value !== null && world ? value / world : null;
      const mj = imports.get(to);
      const mw = imports.get('WLD');
      cells.push({ from, to, value, mirror: direct === undefined && mirror !== undefined, share, intensity: share !== null && mj && mw ? share / (mj / mw) : null });
    }
  }
  const dependence = states.map((s) => {
    const world = get(s, 'WLD', 'export');
    const row = cells.filter((c) => c.from === s);
    const known = row.every((c) => c.value !== null);
    return { state: s, exports_to_group: known ? row.reduce((a, c) => a + c.value!, 0) : null, exports_to_world: world ?? null, dependence: known && world ? row.reduce((a, c) => a + c.value!, 0) / world : null };
  });
  return { cells, dependence, total: cells.every((c) => c.value !== null) ? cells.reduce((a, c) => a + c.value!, 0) : null };
}
