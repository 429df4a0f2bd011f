/**
 * Correlation: an observable (an address, a domain, a file hash…) named by indicators of two or
 * more states points at a threat they share. Values on the warning lists (private and
 * documentation addresses, public resolvers, well-known domains: data/infosec/warning-lists.json)
 * are never correlated. Pure: the caller passes only records the reader may see.
 */
import { BlockList, isIP } from 'node:net';

export interface Observable {
  /** The STIX object path compared, e.g. `ipv4-addr:value`, `file:hashes.'SHA-256'`. */
  path: string;
  value: string;
}

export interface WarningLists {
  cidrs: { value: string; why: string }[];
  addresses: { value: string; why: string }[];
  domains: { value: string; why: string }[];
}

/** The equality comparisons of a STIX 2.1 pattern (`[domain-name:value = 'x.example']`), values normalised. */
export function observablesOf(pattern: string): Observable[] {
  const found: Observable[] = [];
  for (const m of pattern.matchAll(/([a-z0-9-]+:[A-Za-z0-9_.'\-[\]*]+)\s*=\s*'((?:[^'\\]|\\.)*)'/g)) {
    const path = m[1]!;
    const raw = m[2]!.replace(/\\(.)/g, '$1');
    found.push({ path, value: /^(domain-name|url|email-addr)|hashes/.test(path) ? raw.toLowerCase() : raw });
  }
  return found;
}

/** Checks observables against the warning lists; built once per list. */
export function benignCheck(lists: WarningLists): (o: Observable) => string | undefined {
  const blocks = new BlockList();
  const cidrWhy = lists.cidrs.map((c) => {
    const [address, prefix] = c.value.split('/');
    const one = new BlockList();
    one.addSubnet(address!, Number(prefix), 'ipv4');
    blocks.addSubnet(address!, Number(prefix), 'ipv4');
    return { one, why: c.why };
  });
  const addresses = new Map(lists.addresses.map((a) => [a.value, a.why]));
  const domains = new Map(lists.domains.map((d) => [d.value, d.why]));
  return ({ path, value }) => {
    if (path.startsWith('ipv4-addr') && isIP(value) === 4) {
      if (addresses.has(value)) return addresses.get(value);
      if (blocks.check(value, 'ipv4')) return cidrWhy.find((c) => c.one.check(value, 'ipv4'))!.why;
    }
    if (path.startsWith('domain-name')) {
      const labels = value.split('.');
      for (let i = 0; i < labels.length - 1; i++) {
        const why = domains.get(labels.slice(i).join('.'));
        if (why) return why;
      }
    }
    return undefined;
  };
}

export interface Correlation extends Observable {
  /** The states whose records name the observable, sorted. */
  states: string[];
  /** Records naming it, at most `bound` of them. */
  records: string[];
}

/**
 * Observables named by records of two or more originating states, most states first; each lists at
 * most `bound` records, so a value everyone reports cannot grow without limit.
 */
export function correlate(records: { id: string; originator: string; patterns: string[] }[], isBenign: (o: Observable) => string | undefined, bound = 50): Correlation[] {
  // Most values are reported once: a second state's Set is made only when one appears.
  const seen = new Map<string, { observable: Observable; first: string; states: Set<string> | null; records: string[] }>();
  for (const record of records) {
    for (const pattern of record.patterns) {
      for (const observable of observablesOf(pattern)) {
        const key = `${observable.path}\u0000${observable.value}`;
        const entry = seen.get(key);
        if (!entry) {
          seen.set(key, { observable, first: record.originator, states: null, records: [record.id] });
          continue;
        }
        if (record.originator !== entry.first) (entry.states ??= new Set([entry.first])).add(record.originator);
        if (entry.records.length < bound && !entry.records.includes(record.id)) entry.records.push(record.id);
      }
    }
  }
  return [...seen.values()]
    // Warning lists are consulted only for values shared at all: far fewer than all values.
    .filter((e) => e.states !== null && !isBenign(e.observable))
    .map((e) => ({ ...e.observable, states: [...e.states!].sort(), records: e.records }))
    .sort((a, b) => b.states.length - a.states.length || a.value.localeCompare(b.value));
}
