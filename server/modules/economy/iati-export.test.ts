import { test } from 'node:test';
import assert from 'node:assert/strict';
import { XMLParser } from 'fast-xml-parser';
import { iatiActivities } from './iati-export.ts';

test('a project becomes an IATI activity with its commitments and disbursements as transactions', () => {
  const xml = iatiActivities([{
    id: 'solar-park', title: { en: 'Solar park & grid', ru: 'Солнечный парк', zh: null }, stage: 'implementation', sector: 'energy', host_states: ['KZ', 'UZ'],
    planned_start: '2025-01-01', planned_end: '2027-12-31', actual_start: '2025-03-01', actual_end: null, note: null,
    financing: [{ source_name: 'China Development Bank', amount: 100, currency: 'USD', committed_on: '2025-02-01', disbursements: [{ date: '2025-06-01', amount: 40 }] }],
  }], '2026-01-01T00:00:00.000Z');
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml);
  const a = doc['iati-activities']['iati-activity'];
  assert.equal(doc['iati-activities'].version, '2.03');
  assert.equal(a['iati-identifier'], 'SCO-SECRETARIAT-solar-park');
  assert.equal(a.title.narrative[0], 'Solar park & grid', 'text is escaped and read back');
  assert.equal(a['activity-status'].code, '2');
  assert.deepEqual(a['recipient-country'].map((c: { code: string; percentage: string }) => [c.code, c.percentage]), [['KZ', '50'], ['UZ', '50']]);
  assert.deepEqual(a.transaction.map((t: { 'transaction-type': { code: string }; value: { '#text': number } }) => [t['transaction-type'].code, t.value['#text']]), [['2', 100], ['3', 40]]);
  assert.deepEqual(a['activity-date'].map((d: { type: string }) => d.type), ['1', '2', '3']);
});
