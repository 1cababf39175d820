// `passerelle serve`: the web server on the configured database, stopped cleanly on SIGTERM.
import type { Command } from 'commander';

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('Start the web server (PGlite in DATA_DIR unless DATABASE_URL is set)')
    .option('--port <port>', 'HTTP port', process.env.PORT ?? '8080')
    .option('--host <host>', 'address to listen on', process.env.HOST ?? '127.0.0.1')
    .action(async (opts: { port: string; host: string }) => startServer(Number(opts.port), opts.host));
}

async function startServer(port: number, hostname: string): Promise<void> {
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Invalid port "${port}".`);
  const { serve } = await import('@hono/node-server');
  const { databaseConfigFromEnv } = await import('../db/config.ts');
  const { openDatabase } = await import('../db/index.ts');
  const { createApp } = await import('../web/app.ts');
  const database = await openDatabase(databaseConfigFromEnv());
  const server = serve({ fetch: createApp({ database }).fetch, port, hostname }, (info) => {
    process.stderr.write(`Passerelle listening on http://${hostname}:${info.port} (${database.kind})\n`);
  });
  const shutdown = () => {
    server.close(async () => {
      await database.close();
      process.exit(0);
    });
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}
