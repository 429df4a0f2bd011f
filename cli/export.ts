import fs from 'node:fs';
import { Command, Option } from 'commander';
import type { loadConfig } from '../server/config.ts';

const LISTS = ['states', 'organs', 'chairmanships', 'meetings', 'documents'] as const;

export const exportCommand = (config: typeof loadConfig) =>
  new Command('export')
    .description('Export a registry list as CSV or JSON (the same data as the API)')
    .addArgument(new Command().createArgument('<list>', 'what to export').choices(LISTS))
    .addOption(new Option('-f, --format <format>', 'output format').choices(['csv', 'json']).default('csv'))
    .option('--at <date>', 'for states: status on this date (YYYY-MM-DD)')
    .option('-o, --out <file>', 'write to a file instead of standard output')
    .action(async (list: string, opts: { format: string; at?: string; out?: string }) => {
      const [{ openReady }, { buildApp }] = await Promise.all([import('../server/open-database.ts'), import('../server/app.ts')]);
      const { database } = await openReady(config());
      try {
        // The CLI goes through the API's own routes, so exports and API answers never differ.
        const app = await buildApp({ db: database.db, webDir: '' });
        const get = async (url: string) => {
          const res = await app.inject({ url });
          if (res.statusCode !== 200) throw new Error((res.json() as { detail: string }).detail);
          return res;
        };
        const query = new URLSearchParams(opts.at ? { at: opts.at } : {});
        let body: string;
        if (opts.format === 'csv') {
          body = (await get(`/api/v1/${list}.csv?${query}`)).body;
        } else {
          const items: unknown[] = [];
          for (let page = 1; ; page++) {
            const res = (await get(`/api/v1/${list}?${query}&per_page=200&page=${page}`)).json() as { items: unknown[]; total: number };
            items.push(...res.items);
            if (items.length >= res.total || res.items.length === 0) break;
          }
          body = `${JSON.stringify(items, null, 2)}\n`;
        }
        if (opts.out) fs.writeFileSync(opts.out, body);
        else process.stdout.write(body);
        await app.close();
      } finally {
        await database.close();
      }
    });
