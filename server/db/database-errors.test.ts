/** PostgreSQL errors mapped to the problems a client can act on (table-driven). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isConnectionLoss, problemFromDatabaseError, RETRY_AFTER_SECONDS } from './database-errors.ts';

const pgError = (fields: Record<string, unknown>, message = 'database error') => Object.assign(new Error(message), fields);

test('each kind of database error becomes its problem; others stay unmapped (500)', () => {
  const cases: [unknown, string | undefined, RegExp | undefined][] = [
    [pgError({ code: '23505', table: 'action_plan', constraint: 'action_plan_pkey', detail: 'Key (id)=(p) already exists.' }), 'conflict', /created an action plan with the same id at the same time/],
    [pgError({ code: '23505', table: 'draft_version', constraint: 'draft_version_pkey', detail: 'Key (draft_id, version)=(d_1, 2) already exists.' }), 'conflict', /created a draft version with the same draft_id, version at the same time/],
    [pgError({ code: '40001' }), 'conflict', /at the same time; nothing was changed/],
    [pgError({ code: '40P01' }), 'conflict', /at the same time; nothing was changed/],
    [pgError({ code: '57P01' }, 'terminating connection due to administrator command'), 'unavailable', /connection was lost/],
    [pgError({ code: '08006' }), 'unavailable', /connection was lost/],
    [pgError({ code: 'ECONNREFUSED' }), 'unavailable', /connection was lost/],
    [new Error('Connection terminated unexpectedly'), 'unavailable', /connection was lost/],
    [new Error('Client has encountered a connection error and is not queryable'), 'unavailable', /connection was lost/],
    [pgError({ code: '23503' }), undefined, undefined],
    [pgError({ code: '42P01' }), undefined, undefined],
    [new Error('something else'), undefined, undefined],
    [null, undefined, undefined],
  ];
  for (const [error, code, detail] of cases) {
    const problem = problemFromDatabaseError(error);
    assert.equal(problem?.code, code, String((error as Error | null)?.message));
    if (detail) assert.match(problem!.message, detail);
  }
});

test('a lost connection carries Retry-After; a unique violation never shows the row values', () => {
  assert.equal(problemFromDatabaseError(pgError({ code: '57P01' }))?.retryAfter, RETRY_AFTER_SECONDS);
  const problem = problemFromDatabaseError(pgError({ code: '23505', table: 'app_user', detail: 'Key (email)=(secret@example.org) already exists.' }))!;
  assert.doesNotMatch(problem.message, /secret@example\.org/);
  assert.equal(isConnectionLoss(pgError({ code: '23505' }, 'connection terminated')), false, 'a coded error is judged by its code');
});
