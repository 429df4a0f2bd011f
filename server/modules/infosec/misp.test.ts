import { test } from 'node:test';
import assert from 'node:assert/strict';
import { markingsOf, mispToStix, patternOf } from './misp.ts';
import { EVENT } from './misp.fixture.ts';
import { objectProblems } from './stix-validate.ts';


test('MISP attribute types become STIX patterns, with quotes escaped', () => {
  assert.equal(patternOf('ip-src', '203.0.113.5'), "[ipv4-addr:value = '203.0.113.5']");
  assert.equal(patternOf('ip-dst', '2001:db8::1'), "[ipv6-addr:value = '2001:db8::1']");
  assert.equal(patternOf('ip-dst|port', '203.0.113.5|443'), "[ipv4-addr:value = '203.0.113.5']");
  assert.equal(patternOf('md5', 'd41d8cd98f00b204e9800998ecf8427e'), "[file:hashes.'MD5' = 'd41d8cd98f00b204e9800998ecf8427e']");
  assert.equal(patternOf('filename', "a'b"), "[file:name = 'a\\'b']");
  assert.equal(patternOf('filename|sha1', 'x.exe|da39a3ee5e6b4b0d3255bfef95601890afd80709'), "[file:name = 'x.exe' AND file:hashes.'SHA-1' = 'da39a3ee5e6b4b0d3255bfef95601890afd80709']");
  assert.equal(patternOf('text', 'anything'), undefined);
});

test('tlp:* and PAP:* tags give TLP 2.0 and PAP, the strictest when several; tlp:white is CLEAR', () => {
  assert.deepEqual(markingsOf(EVENT), { tlp: 'AMBER', pap: 'GREEN' });
  assert.deepEqual(markingsOf({ Event: { info: 'x', Tag: [{ name: 'tlp:white' }] } }), { tlp: 'CLEAR' });
  assert.deepEqual(markingsOf({ Event: { info: 'x', Tag: [{ name: 'tlp:green' }, { name: 'TLP:RED' }, { name: 'tlp:amber+strict' }] } }), { tlp: 'RED' });
  assert.deepEqual(markingsOf({ Event: { info: 'x' } }), {});
});

test('an event gives valid STIX 2.1 indicators and reports what it left out', () => {
  const out = mispToStix(EVENT);
  assert.equal(out.title, 'Credential phishing against customs brokers');
  assert.equal(out.severity, 'high');
  assert.deepEqual(out.objects.map((o) => o.pattern), ["[ipv4-addr:value = '198.51.100.23']", "[domain-name:value = 'customs-broker-login.example']", "[file:hashes.'SHA-256' = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855']", "[file:name = 'invoice\\'s.docm']"]);
  assert.deepEqual(out.skipped, [{ type: 'text', value: 'seen by three brokers' }]);
  assert.deepEqual(objectProblems(out.objects), []);
  assert.equal(out.objects[0]!.created, '2026-11-18T11:08:20.000Z');
  // The same event gives the same ids (a re-import is recognisable).
  assert.deepEqual(mispToStix(EVENT).objects.map((o) => o.id), out.objects.map((o) => o.id));
});
