/**
 * Implementation rates for 100 plans × 1,000 measures × 10 reports on PostgreSQL: the service's
 * computation (pure rules over loaded rows) against a plain SQL aggregate of the same data,
 * measured in the same run. The service reads its read model of the latest counting reports
 * (kept by triggers, filled here by the triggers on the generating insert); the baseline ranks the
 * raw reports (docs/decisions/0020). The two answers must agree, or the bench fails.
 * Usage: npm run bench:implementation [-- --plans 100 --measures 1000 --at 2026-01-01]
 * (`--at` before 2024-10-27 asks a past day, on which the service ranks the raw reports too.)
 * Needs a PostgreSQL server (BENCH_POSTGRES_URL, default postgres://postgres@127.0.0.1:5432/postgres).
 */
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { sql } from 'kysely';
import { openDatabase } from '../server/db/client.ts';
import { migrate } from '../server/db/migrate.ts';
import { loadReference } from '../server/reference/load-reference.ts';
import { seed } from '../server/reference/seed.ts';
import { rates } from '../server/modules/implementation/implementation.service.ts';
import { projectRoot } from '../server/config.ts';
import { ANONYMOUS } from '../server/policies/actor.ts';
import path from 'node:path';

const { values } = parseArgs({ options: { plans: { type: 'string', default: '100' }, measures: { type: 'string', default: '1000' }, reports: { type: 'string', default: '10' }, runs: { type: 'string', default: '3' }, at: { type: 'string', default: '2026-01-01' } } });
const PLANS = Number(values.plans);
const MEASURES = Number(values.measures);
const REPORTS = Number(values.reports);
const RUNS = Number(values.runs);
const serverUrl = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const name = `secretariat_bench_${process.pid}`;
const AT = values.at;

const admin = new pg.Client({ connectionString: serverUrl });
await admin.connect();
await admin.query(`create database ${name}`);
const url = new URL(serverUrl);
url.pathname = `/${name}`;
const database = await openDatabase({ databaseUrl: url.toString() });
try {
  await migrate(database);
  await seed(database.db, loadReference(path.join(projectRoot, 'data', 'sco')), 'bench');
  const t0 = performance.now();
  // Deterministic data, generated in the database: each measure has two responsible states, and
  // each report a value between baseline 0 and target 100.
  await sql`insert into app_user (id, email, display_name, created_at) values ('bench', 'bench@example.org', 'bench', now())`.execute(database.db);
  await sql`insert into action_plan (id, title_en, pillar, public, confidence, origin)
            select 'p' || i, 'Plan ' || i, (array['security','economy','culture'])[1 + i % 3], true, 'confirmed', 'demo' from generate_series(1, ${PLANS}) i`.execute(database.db);
  await sql`insert into measure (id, plan_id, code, title, responsible_states, start_date, deadline, baseline, target, weight)
            select 'm' || p || '_' || m, 'p' || p, m::text, 'Measure ' || m,
                   array[(array['KZ','UZ','KG','TJ','RU','CN','IN','PK','IR','BY'])[1 + m % 10], (array['KZ','UZ','KG','TJ','RU','CN','IN','PK','IR','BY'])[1 + (m + 3) % 10]],
                   date '2023-01-01', date '2025-01-01' + (m % 1000), 0, 100, 1 + m % 3
            from generate_series(1, ${PLANS}) p, generate_series(1, ${MEASURES}) m`.execute(database.db);
  await sql`insert into measure_report (id, measure_id, state_iso2, version, value, claim, report_date, submitted_by, submitted_at)
            select 'r' || p || '_' || m || '_' || r, 'm' || p || '_' || m,
                   case when r % 2 = 0 then (array['KZ','UZ','KG','TJ','RU','CN','IN','PK','IR','BY'])[1 + m % 10] else (array['KZ','UZ','KG','TJ','RU','CN','IN','PK','IR','BY'])[1 + (m + 3) % 10] end,
                   r, (p * 7 + m * 13 + r * 17) % 101, 'in_progress', date '2024-01-01' + r * 30, 'bench', now()
            from generate_series(1, ${PLANS}) p, generate_series(1, ${MEASURES}) m, generate_series(1, ${REPORTS}) r`.execute(database.db);
  await sql`analyze`.execute(database.db);
  const loadSeconds = (performance.now() - t0) / 1000;

  // Baseline: the same rule in one SQL statement over the raw reports (latest report per measure
  // and state, progress clamped to 0..1, mean over the two responsible states, weighted mean per plan).
  const baselineSql = sql<{ plan_id: string; rate: string }>`
    with latest as (
      select distinct on (measure_id, state_iso2) measure_id, state_iso2, value
      from measure_report where review <> 'returned' and report_date <= ${AT}
      order by measure_id, state_iso2, report_date desc, version desc
    ), per_measure as (
      select m.plan_id, m.weight,
             sum(greatest(0, least(1, (coalesce(l.value, m.baseline) - m.baseline) / (m.target - m.baseline)))) / cardinality(m.responsible_states) as progress
      from measure m left join latest l on l.measure_id = m.id and l.state_iso2 = any (m.responsible_states)
      where not m.dropped group by m.id
    )
    select plan_id, sum(weight * progress) / sum(weight) as rate from per_measure group by plan_id`;

  const time = async <T>(fn: () => Promise<T>) => {
    const samples: number[] = [];
    let result!: T;
    for (let i = 0; i < RUNS; i++) {
      const s = performance.now();
      result = await fn();
      samples.push(performance.now() - s);
    }
    samples.sort((a, b) => a - b);
    return { result, median: samples[Math.floor(samples.length / 2)]! };
  };
  const cpu = process.cpuUsage();
  const service = await time(() => rates(database.db, ANONYMOUS, 'plan', AT));
  const serviceCpu = process.cpuUsage(cpu);
  const baseline = await time(async () => (await baselineSql.execute(database.db)).rows);
  const byPlan = new Map(baseline.result.map((r) => [r.plan_id, Number(r.rate)]));
  // Every plan in both answers, with the same rate up to the rounding of numeric against doubles.
  const maxDiff = Math.max(...service.result.map((r) => Math.abs((r.rate ?? 0) - (byPlan.get(r.key) ?? NaN))));
  const rss = process.memoryUsage().rss / 2 ** 20;
  const peakRss = process.resourceUsage().maxRSS / 2 ** 10;

  console.log(`data: ${PLANS} plans × ${MEASURES} measures × ${REPORTS} reports = ${(PLANS * MEASURES * REPORTS).toLocaleString('en')} reports, generated in ${loadSeconds.toFixed(1)} s`);
  console.log(`service (read model + rules in TypeScript):     median ${service.median.toFixed(0)} ms over ${RUNS} runs`);
  console.log(`baseline (one SQL aggregate):                   median ${baseline.median.toFixed(0)} ms over ${RUNS} runs`);
  console.log(`service CPU in this process (user+sys, ${RUNS} runs): ${((serviceCpu.user + serviceCpu.system) / 1e6).toFixed(1)} s`);
  console.log(`ratio service/baseline: ${(service.median / baseline.median).toFixed(2)}×; largest difference between the two rates: ${maxDiff.toExponential(2)}; process RSS ${rss.toFixed(0)} MiB, peak ${peakRss.toFixed(0)} MiB`);
  if (service.result.length !== baseline.result.length || !(maxDiff < 1e-9)) {
    console.error(`the answers differ: ${service.result.length} plans from the service, ${baseline.result.length} from the baseline, largest difference ${maxDiff}`);
    process.exitCode = 1;
  }
} finally {
  await database.close();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.end();
}
