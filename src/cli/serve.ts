// `passerelle serve`: the web server on the configured database, stopped cleanly on SIGTERM.
import { serve } from '@hono/node-server';
import type { Command } from 'commander';
import { databaseConfigFromEnv } from '../db/config.ts';
import { openDatabase } from '../db/index.ts';
import { startBackgroundWorker } from '../reconnect/worker.ts';
import { createApp } from '../web/app.ts';

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('Start the web server (PGlite in DATA_DIR unless DATABASE_URL is set)')
    .option('--port <port>', 'HTTP port', process.env.PORT ?? '8080')
    .option('--host <host>', 'address to listen on', process.env.HOST ?? '127.0.0.1')
    .option('--no-worker', 'do not make follows in this process (run `passerelle worker` instead)')
    .action(async (opts: { port: string; host: string; worker: boolean }) =>
      startServer(Number(opts.port), opts.host, opts.worker),
    );
}

async function startServer(port: number, hostname: string, withWorker: boolean): Promise<void> {
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Invalid port "${port}".`);
  const database = await openDatabase(databaseConfigFromEnv());
  // The follow engine runs in this process unless told otherwise (the default on PGlite).
  let stopWorker: (() => Promise<void>) | undefined;
  if (withWorker && process.env.PASSERELLE_VAULT_KEYS) stopWorker = startBackgroundWorker(database);
  else if (withWorker)
    process.stderr.write('Follows are not made: set PASSERELLE_VAULT_KEYS to enable the worker.\n');
  const server = serve({ fetch: createApp({ database }).fetch, port, hostname }, (info) => {
    process.stderr.write(`Passerelle listening on http://${hostname}:${info.port} (${database.kind})\n`);
  });
  const shutdown = () => {
    server.close(async () => {
      await stopWorker?.();
      await database.close();
      process.exit(0);
    });
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}
