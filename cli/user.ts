import os from 'node:os';
import { Command, Option } from 'commander';
import type { loadConfig } from '../server/config.ts';
import type { Database } from '../server/db/client.ts';
import { ROLE_NAMES } from '../server/policies/roles.ts';

const cliActor = () => `cli:${os.userInfo().username}`;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

/** The modules the commands use, loaded when one runs (so that --help loads nothing heavy). */
const load = async () => ({
  ...(await import('../server/modules/accounts/accounts.service.ts')),
  ...(await import('../server/modules/accounts/secrets.ts')),
  ...(await import('../server/http/problem.ts')),
});

const withDatabase = (config: typeof loadConfig, work: (database: Database, lib: Awaited<ReturnType<typeof load>>) => Promise<void>) => async () => {
  const [lib, { openReady }] = await Promise.all([load(), import('../server/open-database.ts')]);
  // Roles refer to states and organs: the reference data must be loaded.
  const { database } = await openReady(config());
  try {
    await work(database, lib);
  } finally {
    await database.close();
  }
};

const scopeOptions = (command: Command) =>
  command.addOption(new Option('--state <iso2>', 'the state the role acts for')).addOption(new Option('--organ <id>', 'the organ the role is limited to'));

export const userCommand = (config: typeof loadConfig) => {
  const user = new Command('user').description('Accounts: create users, grant and revoke roles, issue API tokens');
  user.addCommand(
    new Command('create')
      .description('Create a user (prints a generated password unless --password-stdin)')
      .requiredOption('--email <email>', 'e-mail address (the sign-in name)')
      .option('--name <name>', 'display name')
      .option('--password-stdin', 'read the password from standard input')
      .action(async (opts: { email: string; name?: string; passwordStdin?: boolean }) =>
        withDatabase(config, async ({ db }, { randomSecret, createUser }) => {
          const password = opts.passwordStdin ? await readStdin() : randomSecret(15);
          const created = await createUser(db, cliActor(), { email: opts.email, displayName: opts.name ?? opts.email, password });
          console.log(`created user ${created.email} (${created.id})`);
          if (!opts.passwordStdin) console.log(`password (shown once): ${password}`);
        })(),
      ),
  );
  user.addCommand(
    scopeOptions(new Command('grant').description(`Grant a role: ${ROLE_NAMES.join(', ')}`).argument('<email>').argument('<role>')).action(
      async (email: string, role: string, opts: { state?: string; organ?: string }) =>
        withDatabase(config, async ({ db }, { grantRole }) => {
          const r = await grantRole(db, cliActor(), email, { role, state: opts.state, organ: opts.organ });
          console.log(r.granted ? `granted ${role} to ${email}` : `${email} already holds ${role}`);
        })(),
    ),
  );
  user.addCommand(
    scopeOptions(new Command('revoke').description('Revoke a role').argument('<email>').argument('<role>')).action(
      async (email: string, role: string, opts: { state?: string; organ?: string }) =>
        withDatabase(config, async ({ db }, { revokeRole, AppError }) => {
          const r = await revokeRole(db, cliActor(), email, { role, state: opts.state, organ: opts.organ });
          if (!r.revoked) throw new AppError('not_found', `${email} does not hold ${role} with that scope`);
          console.log(`revoked ${role} from ${email}`);
        })(),
    ),
  );
  user.addCommand(
    new Command('token')
      .description('Issue an API token for a user (shown once; only its hash is stored)')
      .argument('<email>')
      .requiredOption('--name <name>', 'what the token is for')
      .option('--scope <action...>', 'limit the token to these actions or prefixes (e.g. registry)')
      .action(async (email: string, opts: { name: string; scope?: string[] }) =>
        withDatabase(config, async ({ db }, { findUserByEmail, AppError, createToken }) => {
          const found = await findUserByEmail(db, email);
          if (!found) throw new AppError('not_found', `No user with e-mail ${email}`);
          const t = await createToken(db, cliActor(), found.id, { name: opts.name, scopes: opts.scope ?? [] });
          console.log(t.token);
        })(),
      ),
  );
  return user;
};
