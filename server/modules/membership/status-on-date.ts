/** Pure rules for statuses over time. Periods are half-open: [validFrom, validTo). */

export interface Period {
  status: string;
  validFrom: string;
  validTo: string | null;
}

/** The period in force on `date` (YYYY-MM-DD), or undefined when the state had no status. */
export function periodOn<P extends Period>(periods: readonly P[], date: string): P | undefined {
  return periods.find((p) => p.validFrom <= date && (p.validTo === null || date < p.validTo));
}

/** Pairs of periods of one state that overlap; an empty list means the history is consistent. */
export function overlaps<P extends Period>(periods: readonly P[]): [P, P][] {
  const sorted = [...periods].sort((a, b) => a.validFrom.localeCompare(b.validFrom));
  const found: [P, P][] = [];
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1]!;
    const cur = sorted[i]!;
    if (prev.validTo === null || prev.validTo > cur.validFrom) found.push([prev, cur]);
  }
  return found;
}
