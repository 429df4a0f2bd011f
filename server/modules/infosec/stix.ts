/**
 * A warning or incident as a STIX 2.1 bundle: a report holding one indicator per pattern (or an
 * incident's own STIX objects and an incident object), created by the
 * originating state's identity, every object marked with its TLP 2.0 marking definition.
 * Ids are derived from the record's id, so an export is the same bundle every time.
 */
import { createHash } from 'node:crypto';
import { TLP_MARKING_IDS, type Tlp } from './sharing-policy.ts';

export interface StixSource {
  id: string;
  originator: string;
  tlp: string;
  title: string;
  issued_at: string | null;
  severity?: string;
  recommended_actions?: string;
  valid_until?: string;
  indicators?: { pattern: string; name?: string }[];
  kind?: string;
  description?: string;
  /** An incident's own STIX objects (indicators, observed data, malware, …), exported as they are, marked with the record's TLP. */
  objects?: Record<string, unknown>[];
}

/** A UUID (version 5 layout) from `name`, so the same record always gives the same STIX ids. */
export function stableUuid(name: string): string {
  const h = createHash('sha1').update(name).digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

export function toStixBundle(record: StixSource) {
  const created = record.issued_at ?? new Date(0).toISOString();
  const marking = TLP_MARKING_IDS[record.tlp as Tlp];
  const common = { spec_version: '2.1', created, modified: created, object_marking_refs: [marking] };
  const identity = { type: 'identity', id: `identity--${stableUuid(`state:${record.originator}`)}`, spec_version: '2.1', created: '2001-06-15T00:00:00.000Z', modified: '2001-06-15T00:00:00.000Z', name: `National CERT of ${record.originator}`, identity_class: 'organization' };
  const own = record.objects ?? [];
  // An incident's indicators are among its own objects; a warning's are made from its patterns.
  const indicators = (record.kind === 'incident' ? [] : (record.indicators ?? [])).map((indicator, i) => ({
    type: 'indicator',
    id: `indicator--${stableUuid(`${record.id}:${i}`)}`,
    ...common,
    created_by_ref: identity.id,
    name: indicator.name ?? record.title,
    pattern: indicator.pattern,
    pattern_type: 'stix',
    valid_from: created,
    ...(record.valid_until ? { valid_until: `${record.valid_until}T23:59:59.000Z` } : {}),
  }));
  const marked = own.map((o) => ({ ...o, object_marking_refs: [marking] }));
  const incident = record.kind === 'incident' ? [{ type: 'incident', id: `incident--${stableUuid(`incident:${record.id}`)}`, ...common, created_by_ref: identity.id, name: record.title, ...(record.description ? { description: record.description } : {}) }] : [];
  const contents = [...incident, ...indicators, ...marked] as unknown as { id: string }[];
  const report = {
    type: 'report',
    id: `report--${stableUuid(record.id)}`,
    ...common,
    created_by_ref: identity.id,
    name: record.title,
    description: [record.severity && `Severity: ${record.severity}.`, record.recommended_actions].filter(Boolean).join(' '),
    report_types: ['threat-report'],
    published: created,
    object_refs: contents.length ? contents.map((x) => x.id) : [identity.id],
  };
  return { type: 'bundle', id: `bundle--${stableUuid(`bundle:${record.id}`)}`, objects: [identity, report, ...contents] };
}
