/**
 * Every route × every kind of caller, denials as well as grants. A route added without a row
 * here fails the completeness test below.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useTestApp } from '../testing/test-app.ts';
import { signInAs, userWithRoles, type SignedIn } from '../testing/test-users.ts';
import { grantRole } from '../modules/accounts/accounts.service.ts';
import { loadSettlementSample } from '../modules/settlement/settlement-sample.ts';
import { stableUuid } from '../modules/infosec/stix.ts';

type Caller = 'anonymous' | 'delegate_ru' | 'delegate_cn' | 'officer' | 'admin' | 'authority_kz' | 'rats';
const CALLERS: Caller[] = ['anonymous', 'delegate_ru', 'delegate_cn', 'officer', 'admin', 'authority_kz', 'rats'];
const signedIn = new Map<Caller, SignedIn>();
/** Drafts at the CHS, tabled in setup: one to read and amend, one to open, one in procedure, one to withdraw. */
const drafts = { read: '', open: '', voting: '', withdraw: '' };
/** A public plan with one measure, made in setup. */
let measureId = '';
/** Kazakhstan's national list entry and proposals for the single list, made in setup. */
const listing = { entry: '', unproposed: '', proposal: '', withdraw: '' };
/** The sample settlement cycle, run in setup by the officer, who also operates settlement; Russia's delegate is an officer of Russia's settlement bank. */
const settlement = { cycle: '' };
/** Information-security warnings issued by KZ in setup: one AMBER for KZ and RU, one to revoke. */
const infosec = { amber: '', revoke: '', incident: '', widen: '' };

const { app } = useTestApp(async (server, { db }) => {
  await userWithRoles(db, 'ru@example.org', [{ role: 'delegate', state: 'RU', organ: 'CHS' }]);
  await userWithRoles(db, 'cn@example.org', [{ role: 'delegate', state: 'CN', organ: 'CHS' }]);
  await userWithRoles(db, 'officer@example.org', [{ role: 'secretariat_officer' }]);
  await userWithRoles(db, 'admin@example.org', [{ role: 'administrator' }]);
  // Kazakhstan's competent authority, also its CERT (the test app runs as KZ's information-security node).
  await userWithRoles(db, 'kz@example.org', [{ role: 'competent_authority', state: 'KZ' }, { role: 'cert_officer', state: 'KZ' }]);
  await userWithRoles(db, 'rats@example.org', [{ role: 'rats_officer' }]);
  for (const [caller, email] of [['delegate_ru', 'ru@example.org'], ['delegate_cn', 'cn@example.org'], ['officer', 'officer@example.org'], ['admin', 'admin@example.org'], ['authority_kz', 'kz@example.org'], ['rats', 'rats@example.org']] as const) {
    signedIn.set(caller, await signInAs(server, email));
  }
  const table = async (title: string, state: string | null = 'RU') => {
    const res = await server.inject({ method: 'POST', url: '/api/v1/drafts', headers: signedIn.get('officer')!.headers(true), payload: { organ: 'CHS', kind: 'declaration', title, ...(state ? { state } : {}), text_en: title } });
    return (res.json() as { id: string }).id;
  };
  drafts.read = await table('to read');
  drafts.open = await table('to open');
  drafts.voting = await table('in procedure');
  drafts.withdraw = await table('to withdraw');
  await server.inject({ method: 'POST', url: `/api/v1/drafts/${drafts.voting}/procedure`, headers: signedIn.get('officer')!.headers(true), payload: {} });
  const officer = signedIn.get('officer')!.headers(true);
  await server.inject({ method: 'POST', url: '/api/v1/plans', headers: officer, payload: { id: 'matrix-plan', title_en: 'Matrix', pillar: 'culture' } });
  await server.inject({ method: 'POST', url: '/api/v1/plans/matrix-plan/measures', headers: { ...officer, 'content-type': 'text/csv' }, payload: 'code,title,responsible_states\nM1,Measure,RU\n' });
  measureId = (await server.inject({ url: '/api/v1/plans/matrix-plan' })).json().measures[0].id;
  const kz = signedIn.get('authority_kz')!.headers(true);
  await server.inject({ method: 'POST', url: '/api/v1/national-lists/KZ/import?legal_basis=Law', headers: { ...kz, 'content-type': 'application/x-ndjson' }, payload: ENTITY });
  const entries = new Map<string, string>((await server.inject({ url: '/api/v1/national-lists/KZ/entries', headers: kz })).json().items.map((e: { source_id: string; id: string }) => [e.source_id, e.id]));
  // An entry is proposed for listing once: one each for the open proposal, the withdrawal, and the route's own row.
  const propose = async (entry: string) => (await server.inject({ method: 'POST', url: '/api/v1/single-list/proposals', headers: kz, payload: { state: 'KZ', kind: 'listing', entry, reason: 'r' } })).json().id as string;
  listing.entry = entries.get('kz-1')!;
  listing.proposal = await propose(listing.entry);
  listing.withdraw = await propose(entries.get('kz-2')!);
  listing.unproposed = entries.get('kz-3')!;
  await grantRole(db, 'test', 'officer@example.org', { role: 'settlement_operator' });
  await grantRole(db, 'test', 'ru@example.org', { role: 'settlement_officer', state: 'RU' });
  settlement.cycle = await loadSettlementSample(server, officer);
  const issue = async (title: string) => (await server.inject({ method: 'POST', url: '/api/v1/infosec/warnings', headers: kz, payload: { ...WARNING, title } })).json().id as string;
  infosec.amber = await issue('amber');
  infosec.revoke = await issue('to revoke');
  const openIncident = async (title: string) => (await server.inject({ method: 'POST', url: '/api/v1/infosec/incidents', headers: kz, payload: { ...INCIDENT, title } })).json().id as string;
  infosec.incident = await openIncident('to handle');
  infosec.widen = await openIncident('to widen');
  await server.inject({ method: 'PUT', url: '/api/v1/infosec/groups/matrix-delete', headers: signedIn.get('admin')!.headers(true), payload: { name: 'To delete', states: ['KZ', 'RU'] } });
});
const INCIDENT = { title: 'i', tlp: 'AMBER', pap: 'AMBER', audience: { kind: 'states', states: ['KZ', 'RU'] }, severity: 'high', sectors: ['energy'], description: 'd', objects: [] };
const T0 = '2026-11-30T10:00:00.000Z';
const BUNDLE = { type: 'bundle', id: 'bundle--8e2e2d2b-17d4-4cbf-938f-98ee46b3c050', objects: [{ type: 'incident', spec_version: '2.1', id: 'incident--8e2e2d2b-17d4-4cbf-938f-98ee46b3c051', created: T0, modified: T0, name: 'imported', object_marking_refs: ['marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421'] }] };
const MISP = { Event: { info: 'misp', Tag: [{ name: 'tlp:amber' }], Attribute: [{ type: 'ip-dst', value: '198.51.100.9' }] } };
const WARNING = { title: 'w', tlp: 'AMBER', pap: 'AMBER', audience: { kind: 'states', states: ['KZ', 'RU'] }, severity: 'high', sectors: ['energy'], recommended_actions: 'Block.', valid_until: '2027-01-01', indicators: [{ pattern: "[ipv4-addr:value = '203.0.113.7']" }] };
const PEM = '-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAuoTnhRdvL5fz1uxplkDPY0szCiB/qaSiTdW8NBRm3Q4=\n-----END PUBLIC KEY-----\n';
const ENTITY = ['Иванов Иван', 'Петров Пётр', 'Сидоров Сидор'].map((name, i) => JSON.stringify({ id: `kz-${i + 1}`, schema: 'Person', properties: { name: [name] } })).join('\n');

const everyone = (status: number) => Object.fromEntries(CALLERS.map((c) => [c, status])) as Record<Caller, number>;
const signedInOnly = (status: number) => ({ ...everyone(status), anonymous: 401 });

type Row = { method: 'GET' | 'POST' | 'DELETE' | 'PATCH' | 'PUT'; url: string; route: string; payload?: object | string; contentType?: string; expect: Record<Caller, number> };
// Restricted drafts answer 404 to those who may not see them; 403 to participants who may not act.
const participants = (ru: number, cn: number, officer: number): Record<Caller, number> => ({ anonymous: 404, delegate_ru: ru, delegate_cn: cn, officer, admin: 404, authority_kz: 404, rats: 404 });
/** Only the callers named get their status; other signed-in callers `others`, anonymous 401 (or `anonymous`). */
const only = (granted: Partial<Record<Caller, number>>, others = 403, anonymous = 401): Record<Caller, number> => ({ ...signedInOnly(others), anonymous, ...granted });
const MATRIX = (): Row[] => [
  { method: 'GET', url: '/api/v1/organisation', route: '/api/v1/organisation', expect: everyone(200) },
  { method: 'GET', url: '/api/v1/states', route: '/api/v1/states', expect: everyone(200) },
  { method: 'GET', url: '/api/v1/states.csv', route: '/api/v1/states.csv', expect: everyone(200) },
  { method: 'GET', url: '/api/v1/states/IN', route: '/api/v1/states/{iso2}', expect: everyone(200) },
  { method: 'GET', url: '/api/v1/organs', route: '/api/v1/organs', expect: everyone(200) },
  { method: 'GET', url: '/api/v1/organs.csv', route: '/api/v1/organs.csv', expect: everyone(200) },
  { method: 'GET', url: '/api/v1/organs/CHS', route: '/api/v1/organs/{id}', expect: everyone(200) },
  { method: 'GET', url: '/api/v1/translations?kind=document', route: '/api/v1/translations', expect: everyone(200) },
  { method: 'GET', url: '/api/v1/membership/counts', route: '/api/v1/membership/counts', expect: everyone(200) },
  { method: 'GET', url: '/api/v1/audit-events?subject_type=draft', route: '/api/v1/audit-events', expect: { ...signedInOnly(403), officer: 200, admin: 200 } },
  { method: 'GET', url: '/api/v1/audit-events.csv', route: '/api/v1/audit-events.csv', expect: { ...signedInOnly(403), officer: 200, admin: 200 } },
  { method: 'GET', url: '/api/v1/chairmanships', route: '/api/v1/chairmanships', expect: everyone(200) },
  { method: 'GET', url: '/api/v1/chairmanships.csv', route: '/api/v1/chairmanships.csv', expect: everyone(200) },
  { method: 'GET', url: '/api/v1/meetings', route: '/api/v1/meetings', expect: everyone(200) },
  { method: 'GET', url: '/api/v1/meetings.csv', route: '/api/v1/meetings.csv', expect: everyone(200) },
  { method: 'GET', url: '/api/v1/meetings.ics', route: '/api/v1/meetings.ics', expect: everyone(200) },
  { method: 'GET', url: '/api/v1/meetings/CHS-17', route: '/api/v1/meetings/{id}', expect: everyone(200) },
  { method: 'GET', url: '/api/v1/documents', route: '/api/v1/documents', expect: everyone(200) },
  { method: 'GET', url: '/api/v1/documents.csv', route: '/api/v1/documents.csv', expect: everyone(200) },
  { method: 'GET', url: '/api/v1/documents/charter-2002-06-07-charter', route: '/api/v1/documents/{key}', expect: everyone(200) },
  { method: 'GET', url: '/api/v1/me', route: '/api/v1/me', expect: signedInOnly(200) },
  { method: 'GET', url: '/api/v1/session', route: '/api/v1/session', expect: everyone(200) },
  { method: 'GET', url: '/api/v1/users', route: '/api/v1/users', expect: { anonymous: 401, delegate_ru: 403, delegate_cn: 403, officer: 403, admin: 200, authority_kz: 403, rats: 403 } },
  { method: 'POST', url: '/api/v1/tokens', route: '/api/v1/tokens', payload: { name: 'matrix' }, expect: signedInOnly(201) },
  { method: 'DELETE', url: '/api/v1/tokens/unknown', route: '/api/v1/tokens/{id}', expect: signedInOnly(404) },
  { method: 'GET', url: '/api/v1/drafts', route: '/api/v1/drafts', expect: signedInOnly(200) },
  { method: 'POST', url: '/api/v1/drafts', route: '/api/v1/drafts', payload: { organ: 'CHS', kind: 'declaration', title: 'm', state: 'RU', text_en: 'm' }, expect: { anonymous: 401, delegate_ru: 201, delegate_cn: 403, officer: 201, admin: 403, authority_kz: 403, rats: 403 } },
  { method: 'GET', url: `/api/v1/drafts/${drafts.read}`, route: '/api/v1/drafts/{id}', expect: participants(200, 200, 200) },
  { method: 'POST', url: `/api/v1/drafts/${drafts.read}/versions`, route: '/api/v1/drafts/{id}/versions', payload: { text_en: 'v' }, expect: participants(201, 403, 201) },
  { method: 'GET', url: `/api/v1/drafts/${drafts.read}/diff?from=1&to=1`, route: '/api/v1/drafts/{id}/diff', expect: participants(200, 200, 200) },
  { method: 'POST', url: `/api/v1/drafts/${drafts.read}/amendments`, route: '/api/v1/drafts/{id}/amendments', payload: { state: 'CN', text_en: 'a' }, expect: participants(403, 201, 403) },
  { method: 'POST', url: `/api/v1/drafts/${drafts.read}/amendments/a_000000000000/decision`, route: '/api/v1/drafts/{id}/amendments/{amendment}/decision', payload: { accept: true }, expect: participants(404, 403, 404) },
  { method: 'POST', url: `/api/v1/drafts/${drafts.open}/procedure`, route: '/api/v1/drafts/{id}/procedure', payload: {}, expect: participants(403, 403, 201) },
  { method: 'POST', url: `/api/v1/drafts/${drafts.voting}/positions`, route: '/api/v1/drafts/{id}/positions', payload: { state: 'RU', position: 'support' }, expect: participants(201, 403, 403) },
  { method: 'POST', url: `/api/v1/drafts/${drafts.withdraw}/decision`, route: '/api/v1/drafts/{id}/decision', payload: { outcome: 'withdrawn' }, expect: participants(403, 403, 201) },
  { method: 'GET', url: '/api/v1/decisions', route: '/api/v1/decisions', expect: everyone(200) },
  { method: 'GET', url: '/api/v1/inbox', route: '/api/v1/inbox', expect: signedInOnly(200) },
  { method: 'POST', url: '/api/v1/inbox/999999/read', route: '/api/v1/inbox/{id}/read', expect: signedInOnly(404) },
  { method: 'GET', url: '/api/v1/webhooks', route: '/api/v1/webhooks', expect: { anonymous: 401, delegate_ru: 403, delegate_cn: 403, officer: 403, admin: 200, authority_kz: 403, rats: 403 } },
  { method: 'POST', url: '/api/v1/webhooks', route: '/api/v1/webhooks', payload: { url: 'https://93.184.216.34/hook', events: ['*'] }, expect: { anonymous: 401, delegate_ru: 403, delegate_cn: 403, officer: 403, admin: 201, authority_kz: 403, rats: 403 } },
  { method: 'GET', url: '/api/v1/plans', route: '/api/v1/plans', expect: everyone(200) },
  { method: 'POST', url: '/api/v1/plans', route: '/api/v1/plans', payload: { id: 'matrix-new', title_en: 'New', pillar: 'economy' }, expect: { anonymous: 401, delegate_ru: 403, delegate_cn: 403, officer: 201, admin: 403, authority_kz: 403, rats: 403 } },
  { method: 'GET', url: '/api/v1/plans/matrix-plan', route: '/api/v1/plans/{id}', expect: everyone(200) },
  { method: 'POST', url: '/api/v1/plans/matrix-plan/measures', route: '/api/v1/plans/{id}/measures', payload: 'code,title,responsible_states\nM2,Other,CN\n', contentType: 'text/csv', expect: { anonymous: 401, delegate_ru: 403, delegate_cn: 403, officer: 200, admin: 403, authority_kz: 403, rats: 403 } },
  { method: 'GET', url: '/api/v1/plans/matrix-plan/measures.csv', route: '/api/v1/plans/{id}/measures.{format}', expect: everyone(200) },
  { method: 'POST', url: '/api/v1/plans/matrix-plan/reports', route: '/api/v1/plans/{id}/reports', payload: 'measure_code,state,claim\nM1,RU,done\n', contentType: 'text/csv', expect: signedInOnly(403) },
  { method: 'POST', url: `/api/v1/plans/matrix-plan/measures/${measureId}/reports`, route: '/api/v1/plans/{id}/measures/{measure}/reports', payload: { state: 'RU', claim: 'done' }, expect: signedInOnly(403) },
  { method: 'POST', url: '/api/v1/reports/r_000000000000/return', route: '/api/v1/reports/{report}/return', payload: { note: 'why?' }, expect: { anonymous: 401, delegate_ru: 403, delegate_cn: 403, officer: 404, admin: 403, authority_kz: 403, rats: 403 } },
  { method: 'GET', url: '/api/v1/implementation/trend', route: '/api/v1/implementation/trend', expect: everyone(200) },
  { method: 'GET', url: '/api/v1/implementation/review?meeting=CHS-17', route: '/api/v1/implementation/review', expect: everyone(200) },
  // Printing needs a listening server and Chromium (the browser tests cover it); here: the 404 that comes first.
  { method: 'GET', url: '/api/v1/implementation/review.pdf?meeting=NOPE', route: '/api/v1/implementation/review.pdf', expect: everyone(404) },
  { method: 'GET', url: '/api/v1/implementation/rates?by=state', route: '/api/v1/implementation/rates', expect: everyone(200) },
  // A national list is its own state's and the RATS's; nobody else learns what is on it.
  { method: 'GET', url: '/api/v1/national-lists/KZ/entries', route: '/api/v1/national-lists/{state}/entries', expect: only({ authority_kz: 200, rats: 200 }) },
  { method: 'POST', url: '/api/v1/national-lists/KZ/entries', route: '/api/v1/national-lists/{state}/entries', payload: { schema: 'Person', properties: { name: ['Петров Пётр'] }, legal_basis: 'Law', listed_on: '2024-01-01' }, expect: only({ authority_kz: 201 }) },
  { method: 'POST', url: '/api/v1/national-lists/KZ/import?legal_basis=Law', route: '/api/v1/national-lists/{state}/import', payload: ENTITY, contentType: 'application/x-ndjson', expect: only({ authority_kz: 200 }) },
  { method: 'GET', url: '/api/v1/national-lists/KZ/export.ftm', route: '/api/v1/national-lists/{state}/export.{format}', expect: only({ authority_kz: 200, rats: 200 }) },
  { method: 'GET', url: `/api/v1/list-entries/${listing.entry}`, route: '/api/v1/list-entries/{id}', expect: only({ authority_kz: 200, rats: 200 }, 404, 404) },
  { method: 'GET', url: '/api/v1/single-list/proposals', route: '/api/v1/single-list/proposals', expect: only({ authority_kz: 200, rats: 200 }) },
  { method: 'POST', url: '/api/v1/single-list/proposals', route: '/api/v1/single-list/proposals', payload: { state: 'KZ', kind: 'listing', entry: listing.unproposed, reason: 'r' }, expect: only({ authority_kz: 201 }) },
  { method: 'GET', url: `/api/v1/single-list/proposals/${listing.proposal}`, route: '/api/v1/single-list/proposals/{id}', expect: only({ authority_kz: 200, rats: 200 }, 404, 404) },
  { method: 'POST', url: `/api/v1/single-list/proposals/${listing.proposal}/entries`, route: '/api/v1/single-list/proposals/{id}/entries', payload: { entry: listing.entry, judgement: 'same' }, expect: only({ authority_kz: 200, rats: 200 }, 404, 404) },
  { method: 'POST', url: `/api/v1/single-list/proposals/${listing.proposal}/positions`, route: '/api/v1/single-list/proposals/{id}/positions', payload: { state: 'KZ', position: 'concur' }, expect: only({ authority_kz: 201, rats: 403 }, 404, 404) },
  { method: 'POST', url: `/api/v1/single-list/proposals/${listing.withdraw}/withdrawal`, route: '/api/v1/single-list/proposals/{id}/withdrawal', expect: only({ authority_kz: 200, rats: 403 }, 404, 404) },
  { method: 'GET', url: '/api/v1/single-list/entities', route: '/api/v1/single-list/entities', expect: signedInOnly(200) },
  { method: 'GET', url: '/api/v1/single-list/export.csv', route: '/api/v1/single-list/export.{format}', expect: signedInOnly(200) },
  { method: 'GET', url: '/api/v1/single-list/entities/sl_000000000000', route: '/api/v1/single-list/entities/{id}', expect: signedInOnly(404) },
  { method: 'POST', url: '/api/v1/screening/match', route: '/api/v1/screening/match', payload: { queries: { q1: { schema: 'Person', properties: { name: ['Ivanov Ivan'] } } } }, expect: only({ authority_kz: 200, rats: 200 }) },
  { method: 'GET', url: '/api/v1/screening/search?q=Ivanov', route: '/api/v1/screening/search', expect: only({ authority_kz: 200, rats: 200 }) },
  { method: 'GET', url: '/api/v1/screening/log', route: '/api/v1/screening/log', expect: only({ rats: 200, admin: 200 }) },
  // Settlement: aggregates to all; obligations, instructions to the operator (officer) and the bank's officer (delegate_ru).
  { method: 'GET', url: '/api/v1/settlement/participants', route: '/api/v1/settlement/participants', expect: everyone(200) },
  { method: 'POST', url: '/api/v1/settlement/participants', route: '/api/v1/settlement/participants', payload: { participants: [] }, expect: only({ officer: 200 }) },
  { method: 'GET', url: '/api/v1/settlement/participants/CBR', route: '/api/v1/settlement/participants/{id}', expect: everyone(200) },
  { method: 'GET', url: '/api/v1/settlement/rates?date=2026-12-01&unit=CNY&vehicle=USD', route: '/api/v1/settlement/rates', expect: everyone(200) },
  { method: 'POST', url: '/api/v1/settlement/rates', route: '/api/v1/settlement/rates', payload: { rates: [{ rate_date: '2026-12-01', base: 'TJS', quote: 'USD', rate: '0.09', source: 'matrix' }] }, expect: only({ officer: 200 }) },
  { method: 'POST', url: '/api/v1/settlement/obligations', route: '/api/v1/settlement/obligations', payload: 'id,payer,payee,currency,amount,value_date\nMATRIX-1,PBC,CBR,CNY,10.00,2026-12-01\n', contentType: 'text/csv', expect: only({ officer: 201 }) },
  { method: 'GET', url: '/api/v1/settlement/obligations', route: '/api/v1/settlement/obligations', expect: only({ delegate_ru: 200, officer: 200 }) },
  { method: 'POST', url: '/api/v1/settlement/cycles', route: '/api/v1/settlement/cycles', payload: { date: '2026-12-01', unit: 'CNY', vehicle: 'USD' }, expect: only({ officer: 201 }) },
  { method: 'GET', url: '/api/v1/settlement/cycles', route: '/api/v1/settlement/cycles', expect: everyone(200) },
  { method: 'GET', url: `/api/v1/settlement/cycles/${settlement.cycle}`, route: '/api/v1/settlement/cycles/{id}', expect: everyone(200) },
  { method: 'GET', url: `/api/v1/settlement/cycles/${settlement.cycle}/instructions.xml`, route: '/api/v1/settlement/cycles/{id}/instructions.{format}', expect: only({ delegate_ru: 200, officer: 200 }) },
  { method: 'GET', url: '/api/v1/settlement/statistics', route: '/api/v1/settlement/statistics', expect: everyone(200) },
  // Economy: public reads (the WDI observations are not loaded in this database: the aggregate is a 200 with missing states); the Secretariat keeps the pipeline.
  { method: 'GET', url: '/api/v1/economy/indicators', route: '/api/v1/economy/indicators', expect: everyone(200) },
  { method: 'GET', url: '/api/v1/economy/indicators/ny.gdp.mktp.cd/aggregate?year=2019', route: '/api/v1/economy/indicators/{code}/aggregate', expect: everyone(200) },
  { method: 'GET', url: '/api/v1/economy/indicators/ny.gdp.mktp.cd/series?from=2019&to=2020', route: '/api/v1/economy/indicators/{code}/series', expect: everyone(200) },
  { method: 'GET', url: '/api/v1/economy/indicators/ny.gdp.mktp.cd/observations.csv?from=2019&to=2019', route: '/api/v1/economy/indicators/{code}/observations.{format}', expect: everyone(200) },
  { method: 'GET', url: '/api/v1/economy/statements', route: '/api/v1/economy/statements', expect: everyone(200) },
  { method: 'GET', url: '/api/v1/economy/projects', route: '/api/v1/economy/projects', expect: everyone(200) },
  { method: 'GET', url: '/api/v1/economy/projects.csv', route: '/api/v1/economy/projects.csv', expect: everyone(200) },
  { method: 'GET', url: '/api/v1/economy/projects.xlsx', route: '/api/v1/economy/projects.xlsx', expect: everyone(200) },
  { method: 'GET', url: '/api/v1/economy/projects/horgos-border-cooperation-centre', route: '/api/v1/economy/projects/{id}', expect: everyone(200) },
  { method: 'GET', url: '/api/v1/economy/projects/horgos-border-cooperation-centre/iati.xml', route: '/api/v1/economy/projects/{id}/iati.xml', expect: everyone(200) },
  { method: 'POST', url: '/api/v1/economy/projects', route: '/api/v1/economy/projects', payload: { id: 'matrix-project', title_en: 'Matrix project', sector: 'energy' }, expect: only({ officer: 201 }) },
  { method: 'POST', url: '/api/v1/economy/projects/matrix-project/stage', route: '/api/v1/economy/projects/{id}/stage', payload: { stage: 'proposal' }, expect: only({ officer: 200 }) },
  { method: 'POST', url: '/api/v1/economy/projects/matrix-project/decision', route: '/api/v1/economy/projects/{id}/decision', payload: {}, expect: only({ officer: 201 }) },
  { method: 'POST', url: '/api/v1/economy/projects/matrix-project/financing', route: '/api/v1/economy/projects/{id}/financing', payload: { source_name: 'Bank', source_kind: 'development_bank', instrument: 'loan', amount: 1000, currency: 'USD' }, expect: only({ officer: 201 }) },
  { method: 'POST', url: '/api/v1/economy/projects/matrix-project/financing/f_000000000000/disbursements', route: '/api/v1/economy/projects/{id}/financing/{financing}/disbursements', payload: { date: '2026-01-01', amount: 1 }, expect: only({ officer: 404 }) },
  { method: 'GET', url: '/api/v1/economy/trade/matrix.csv?year=2022', route: '/api/v1/economy/trade/matrix.{format}', expect: everyone(200) },
  { method: 'GET', url: '/api/v1/economy/trade/complementarity?year=2022', route: '/api/v1/economy/trade/complementarity', expect: everyone(200) },
  { method: 'GET', url: '/api/v1/economy/trade/complementarity.xlsx?year=2022', route: '/api/v1/economy/trade/complementarity.{format}', expect: everyone(200) },
  { method: 'GET', url: '/api/v1/economy/statements.csv', route: '/api/v1/economy/statements.{format}', expect: everyone(200) },
  { method: 'GET', url: '/api/v1/economy/indicators.xlsx', route: '/api/v1/economy/indicators.{format}', expect: everyone(200) },
  { method: 'POST', url: '/api/v1/economy/projects/matrix-project/milestones', route: '/api/v1/economy/projects/{id}/milestones', payload: { title_en: 'Start', planned_on: '2026-01-01' }, expect: only({ officer: 201 }) },
  { method: 'POST', url: '/api/v1/economy/projects/matrix-project/milestones/m_000000000000', route: '/api/v1/economy/projects/{id}/milestones/{milestone}', payload: { actual_on: '2026-01-01' }, expect: only({ officer: 404 }) },
  { method: 'POST', url: '/api/v1/economy/projects/matrix-project/links', route: '/api/v1/economy/projects/{id}/links', payload: { corridor: 'instc' }, expect: only({ officer: 201 }) },
  { method: 'GET', url: '/api/v1/economy/milestones', route: '/api/v1/economy/milestones', expect: everyone(200) },
  { method: 'GET', url: '/api/v1/economy/milestones.csv', route: '/api/v1/economy/milestones.csv', expect: everyone(200) },
  { method: 'GET', url: '/api/v1/economy/milestones.xlsx', route: '/api/v1/economy/milestones.xlsx', expect: everyone(200) },
  { method: 'GET', url: '/api/v1/economy/financing-sources', route: '/api/v1/economy/financing-sources', expect: everyone(200) },
  { method: 'GET', url: '/api/v1/economy/financing-sources.csv', route: '/api/v1/economy/financing-sources.csv', expect: everyone(200) },
  { method: 'GET', url: '/api/v1/economy/financing-sources.xlsx', route: '/api/v1/economy/financing-sources.xlsx', expect: everyone(200) },
  { method: 'GET', url: '/api/v1/economy/places', route: '/api/v1/economy/places', expect: everyone(200) },
  { method: 'GET', url: '/api/v1/economy/places.csv', route: '/api/v1/economy/places.csv', expect: everyone(200) },
  { method: 'GET', url: '/api/v1/economy/places.xlsx', route: '/api/v1/economy/places.xlsx', expect: everyone(200) },
  { method: 'GET', url: '/api/v1/economy/corridors', route: '/api/v1/economy/corridors', expect: everyone(200) },
  { method: 'GET', url: '/api/v1/economy/corridors.csv', route: '/api/v1/economy/corridors.csv', expect: everyone(200) },
  { method: 'GET', url: '/api/v1/economy/corridors.xlsx', route: '/api/v1/economy/corridors.xlsx', expect: everyone(200) },
  { method: 'GET', url: '/api/v1/economy/corridors/instc', route: '/api/v1/economy/corridors/{id}', expect: everyone(200) },
  { method: 'GET', url: '/api/v1/economy/corridor-segments', route: '/api/v1/economy/corridor-segments', expect: everyone(200) },
  { method: 'GET', url: '/api/v1/economy/corridor-segments.csv', route: '/api/v1/economy/corridor-segments.csv', expect: everyone(200) },
  { method: 'GET', url: '/api/v1/economy/corridor-segments.xlsx', route: '/api/v1/economy/corridor-segments.xlsx', expect: everyone(200) },
  { method: 'GET', url: '/api/v1/economy/crossing-times', route: '/api/v1/economy/crossing-times', expect: everyone(200) },
  { method: 'GET', url: '/api/v1/economy/crossing-times.csv', route: '/api/v1/economy/crossing-times.csv', expect: everyone(200) },
  { method: 'GET', url: '/api/v1/economy/crossing-times.xlsx', route: '/api/v1/economy/crossing-times.xlsx', expect: everyone(200) },
  // A state reports its own side of a crossing: Kazakhstan's competent authority for Khorgos; nobody else, the Secretariat included.
  { method: 'POST', url: '/api/v1/economy/crossing-times', route: '/api/v1/economy/crossing-times', payload: { place: 'khorgos', state: 'KZ', observed_on: '2025-06-30', hours: 10 }, expect: only({ authority_kz: 201 }) },
  { method: 'POST', url: '/api/v1/economy/crossing-times/import', route: '/api/v1/economy/crossing-times/import', payload: 'place,state,observed_on,hours\nkhorgos,KZ,2025-03-31,12\n', contentType: 'text/csv', expect: only({ authority_kz: 201 }) },
  { method: 'GET', url: '/api/v1/economy/trade/matrix?year=2022', route: '/api/v1/economy/trade/matrix', expect: everyone(200) },
  { method: 'POST', url: '/api/v1/economy/trade/imports?source=comtrade', route: '/api/v1/economy/trade/imports', payload: 'refYear,reporterISO,partnerISO,flowCode,cmdCode,primaryValue\n2022,KAZ,CHN,X,TOTAL,100\n', contentType: 'text/csv', expect: only({ officer: 201 }) },
  // The depositary, search, every organ's meetings, commitments.
  { method: 'POST', url: '/api/v1/documents/charter-2002-06-07-charter/acts', route: '/api/v1/documents/{key}/acts', payload: { state: 'CN', action: 'ratification', date: '2003-05-01', instrument: 'matrix', source: ['test'] }, expect: only({ officer: 201 }) },
  { method: 'GET', url: '/api/v1/documents/charter-2002-06-07-charter/acts', route: '/api/v1/documents/{key}/acts', expect: everyone(200) },
  { method: 'GET', url: '/api/v1/documents/charter-2002-06-07-charter/status', route: '/api/v1/documents/{key}/status', expect: everyone(200) },
  { method: 'GET', url: '/api/v1/documents/charter-2002-06-07-charter/status.csv', route: '/api/v1/documents/{key}/status.csv', expect: everyone(200) },
  { method: 'GET', url: '/api/v1/depositary/notifications', route: '/api/v1/depositary/notifications', expect: everyone(200) },
  { method: 'GET', url: '/api/v1/depositary/notifications.csv', route: '/api/v1/depositary/notifications.csv', expect: everyone(200) },
  { method: 'GET', url: '/api/v1/search?q=charter', route: '/api/v1/search', expect: everyone(200) },
  { method: 'GET', url: '/api/v1/documents/charter-2002-06-07-charter/texts', route: '/api/v1/documents/{key}/texts', expect: everyone(200) },
  { method: 'GET', url: '/api/v1/documents/charter-2002-06-07-charter/texts/en', route: '/api/v1/documents/{key}/texts/{language}', expect: everyone(200) },
  { method: 'GET', url: '/api/v1/documents/charter-2002-06-07-charter/texts/en/text.akn.xml', route: '/api/v1/documents/{key}/texts/{language}/text.akn.xml', expect: everyone(200) },
  { method: 'POST', url: '/api/v1/documents/charter-2002-06-07-charter/texts/zh', route: '/api/v1/documents/{key}/texts/{language}', payload: { text: '第一条\n矩阵。', source: ['matrix'] }, expect: only({ officer: 201 }) },
  { method: 'GET', url: '/api/v1/search.csv?q=charter', route: '/api/v1/search.csv', expect: everyone(200) },
  { method: 'POST', url: '/api/v1/meetings', route: '/api/v1/meetings', payload: { organ: 'SCO-ENERGY-CLUB', start_date: '2026-02-02', city: 'Moscow' }, expect: only({ officer: 201 }) },
  { method: 'PATCH', url: '/api/v1/meetings/CHS-17', route: '/api/v1/meetings/{id}', payload: { minutes: 'matrix' }, expect: only({ officer: 200 }) },
  { method: 'GET', url: '/api/v1/organ-activity', route: '/api/v1/organ-activity', expect: everyone(200) },
  { method: 'GET', url: '/api/v1/organ-activity.csv', route: '/api/v1/organ-activity.csv', expect: everyone(200) },
  { method: 'POST', url: '/api/v1/organ-activity/alerts', route: '/api/v1/organ-activity/alerts', expect: only({ officer: 200 }) },
  { method: 'GET', url: `/api/v1/drafts/${drafts.read}/annex`, route: '/api/v1/drafts/{id}/annex', expect: participants(200, 200, 200) },
  { method: 'PUT', url: `/api/v1/drafts/${drafts.read}/annex`, route: '/api/v1/drafts/{id}/annex', payload: { pillar: 'culture', commitments: [{ paragraph: 'para_1', what: 'm' }] }, expect: participants(200, 403, 200) },
  { method: 'POST', url: '/api/v1/documents/charter-2002-06-07-charter/commitments', route: '/api/v1/documents/{key}/commitments', payload: { pillar: 'security', commitments: [{ paragraph: 'art_99', what: 'matrix' }] }, expect: only({ officer: 201 }) },
  // Membership acts, memoranda with international organisations, cultural events.
  { method: 'GET', url: '/api/v1/membership/acts', route: '/api/v1/membership/acts', expect: everyone(200) },
  { method: 'GET', url: '/api/v1/membership/acts.csv', route: '/api/v1/membership/acts.csv', expect: everyone(200) },
  { method: 'POST', url: '/api/v1/states/LA/acts', route: '/api/v1/states/{iso2}/acts', payload: { act: 'application', status: 'member', date: '2026-01-15' }, expect: only({ officer: 201 }) },
  { method: 'GET', url: '/api/v1/memoranda', route: '/api/v1/memoranda', expect: everyone(200) },
  { method: 'GET', url: '/api/v1/memoranda.csv', route: '/api/v1/memoranda.csv', expect: everyone(200) },
  { method: 'GET', url: '/api/v1/memoranda/CSTO-SECRETARIAT-2007', route: '/api/v1/memoranda/{id}', expect: everyone(200) },
  { method: 'POST', url: '/api/v1/memoranda/CARICC-SECRETARIAT-2024/ledger', route: '/api/v1/memoranda/{id}/ledger', payload: { action: 'signed', date: '2025-03-01', source: ['https://example.org/matrix'] }, expect: only({ officer: 201 }) },
  { method: 'GET', url: '/api/v1/events', route: '/api/v1/events', expect: everyone(200) },
  { method: 'GET', url: '/api/v1/events.csv', route: '/api/v1/events.csv', expect: everyone(200) },
  { method: 'GET', url: '/api/v1/commitments', route: '/api/v1/commitments', expect: everyone(200) },
  { method: 'GET', url: '/api/v1/commitments.csv', route: '/api/v1/commitments.csv', expect: everyone(200) },
  // Information security (the app is KZ's node): KZ's CERT sees its AMBER warning; nobody else learns it exists.
  { method: 'GET', url: '/api/v1/infosec/records', route: '/api/v1/infosec/records', expect: everyone(200) },
  { method: 'POST', url: '/api/v1/infosec/warnings', route: '/api/v1/infosec/warnings', payload: WARNING, expect: only({ authority_kz: 201 }) },
  { method: 'GET', url: `/api/v1/infosec/records/${infosec.amber}`, route: '/api/v1/infosec/records/{id}', expect: only({ authority_kz: 200 }, 404, 404) },
  { method: 'GET', url: `/api/v1/infosec/records/${infosec.amber}/stix`, route: '/api/v1/infosec/records/{id}/stix', expect: only({ authority_kz: 200 }, 404, 404) },
  // The originator does not acknowledge its own warning.
  { method: 'POST', url: `/api/v1/infosec/records/${infosec.amber}/acknowledgements`, route: '/api/v1/infosec/records/{id}/acknowledgements', expect: only({ authority_kz: 403 }, 404, 404) },
  { method: 'POST', url: `/api/v1/infosec/records/${infosec.amber}/sightings`, route: '/api/v1/infosec/records/{id}/sightings', payload: { kind: 'seen' }, expect: only({ authority_kz: 403 }, 404, 404) },
  { method: 'POST', url: `/api/v1/infosec/records/${infosec.revoke}/revocation`, route: '/api/v1/infosec/records/{id}/revocation', expect: only({ authority_kz: 200 }, 404, 404) },
  { method: 'GET', url: '/api/v1/infosec/correlations', route: '/api/v1/infosec/correlations', expect: only({ authority_kz: 200 }) },
  { method: 'GET', url: '/api/v1/infosec/node', route: '/api/v1/infosec/node', expect: only({ authority_kz: 200, admin: 200 }) },
  { method: 'PUT', url: '/api/v1/infosec/peers/RU', route: '/api/v1/infosec/peers/{state}', payload: { public_key: PEM }, expect: only({ admin: 200 }) },
  // TAXII 2.1 for this node's CERT only; the named-states collection holds KZ's AMBER warning.
  { method: 'GET', url: '/taxii2/', route: '/taxii2/', expect: only({ authority_kz: 200 }) },
  { method: 'GET', url: '/taxii2/sco/', route: '/taxii2/sco/', expect: only({ authority_kz: 200 }) },
  { method: 'GET', url: '/taxii2/sco/collections/', route: '/taxii2/sco/collections/', expect: only({ authority_kz: 200 }) },
  { method: 'GET', url: `/taxii2/sco/collections/${stableUuid('taxii:test:named')}/`, route: '/taxii2/sco/collections/{id}/', expect: only({ authority_kz: 200 }) },
  { method: 'GET', url: `/taxii2/sco/collections/${stableUuid('taxii:test:named')}/objects/`, route: '/taxii2/sco/collections/{id}/objects/', expect: only({ authority_kz: 200 }) },
  { method: 'PUT', url: '/api/v1/infosec/groups/central-asia', route: '/api/v1/infosec/groups/{id}', payload: { name: 'Central Asia', states: ['KZ', 'KG', 'TJ', 'UZ'] }, expect: only({ admin: 200 }) },
  // Sharing groups: administrators and this node's CERT read them; only administrators delete one (an unused one: 204).
  { method: 'GET', url: '/api/v1/infosec/groups', route: '/api/v1/infosec/groups', expect: only({ admin: 200, authority_kz: 200 }) },
  { method: 'GET', url: '/api/v1/infosec/groups/central-asia', route: '/api/v1/infosec/groups/{id}', expect: only({ admin: 200, authority_kz: 200 }) },
  { method: 'DELETE', url: '/api/v1/infosec/groups/matrix-delete', route: '/api/v1/infosec/groups/{id}', expect: only({ admin: 204 }) },
  // Incidents: only KZ's CERT opens, handles, imports and widens on KZ's node; others never learn an AMBER incident exists.
  { method: 'GET', url: '/api/v1/infosec/procedure', route: '/api/v1/infosec/procedure', expect: everyone(200) },
  { method: 'POST', url: '/api/v1/infosec/incidents', route: '/api/v1/infosec/incidents', payload: INCIDENT, expect: only({ authority_kz: 201 }) },
  { method: 'PUT', url: `/api/v1/infosec/incidents/${infosec.incident}/checklist/record-report`, route: '/api/v1/infosec/incidents/{id}/checklist/{step}', payload: { done: true }, expect: only({ authority_kz: 200 }, 404, 404) },
  // Its steps are not all done: the procedure refuses the move (409) to KZ's CERT, and hides the incident from everyone else.
  { method: 'POST', url: `/api/v1/infosec/incidents/${infosec.incident}/status`, route: '/api/v1/infosec/incidents/{id}/status', payload: { status: 'triaged' }, expect: only({ authority_kz: 409 }, 404, 404) },
  { method: 'POST', url: `/api/v1/infosec/incidents/${infosec.incident}/aftercare`, route: '/api/v1/infosec/incidents/{id}/aftercare', payload: { note: 'n' }, expect: only({ authority_kz: 409 }, 404, 404) },
  { method: 'POST', url: `/api/v1/infosec/records/${infosec.widen}/audience`, route: '/api/v1/infosec/records/{id}/audience', payload: { tlp: 'AMBER', pap: 'AMBER', audience: { kind: 'states', states: ['CN', 'KZ', 'RU'] }, reason: 'r' }, expect: only({ authority_kz: 200 }, 404, 404) },
  { method: 'POST', url: '/api/v1/infosec/imports/stix', route: '/api/v1/infosec/imports/stix', payload: { bundle: BUNDLE, audience: { kind: 'states', states: ['KZ', 'RU'] }, pap: 'AMBER' }, expect: only({ authority_kz: 201 }) },
  { method: 'POST', url: '/api/v1/infosec/imports/misp', route: '/api/v1/infosec/imports/misp', payload: { event: MISP, audience: { kind: 'states', states: ['KZ', 'RU'] }, pap: 'AMBER' }, expect: only({ authority_kz: 201 }) },
  // Exercises: the calendar is public; the Secretariat plans (the first exercise starts the rotation) and records findings.
  { method: 'GET', url: '/api/v1/infosec/exercises', route: '/api/v1/infosec/exercises', expect: everyone(200) },
  { method: 'POST', url: '/api/v1/infosec/exercises', route: '/api/v1/infosec/exercises', payload: { id: 'matrix-ex', year: 2030, host: 'KZ', title: 't', scenario: 's', participants: ['KZ', 'RU'] }, expect: only({ officer: 201 }) },
  { method: 'POST', url: '/api/v1/infosec/exercises/matrix-ex/findings', route: '/api/v1/infosec/exercises/{id}/findings', payload: { findings: [{ finding: 'f' }] }, expect: only({ officer: 201 }) },
  { method: 'DELETE', url: '/api/v1/session', route: '/api/v1/session', expect: everyone(204) },
];
// Sign-in itself is open to all by nature (and rate-limited).
const EXEMPT = ['POST /api/v1/session'];

test('every route × caller answers as the policies say', async () => {
  const failures: string[] = [];
  for (const row of MATRIX()) {
    for (const caller of CALLERS) {
      const user = signedIn.get(caller);
      const headers = { ...(user?.headers(row.method !== 'GET') ?? {}), ...(row.contentType ? { 'content-type': row.contentType } : {}) };
      const res = await app().inject({ method: row.method, url: row.url, payload: row.payload, headers });
      if (res.statusCode !== row.expect[caller]) failures.push(`${row.method} ${row.url} as ${caller}: ${res.statusCode}, expected ${row.expect[caller]}`);
    }
  }
  assert.deepEqual(failures, []);
});

test('the matrix covers every route of the OpenAPI document', () => {
  const listed = new Set([...MATRIX().map((r) => `${r.method} ${r.route}`), ...EXEMPT]);
  const paths = (app().swagger() as { paths: Record<string, Record<string, unknown>> }).paths;
  const documented = Object.entries(paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
  assert.ok(documented.length > 20);
  assert.deepEqual(documented.filter((r) => !listed.has(r)), []);
});
