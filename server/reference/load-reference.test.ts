import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { InvalidReferenceData, loadReference } from './load-reference.ts';
import { seed } from './seed.ts';
import { openTestDatabase, referenceDir, type TestDatabase } from '../testing/test-database.ts';

let database: TestDatabase;
before(async () => { database = await openTestDatabase({ seeded: false }); });
after(async () => { await database.dispose(); });

/** A copy of the reference directory with `file` edited by `edit`. */
function editedCopy(file: string, edit: (text: string) => string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reference-'));
  fs.cpSync(referenceDir, dir, { recursive: true });
  fs.writeFileSync(path.join(dir, file), edit(fs.readFileSync(path.join(dir, file), 'utf8')));
  return dir;
}

function problemsOf(dir: string) {
  try {
    loadReference(dir);
  } catch (e) {
    assert.ok(e instanceof InvalidReferenceData);
    return e.problems;
  }
  assert.fail('the bad files were accepted');
}

test('the shipped reference data is valid and every record keeps its source and confidence', () => {
  const data = loadReference(referenceDir);
  assert.equal(data.organisation.id, 'sco');
  for (const table of ['state', 'organ', 'meeting', 'status_period', 'chairmanship', 'document'] as const) {
    for (const row of data[table]) {
      assert.ok(['confirmed', 'seed', 'wikipedia', 'unconfirmed'].includes(row.confidence), `${table} line ${row.line}`);
    }
  }
  assert.ok(data.document.every((d) => d.source.length > 0), 'every document is sourced');
});

test('every bad row is reported with its file, line and reason', () => {
  const dir = editedCopy('status-periods.csv', (t) => {
    const lines = t.split('\n');
    lines[2] = lines[2]!.replace('2001-06-15', '2001-13-15'); // line 3: impossible date
    lines[4] = lines[4]!.replace(/^KG,/, 'XX,'); // line 5: unknown state
    return lines.join('\n');
  });
  const problems = problemsOf(dir);
  assert.ok(problems.some((p) => p.file === 'status-periods.csv' && p.line === 3 && /valid_from.*date/.test(p.message)), JSON.stringify(problems));
  // Cross-file references are checked once every row is individually valid.
  const dir2 = editedCopy('status-periods.csv', (t) => t.replace(/\nKG,member/, '\nXX,member'));
  // (translations.csv also names that period, so its rows are reported too.)
  const problems2 = problemsOf(dir2).filter((p) => p.file === 'status-periods.csv');
  assert.deepEqual(problems2.map((p) => [p.file, p.line]), [['status-periods.csv', 4]]);
  assert.match(problems2[0]!.message, /unknown state "XX"/);
});

test('overlapping status periods are rejected: a state has one status at a time', () => {
  // India observer until 2017-06-09, member from 2017-06-09: extend the observer period by a year.
  const dir = editedCopy('status-periods.csv', (t) => t.replace(/(IN,observer,2005-07-05,)2017-06-09/, '$12018-06-09'));
  const problems = problemsOf(dir);
  assert.equal(problems.length, 1);
  assert.match(problems[0]!.message, /IN .* overlaps .*one status at a time/);
});

test('a rejected file writes nothing; seeding twice changes nothing the second time', async () => {
  const dir = editedCopy('documents.csv', (t) => t.replace('consents:4:30', 'when-ready'));
  assert.match(problemsOf(dir)[0]!.message, /entry_into_force/);
  const count = async () => Number((await database.db.selectFrom('document').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  assert.equal(await count(), 0, 'nothing was written by the rejected load');
  const first = await seed(database.db, loadReference(referenceDir));
  assert.ok(first.inserted > 200);
  const second = await seed(database.db, loadReference(referenceDir));
  assert.deepEqual([second.inserted, second.updated, second.deleted], [0, 0, 0]);
  // An edited title is an update; a removed row is a delete.
  const edited = editedCopy('documents.csv', (t) => t.replace('Samarkand Declaration,', 'Samarkand Declaration (edited),'));
  const third = await seed(database.db, loadReference(edited));
  assert.deepEqual([third.inserted, third.updated, third.deleted], [0, 1, 0]);
});

test('organisation.json is checked against its schema', () => {
  const dir = editedCopy('organisation.json', (t) => t.replace('"procedure": "consensus_minus_one"', '"procedure": "majority"'));
  const problems = problemsOf(dir);
  assert.equal(problems[0]!.file, 'organisation.json');
  assert.match(problems[0]!.message, /procedures\/\d+\/procedure must be equal to one of the allowed values/);
});
