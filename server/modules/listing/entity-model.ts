/**
 * Listed entities as FollowTheMoney sees them: a schema and, for each property, its values. Here
 * each value is a statement that also carries its language (names in their original script) and,
 * on the single list, the states it comes from. Conversions to and from FtM entities, validation,
 * and what the screening engine needs, live here.
 */
// The library without its entry point, which registers all ~80 of its languages; names are read in English only.
import countries from 'i18n-iso-countries/index.js';
import countriesEn from 'i18n-iso-countries/langs/en.json' with { type: 'json' };
import UN_COUNTRY_NAMES_JSON from './data/un-country-names.json' with { type: 'json' };
import type { ErrorObject, ValidateFunction } from 'ajv';
import { ajv } from '../../http/tabular.ts';
import { detectScript } from '../screening/name-keys.ts';
import type { NameRole, ScreenedEntity } from '../screening/matcher.ts';

countries.registerLocale(countriesEn);

export const SCHEMATA = ['Person', 'Organization', 'LegalEntity'] as const;
export type EntitySchema = (typeof SCHEMATA)[number];

/** FtM name properties and the role each plays in screening. */
export const NAME_ROLES: Record<string, NameRole> = { name: 'primary', alias: 'alias', previousName: 'previous', weakAlias: 'weak_alias' };
/** Name parts a query may leave out. */
const OPTIONAL_NAME_PARTS = ['middleName', 'fatherName', 'patronymic'];
const NAME_PARTS = ['firstName', 'lastName', ...OPTIONAL_NAME_PARTS];
const IDENTIFIERS = ['passportNumber', 'idNumber', 'registrationNumber', 'innCode', 'taxNumber'];
const COUNTRY_PROPS = ['nationality', 'country', 'jurisdiction'];
const DATES = ['birthDate', 'incorporationDate'];
const OTHER = ['address', 'notes', 'topics', 'birthPlace', 'gender', 'position', 'website', 'email', 'phone'];
export const PROPERTIES = [...Object.keys(NAME_ROLES), ...NAME_PARTS, ...IDENTIFIERS, ...COUNTRY_PROPS, ...DATES, ...OTHER];

export interface Statement {
  prop: string;
  value: string;
  /** BCP 47 tag of a name's language or script (ru, zh, und-Arab…). */
  lang?: string;
  /** On the single list: the states this value comes from. */
  sources?: string[];
}

export interface FtmEntity {
  id: string;
  schema: string;
  properties: Record<string, string[]>;
}

const values = { type: 'array', minItems: 1, maxItems: 200, items: { type: 'string', minLength: 1, maxLength: 2000 } };
const ftmSchema = {
  type: 'object',
  required: ['id', 'schema', 'properties'],
  properties: {
    id: { type: 'string', minLength: 1, maxLength: 200 },
    schema: { enum: [...SCHEMATA] },
    properties: {
      type: 'object',
      required: ['name'],
      additionalProperties: false,
      properties: Object.fromEntries(PROPERTIES.map((p) => [p, values])),
    },
  },
};
let compiledFtm: ValidateFunction | undefined;
/** The FtM shape's validator, compiled on first use: every process loads this module, few read FtM entities. */
const ftmValidator = () => (compiledFtm ??= ajv.compile(ftmSchema));
const DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

/** The language tag of a name written in `value`'s script, when the source does not give one. */
export function scriptTag(value: string): string | undefined {
  return { cyrillic: 'und-Cyrl', han: 'und-Hani', arabic: 'und-Arab', latin: undefined, other: undefined }[detectScript(value)];
}

function describe(e: ErrorObject): string {
  const params = e.params as { missingProperty?: string; additionalProperty?: string; allowedValues?: unknown[] };
  const at = [e.instancePath.replace(/^\//, '').replaceAll('/', '.'), params.missingProperty ?? params.additionalProperty].filter(Boolean).join('.');
  if (e.keyword === 'additionalProperties') return `${at}: not a property this list keeps`;
  return `${at || 'entity'}: ${e.message}${params.allowedValues ? ` (${params.allowedValues.join(', ')})` : ''}`;
}

/** The problems of an FtM entity (each a sentence naming the property), or none. */
export function ftmProblems(raw: unknown): string[] {
  return [...ftmShapeProblems(raw), ...(ftmValidator()(raw) ? unreadableValues(raw as unknown as FtmEntity).map((v) => v.message) : [])];
}

/** The problems of an FtM entity's shape (schema, required and known properties), or none. */
export function ftmShapeProblems(raw: unknown): string[] {
  const validate = ftmValidator();
  return validate(raw) ? [] : (validate.errors ?? []).map(describe);
}

/** Country and date values of a well-shaped entity that cannot be read as such; all are optional facts. */
export function unreadableValues({ properties }: FtmEntity): { prop: string; value: string; message: string }[] {
  const found: { prop: string; value: string; message: string }[] = [];
  for (const prop of COUNTRY_PROPS) for (const c of properties[prop] ?? []) if (!countries.isValid(c.toUpperCase())) found.push({ prop, value: c, message: `${prop}: "${c}" is not an ISO 3166-1 alpha-2 code` });
  for (const prop of DATES) for (const d of properties[prop] ?? []) if (!DATE.test(d)) found.push({ prop, value: d, message: `${prop}: "${d}" is not a date (YYYY, YYYY-MM or YYYY-MM-DD)` });
  return found;
}

const ALIAS_PROPS = new Set(['alias', 'weakAlias', 'previousName']);
/** Statements from a valid FtM entity; names get the tag of their script; aliases joined by ';' are split. */
export function statementsOf(entity: FtmEntity): Statement[] {
  return Object.entries(entity.properties).flatMap(([prop, vals]) =>
    // An alias value holding several names ("Abu Ahmad; Abu Muhammad") is several aliases.
    [...new Set(vals.flatMap((v) => (ALIAS_PROPS.has(prop) ? v.split(';') : [v])).map((v) => v.trim()).filter(Boolean))].map((value) => {
      const lang = prop in NAME_ROLES ? scriptTag(value) : undefined;
      const normalised = COUNTRY_PROPS.includes(prop) ? value.toLowerCase() : value;
      return lang ? { prop, value: normalised, lang } : { prop, value: normalised };
    }),
  );
}

export function toFtm(id: string, schema: string, statements: Statement[]): FtmEntity {
  const properties: Record<string, string[]> = {};
  for (const s of statements) (properties[s.prop] ??= []).push(s.value);
  return { id, schema, properties };
}

export const valuesOf = (statements: Statement[], prop: string) => statements.filter((s) => s.prop === prop).map((s) => s.value);

/** The name to show: the first Latin-script primary name, else the first primary name. */
export function captionOf(statements: Statement[]): string {
  const names = valuesOf(statements, 'name');
  return names.find((n) => detectScript(n) === 'latin') ?? names[0] ?? '(unnamed)';
}

const UN_COUNTRY_NAMES: Record<string, string> = UN_COUNTRY_NAMES_JSON;
const year = (date: string) => Number(date.slice(0, 4));

/** What the screening engine indexes of an entity. */
export function screenedEntity(id: string, schema: string, caption: string, statements: Statement[]): ScreenedEntity {
  return {
    id,
    schema,
    caption,
    names: statements.filter((s) => s.prop in NAME_ROLES).map((s) => ({ value: s.value, role: NAME_ROLES[s.prop]! })),
    birthYears: valuesOf(statements, 'birthDate').map(year),
    nationalities: [...valuesOf(statements, 'nationality'), ...valuesOf(statements, 'country')].map((c) => c.toUpperCase()),
    identifiers: IDENTIFIERS.flatMap((p) => valuesOf(statements, p)),
    optionalNames: OPTIONAL_NAME_PARTS.flatMap((p) => valuesOf(statements, p)),
  };
}

/** A national entry's statements, each sourced to the state whose list it is on. */
export const sourcedTo = (state: string, statements: Statement[]): Statement[] => statements.map((s) => ({ ...s, sources: [state] }));

/** Sourced statements merged into one entity of the single list: equal values become one statement that keeps every source state. */
export function mergeStatements(statements: Statement[]): Statement[] {
  const merged = new Map<string, Statement>();
  for (const s of statements) {
    const key = `${s.prop}\u0000${s.value.toLowerCase()}`;
    const existing = merged.get(key);
    if (existing) existing.sources = [...new Set([...(existing.sources ?? []), ...(s.sources ?? [])])].sort();
    else merged.set(key, { ...s, sources: [...(s.sources ?? [])].sort() });
  }
  return [...merged.values()];
}

/** The country name in English for an ISO code (for display and exports). */
export const countryName = (code: string) => countries.getName(code.toUpperCase(), 'en') ?? code;
/**
 * The ISO code (lower case) for a country name as the UN list writes it ("Iran (Islamic Republic
 * of)", "Viet Nam", "Democratic People's Republic of Korea"), else as i18n-iso-countries knows it;
 * undefined when neither knows the name. UN names: data/un-country-names.json (see its SOURCE.md).
 */
export function countryCode(name: string): string | undefined {
  const key = name.trim().toLowerCase().replace(/^the\s+/, '');
  return (UN_COUNTRY_NAMES[key] ?? countries.getAlpha2Code(name.trim(), 'en'))?.toLowerCase();
}
