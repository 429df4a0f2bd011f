/**
 * The exchange formats of a list: the UN Security Council Consolidated List XML and
 * FollowTheMoney JSON lines (entities, each with a Sanction entity carrying its listing record)
 * in; FtM JSON lines and CSV out. Readers validate every record and return all problems found;
 * writing is the service's business, and it writes nothing when there is a problem.
 */
import { XMLParser } from 'fast-xml-parser';
import { toCsv } from '../../http/tabular.ts';
import { captionOf, countryCode, ftmShapeProblems, scriptTag, statementsOf, toFtm, unreadableValues, valuesOf, type FtmEntity, type Statement } from './entity-model.ts';

export interface ImportedEntry {
  /** Where the record is in the file: "line 3", "INDIVIDUAL 2 (QDi.001)". */
  record: string;
  sourceId: string;
  schema: string;
  statements: Statement[];
  listedOn?: string | undefined;
  legalBasis?: string | undefined;
  reason?: string | undefined;
}
export interface ImportProblem {
  record: string;
  message: string;
}
export interface ParsedList {
  entries: ImportedEntry[];
  /** Bad required values: the file is refused. */
  problems: ImportProblem[];
  /** Optional values that could not be read: each kept as a note on its entity, and reported. */
  warnings: ImportProblem[];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MAX_RANGE_YEARS = 20;

// ---------------------------------------------------------------- UN Consolidated List XML

type Node = Record<string, unknown>;
const REPEATED = new Set(['INDIVIDUAL', 'ENTITY', 'INDIVIDUAL_ALIAS', 'ENTITY_ALIAS', 'INDIVIDUAL_DATE_OF_BIRTH', 'INDIVIDUAL_DOCUMENT', 'INDIVIDUAL_ADDRESS', 'ENTITY_ADDRESS', 'VALUE', 'INDIVIDUAL_PLACE_OF_BIRTH']);
const text = (v: unknown): string => (v === undefined || v === null || typeof v === 'object' ? '' : String(v).trim());
const nodes = (v: unknown): Node[] => (Array.isArray(v) ? v : v ? [v] : []).filter((x): x is Node => typeof x === 'object' && x !== null);

export function readUnXml(xml: string): ParsedList {
  const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, trimValues: true, isArray: (name) => REPEATED.has(name) });
  let doc: Node;
  try {
    doc = parser.parse(xml, true) as Node;
  } catch (error) {
    return { entries: [], problems: [{ record: 'file', message: `not well-formed XML: ${(error as Error).message}` }], warnings: [] };
  }
  const root = doc.CONSOLIDATED_LIST as Node | undefined;
  if (!root) return { entries: [], problems: [{ record: 'file', message: 'not a UN Consolidated List: no CONSOLIDATED_LIST element' }], warnings: [] };
  const entries: ImportedEntry[] = [];
  const problems: ImportProblem[] = [];
  const warnings: ImportProblem[] = [];
  const read = (tag: 'INDIVIDUAL' | 'ENTITY', items: Node[]) =>
    items.forEach((item, i) => {
      const ref = text(item.REFERENCE_NUMBER) || text(item.DATAID);
      const record = `${tag} ${i + 1}${ref ? ` (${ref})` : ''}`;
      const result = unRecord(tag, item, record, (message) => warnings.push({ record, message }));
      if ('problems' in result) problems.push(...result.problems.map((message) => ({ record, message })));
      else entries.push(result);
    });
  read('INDIVIDUAL', nodes((root.INDIVIDUALS as Node | undefined)?.INDIVIDUAL));
  read('ENTITY', nodes((root.ENTITIES as Node | undefined)?.ENTITY));
  if (entries.length + problems.length === 0) problems.push({ record: 'file', message: 'the list has no INDIVIDUAL or ENTITY' });
  return { entries, problems, warnings };
}

/** One UN record; `warn` hears of optional values that could not be read (kept as notes). */
function unRecord(tag: 'INDIVIDUAL' | 'ENTITY', item: Node, record: string, warn: (message: string) => void): ImportedEntry | { problems: string[] } {
  const problems: string[] = [];
  const statements: Statement[] = [];
  const add = (prop: string, value: string, lang?: string) => {
    if (value && !statements.some((s) => s.prop === prop && s.value === value)) statements.push(lang ? { prop, value, lang } : { prop, value });
  };
  const parts = ['FIRST_NAME', 'SECOND_NAME', 'THIRD_NAME', 'FOURTH_NAME'].map((k) => text(item[k])).filter(Boolean);
  if (parts.length === 0) problems.push('FIRST_NAME: a name is required');
  add('name', parts.join(' '));
  const original = text(item.NAME_ORIGINAL_SCRIPT);
  if (original) add('name', original, scriptTag(original));
  for (const alias of nodes(item[`${tag}_ALIAS`])) {
    // One ALIAS_NAME may hold several names: "Abu Ahmad; Abu Muhammad".
    for (const name of text(alias.ALIAS_NAME).split(/\s*;\s*/)) add(text(alias.QUALITY).toLowerCase() === 'low' ? 'weakAlias' : 'alias', name, scriptTag(name));
  }
  if (tag === 'INDIVIDUAL') {
    if (parts[0]) add('firstName', parts[0]);
    // The UN does not say which part is the family name; the parts between the first and the last
    // (father's or grandfather's names, as in KARIM YUSUF HADIDOV) are those a query may leave out.
    for (const middle of parts.slice(1, -1)) add('middleName', middle);
    for (const nationality of valuesIn(item.NATIONALITY)) {
      const code = countryCode(nationality);
      if (code) add('nationality', code);
      else add('notes', `Nationality as listed: ${nationality}`);
    }
    for (const dob of nodes(item.INDIVIDUAL_DATE_OF_BIRTH)) {
      const kind = text(dob.TYPE_OF_DATE).toUpperCase();
      const date = text(dob.DATE);
      const from = Number(text(dob.FROM_YEAR) || text(dob.YEAR) || date.slice(0, 4));
      const to = Number(text(dob.TO_YEAR) || from);
      // A date of birth is an optional fact: one that cannot be read is kept as a note, with a warning.
      const unreadable = (message: string, listed: string) => {
        warn(`${message}; kept as a note`);
        add('notes', `Date of birth as listed: ${listed}`);
      };
      if (date && !DATE.test(date.slice(0, 10))) unreadable(`DATE_OF_BIRTH: "${date}" is not a date (YYYY-MM-DD)`, date);
      else if (date && kind !== 'BETWEEN') add('birthDate', date.slice(0, 10));
      else if (!Number.isInteger(from) || !Number.isInteger(to) || from < 1850 || to < from || to - from > MAX_RANGE_YEARS) {
        const listed = `${text(dob.FROM_YEAR) || text(dob.YEAR) || '—'}…${text(dob.TO_YEAR) || '—'}`;
        unreadable(`DATE_OF_BIRTH: no usable year in ${kind || 'the record'} (${listed})`, listed);
      } else for (let y = from; y <= to; y++) add('birthDate', String(y));
    }
    for (const doc of nodes(item.INDIVIDUAL_DOCUMENT)) {
      const number = text(doc.NUMBER);
      if (!number) continue;
      add(/passport/i.test(text(doc.TYPE_OF_DOCUMENT)) ? 'passportNumber' : 'idNumber', number);
    }
  }
  for (const address of nodes(item[`${tag}_ADDRESS`])) {
    add('address', ['STREET', 'CITY', 'STATE_PROVINCE', 'COUNTRY'].map((k) => text(address[k])).filter(Boolean).join(', '));
  }
  const listedOn = text(item.LISTED_ON).slice(0, 10);
  if (listedOn && !DATE.test(listedOn)) problems.push(`LISTED_ON: "${listedOn}" is not a date (YYYY-MM-DD)`);
  const sourceId = text(item.REFERENCE_NUMBER) || text(item.DATAID);
  if (!sourceId) problems.push('REFERENCE_NUMBER: a reference number (or DATAID) is required');
  if (problems.length) return { problems };
  const list = text(item.UN_LIST_TYPE);
  return {
    record,
    sourceId,
    schema: tag === 'INDIVIDUAL' ? 'Person' : 'Organization',
    statements,
    listedOn: listedOn || undefined,
    legalBasis: list ? `UN Security Council Consolidated List: ${list}` : undefined,
    reason: text(item.COMMENTS1) || undefined,
  };
}

const valuesIn = (v: unknown) => nodes(v).flatMap((n) => (Array.isArray(n.VALUE) ? n.VALUE : [n.VALUE]).map(text)).filter(Boolean);

// ---------------------------------------------------------------- FollowTheMoney JSON lines

/** FtM lines: Person/Organization/LegalEntity entities, and Sanction entities naming them. */
export function readFtmLines(body: string): ParsedList {
  const entries: ImportedEntry[] = [];
  const problems: ImportProblem[] = [];
  const warnings: ImportProblem[] = [];
  const sanctions = new Map<string, FtmEntity>();
  const lines = body.split(/\r?\n/);
  lines.forEach((raw, i) => {
    if (!raw.trim()) return;
    const record = `line ${i + 1}`;
    let entity: unknown;
    try {
      entity = JSON.parse(raw);
    } catch {
      problems.push({ record, message: 'not valid JSON' });
      return;
    }
    const sanction = entity as FtmEntity;
    if (sanction?.schema === 'Sanction') {
      const target = sanction.properties?.entity?.[0];
      if (!target) problems.push({ record, message: 'Sanction: property "entity" is required' });
      else sanctions.set(target, sanction);
      return;
    }
    const named = `${record} (${String((entity as { id?: unknown })?.id ?? 'no id')})`;
    const found = ftmShapeProblems(entity);
    if (found.length) {
      problems.push(...found.map((message) => ({ record: named, message })));
      return;
    }
    // Countries and dates are optional facts: one that cannot be read becomes a note, with a warning.
    const ftm = entity as FtmEntity;
    const unreadable = unreadableValues(ftm);
    const properties = { ...ftm.properties };
    for (const { prop, value, message } of unreadable) {
      warnings.push({ record: named, message: `${message}; kept as a note` });
      properties[prop] = properties[prop]!.filter((v) => v !== value);
      properties.notes = [...(properties.notes ?? []), `${prop} as listed: ${value}`];
    }
    entries.push({ record, sourceId: ftm.id, schema: ftm.schema, statements: statementsOf({ ...ftm, properties }) });
  });
  for (const entry of entries) {
    const sanction = sanctions.get(entry.sourceId)?.properties ?? {};
    const listingDate = sanction.listingDate?.[0] ?? sanction.startDate?.[0];
    if (listingDate && !DATE.test(listingDate)) problems.push({ record: entry.record, message: `Sanction listingDate: "${listingDate}" is not a date (YYYY-MM-DD)` });
    entry.listedOn = listingDate;
    entry.legalBasis = sanction.program?.[0];
    entry.reason = sanction.reason?.[0];
  }
  const ids = new Set<string>();
  for (const entry of entries) {
    if (ids.has(entry.sourceId)) problems.push({ record: entry.record, message: `id "${entry.sourceId}" appears twice in the file` });
    ids.add(entry.sourceId);
  }
  if (entries.length + problems.length === 0) problems.push({ record: 'file', message: 'the file has no entities' });
  return { entries, problems, warnings };
}

// ---------------------------------------------------------------- exports

export interface ExportedEntity {
  id: string;
  schema: string;
  statements: Statement[];
  listedOn: string | null;
  legalBasis: string | null;
  reason: string | null;
  /** The listing authority: a state's code, or "SCO" for the single list. */
  authority: string;
}

/** FtM JSON lines: each entity followed by the Sanction entity of its listing. */
export function writeFtmLines(entities: ExportedEntity[]): string {
  return entities
    .flatMap((e) => {
      const sanction: Record<string, string[]> = { entity: [e.id], authority: [e.authority] };
      if (e.legalBasis) sanction.program = [e.legalBasis];
      if (e.listedOn) sanction.listingDate = [e.listedOn];
      if (e.reason) sanction.reason = [e.reason];
      return [JSON.stringify(toFtm(e.id, e.schema, e.statements)), JSON.stringify({ id: `${e.id}-listing`, schema: 'Sanction', properties: sanction })];
    })
    .map((line) => `${line}\n`)
    .join('');
}

export const CSV_COLUMNS = ['id', 'schema', 'caption', 'names', 'aliases', 'weak_aliases', 'birth_dates', 'nationalities', 'identifiers', 'addresses', 'legal_basis', 'listed_on', 'reason', 'sources'] as const;

export function writeCsv(entities: ExportedEntity[]): string {
  const join = (s: Statement[], ...props: string[]) => props.flatMap((p) => valuesOf(s, p)).join('; ');
  const rows = entities.map((e) => [
    e.id, e.schema, captionOf(e.statements), join(e.statements, 'name'), join(e.statements, 'alias', 'previousName'), join(e.statements, 'weakAlias'), join(e.statements, 'birthDate'),
    join(e.statements, 'nationality').toUpperCase(), join(e.statements, 'passportNumber', 'idNumber', 'registrationNumber'), join(e.statements, 'address'), e.legalBasis ?? '', e.listedOn ?? '', e.reason ?? '',
    [...new Set(e.statements.flatMap((s) => s.sources ?? [e.authority]))].sort().join('; '),
  ]);
  return toCsv([[...CSV_COLUMNS], ...rows]);
}
