/** The `secretariat` command line: serve, migrate, seed, export, audit, users, demo data, screening. */
import { Command, CommanderError } from 'commander';
import { loadConfig } from '../server/config.ts';
import { serveCommand } from './serve.ts';
import { migrateCommand } from './migrate.ts';
import { seedCommand } from './seed.ts';
import { exportCommand } from './export.ts';
import { auditCommand } from './audit.ts';
import { userCommand } from './user.ts';
import { demoCommand } from './demo.ts';
import { screenCommand } from './screen.ts';

const silent = { outputError: () => {} };

const program = new Command('secretariat')
  .description('Secretariat: the institutional registry of the Shanghai Cooperation Organisation.\nDatabase: PGlite in SECRETARIAT_DATA_DIR (default .data/pglite), or the PostgreSQL server in DATABASE_URL.')
  .exitOverride()
  .configureOutput(silent);

// Errors are printed once, below, as one line.
for (const command of [serveCommand, migrateCommand, seedCommand, exportCommand, auditCommand, userCommand, demoCommand, screenCommand]) program.addCommand(command(loadConfig).exitOverride().configureOutput(silent));

try {
  await program.parseAsync(process.argv);
} catch (e) {
  process.exitCode = 1;
  if (e instanceof CommanderError) {
    if (e.exitCode === 0) process.exitCode = 0;
    else console.error(`secretariat: ${e.message.replace(/^error: /, '')}`);
  } else if (e instanceof (await import('../server/reference/load-reference.ts')).InvalidReferenceData) {
    console.error(`secretariat: ${e.message}`);
  } else if (e instanceof Error) {
    console.error(`secretariat: ${e.message.split('\n')[0]}`);
  } else {
    console.error(`secretariat: ${String(e)}`);
  }
}
