// `passerelle serve`: the web server (API + built SPA) and, unless --no-worker, the follow worker,
// on the configured database; SIGTERM stops taking requests, lets the worker finish its batch and
// release its leases, then closes the database.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import type { Database } from '../db/index.ts';
import { announceEmbeddedVaultKey } from './vault-key.ts';

/** A running worker; stop() finishes in-flight batches and releases leases before resolving. */
export interface WorkerHandle {
  stop(): Promise<void>;
}

export type StartWorker = (database: Database) => Promise<WorkerHandle>;

export interface ServeContext {
  port: number;
  hostname: string;
  /** false with --no-worker (scale-out: web-only processes). */
  worker: boolean;
  /** Folder of the built SPA; API only when it does not exist. */
  staticDir: string;
  /**
   * Starts the follow worker in this process. The follow engine (src/reconnect) provides it; until
   * it is wired here, `serve` runs the web server only and says so.
   */
  startWorker?: StartWorker;
}

const DEFAULT_STATIC_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/ui');

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('Start the web server and the worker (PGlite in DATA_DIR unless DATABASE_URL is set)')
    .option('--port <port>', 'HTTP port', process.env.PORT ?? '8080')
    .option('--host <host>', 'address to listen on', process.env.HOST ?? '127.0.0.1')
    .option('--no-worker', 'web only: no follow worker in this process (scale-out)')
    .action(async (opts: { port: string; host: string; worker: boolean }) => {
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new Error(`Invalid port "${opts.port}": give a number from 0 (any free port) to 65535.`);
      // Without PUBLIC_ORIGIN, OAuth redirects are derived from PORT: keep it the port served.
      if (port > 0) process.env.PORT = String(port);
      await startServer({
        port,
        hostname: opts.host,
        worker: opts.worker,
        staticDir: process.env.UI_DIR ?? DEFAULT_STATIC_DIR,
        startWorker: startFollowWorker,
      });
    });
}

/**
 * The worker's duties in this process: the directory's clock (activation day, digests) and the
 * follow engine, which needs the token vault's keys to use linked accounts.
 */
const startFollowWorker: StartWorker = async (database) => {
  const { startDirectoryClock } = await import('../directory/clock.ts');
  const { communityNetworksFromEnv, startCommunityClock } = await import('../communities/clock.ts');
  const stopDirectoryClock = startDirectoryClock(database);
  const stopCommunities = startCommunityClock(database, await communityNetworksFromEnv(database));
  const stopClock = async () => {
    await Promise.all([stopDirectoryClock(), stopCommunities()]);
  };
  if (!process.env.PASSERELLE_VAULT_KEYS) {
    process.stderr.write('Follows are not made: set PASSERELLE_VAULT_KEYS to enable the worker.\n');
    return { stop: stopClock };
  }
  const { startBackgroundWorker } = await import('../reconnect/worker.ts');
  const stopEngine = await startBackgroundWorker(database);
  return {
    stop: async () => {
      await Promise.all([stopClock(), stopEngine()]);
    },
  };
};

export async function startServer(ctx: ServeContext): Promise<void> {
  announceEmbeddedVaultKey();
  const { serve } = await import('@hono/node-server');
  const { databaseConfigFromEnv } = await import('../db/config.ts');
  const { openDatabase } = await import('../db/index.ts');
  const { createApp } = await import('../web/app.ts');
  const { webConfigFromEnv } = await import('../web/context.ts');
  const { scheduleHousekeeping } = await import('../web/housekeeping.ts');
  const database = await openDatabase(databaseConfigFromEnv());
  const hasUi = existsSync(path.join(ctx.staticDir, 'index.html'));
  if (!hasUi)
    process.stderr.write(`No built web app in ${ctx.staticDir}: serving the API only (run npm run build).\n`);
  const { platformLinksFromEnv } = await import('../web/links-env.ts');
  const { xOAuthConfigFromEnv } = await import('../identity/x-oauth.ts');
  const links = await platformLinksFromEnv(database);
  if (!links) process.stderr.write('Linking accounts is off: set PASSERELLE_VAULT_KEYS to enable it.\n');
  const { bridgeLookupsFromEnv } = await import('../directory/bridge-lookups.ts');
  const bridge = bridgeLookupsFromEnv() ?? undefined;
  const { profileLookupsFromEnv } = await import('../profiles/background.ts');
  const profiles = profileLookupsFromEnv();
  const { instancesFromEnv } = await import('../share/instances.ts');
  const { digestFromEnv } = await import('../directory/digest.ts');
  const mail = digestFromEnv();
  if (!mail)
    process.stderr.write('Emails are off: set SMTP_URL, DIGEST_FROM, PUBLIC_URL and PASSERELLE_SECRET.\n');
  const app = createApp({
    database,
    config: webConfigFromEnv(),
    links,
    x: xOAuthConfigFromEnv(),
    bridge,
    profiles,
    instances: instancesFromEnv(),
    mail,
    staticDir: hasUi ? ctx.staticDir : undefined,
  });
  const { smtpSender } = await import('../web/pledge-notify.ts');
  const send = process.env.SMTP_URL
    ? await smtpSender(process.env.SMTP_URL, process.env.MAIL_FROM ?? 'Passerelle <no-reply@localhost>')
    : undefined;
  const stopHousekeeping = scheduleHousekeeping(database, send);
  let worker: WorkerHandle | undefined;
  if (ctx.worker && ctx.startWorker) worker = await ctx.startWorker(database);
  else if (ctx.worker)
    process.stderr.write('No follow worker is available in this build: web server only.\n');
  const server = serve({ fetch: app.fetch, port: ctx.port, hostname: ctx.hostname }, (info) => {
    process.stderr.write(`Passerelle listening on http://${ctx.hostname}:${info.port} (${database.kind})\n`);
  });
  let stopping = false;
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    stopHousekeeping();
    server.close(async () => {
      await bridge?.stop();
      await profiles.stop();
      await worker?.stop();
      await database.close();
      process.exit(0);
    });
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}
