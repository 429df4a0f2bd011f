/** STIX 2.1 objects written for the tests: one of each kind an incident carries. */
export const T = '2026-11-30T10:00:00.000Z';
export const uuid = (n: number) => `8e2e2d2b-17d4-4cbf-938f-98ee46b3c${String(n).padStart(3, '0')}`;
export const STIX_OBJECTS = [
  { type: 'indicator', spec_version: '2.1', id: `indicator--${uuid(1)}`, created: T, modified: T, name: 'C2 address', pattern: "[ipv4-addr:value = '198.51.100.77']", pattern_type: 'stix', valid_from: T },
  { type: 'ipv4-addr', spec_version: '2.1', id: `ipv4-addr--${uuid(2)}`, value: '198.51.100.77' },
  { type: 'observed-data', spec_version: '2.1', id: `observed-data--${uuid(3)}`, created: T, modified: T, first_observed: T, last_observed: T, number_observed: 12, object_refs: [`ipv4-addr--${uuid(2)}`] },
  { type: 'malware', spec_version: '2.1', id: `malware--${uuid(4)}`, created: T, modified: T, name: 'ExampleRAT', is_family: true, malware_types: ['remote-access-trojan'] },
  { type: 'vulnerability', spec_version: '2.1', id: `vulnerability--${uuid(5)}`, created: T, modified: T, name: 'CVE-2026-0001', external_references: [{ source_name: 'cve', external_id: 'CVE-2026-0001' }] },
  { type: 'attack-pattern', spec_version: '2.1', id: `attack-pattern--${uuid(6)}`, created: T, modified: T, name: 'Spearphishing Attachment' },
  { type: 'threat-actor', spec_version: '2.1', id: `threat-actor--${uuid(7)}`, created: T, modified: T, name: 'Example Group', threat_actor_types: ['crime-syndicate'] },
  { type: 'report', spec_version: '2.1', id: `report--${uuid(8)}`, created: T, modified: T, name: 'Customs portal intrusion', published: T, object_refs: [`indicator--${uuid(1)}`, `malware--${uuid(4)}`] },
];
