import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { readFtmLines, readUnXml, writeCsv, writeFtmLines } from './list-formats.ts';
import { valuesOf } from './entity-model.ts';

const fixture = (name: string) => fs.readFileSync(path.join(import.meta.dirname, 'fixtures', name), 'utf8');

test('the UN Consolidated List XML becomes FtM statements with names by role and script', () => {
  const { entries, problems } = readUnXml(fixture('un-consolidated.xml'));
  assert.deepEqual(problems, []);
  assert.deepEqual(entries.map((e) => [e.sourceId, e.schema]), [['XQi.001', 'Person'], ['XQi.002', 'Person'], ['XQe.001', 'Organization']]);
  const [rustam, wang, front] = entries;
  assert.deepEqual(valuesOf(rustam!.statements, 'name'), ['RUSTAM KARIMOVICH ABDULLAEV', 'Абдуллаев Рустам Каримович']);
  assert.equal(rustam!.statements.find((s) => s.value.startsWith('Абдуллаев'))!.lang, 'und-Cyrl');
  assert.deepEqual(valuesOf(rustam!.statements, 'weakAlias'), ['The Teacher']);
  assert.deepEqual(valuesOf(rustam!.statements, 'nationality'), ['uz']);
  assert.deepEqual(valuesOf(rustam!.statements, 'passportNumber'), ['AA1234567']);
  assert.deepEqual(valuesOf(rustam!.statements, 'address'), ['Osh, Kyrgyzstan']);
  assert.equal(rustam!.legalBasis, 'UN Security Council Consolidated List: Al-Qaida');
  assert.equal(rustam!.listedOn, '2019-03-12');
  assert.deepEqual(valuesOf(wang!.statements, 'birthDate'), ['1974', '1975', '1976'], 'a range of years becomes each year');
  assert.deepEqual(valuesOf(front!.statements, 'alias'), ['Восточный фронт']);
});

test('every bad UN record is reported, by record', () => {
  const bad = fixture('un-consolidated.xml').replace('<FIRST_NAME>WANG</FIRST_NAME>', '').replace('<SECOND_NAME>LEI</SECOND_NAME>', '').replace('<LISTED_ON>2018-01-20</LISTED_ON>', '<LISTED_ON>20/01/2018</LISTED_ON>');
  const { problems } = readUnXml(bad);
  assert.deepEqual(problems.map((p) => p.record), ['INDIVIDUAL 2 (XQi.002)', 'ENTITY 1 (XQe.001)']);
  assert.match(problems[0]!.message, /FIRST_NAME/);
  assert.match(problems[1]!.message, /LISTED_ON.*not a date/);
  assert.match(readUnXml('<html><body/></html>').problems[0]!.message, /not a UN Consolidated List/);
  // The UN's own file has carried <DATE>Invalid date</DATE>: an optional value, kept as a note.
  const odd = readUnXml(fixture('un-consolidated.xml').replace(/<DATE>[^<]*<\/DATE>/, '<DATE>Invalid date</DATE>'));
  assert.deepEqual(odd.problems, []);
  assert.equal(odd.warnings.length, 1);
  assert.match(odd.warnings[0]!.message, /"Invalid date" is not a date.*kept as a note/);
  assert.ok(odd.entries.some((e) => valuesOf(e.statements, 'notes').includes('Date of birth as listed: Invalid date')));
  assert.match(readUnXml('<CONSOLIDATED_LIST><INDIVIDUALS>').problems[0]!.message, /not well-formed/);
});

test('FtM lines: entities with their Sanction listing records; bad lines are named', () => {
  const { entries, problems } = readFtmLines(fixture('ru-national.ftm.jsonl'));
  assert.deepEqual(problems, []);
  assert.equal(entries.length, 2);
  assert.equal(entries[0]!.legalBasis, 'Federal Law No. 35-FZ On Countering Terrorism, art. 24');
  assert.equal(entries[0]!.listedOn, '2021-04-02');
  const bad = readFtmLines('{"id":"x","schema":"Vessel","properties":{"name":["A"]}}\nnot json\n{"id":"y","schema":"Person","properties":{"name":["B"],"nationality":["zz"],"birthDate":["14.05.1980"]}}\n');
  assert.deepEqual(bad.problems.map((p) => p.record.split(' (')[0]), ['line 1', 'line 2']);
  assert.match(bad.problems.map((p) => p.message).join('\n'), /schema.*Person, Organization, LegalEntity[\s\S]*not valid JSON/);
  // Unreadable optional values (a country, a date) do not refuse the file: notes, and warnings.
  assert.match(bad.warnings.map((p) => p.message).join('\n'), /"zz" is not an ISO 3166-1[\s\S]*"14.05.1980" is not a date/);
  assert.deepEqual(valuesOf(bad.entries[0]!.statements, 'notes'), ['nationality as listed: zz', 'birthDate as listed: 14.05.1980']);
  assert.deepEqual(valuesOf(bad.entries[0]!.statements, 'birthDate'), []);
});

test('exports: FtM lines read back to the same statements; CSV has one row per entity', () => {
  const { entries } = readUnXml(fixture('un-consolidated.xml'));
  const exported = entries.map((e, i) => ({ id: `e${i}`, schema: e.schema, statements: e.statements, listedOn: e.listedOn ?? null, legalBasis: e.legalBasis ?? null, reason: e.reason ?? null, authority: 'KZ' }));
  const back = readFtmLines(writeFtmLines(exported));
  assert.deepEqual(back.problems, []);
  assert.deepEqual(back.entries.map((e) => e.statements.map((s) => `${s.prop}=${s.value}`).sort()), entries.map((e) => e.statements.map((s) => `${s.prop}=${s.value}`).sort()));
  assert.deepEqual(back.entries.map((e) => e.listedOn), entries.map((e) => e.listedOn));
  const csv = writeCsv(exported).trim().split('\n');
  assert.equal(csv.length, 4);
  assert.match(csv[1]!, /^e0,Person,RUSTAM KARIMOVICH ABDULLAEV,/);
});

test('UN list as it is written: aliases joined by "; ", middle names, nationality names in the UN form', () => {
  const xml = `<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><DATAID>1</DATAID><REFERENCE_NUMBER>XQi.009</REFERENCE_NUMBER>
    <FIRST_NAME>KARIM</FIRST_NAME><SECOND_NAME>YUSUF</SECOND_NAME><THIRD_NAME>HADIDOV</THIRD_NAME>
    <INDIVIDUAL_ALIAS><QUALITY>Good</QUALITY><ALIAS_NAME>Karim Hadidi; Abu Yusuf</ALIAS_NAME></INDIVIDUAL_ALIAS>
    <NATIONALITY><VALUE>Iran (Islamic Republic of)</VALUE><VALUE>Democratic People's Republic of Korea</VALUE><VALUE>Viet Nam</VALUE><VALUE>Bolivia (Plurinational State of)</VALUE><VALUE>Atlantis</VALUE></NATIONALITY>
  </INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>`;
  const { entries, problems } = readUnXml(xml);
  assert.deepEqual(problems, []);
  const statements = entries[0]!.statements;
  assert.deepEqual(valuesOf(statements, 'alias'), ['Karim Hadidi', 'Abu Yusuf']);
  assert.deepEqual(valuesOf(statements, 'middleName'), ['YUSUF']);
  assert.deepEqual(valuesOf(statements, 'nationality'), ['ir', 'kp', 'vn', 'bo']);
  assert.deepEqual(valuesOf(statements, 'notes'), ['Nationality as listed: Atlantis']);
});

test('FtM lines: an alias holding names joined by ";" gives one alias each', () => {
  const { entries, problems } = readFtmLines('{"id":"x1","schema":"Person","properties":{"name":["Karim Hadidi"],"alias":["Abu Yusuf; Karim al-Hadidi"]}}\n');
  assert.deepEqual(problems, []);
  assert.deepEqual(valuesOf(entries[0]!.statements, 'alias'), ['Abu Yusuf', 'Karim al-Hadidi']);
});
