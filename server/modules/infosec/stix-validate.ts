/**
 * STIX 2.1 objects and bundles checked against the OASIS CTI TC's JSON schemas
 * (oasis-open/cti-stix2-json-schemas, BSD-3-Clause), vendored unmodified under
 * data/infosec/stix2-json-schemas/ (see SOURCE.md there). The schemas declare JSON Schema draft
 * 2020-12, so they are compiled with Ajv's 2020 dialect; their relative `$ref`s resolve against each
 * file's own `$id`, so no schema is ever fetched from the network.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { projectRoot } from '../../config.ts';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;
export const SCHEMA_DIR = path.join(projectRoot, 'data', 'infosec', 'stix2-json-schemas');

/** The STIX object types this node accepts, each with the vendored schema that checks it. */
export const ACCEPTED_TYPES: Record<string, string> = {
  indicator: 'sdos/indicator.json',
  'observed-data': 'sdos/observed-data.json',
  malware: 'sdos/malware.json',
  vulnerability: 'sdos/vulnerability.json',
  'attack-pattern': 'sdos/attack-pattern.json',
  'threat-actor': 'sdos/threat-actor.json',
  report: 'sdos/report.json',
  identity: 'sdos/identity.json',
  incident: 'sdos/incident.json',
  relationship: 'sros/relationship.json',
  'marking-definition': 'common/marking-definition.json',
  'ipv4-addr': 'observables/ipv4-addr.json',
  'domain-name': 'observables/domain-name.json',
};

const UPSTREAM = 'http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/schemas/';
/**
 * The Cyber Observable schemas that observed-data.json names but that are not vendored: an
 * observable of these types inside observed-data is checked against the OASIS
 * cyber-observable-core.json only (and such objects are not accepted at the top of a bundle).
 */
const NOT_VENDORED_OBSERVABLES = ['artifact', 'autonomous-system', 'directory', 'email-addr', 'email-message', 'file', 'ipv6-addr', 'mac-addr', 'mutex', 'network-traffic', 'process', 'software', 'url', 'user-account', 'windows-registry-key', 'x509-certificate'];

/** The bundle's own envelope (the OASIS bundle.json names every object schema; objects are checked one by one below). */
const BUNDLE = {
  $id: 'urn:secretariat:stix-bundle',
  type: 'object',
  required: ['type', 'id', 'objects'],
  properties: {
    type: { const: 'bundle' },
    id: { allOf: [{ $ref: `${UPSTREAM}common/identifier.json` }, { pattern: '^bundle--' }] },
    objects: { type: 'array', minItems: 1, maxItems: 5000 },
  },
};

export interface FieldProblem {
  field: string;
  message: string;
}

let compiled: { bundle: ValidateFunction; byType: Map<string, ValidateFunction> } | undefined;

function load() {
  if (compiled) return compiled;
  const ajv = new Ajv2020({ allErrors: false, strict: false, validateFormats: true, unicodeRegExp: false });
  addFormats(ajv);
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.json')) files.push(full);
    }
  };
  walk(SCHEMA_DIR);
  ajv.addFormat('idn-hostname', /^(?=.{1,253}$)([^\s./:@]{1,63})(\.[^\s./:@]{1,63})*$/u);
  for (const type of NOT_VENDORED_OBSERVABLES) ajv.addSchema({ $id: `${UPSTREAM}observables/${type}.json`, $ref: '../common/cyber-observable-core.json' });
  ajv.addSchema(BUNDLE);
  const idOf = new Map<string, string>();
  for (const file of files) {
    const schema = JSON.parse(fs.readFileSync(file, 'utf8')) as { $id: string };
    ajv.addSchema(schema);
    idOf.set(path.relative(SCHEMA_DIR, file).split(path.sep).join('/'), schema.$id);
  }
  const get = (rel: string) => {
    const fn = ajv.getSchema(idOf.get(rel) ?? rel);
    if (!fn) throw new Error(`STIX schema ${rel} is not vendored`);
    return fn;
  };
  compiled = { bundle: ajv.getSchema(BUNDLE.$id)!, byType: new Map(Object.entries(ACCEPTED_TYPES).map(([type, rel]) => [type, get(rel)])) };
  return compiled;
}

/** The most telling of Ajv's errors, as a dotted field under `prefix` and a message. */
function explain(errors: ErrorObject[] | null | undefined, prefix: string): FieldProblem {
  // A missing property says most; then an error outside the alternatives of anyOf/oneOf; then the deepest.
  const score = (e: ErrorObject) => (e.keyword === 'required' ? 2 : 0) + (/(anyOf|oneOf)\//.test(e.schemaPath) ? 0 : 1);
  const e = [...(errors ?? [])].filter((x) => !['anyOf', 'oneOf', 'allOf', 'if'].includes(x.keyword)).sort((a, b) => score(b) - score(a) || b.instancePath.length - a.instancePath.length)[0];
  if (!e) return { field: prefix, message: 'does not match the STIX 2.1 schema' };
  const parts = e.instancePath.split('/').filter(Boolean);
  if (e.keyword === 'required') parts.push(String((e.params as { missingProperty: string }).missingProperty));
  if (e.keyword === 'additionalProperties') parts.push(String((e.params as { additionalProperty: string }).additionalProperty));
  const field = [prefix, ...parts].filter(Boolean).join('.');
  const message = e.keyword === 'required' ? 'is required' : e.keyword === 'additionalProperties' ? 'is not a property of this object' : e.keyword === 'pattern' ? 'is not in the form the STIX 2.1 schema requires' : (e.message ?? 'is invalid');
  return { field, message };
}

/**
 * What is wrong with `objects` (STIX 2.1 objects), each problem naming the object's index, id and
 * field; empty when every object conforms to its OASIS schema and ids are unique.
 */
export function objectProblems(objects: readonly unknown[], prefix = 'objects'): FieldProblem[] {
  const { byType } = load();
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  objects.forEach((o, i) => {
    const at = `${prefix}.${i}`;
    const obj = o as { type?: unknown; id?: unknown };
    const name = typeof obj?.id === 'string' ? ` (${obj.id})` : '';
    if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) return problems.push({ field: at, message: 'must be a STIX object' });
    const validate = typeof obj.type === 'string' ? byType.get(obj.type) : undefined;
    if (!validate) return problems.push({ field: `${at}.type`, message: `${at}${name}: type ${JSON.stringify(obj.type)} is not accepted (accepted: ${Object.keys(ACCEPTED_TYPES).join(', ')})` });
    if (!validate(obj)) {
      const p = explain(validate.errors, at);
      return problems.push({ field: p.field, message: `${at}${name}: ${p.field.slice(at.length + 1) || 'object'} ${p.message}` });
    }
    if (typeof obj.id === 'string') {
      if (seen.has(obj.id)) problems.push({ field: `${at}.id`, message: `${at}${name}: id appears twice in the bundle` });
      seen.add(obj.id);
    }
    return undefined;
  });
  return problems;
}

/** What is wrong with a STIX 2.1 bundle: its envelope, then each object. */
export function bundleProblems(bundle: unknown): FieldProblem[] {
  const { bundle: validate } = load();
  if (!validate(bundle)) {
    const p = explain(validate.errors, 'bundle');
    return [{ field: p.field, message: `${p.field} ${p.message}` }];
  }
  return objectProblems((bundle as { objects: unknown[] }).objects, 'bundle.objects');
}
