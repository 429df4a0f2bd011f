/**
 * Demonstration accounts for the README's walk-through: a Secretariat officer and one delegate
 * per member state (on `at`) to the given organs, so that a consensus among all members can be
 * completed. Idempotent: existing accounts are kept (their passwords are not shown again) and
 * only missing roles are granted.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { listStates } from '../membership/membership.service.ts';
import { createUser, findUserByEmail, grantRole } from './accounts.service.ts';
import { randomSecret } from './secrets.ts';

export interface DemoAccount {
  email: string;
  role: string;
  state: string | null;
  /** The generated password, when the account was created now (shown once); null when it existed. */
  password: string | null;
}

/** `officer@demo.example` and `<iso2>@demo.example` (lower case) for each member state on `at`. */
export async function createDemoAccounts(db: Kysely<DB>, actor: string, at: string, organs: string[] = ['CHS', 'CNC']): Promise<DemoAccount[]> {
  const members = (await listStates(db, at, 'member')).map((s) => s.iso2).sort();
  const wanted = [
    { email: 'officer@demo.example', name: 'Demo Secretariat officer', grants: [{ role: 'secretariat_officer' }], role: 'secretariat_officer', state: null },
    ...members.map((iso2) => ({ email: `${iso2.toLowerCase()}@demo.example`, name: `Demo delegate of ${iso2}`, grants: organs.map((organ) => ({ role: 'delegate', state: iso2, organ })), role: 'delegate', state: iso2 })),
  ];
  const accounts: DemoAccount[] = [];
  for (const w of wanted) {
    let password: string | null = null;
    if (!(await findUserByEmail(db, w.email))) {
      password = randomSecret(15);
      await createUser(db, actor, { email: w.email, displayName: w.name, password });
    }
    for (const g of w.grants) await grantRole(db, actor, w.email, g);
    accounts.push({ email: w.email, role: w.role, state: w.state, password });
  }
  return accounts;
}
