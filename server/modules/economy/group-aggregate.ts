/**
 * A group's value of an indicator, formed from its states' values by the indicator's rule (pure).
 *
 *   sum            Σ value                      (GDP, population, FDI inflows, exports…)
 *   ratio          Σ numerator / Σ denominator  (GDP per capita = Σ GDP / Σ population)
 *   weighted_mean  Σ value·weight / Σ weight    (GDP growth weighted by GDP)
 *   none           no group value               (indices and exchange rates do not add up)
 *
 * Missing values are never hidden: a state lacking any input the rule needs is listed in
 * `missing`, `complete` is false and `value` is null; the figure over the states that did report
 * is given apart, as `partial_value`, for a reader who accepts it as such.
 */

export type Aggregation =
  | { kind: 'sum' }
  | { kind: 'ratio' }
  | { kind: 'weighted_mean' }
  | { kind: 'none' };

/** Series by state (ISO alpha-2 → value) for one year; which ones a rule reads depends on its kind. */
export interface AggregateInputs {
  value?: ReadonlyMap<string, number>;
  numerator?: ReadonlyMap<string, number>;
  denominator?: ReadonlyMap<string, number>;
  weight?: ReadonlyMap<string, number>;
}

export interface GroupValue {
  /** The group's value, or null when a state is missing, the rule forms none, or it is undefined (0/0). */
  value: number | null;
  complete: boolean;
  /** States of the group that reported every input the rule needs. */
  reported: string[];
  /** States of the group lacking a value. */
  missing: string[];
  /** The rule applied to the reporting states only; null when none reported. */
  partial_value: number | null;
}

const NEEDS: Record<Aggregation['kind'], (keyof AggregateInputs)[]> = {
  sum: ['value'],
  ratio: ['numerator', 'denominator'],
  weighted_mean: ['value', 'weight'],
  none: [],
};

/** Applies `rule` to `states` (ISO alpha-2 codes, the group's members on the date). */
export function aggregate(rule: Aggregation, states: readonly string[], inputs: AggregateInputs): GroupValue {
  const sorted = [...new Set(states)].sort();
  if (rule.kind === 'none') return { value: null, complete: false, reported: [], missing: [], partial_value: null };
  const needs = NEEDS[rule.kind];
  const reported = sorted.filter((s) => needs.every((n) => Number.isFinite(inputs[n]?.get(s))));
  const missing = sorted.filter((s) => !reported.includes(s));
  const get = (n: keyof AggregateInputs, s: string) => inputs[n]!.get(s)!;
  const sum = (f: (s: string) => number) => reported.reduce((acc, s) => acc + f(s), 0);
  let result: number | null;
  switch (rule.kind) {
    case 'sum':
      result = sum((s) => get('value', s));
      break;
    case 'ratio': {
      const den = sum((s) => get('denominator', s));
      result = den === 0 ? null : sum((s) => get('numerator', s)) / den;
      break;
    }
    case 'weighted_mean': {
      const w = sum((s) => get('weight', s));
      result = w === 0 ? null : sum((s) => get('value', s) * get('weight', s)) / w;
      break;
    }
  }
  const complete = missing.length === 0;
  return { value: complete ? result : null, complete, reported, missing, partial_value: reported.length === 0 && sorted.length > 0 ? null : result };
}

/** The group's share of the world total, for additive indicators only; null otherwise. */
export function shareOfWorld(rule: Aggregation, group: number | null, world: number | null | undefined): number | null {
  if (rule.kind !== 'sum' || group === null || world === null || world === undefined || world === 0) return null;
  return group / world;
}
