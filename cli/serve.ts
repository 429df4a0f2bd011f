import { Command, InvalidArgumentError } from 'commander';
import type { loadConfig } from '../server/config.ts';

export const parsePort = (value: string) => {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InvalidArgumentError('must be an integer 0-65535');
  return port;
};

export const serveCommand = (config: typeof loadConfig) =>
  new Command('serve')
    .description('Serve the portal and the API (migrates and seeds the reference data first)')
    .option('-p, --port <port>', 'port to listen on (env PORT, default 3000)', parsePort)
    .option('--host <host>', 'address to listen on (env HOST, default 127.0.0.1)')
    .action(async (opts: { port?: number; host?: string }) => {
      const c = config();
      const { serve } = await import('../server/main.ts');
      const { stop } = await serve({ ...c, port: opts.port ?? c.port, host: opts.host ?? c.host });
      const shutdown = () => void stop().then(() => process.exit(0));
      process.once('SIGINT', shutdown);
      process.once('SIGTERM', shutdown);
    });
