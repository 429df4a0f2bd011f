import os from 'node:os';
import { Command } from 'commander';
import type { loadConfig } from '../server/config.ts';
import { DEMO_PLAN, seedDemo } from '../server/modules/implementation/demo-data.ts';

export const demoCommand = (config: typeof loadConfig) =>
  new Command('demo').description('Demonstration data (clearly labelled [DEMO]; not facts about the SCO)').addCommand(
    new Command('seed').description(`Load the demo action plan "${DEMO_PLAN}" with measures and reports (once)`).action(async () => {
      const { openReady } = await import('../server/open-database.ts');
      const { database } = await openReady(config());
      try {
        const r = await seedDemo(database.db, `cli:${os.userInfo().username}`);
        console.log(r.created ? `loaded the demo plan ${DEMO_PLAN}` : `the demo plan ${DEMO_PLAN} is already loaded`);
      } finally {
        await database.close();
      }
    }),
  );
