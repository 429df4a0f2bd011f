/**
 * Reads and checks an organisation's reference data directory. Every bad row of every file is
 * reported with its file, line and reason, and nothing is returned unless all rows are good.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { DB } from '../db/schema.ts';
import type { OrganisationRules } from '../organisation/organisation.rules.ts';
import { overlaps } from '../modules/membership/status-on-date.ts';
import { breach, derivePeriods } from '../modules/membership/membership-acts.ts';
import { parseRule } from '../modules/documents/entry-into-force.ts';
import { FILES } from './reference-files.ts';
import { routeProblems } from '../modules/economy/corridor-times.ts';
import { organisationSchema } from '../organisation/organisation.schema.ts';
import { ajv, checkRows, readCsv, type TableRow } from '../http/tabular.ts';

export interface Problem {
  file: string;
  line: number;
  message: string;
}

export class InvalidReferenceData extends Error {
  constructor(readonly problems: Problem[]) {
    super(`${problems.length} problem(s) in the reference data:\n${problems.map((p) => `  ${p.file}:${p.line}: ${p.message}`).join('\n')}`);
  }
}

export type ReferenceData = { organisation: OrganisationRules } & { [T in keyof DB as T extends 'organisation' ? never : T]: (DB[T] & { line: number })[] };


export function loadReference(dir: string): ReferenceData {
  const problems: Problem[] = [];
  const orgFile = path.join(dir, 'organisation.json');
  let organisation: OrganisationRules;
  try {
    organisation = JSON.parse(fs.readFileSync(orgFile, 'utf8')) as OrganisationRules;
  } catch (e) {
    throw new InvalidReferenceData([{ file: 'organisation.json', line: 1, message: (e as Error).message }]);
  }
  const validateOrganisation = ajv.compile(organisationSchema);
  if (!validateOrganisation(organisation)) {
    throw new InvalidReferenceData((validateOrganisation.errors ?? []).map((e) => ({ file: 'organisation.json', line: 1, message: `${e.instancePath || '/'} ${e.message}` })));
  }
  const data: Record<string, unknown[]> = {};
  for (const spec of FILES) {
    let rows: TableRow[];
    try {
      rows = readCsv(fs.readFileSync(path.join(dir, spec.file), 'utf8'));
    } catch (e) {
      problems.push({ file: spec.file, line: (e as { lines?: number }).lines ?? 1, message: (e as Error).message });
      continue;
    }
    const bad = checkRows(spec.schema, rows);
    problems.push(...bad.map((p) => ({ file: spec.file, ...p })));
    const badLines = new Set(bad.map((p) => p.line));
    data[spec.table] = rows.filter((r) => !badLines.has(r.line)).map((r) => ({ ...spec.toRow(r.cells), line: r.line }));
  }
  if (problems.length === 0) problems.push(...crossCheck(organisation, data as unknown as ReferenceData));
  if (problems.length > 0) throw new InvalidReferenceData(problems);
  return { organisation, ...data } as ReferenceData;
}

/** Rules that span rows or files: references, unique keys, periods that never overlap. */
function crossCheck(org: OrganisationRules, d: ReferenceData): Problem[] {
  const problems: Problem[] = [];
  const has = (rows: { line: number }[], file: string, key: (r: never) => string) => {
    const seen = new Map<string, number>();
    for (const r of rows) {
      const k = key(r as never);
      if (seen.has(k)) problems.push({ file, line: r.line, message: `duplicate of line ${seen.get(k)} (${k})` });
      seen.set(k, r.line);
    }
    return seen;
  };
  const states = has(d.state, 'states.csv', (r: { iso2: string }) => r.iso2);
  const organs = has(d.organ, 'organs.csv', (r: { id: string }) => r.id);
  const meetings = has(d.meeting, 'meetings.csv', (r: { id: string }) => r.id);
  const documents = has(d.document, 'documents.csv', (r: { id: string }) => r.id);
  has(d.chairmanship, 'chairmanships.csv', (r: { valid_from: string }) => r.valid_from);
  const statuses = new Set(org.statuses.map((s) => s.id));
  const ref = (file: string, line: number, column: string, value: string | null, known: Map<string, number> | Set<string>) => {
    if (value !== null && !known.has(value)) problems.push({ file, line, message: `column "${column}": unknown ${column} "${value}"` });
  };
  for (const o of d.organ) { ref('organs.csv', o.line, 'parent', o.parent_id, organs); ref('organs.csv', o.line, 'founding_document', o.founding_document, documents); }
  for (const o of d.official) { ref('officials.csv', o.line, 'organ', o.organ_id, organs); ref('officials.csv', o.line, 'state', o.state_iso2, states); }
  for (const m of d.meeting) {
    ref('meetings.csv', m.line, 'organ', m.organ_id, organs); ref('meetings.csv', m.line, 'host', m.host_iso2, states); ref('meetings.csv', m.line, 'chair', m.chair_iso2, states);
    if (m.end_date < m.start_date) problems.push({ file: 'meetings.csv', line: m.line, message: 'column "end" is before "start"' });
  }
  for (const r of d.organ_rhythm) {
    ref('organ-rhythms.csv', r.line, 'organ', r.organ_id, organs);
    if ((r.rhythm === 'as_needed') !== (r.interval_months === null)) problems.push({ file: 'organ-rhythms.csv', line: r.line, message: 'column "interval_months": required unless the rhythm is as_needed, and only then empty' });
  }
  for (const p of d.status_period) {
    ref('status-periods.csv', p.line, 'state', p.state_iso2, states); ref('status-periods.csv', p.line, 'status', p.status, statuses); ref('status-periods.csv', p.line, 'meeting', p.meeting_id, meetings);
    if (p.valid_to !== null && p.valid_to <= p.valid_from) problems.push({ file: 'status-periods.csv', line: p.line, message: 'column "valid_to" must be after "valid_from"' });
  }
  const byState = new Map<string, typeof d.status_period>();
  for (const p of d.status_period) byState.set(p.state_iso2, [...(byState.get(p.state_iso2) ?? []), p]);
  for (const periods of byState.values()) {
    const asPeriods = periods.map((p) => ({ ...p, validFrom: p.valid_from, validTo: p.valid_to }));
    for (const [a, b] of overlaps(asPeriods)) problems.push({ file: 'status-periods.csv', line: b.line, message: `${b.state_iso2} ${b.status} from ${b.valid_from} overlaps ${a.status} of line ${a.line}: a state has one status at a time` });
  }
  // A state whose periods are already wrong is reported once, not again against its acts.
  const badPeriods = new Set(problems.filter((p) => p.file === 'status-periods.csv').map((p) => d.status_period.find((x) => x.line === p.line)?.state_iso2));
  problems.push(...checkActs(org, d, states, organs, meetings, documents, badPeriods));
  const orgs = has(d.international_organisation, 'international-organisations.csv', (r: { id: string }) => r.id);
  const memoranda = has(d.org_memorandum, 'org-memoranda.csv', (r: { id: string }) => r.id);
  for (const m of d.org_memorandum) { ref('org-memoranda.csv', m.line, 'organisation', m.organisation_id, orgs); ref('org-memoranda.csv', m.line, 'sco_party', m.sco_party, organs); ref('org-memoranda.csv', m.line, 'document', m.document_id, documents); }
  for (const a of d.org_memorandum_action) { ref('org-memorandum-actions.csv', a.line, 'memorandum', a.memorandum_id, memoranda); ref('org-memorandum-actions.csv', a.line, 'meeting', a.meeting_id, meetings); }
  has(d.cultural_event, 'cultural-events.csv', (r: { id: string }) => r.id);
  for (const e of d.cultural_event) {
    for (const s of [...e.hosts, ...e.states]) ref('cultural-events.csv', e.line, 'state', s, states);
    ref('cultural-events.csv', e.line, 'organ', e.organ_id, organs); ref('cultural-events.csv', e.line, 'meeting', e.meeting_id, meetings);
    if (e.end_date < e.start_date) problems.push({ file: 'cultural-events.csv', line: e.line, message: 'column "end" is before "start"' });
  }
  for (const c of d.chairmanship) { ref('chairmanships.csv', c.line, 'state', c.state_iso2, states); ref('chairmanships.csv', c.line, 'summit', c.summit_id, meetings); }
  for (const doc of d.document) {
    ref('documents.csv', doc.line, 'organ', doc.organ_id, organs); ref('documents.csv', doc.line, 'meeting', doc.meeting_id, meetings);
    const rule = parseRule(doc.entry_into_force);
    if ('error' in rule) problems.push({ file: 'documents.csv', line: doc.line, message: `column "entry_into_force": ${rule.error}` });
  }
  for (const p of d.action_plan) { ref('action-plans.csv', p.line, 'document', p.document_id, documents); ref('action-plans.csv', p.line, 'implements', p.implements, documents); }
  for (const a of d.document_action) { ref('document-actions.csv', a.line, 'document', a.document_id, documents); ref('document-actions.csv', a.line, 'state', a.state_iso2, states); }
  const indicators = has(d.economy_indicator, 'economy-indicators.csv', (r: { code: string }) => r.code);
  for (const i of d.economy_indicator) for (const c of ['numerator', 'denominator', 'weight'] as const) ref('economy-indicators.csv', i.line, c, i[c], indicators);
  for (const st of d.economy_statement) ref('economy-statements.csv', st.line, 'indicator', st.indicator_code, indicators);
  for (const p of d.economy_project) for (const s of p.host_states) ref('economy-projects.csv', p.line, 'host_states', s, states);
  const places = has(d.economy_place, 'economy-places.csv', (r: { id: string }) => r.id);
  const corridors = has(d.economy_corridor, 'economy-corridors.csv', (r: { id: string }) => r.id);
  for (const p of d.economy_place) {
    for (const s of p.states) if (!/^[A-Z]{2}$/.test(s)) problems.push({ file: 'economy-places.csv', line: p.line, message: `column "states": "${s}" is not an ISO alpha-2 code` });
    if ((p.lat === null) !== (p.lon === null)) problems.push({ file: 'economy-places.csv', line: p.line, message: 'columns "lat" and "lon" go together' });
    if (p.lat !== null && !p.coordinates_source) problems.push({ file: 'economy-places.csv', line: p.line, message: 'column "coordinates_source" is required with coordinates' });
    if (p.kind === 'border_crossing' && p.states.length !== 2) problems.push({ file: 'economy-places.csv', line: p.line, message: 'column "states": a border crossing lies in two states' });
  }
  // Corridors cross states outside the organisation (Turkmenistan…): the codes are checked, not looked up.
  for (const c of d.economy_corridor) for (const s of c.states) if (!/^[A-Z]{2}$/.test(s)) problems.push({ file: 'economy-corridors.csv', line: c.line, message: `column "states": "${s}" is not an ISO alpha-2 code` });
  for (const s of d.economy_corridor_segment) {
    ref('economy-corridor-segments.csv', s.line, 'corridor', s.corridor_id, corridors);
    ref('economy-corridor-segments.csv', s.line, 'from', s.from_place, places);
    ref('economy-corridor-segments.csv', s.line, 'to', s.to_place, places);
    if ((s.capacity === null) !== (s.capacity_unit === null)) problems.push({ file: 'economy-corridor-segments.csv', line: s.line, message: 'columns "capacity" and "capacity_unit" go together' });
  }
  for (const c of d.economy_corridor) {
    const legs = d.economy_corridor_segment.filter((s) => s.corridor_id === c.id);
    for (const message of routeProblems(legs)) problems.push({ file: 'economy-corridor-segments.csv', line: legs.find((l) => message.startsWith(`segment ${l.seq}:`))?.line ?? c.line, message: `${c.id}: ${message}` });
  }
  for (const f of d.economy_financing_source) ref('economy-financing-sources.csv', f.line, 'state', f.state_iso2, states);
  problems.push(...checkTranslations(org, d));
  return problems;
}

/**
 * Membership acts: each names known records, follows the organisation's rules given the state's
 * earlier acts, and the status periods derived from them are exactly those of status-periods.csv.
 */
function checkActs(org: OrganisationRules, d: ReferenceData, states: Map<string, number>, organs: Map<string, number>, meetings: Map<string, number>, documents: Map<string, number>, skip: Set<string | undefined>): Problem[] {
  const problems: Problem[] = [];
  const file = 'membership-acts.csv';
  const seen = new Map<string, number>();
  const byState = new Map<string, typeof d.membership_act>();
  for (const a of d.membership_act) {
    if (seen.has(a.id)) problems.push({ file, line: a.line, message: `duplicate of line ${seen.get(a.id)} (${a.id})` });
    seen.set(a.id, a.line);
    for (const [column, value, known] of [['state', a.state_iso2, states], ['organ', a.organ_id, organs], ['meeting', a.meeting_id, meetings], ['decision', a.decision_id, documents]] as const) {
      if (value !== null && !known.has(value)) problems.push({ file, line: a.line, message: `column "${column}": unknown ${column} "${value}"` });
    }
    byState.set(a.state_iso2, [...(byState.get(a.state_iso2) ?? []), a]);
  }
  for (const [state, acts] of byState) {
    if (skip.has(state)) continue;
    for (const a of acts) {
      const broken = breach(org.membershipRules ?? [], org.statuses, acts.filter((p) => p !== a), a);
      if (broken) problems.push({ file, line: a.line, message: `${a.id} breaks rule "${broken.rule}": ${broken.message}` });
    }
    const derived = derivePeriods(acts).map((p) => `${p.status} ${p.validFrom}..${p.validTo ?? ''}`);
    const recorded = d.status_period.filter((p) => p.state_iso2 === state).sort((a, b) => a.valid_from.localeCompare(b.valid_from)).map((p) => `${p.status} ${p.valid_from}..${p.valid_to ?? ''}`);
    if (derived.join(', ') !== recorded.join(', ')) problems.push({ file, line: acts[0]!.line, message: `${state}: the acts give the periods [${derived.join(', ')}] but status-periods.csv has [${recorded.join(', ')}]` });
  }
  for (const p of d.status_period) if (!byState.has(p.state_iso2) && !skip.has(p.state_iso2)) problems.push({ file: 'status-periods.csv', line: p.line, message: `${p.state_iso2} has a status period but no membership act in ${file}` });
  return problems;
}

/**
 * Each translation names a record that exists and a field it has; a list field (an organ's
 * functions, joined with " | ") has as many items as the English list.
 */
function checkTranslations(org: OrganisationRules, d: ReferenceData): Problem[] {
  const problems: Problem[] = [];
  const cities = new Set([...d.meeting.map((m) => m.city), ...d.document.flatMap((x) => (x.place ? [x.place] : [])), ...d.organ.flatMap((o) => (o.seat ? [o.seat] : [])), ...d.cultural_event.flatMap((e) => (e.city ? [e.city] : [])), ...d.org_memorandum_action.flatMap((a) => (a.place ? [a.place] : []))]);
  const organs = new Map(d.organ.map((o) => [o.id, o]));
  const records: Record<string, (id: string) => string[] | null> = {
    document: (id) => (d.document.some((x) => x.id === id) ? ['title'] : null),
    organ: (id) => (organs.has(id) ? ['name', 'functions'] : null),
    official: (id) => (d.official.some((o) => `${o.organ_id}/${o.name}/${o.term_start}` === id) ? ['name', 'title'] : null),
    city: (id) => (cities.has(id) ? ['name'] : null),
    status_period: (id) => (d.status_period.some((p) => `${p.state_iso2}/${p.valid_from}/${p.status}` === id) ? ['basis'] : null),
    state: (id) => (d.state.some((s) => s.iso2 === id) ? ['name'] : null),
    action_plan: (id) => (d.action_plan.some((p) => p.id === id) ? ['title'] : null),
    organisation: (id) => (id === org.id ? ['rotation.term', 'rotation.host', 'rotation.note'] : null),
  };
  const seen = new Map<string, number>();
  for (const t of d.translation) {
    const file = 'translations.csv';
    const key = `${t.kind} ${t.record_id} ${t.field} ${t.lang}`;
    if (seen.has(key)) problems.push({ file, line: t.line, message: `duplicate of line ${seen.get(key)} (${key})` });
    seen.set(key, t.line);
    const fields = records[t.kind]?.(t.record_id);
    if (!fields) problems.push({ file, line: t.line, message: `column "id": unknown ${t.kind} "${t.record_id}"` });
    else if (!fields.includes(t.field)) problems.push({ file, line: t.line, message: `column "field": a ${t.kind} has no translatable field "${t.field}" (${fields.join(', ')})` });
    else if (t.kind === 'organ' && t.field === 'functions') {
      const want = organs.get(t.record_id)!.functions.length;
      const got = t.text.split(' | ').length;
      if (got !== want) problems.push({ file, line: t.line, message: `column "text": ${got} functions, but the organ has ${want} in organs.csv` });
    }
  }
  return problems;
}
