/** Roles exist only for states whose status allows them (organisation.json), and token scopes only for real actions. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useTestApp } from '../../testing/test-app.ts';
import { PASSWORD, signInAs } from '../../testing/test-users.ts';
import { createToken, createUser, grantRole } from './accounts.service.ts';

const { app, database } = useTestApp(async (_server, { db }) => {
  await createUser(db, 'test', { email: 'someone@example.org', displayName: 'Someone', password: PASSWORD });
});

test('a delegate, coordinator or competent authority is granted only for a member state', async () => {
  const db = database().db;
  await assert.rejects(grantRole(db, 'test', 'someone@example.org', { role: 'delegate', state: 'MN', organ: 'CHS' }), /role: delegate cannot be held for MN, a sco partner on \d{4}-\d{2}-\d{2} \(its roles: partner_delegate\)/);
  await assert.rejects(grantRole(db, 'test', 'someone@example.org', { role: 'national_coordinator', state: 'AF' }), /cannot be held for AF|AF has no status/);
  await assert.rejects(grantRole(db, 'test', 'someone@example.org', { role: 'competent_authority', state: 'US' }), /unknown state "US"|US has no status/);
  assert.deepEqual(await grantRole(db, 'test', 'someone@example.org', { role: 'partner_delegate', state: 'MN' }), { granted: true });
  await assert.rejects(grantRole(db, 'test', 'someone@example.org', { role: 'partner_delegate', state: 'KZ' }), /partner_delegate cannot be held for KZ, a member state/);
  assert.deepEqual(await grantRole(db, 'test', 'someone@example.org', { role: 'delegate', state: 'KZ', organ: 'CHS' }), { granted: true });
  const roles = await db.selectFrom('role_assignment').select(['role', 'state_iso2']).innerJoin('app_user', 'app_user.id', 'role_assignment.user_id').where('app_user.email', '=', 'someone@example.org').orderBy('role').execute();
  assert.deepEqual(roles, [{ role: 'delegate', state_iso2: 'KZ' }, { role: 'partner_delegate', state_iso2: 'MN' }]);
});

test('a token scope must name an action or a prefix of actions, through the API as in the service', async () => {
  const db = database().db;
  const user = (await db.selectFrom('app_user').select('id').where('email', '=', 'someone@example.org').executeTakeFirstOrThrow()).id;
  await assert.rejects(createToken(db, 'test', user, { name: 'x', scopes: ['drafts', 'everything'] }), /scopes: no action is named "everything"/);
  assert.ok((await createToken(db, 'test', user, { name: 'ok', scopes: ['drafts', 'drafts.read'] })).token);
  const me = await signInAs(app(), 'someone@example.org');
  const refused = await app().inject({ method: 'POST', url: '/api/v1/tokens', headers: me.headers(true), payload: { name: 'bad', scopes: ['admin.all'] } });
  assert.equal(refused.statusCode, 400, refused.body);
  assert.match(refused.json().detail, /no action is named "admin.all"/);
});
