/**
 * MISP event JSON (as exported by MISP's REST API or "Download as JSON") to the parts of an
 * incident: each attribute of a known type becomes a STIX 2.1 indicator with a STIX pattern; the
 * event's `tlp:*` tags give its TLP 2.0 marking (TLP 1.0's `tlp:white` is TLP:CLEAR), its `PAP:*`
 * tags its PAP. Pure: no database. Type names follow MISP's "categories and types" list
 * (https://www.misp-project.org/datamodels/); patterns follow STIX 2.1 part 5 (patterning).
 */
import { PAP_LEVELS, TLP_LEVELS, type Pap, type Tlp } from './sharing-policy.ts';
import { stableUuid } from './stix.ts';
import type { StixObject } from './incidents.service.ts';

export interface MispAttribute {
  uuid?: string;
  type: string;
  value: string;
  category?: string;
  comment?: string;
  timestamp?: string;
  to_ids?: boolean;
}
export interface MispEvent {
  Event: {
    uuid?: string;
    info: string;
    date?: string;
    threat_level_id?: string;
    timestamp?: string;
    Tag?: { name: string }[];
    Attribute?: MispAttribute[];
    Object?: { name?: string; Attribute?: MispAttribute[] }[];
  };
}

/** A STIX string literal: backslashes and quotes escaped. */
const lit = (v: string) => `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const ip = (v: string) => `[${v.includes(':') ? 'ipv6-addr' : 'ipv4-addr'}:value = ${lit(v)}]`;
const HASHES: Record<string, string> = { md5: 'MD5', sha1: 'SHA-1', sha256: 'SHA-256', sha512: 'SHA-512', ssdeep: 'SSDEEP', tlsh: 'TLSH' };

/** The STIX pattern for a MISP attribute, or undefined for a type without one. */
export function patternOf(type: string, value: string): string | undefined {
  if (type === 'ip-src' || type === 'ip-dst') return ip(value);
  if (type === 'ip-src|port' || type === 'ip-dst|port') return ip(value.split('|')[0]!);
  if (type === 'domain' || type === 'hostname') return `[domain-name:value = ${lit(value)}]`;
  if (type === 'domain|ip') {
    const [d, a] = value.split('|');
    return `[domain-name:value = ${lit(d!)}] AND ${ip(a!)}`;
  }
  if (type === 'url' || type === 'uri') return `[url:value = ${lit(value)}]`;
  if (type === 'email-src' || type === 'email-dst' || type === 'email') return `[email-addr:value = ${lit(value)}]`;
  if (type === 'filename') return `[file:name = ${lit(value)}]`;
  if (HASHES[type]) return `[file:hashes.'${HASHES[type]}' = ${lit(value)}]`;
  const [name, hash] = type.split('|');
  if (name === 'filename' && hash && HASHES[hash]) {
    const [f, h] = value.split('|');
    return `[file:name = ${lit(f!)} AND file:hashes.'${HASHES[hash]}' = ${lit(h!)}]`;
  }
  return undefined;
}

const TLP_TAGS: Record<string, Tlp> = { 'tlp:clear': 'CLEAR', 'tlp:white': 'CLEAR', 'tlp:green': 'GREEN', 'tlp:amber': 'AMBER', 'tlp:amber+strict': 'AMBER+STRICT', 'tlp:red': 'RED' };
const strictest = <T extends string>(levels: readonly T[], found: T[]): T | undefined => found.sort((a, b) => levels.indexOf(b) - levels.indexOf(a))[0];

/** The event's TLP and PAP from its tags (the most restrictive when several), when tagged. */
export function markingsOf(event: MispEvent): { tlp?: Tlp; pap?: Pap } {
  const tags = (event.Event.Tag ?? []).map((t) => t.name.trim().toLowerCase());
  const tlp = strictest(TLP_LEVELS, tags.map((t) => TLP_TAGS[t]).filter((x): x is Tlp => x !== undefined));
  const pap = strictest(PAP_LEVELS, tags.filter((t) => t.startsWith('pap:')).map((t) => t.slice(4).toUpperCase().replace('WHITE', 'CLEAR') as Pap).filter((p) => PAP_LEVELS.includes(p)));
  return { ...(tlp ? { tlp } : {}), ...(pap ? { pap } : {}) };
}

const SEVERITY: Record<string, 'high' | 'medium' | 'low'> = { '1': 'high', '2': 'medium', '3': 'low', '4': 'low' };
const isoOf = (epoch: string | undefined, fallback: string) => (epoch && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000).toISOString() : fallback);

/**
 * The indicators of a MISP event (attributes of the event and of its objects), and the attributes
 * left out because MISP's type has no STIX pattern here (reported, not silently dropped).
 */
export function mispToStix(event: MispEvent, now = new Date().toISOString()) {
  const e = event.Event;
  const created = isoOf(e.timestamp, now);
  const attributes = [...(e.Attribute ?? []), ...(e.Object ?? []).flatMap((o) => o.Attribute ?? [])];
  const objects: StixObject[] = [];
  const skipped: { type: string; value: string }[] = [];
  attributes.forEach((a, i) => {
    const pattern = typeof a.value === 'string' ? patternOf(a.type, a.value) : undefined;
    if (!pattern) return skipped.push({ type: a.type, value: String(a.value) });
    const at = isoOf(a.timestamp, created);
    objects.push({
      type: 'indicator',
      spec_version: '2.1',
      id: `indicator--${stableUuid(`misp:${e.uuid ?? e.info}:${a.uuid ?? i}`)}`,
      created: at,
      modified: at,
      name: `${a.category ?? 'MISP'}: ${a.type}`,
      ...(a.comment ? { description: a.comment } : {}),
      indicator_types: ['malicious-activity'],
      pattern,
      pattern_type: 'stix',
      pattern_version: '2.1',
      valid_from: at,
      labels: [`misp:type="${a.type}"`, ...(a.to_ids === false ? ['misp:to_ids=false'] : [])],
    });
    return undefined;
  });
  return { title: e.info, severity: SEVERITY[e.threat_level_id ?? '4'] ?? 'low', objects, skipped, ...markingsOf(event) };
}
