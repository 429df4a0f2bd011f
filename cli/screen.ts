/**
 * `secretariat screen file.csv --as email`: screens every row of a file against the lists that
 * user may see, in batches, with a progress bar, and writes the ranked results as CSV. The
 * screening is logged under that user, as through the API.
 */
import fs from 'node:fs';
import { Command, InvalidArgumentError } from 'commander';
import type { SingleBar } from 'cli-progress';
import type { loadConfig } from '../server/config.ts';
import type { QueryEntity } from '../server/modules/screening/screening.service.ts';
import { DEFAULT_THRESHOLD } from '../server/modules/screening/threshold.ts';
import type { Actor } from '../server/policies/actor.ts';

const BATCH = 100;
const COLUMNS = ['id', 'schema', 'name', 'birth_date', 'nationality', 'passport_number', 'id_number'];
const rowSchema = {
  type: 'object',
  required: ['name'],
  additionalProperties: false,
  properties: { id: { type: 'string' }, schema: { enum: ['Person', 'Organization', 'LegalEntity'] }, name: { type: 'string', minLength: 1 }, birth_date: { type: 'string', pattern: '^\\d{4}(-\\d{2}(-\\d{2})?)?$' }, nationality: { type: 'string', pattern: '^[A-Za-z]{2}$' }, passport_number: { type: 'string' }, id_number: { type: 'string' } },
};
const score = (v: string) => {
  const n = Number(v);
  if (!(n >= 0 && n <= 1)) throw new InvalidArgumentError('a score between 0 and 1');
  return n;
};

export const screenCommand = (config: typeof loadConfig) =>
  new Command('screen')
    .description(`Screen the names of a CSV file (columns: ${COLUMNS.join(', ')}; only name is required) against the lists a user may see`)
    .argument('<file>', 'CSV file to screen')
    .requiredOption('--as <email>', 'the user screening (a competent authority or RATS officer); the screening is logged under this user')
    .option('-o, --output <file>', 'where to write the results (CSV)', 'screening-results.csv')
    .option('--threshold <score>', 'score from which a result is a match', score, DEFAULT_THRESHOLD)
    .option('--limit <n>', 'results per row', (v) => Number.parseInt(v, 10), 3)
    .action(async (file: string, options: { as: string; output: string; threshold: number; limit: number }) => {
      if (!fs.existsSync(file)) throw new Error(`${file}: no such file`);
      const [{ openReady }, { checkRows, readCsv }, { activeRoles, findUserByEmail }, { ScreeningService }, { SingleBar, Presets }, { stringify }] = await Promise.all([
        import('../server/open-database.ts'), import('../server/http/tabular.ts'), import('../server/modules/accounts/accounts.service.ts'), import('../server/modules/screening/screening.service.ts'),
        import('cli-progress'), import('csv-stringify/sync'),
      ]);
      const rows = readCsv(fs.readFileSync(file, 'utf8'));
      const problems = checkRows(rowSchema, rows);
      if (problems.length) throw new Error(`${file}: nothing screened; ${problems.map((p) => `line ${p.line}: ${p.message}`).join('; ')}`);
      const { database } = await openReady(config());
      let bar: SingleBar | undefined;
      try {
        const user = await findUserByEmail(database.db, options.as);
        if (!user || user.disabled) throw new Error(`no active user with e-mail ${options.as}`);
        const actor: Actor = { kind: 'user', userId: user.id, email: user.email, displayName: user.display_name, roles: await activeRoles(database.db, user.id), via: 'session', scopes: null };
        const screening = new ScreeningService(database.db, config().screeningLogDays);
        bar = new SingleBar({ format: 'screening [{bar}] {percentage}% | {value}/{total} rows | {matches} matches', noTTYOutput: true, notTTYSchedule: 2000, stream: process.stderr }, Presets.shades_classic);
        bar.start(rows.length, 0, { matches: 0 });
        const out: unknown[][] = [['row_id', 'row_name', 'rank', 'id', 'caption', 'score', 'match', 'dataset', 'matched_name', 'features']];
        let matches = 0;
        for (let start = 0; start < rows.length; start += BATCH) {
          const batch = rows.slice(start, start + BATCH);
          const queries: Record<string, QueryEntity> = {};
          for (const row of batch) {
            const c = row.cells;
            const properties: Record<string, string[]> = { name: [c.name!] };
            if (c.birth_date) properties.birthDate = [c.birth_date];
            if (c.nationality) properties.nationality = [c.nationality];
            if (c.passport_number) properties.passportNumber = [c.passport_number];
            if (c.id_number) properties.idNumber = [c.id_number];
            queries[String(row.line)] = { schema: c.schema ?? 'Person', properties };
          }
          const { responses } = await screening.match(actor, queries, { limit: options.limit, threshold: options.threshold }, 'cli');
          for (const row of batch) {
            const results = (responses[String(row.line)] as { results: { id: string; caption: string; score: number; match: boolean; datasets: string[]; matched_name: string; features: object }[] }).results;
            if (results[0]?.match) matches++;
            if (results.length === 0) out.push([row.cells.id ?? `line ${row.line}`, row.cells.name, '', '', '', '', '', '', '', '']);
            results.forEach((r, i) => out.push([row.cells.id ?? `line ${row.line}`, row.cells.name, i + 1, r.id, r.caption, r.score, r.match ? 'yes' : 'no', r.datasets.join(' '), r.matched_name, JSON.stringify(r.features)]));
          }
          bar.update(start + batch.length, { matches });
        }
        fs.writeFileSync(options.output, stringify(out));
        console.log(`screened ${rows.length} rows: ${matches} with a match at ${options.threshold}; results in ${options.output}`);
      } finally {
        // The bar's timer would keep the process alive after an error (a denied user): stop it.
        bar?.stop();
        await database.close();
      }
    });
