/**
 * The reference data files of an organisation and the shape of each row. A row is checked
 * with its JSON Schema (ajv), then converted to a database row.
 */
import type { DB } from '../db/schema.ts';
import { PROJECT_SECTORS, PROJECT_STAGES } from '../modules/economy/project-pipeline.ts';
import { LEDGER_ACTIONS } from '../modules/documents/entry-into-force.ts';
import { ACT_KINDS } from '../modules/membership/membership-acts.ts';
import { EVENT_KINDS } from '../modules/meetings/cultural-events.ts';

type Json = Record<string, unknown>;

const text = { type: 'string', minLength: 1 };
const date = { type: 'string', format: 'date' };
const iso2 = { type: 'string', pattern: '^[A-Z]{2}$' };
const wdiCode = { type: 'string', pattern: '^[a-z0-9]+(\\.[a-z0-9]+)+$' };
const yesNo = { enum: ['yes', 'no'] };
const int = { type: 'string', pattern: '^[0-9]+$' };
const id = { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9_-]*$' };
export const CONFIDENCE = ['confirmed', 'seed', 'wikipedia', 'unconfirmed'] as const;
/** A translation is either a published text (`official`, with its source) or ours. */
export const TRANSLATION_CONFIDENCE = ['official', 'own_translation'] as const;
/** The kinds of record translations.csv may translate (see crossCheck for what each id names). */
export const TRANSLATED_KINDS = ['document', 'organ', 'official', 'city', 'status_period', 'state', 'action_plan', 'organisation'] as const;
const provenance = { source: text, confidence: { enum: CONFIDENCE }, note: text };

const list = (v: string | undefined) => (v ? v.split(' | ').map((s) => s.trim()).filter(Boolean) : []);
const orNull = (v: string | undefined) => v ?? null;

export interface FileSpec<T extends keyof DB> {
  file: string;
  table: T;
  /** Columns identifying a row, for the idempotent sync. */
  key: (keyof DB[T] & string)[];
  schema: Json;
  toRow(r: Record<string, string | undefined>): DB[T];
}

function spec<T extends keyof DB>(s: FileSpec<T>): FileSpec<T> {
  return s;
}

const row = (required: string[], properties: Json): Json => ({
  type: 'object',
  required: [...required, 'confidence'],
  additionalProperties: false,
  properties: { ...properties, ...provenance },
});

export const FILES = [
  spec({
    file: 'states.csv', table: 'state', key: ['iso2'],
    schema: row(['iso2', 'iso3', 'm49', 'name_en', 'source'], {
      iso2, iso3: { type: 'string', pattern: '^[A-Z]{3}$' }, m49: { type: 'string', pattern: '^[0-9]{3}$' },
      name_en: text, name_ru: text, name_zh: text, official_name_en: text,
    }),
    toRow: (r) => ({ iso2: r.iso2!, iso3: r.iso3!, m49: r.m49!, name_en: r.name_en!, name_ru: orNull(r.name_ru), name_zh: orNull(r.name_zh), official_name_en: orNull(r.official_name_en), source: list(r.source), confidence: r.confidence! }),
  }),
  spec({
    file: 'organs.csv', table: 'organ', key: ['id'],
    schema: row(['id', 'kind', 'name_en'], {
      id, parent: id, kind: { enum: ['council', 'meeting_format', 'permanent_body', 'group', 'mechanism', 'working_group', 'expert_group', 'ministerial_meeting'] },
      name_en: text, name_ru: text, name_zh: text, charter_article: int, permanent: yesNo, seat: text, functions: text, founding_document: text,
    }),
    toRow: (r) => ({ id: r.id!, parent_id: orNull(r.parent), kind: r.kind!, name_en: r.name_en!, name_ru: orNull(r.name_ru), name_zh: orNull(r.name_zh), charter_article: r.charter_article ? Number(r.charter_article) : null, permanent: r.permanent === 'yes', seat: orNull(r.seat), functions: list(r.functions), founding_document: orNull(r.founding_document), source: list(r.source), confidence: r.confidence!, note: orNull(r.note) }),
  }),
  spec({
    file: 'officials.csv', table: 'official', key: ['organ_id', 'name', 'term_start'],
    schema: row(['organ', 'name', 'title', 'start', 'source'], {
      organ: id, name: text, state: iso2, title: text, start: { type: 'string', pattern: '^[0-9]{4}(-[0-9]{2}-[0-9]{2})?$' }, end: { type: 'string', pattern: '^[0-9]{4}(-[0-9]{2}-[0-9]{2})?$' },
    }),
    toRow: (r) => ({ organ_id: r.organ!, name: r.name!, state_iso2: orNull(r.state), title: r.title!, term_start: r.start!, term_end: orNull(r.end), source: list(r.source), confidence: r.confidence!, note: orNull(r.note) }),
  }),
  spec({
    file: 'meetings.csv', table: 'meeting', key: ['id'],
    schema: row(['id', 'organ', 'start', 'end', 'city', 'format', 'source'], {
      id, organ: id, number: int, start: date, end: date, city: text, host: iso2, chair: iso2, format: { enum: ['in person', 'videoconference'] }, outcomes: text,
    }),
    toRow: (r) => ({ id: r.id!, organ_id: r.organ!, number: r.number ? Number(r.number) : null, start_date: r.start!, end_date: r.end!, city: r.city!, host_iso2: orNull(r.host), chair_iso2: orNull(r.chair), format: r.format!, outcomes: orNull(r.outcomes), source: list(r.source), confidence: r.confidence!, note: orNull(r.note) }),
  }),
  spec({
    file: 'organ-rhythms.csv', table: 'organ_rhythm', key: ['organ_id'],
    schema: row(['organ', 'rhythm', 'counted_from', 'source'], { organ: id, rhythm: { enum: ['annual', 'twice_yearly', 'thrice_yearly', 'as_needed'] }, interval_months: int, grace_days: int, counted_from: date }),
    toRow: (r) => ({ organ_id: r.organ!, rhythm: r.rhythm!, interval_months: r.interval_months ? Number(r.interval_months) : null, grace_days: r.grace_days ? Number(r.grace_days) : 0, counted_from: r.counted_from!, source: list(r.source), confidence: r.confidence!, note: orNull(r.note) }),
  }),
  spec({
    file: 'status-periods.csv', table: 'status_period', key: ['state_iso2', 'valid_from', 'status'],
    schema: row(['state', 'status', 'valid_from', 'source'], { state: iso2, status: id, valid_from: date, valid_to: date, basis: text, meeting: id }),
    toRow: (r) => ({ state_iso2: r.state!, status: r.status!, valid_from: r.valid_from!, valid_to: orNull(r.valid_to), basis: orNull(r.basis), meeting_id: orNull(r.meeting), source: list(r.source), confidence: r.confidence!, note: orNull(r.note) }),
  }),
  spec({
    file: 'chairmanships.csv', table: 'chairmanship', key: ['valid_from'],
    schema: row(['state', 'valid_from', 'source'], { state: iso2, valid_from: date, valid_to: date, summit: id }),
    toRow: (r) => ({ state_iso2: r.state!, valid_from: r.valid_from!, valid_to: orNull(r.valid_to), summit_id: orNull(r.summit), source: list(r.source), confidence: r.confidence!, note: orNull(r.note) }),
  }),
  spec({
    file: 'documents.csv', table: 'document', key: ['id'],
    schema: row(['id', 'kind', 'title_en', 'entry_into_force', 'source'], {
      id: { type: 'string', pattern: '^/akn/[a-z]+/act/[a-z-]+/(undated|[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?)/[a-z0-9-]+$' },
      kind: { enum: ['charter', 'convention', 'treaty', 'agreement', 'protocol', 'declaration', 'statement', 'communique', 'programme', 'action-plan', 'plan', 'strategy', 'concept', 'roadmap', 'regulation', 'memorandum', 'decision', 'initiative', 'resolution'] },
      title_en: text, title_ru: text, title_zh: text, date, date_precision: { enum: ['day', 'month', 'year'] }, place: text, organ: id, meeting: id,
      counterparty: text, in_force: date, entry_into_force: text, named_in_seeds: yesNo,
    }),
    toRow: (r) => ({ id: r.id!, key: documentKey(r.id!), kind: r.kind!, title_en: r.title_en!, title_ru: orNull(r.title_ru), title_zh: orNull(r.title_zh), date: orNull(r.date), date_precision: orNull(r.date_precision), place: orNull(r.place), organ_id: orNull(r.organ), meeting_id: orNull(r.meeting), counterparty: orNull(r.counterparty), in_force: orNull(r.in_force), entry_into_force: r.entry_into_force!, named_in_seeds: r.named_in_seeds === 'yes', source: list(r.source), confidence: r.confidence!, note: orNull(r.note) }),
  }),
  spec({
    file: 'document-actions.csv', table: 'document_action', key: ['document_id', 'state_iso2', 'action', 'date'],
    schema: row(['document', 'state', 'action', 'date', 'source'], {
      document: { type: 'string', pattern: '^/akn/' }, state: iso2,
      action: { enum: [...LEDGER_ACTIONS] }, date, text,
    }),
    toRow: (r) => ({ document_id: r.document!, state_iso2: r.state!, action: r.action!, date: r.date!, text: orNull(r.text), source: list(r.source), confidence: r.confidence!, note: orNull(r.note) }),
  }),
  spec({
    file: 'action-plans.csv', table: 'action_plan', key: ['id'],
    schema: row(['id', 'title_en', 'pillar', 'public', 'source'], {
      id, document: { type: 'string', pattern: '^/akn/' }, implements: { type: 'string', pattern: '^/akn/' }, title_en: text, title_ru: text, title_zh: text,
      pillar: { enum: ['security', 'economy', 'culture'] }, period_start: date, period_end: date, public: yesNo,
    }),
    toRow: (r) => ({ id: r.id!, document_id: orNull(r.document), implements: orNull(r.implements), title_en: r.title_en!, title_ru: orNull(r.title_ru), title_zh: orNull(r.title_zh), pillar: r.pillar!, period_start: orNull(r.period_start), period_end: orNull(r.period_end), public: r.public === 'yes', source: list(r.source), confidence: r.confidence!, note: orNull(r.note) }),
  }),
  spec({
    file: 'economy-indicators.csv', table: 'economy_indicator', key: ['code'],
    schema: row(['code', 'name_en', 'unit', 'aggregation', 'source'], {
      code: wdiCode, name_en: text, name_ru: text, name_zh: text, unit: text, aggregation: { enum: ['sum', 'ratio', 'weighted_mean', 'none'] }, numerator: wdiCode, denominator: wdiCode, weight: wdiCode,
    }),
    toRow: (r) => ({ code: r.code!, name_en: r.name_en!, name_ru: orNull(r.name_ru), name_zh: orNull(r.name_zh), unit: r.unit!, aggregation: r.aggregation as DB['economy_indicator']['aggregation'], numerator: orNull(r.numerator), denominator: orNull(r.denominator), weight: orNull(r.weight), source: list(r.source), confidence: r.confidence!, note: orNull(r.note) }),
  }),
  spec({
    file: 'economy-statements.csv', table: 'economy_statement', key: ['id'],
    schema: row(['id', 'value', 'unit', 'quote', 'label_en', 'source'], {
      id, indicator: wdiCode, group: { enum: ['members', 'founders', 'observers', 'dialogue_partners', 'sco_partners', 'partners', 'family'] }, year: { type: 'string', pattern: '^[0-9]{4}$' },
      value: { type: 'string', pattern: '^[0-9]+(\\.[0-9]+)?$' }, unit: text, quote: text, label_en: text, label_ru: text, label_zh: text,
    }),
    toRow: (r) => ({ id: r.id!, indicator_code: orNull(r.indicator), group_id: orNull(r.group), year: r.year ? Number(r.year) : null, value: Number(r.value), unit: r.unit!, quote: r.quote!, label_en: r.label_en!, label_ru: orNull(r.label_ru), label_zh: orNull(r.label_zh), source: list(r.source), confidence: r.confidence!, note: orNull(r.note) }),
  }),
  spec({
    file: 'economy-projects.csv', table: 'economy_project', key: ['id'],
    schema: row(['id', 'title_en', 'sector', 'stage', 'source'], {
      id, title_en: text, title_ru: text, title_zh: text, sector: { enum: [...PROJECT_SECTORS] }, stage: { enum: [...PROJECT_STAGES] }, location: text, host_states: text,
      planned_start: date, planned_end: date, actual_start: date, actual_end: date,
    }),
    toRow: (r) => ({ id: r.id!, title_en: r.title_en!, title_ru: orNull(r.title_ru), title_zh: orNull(r.title_zh), sector: r.sector!, stage: r.stage!, location: orNull(r.location), host_states: list(r.host_states), planned_start: orNull(r.planned_start), planned_end: orNull(r.planned_end), actual_start: orNull(r.actual_start), actual_end: orNull(r.actual_end), source: list(r.source), confidence: r.confidence!, note: orNull(r.note), origin: 'reference' as const }),
  }),
  spec({
    file: 'membership-acts.csv', table: 'membership_act', key: ['id'],
    schema: row(['state', 'act', 'date', 'source'], {
      state: iso2, act: { enum: [...ACT_KINDS] }, status: id, date, date_precision: { enum: ['day', 'month', 'year'] }, organ: id, meeting: id, decision: { type: 'string', pattern: '^/akn/' }, basis: text,
    }),
    toRow: (r) => ({ id: membershipActId(r.state!, r.act!, r.date!), state_iso2: r.state!, act: r.act!, status: orNull(r.status), date: r.date!, date_precision: (r.date_precision ?? 'day') as 'day', organ_id: orNull(r.organ), meeting_id: orNull(r.meeting), decision_id: orNull(r.decision), basis: orNull(r.basis), source: list(r.source), confidence: r.confidence!, note: orNull(r.note), origin: 'reference' as const }),
  }),
  spec({
    file: 'international-organisations.csv', table: 'international_organisation', key: ['id'],
    schema: row(['id', 'name_en', 'name_ru', 'name_zh', 'source'], { id, name_en: text, name_ru: text, name_zh: text }),
    toRow: (r) => ({ id: r.id!, name_en: r.name_en!, name_ru: orNull(r.name_ru), name_zh: orNull(r.name_zh), source: list(r.source), confidence: r.confidence!, note: orNull(r.note) }),
  }),
  spec({
    file: 'org-memoranda.csv', table: 'org_memorandum', key: ['id'],
    schema: row(['id', 'organisation', 'sco_party', 'kind', 'title_en', 'title_ru', 'title_zh', 'source'], {
      id, organisation: id, sco_party: id, kind: { enum: ['memorandum', 'joint_declaration', 'observer_status'] }, title_en: text, title_ru: text, title_zh: text, document: { type: 'string', pattern: '^/akn/' },
    }),
    toRow: (r) => ({ id: r.id!, organisation_id: r.organisation!, sco_party: r.sco_party!, kind: r.kind!, title_en: r.title_en!, title_ru: orNull(r.title_ru), title_zh: orNull(r.title_zh), document_id: orNull(r.document), source: list(r.source), confidence: r.confidence!, note: orNull(r.note) }),
  }),
  spec({
    file: 'org-memorandum-actions.csv', table: 'org_memorandum_action', key: ['memorandum_id', 'action', 'date'],
    schema: row(['memorandum', 'action', 'date', 'source'], {
      memorandum: id, action: { enum: ['decided', 'signed', 'announced', 'granted', 'in_force'] }, date, date_precision: { enum: ['day', 'month', 'year'] }, place: text, meeting: id,
    }),
    toRow: (r) => ({ memorandum_id: r.memorandum!, action: r.action!, date: r.date!, date_precision: (r.date_precision ?? 'day') as 'day', place: orNull(r.place), meeting_id: orNull(r.meeting), source: list(r.source), confidence: r.confidence!, note: orNull(r.note), origin: 'reference' as const }),
  }),
  spec({
    file: 'cultural-events.csv', table: 'cultural_event', key: ['id'],
    schema: row(['id', 'kind', 'title_en', 'title_ru', 'title_zh', 'start', 'end', 'source'], {
      id, kind: { enum: [...EVENT_KINDS] }, title_en: text, title_ru: text, title_zh: text, start: date, end: date, date_precision: { enum: ['day', 'month', 'year'] }, city: text, hosts: text, states: text, organ: id, meeting: id,
    }),
    toRow: (r) => ({ id: r.id!, kind: r.kind!, title_en: r.title_en!, title_ru: orNull(r.title_ru), title_zh: orNull(r.title_zh), start_date: r.start!, end_date: r.end!, date_precision: (r.date_precision ?? 'day') as 'day', city: orNull(r.city), hosts: list(r.hosts), states: list(r.states), organ_id: orNull(r.organ), meeting_id: orNull(r.meeting), source: list(r.source), confidence: r.confidence!, note: orNull(r.note) }),
  }),
  spec({
    file: 'economy-places.csv', table: 'economy_place', key: ['id'],
    schema: row(['id', 'name_en', 'kind', 'states', 'source'], {
      id, name_en: text, name_ru: text, name_zh: text, kind: { enum: ['city', 'port', 'border_crossing', 'field', 'station'] }, states: text,
      lat: { type: 'string', pattern: '^-?[0-9]{1,2}(\\.[0-9]+)?$' }, lon: { type: 'string', pattern: '^-?[0-9]{1,3}(\\.[0-9]+)?$' }, coordinates_source: text,
    }),
    toRow: (r) => ({ id: r.id!, name_en: r.name_en!, name_ru: orNull(r.name_ru), name_zh: orNull(r.name_zh), kind: r.kind!, states: list(r.states), lat: r.lat ? Number(r.lat) : null, lon: r.lon ? Number(r.lon) : null, coordinates_source: orNull(r.coordinates_source), source: list(r.source), confidence: r.confidence!, note: orNull(r.note) }),
  }),
  spec({
    file: 'economy-corridors.csv', table: 'economy_corridor', key: ['id'],
    schema: row(['id', 'name_en', 'kind', 'source'], { id, name_en: text, name_ru: text, name_zh: text, kind: { enum: ['transport', 'energy', 'digital', 'programme'] }, states: text }),
    toRow: (r) => ({ id: r.id!, name_en: r.name_en!, name_ru: orNull(r.name_ru), name_zh: orNull(r.name_zh), kind: r.kind!, states: list(r.states), source: list(r.source), confidence: r.confidence!, note: orNull(r.note) }),
  }),
  spec({
    file: 'economy-corridor-segments.csv', table: 'economy_corridor_segment', key: ['corridor_id', 'seq'],
    schema: row(['corridor', 'seq', 'from', 'to', 'status', 'source'], {
      corridor: id, seq: int, from: id, to: id, mode: { enum: ['rail', 'road', 'sea', 'pipeline', 'power_line', 'fibre'] }, status: { enum: ['operating', 'under_construction', 'planned', 'proposed'] },
      capacity: { type: 'string', pattern: '^[0-9]+(\\.[0-9]+)?$' }, capacity_unit: text, length_km: { type: 'string', pattern: '^[0-9]+(\\.[0-9]+)?$' }, transit_hours: { type: 'string', pattern: '^[0-9]+(\\.[0-9]+)?$' },
    }),
    toRow: (r) => ({ corridor_id: r.corridor!, seq: Number(r.seq), from_place: r.from!, to_place: r.to!, mode: orNull(r.mode), status: r.status!, capacity: r.capacity ? Number(r.capacity) : null, capacity_unit: orNull(r.capacity_unit), length_km: r.length_km ? Number(r.length_km) : null, transit_hours: r.transit_hours ? Number(r.transit_hours) : null, source: list(r.source), confidence: r.confidence!, note: orNull(r.note) }),
  }),
  spec({
    file: 'economy-financing-sources.csv', table: 'economy_financing_source', key: ['id'],
    schema: row(['id', 'name_en', 'kind', 'source'], { id, name_en: text, name_ru: text, name_zh: text, kind: { enum: ['interbank_consortium', 'development_bank', 'fund', 'government', 'commercial_bank', 'other'] }, state: iso2 }),
    toRow: (r) => ({ id: r.id!, name_en: r.name_en!, name_ru: orNull(r.name_ru), name_zh: orNull(r.name_zh), kind: r.kind!, state_iso2: orNull(r.state), source: list(r.source), confidence: r.confidence!, note: orNull(r.note) }),
  }),
  spec({
    file: 'translations.csv', table: 'translation', key: ['kind', 'record_id', 'field', 'lang'],
    schema: {
      type: 'object', required: ['kind', 'id', 'field', 'lang', 'text', 'confidence'], additionalProperties: false,
      properties: { kind: { enum: TRANSLATED_KINDS }, id: text, field: text, lang: { enum: ['ru', 'zh'] }, text, source: text, confidence: { enum: TRANSLATION_CONFIDENCE } },
    },
    toRow: (r) => ({ kind: r.kind!, record_id: r.id!, field: r.field!, lang: r.lang as 'ru' | 'zh', text: r.text!, source: list(r.source), confidence: r.confidence! }),
  }),
];

/** A membership act's id: `IN-admission-2017-06-09`. */
export function membershipActId(state: string, act: string, date: string): string {
  return `${state}-${act}-${date}`;
}

/** `/akn/sco/act/convention/2001-06-15/terrorism` → `convention-2001-06-15-terrorism` (used in URLs). */
export function documentKey(akn: string): string {
  return akn.split('/').slice(4).join('-');
}
