/** Pure chairmanship rules: who chairs on a date, and who comes next under the rotation rule. */

export interface Term {
  state: string;
  validFrom: string;
  validTo: string | null;
}

export interface Candidate {
  iso2: string;
  /** The name in the language the rotation is ordered by. */
  name: string;
}

export interface ComputedTerm {
  state: string;
  /** Approximate start: the previous term's start plus the term length, until a summit fixes it. */
  expectedFrom: string;
  basis: 'computed';
}

/** The recorded term in force on `date`. */
export function chairOn(terms: readonly Term[], date: string): Term | undefined {
  return terms.find((t) => t.validFrom <= date && (t.validTo === null || date < t.validTo));
}

/** Candidates in rotation order (alphabetical by name in the rule's language). */
export function rotationOrder(candidates: readonly Candidate[], language: string): Candidate[] {
  const collator = new Intl.Collator(language);
  return [...candidates].sort((a, b) => collator.compare(a.name, b.name));
}

/**
 * The next `count` chairs after the last recorded term, each the following candidate in
 * rotation order. Recorded history always wins: this only extends it into the future.
 */
export function nextChairs(
  recorded: readonly Term[],
  candidates: readonly Candidate[],
  language: string,
  termYears: number,
  count: number,
): ComputedTerm[] {
  const order = rotationOrder(candidates, language);
  if (order.length === 0 || recorded.length === 0) return [];
  const last = [...recorded].sort((a, b) => a.validFrom.localeCompare(b.validFrom)).at(-1)!;
  let index = order.findIndex((c) => c.iso2 === last.state);
  let from = last.validFrom;
  const result: ComputedTerm[] = [];
  for (let i = 0; i < count; i++) {
    // A chair who is no longer a candidate is placed by name, so the order still continues.
    index = index === -1 ? insertionPoint(order, last.state, language) : (index + 1) % order.length;
    from = addYears(from, termYears);
    result.push({ state: order[index]!.iso2, expectedFrom: from, basis: 'computed' });
  }
  return result;
}

function insertionPoint(order: Candidate[], iso2: string, language: string): number {
  const collator = new Intl.Collator(language);
  const i = order.findIndex((c) => collator.compare(c.name, iso2) > 0);
  return i === -1 ? 0 : i;
}

function addYears(date: string, years: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d.toISOString().slice(0, 10);
}
