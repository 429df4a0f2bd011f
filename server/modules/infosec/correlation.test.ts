import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { projectRoot } from '../../config.ts';
import { benignCheck, correlate, observablesOf, type WarningLists } from './correlation.ts';

const lists = JSON.parse(fs.readFileSync(path.join(projectRoot, 'data/infosec/warning-lists.json'), 'utf8')) as WarningLists;
const benign = benignCheck(lists);

test('the equality comparisons of a STIX pattern are its observables', () => {
  assert.deepEqual(observablesOf("[ipv4-addr:value = '45.9.20.11' OR domain-name:value = 'Evil.EXAMPLE-corp.ru']"), [
    { path: 'ipv4-addr:value', value: '45.9.20.11' },
    { path: 'domain-name:value', value: 'evil.example-corp.ru' },
  ]);
  assert.deepEqual(observablesOf("[file:hashes.'SHA-256' = 'ABCD']"), [{ path: "file:hashes.'SHA-256'", value: 'abcd' }]);
  assert.deepEqual(observablesOf("[file:name = 'it\\'s.exe']"), [{ path: 'file:name', value: "it's.exe" }]);
});

test('warning lists: private, documentation and resolver addresses and well-known domains are benign', () => {
  for (const [p, v] of [['ipv4-addr:value', '10.1.2.3'], ['ipv4-addr:value', '8.8.8.8'], ['ipv4-addr:value', '203.0.113.7'], ['domain-name:value', 'update.microsoft.com'], ['domain-name:value', 'example.org']]) assert.ok(benign({ path: p!, value: v! }), v);
  for (const [p, v] of [['ipv4-addr:value', '45.9.20.11'], ['domain-name:value', 'microsoft.com.evil.ru'], ['domain-name:value', 'notexample.org']]) assert.equal(benign({ path: p!, value: v! }), undefined, v);
});

test('a value two states report is flagged with both; one state twice, or a benign value, is not', () => {
  const records = [
    { id: 'a', originator: 'KZ', patterns: ["[ipv4-addr:value = '45.9.20.11']", "[ipv4-addr:value = '8.8.8.8']"] },
    { id: 'b', originator: 'RU', patterns: ["[ipv4-addr:value = '45.9.20.11' OR domain-name:value = 'c2.evil.ru']", "[ipv4-addr:value = '8.8.8.8']"] },
    { id: 'c', originator: 'RU', patterns: ["[domain-name:value = 'C2.evil.ru']"] },
  ];
  assert.deepEqual(correlate(records, benign), [{ path: 'ipv4-addr:value', value: '45.9.20.11', states: ['KZ', 'RU'], records: ['a', 'b'] }]);
});

test('property: a correlation names at least two states, at most `bound` records, never a benign value', () => {
  const value = fc.constantFrom('45.9.20.11', '10.0.0.1', '91.200.1.1', '8.8.8.8');
  const record = fc.record({ id: fc.uuid(), originator: fc.constantFrom('KZ', 'RU', 'CN'), patterns: fc.array(value.map((v) => `[ipv4-addr:value = '${v}']`), { maxLength: 3 }) });
  fc.assert(
    fc.property(fc.array(record, { maxLength: 30 }), fc.integer({ min: 1, max: 5 }), (records, bound) => {
      for (const c of correlate(records, benign, bound)) {
        assert.ok(c.states.length >= 2);
        assert.ok(c.records.length <= bound);
        assert.equal(benign(c), undefined);
      }
    }),
  );
});
