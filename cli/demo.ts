import os from 'node:os';
import { Command } from 'commander';
import type { loadConfig } from '../server/config.ts';
import { DEMO_PLAN } from '../server/modules/implementation/demo-plan.ts';

export const demoCommand = (config: typeof loadConfig) =>
  new Command('demo')
    .description('Demonstration data (clearly labelled [DEMO]; not facts about the SCO)')
    .addCommand(
      new Command('accounts')
        .description('Create a Secretariat officer and a delegate of every member state to the CHS and the CNC (passwords printed once)')
        .action(async () => {
          const [{ openReady }, { createDemoAccounts }, { today }] = await Promise.all([
            import('../server/open-database.ts'), import('../server/modules/accounts/create-demo-accounts.ts'), import('../server/http/common-schemas.ts'),
          ]);
          const { database } = await openReady(config());
          try {
            const accounts = await createDemoAccounts(database.db, `cli:${os.userInfo().username}`, today());
            for (const a of accounts) console.log(`${a.email.padEnd(22)} ${(a.state ? `${a.role} ${a.state}` : a.role).padEnd(20)} ${a.password ? `password (shown once): ${a.password}` : '(already existed; password unchanged)'}`);
          } finally {
            await database.close();
          }
        }),
    )
    .addCommand(
    new Command('seed').description(`Load the demo action plan "${DEMO_PLAN}" with measures and reports (once)`).action(async () => {
      const [{ openReady }, { seedDemo }] = await Promise.all([import('../server/open-database.ts'), import('../server/modules/implementation/demo-data.ts')]);
      const { database } = await openReady(config());
      try {
        const r = await seedDemo(database.db, `cli:${os.userInfo().username}`);
        console.log(r.created ? `loaded the demo plan ${DEMO_PLAN}` : `the demo plan ${DEMO_PLAN} is already loaded`);
      } finally {
        await database.close();
      }
    }),
  );
