// Building an engine from the environment: the adapters every worker serves, the vault, a logger.
// Used by `passerelle worker` (any number of processes on PostgreSQL) and `passerelle serve`.
import { setTimeout as delay } from 'node:timers/promises';
import { databaseOutage } from '../db/errors.ts';
import type { Database } from '../db/index.ts';
import { BlueskyAdapter } from '../platforms/bluesky/adapter.ts';
import { blueskyOAuthClientFromEnv } from '../platforms/bluesky/oauth-env.ts';
import { MastodonAdapter } from '../platforms/mastodon/adapter.ts';
import { instancePolicyFromEnv } from '../platforms/mastodon/instance.ts';
import type { PlatformAdapter } from '../platforms/types.ts';
import { createLogger } from '../vault/redact.ts';
import { type Vault, vaultFromEnv } from '../vault/vault.ts';
import { FollowEngine } from './engine.ts';

/** Both networks; Bluesky with the deployment's OAuth client, so web-linked sessions are usable. */
export async function defaultAdapters(
  database: Database,
  vault: Vault,
  env: NodeJS.ProcessEnv = process.env,
): Promise<PlatformAdapter[]> {
  const oauthClient = await blueskyOAuthClientFromEnv(database, vault, env);
  const policy = instancePolicyFromEnv(env);
  return [new BlueskyAdapter({ oauthClient, policy }), new MastodonAdapter({ policy })];
}

export async function engineFromEnv(
  database: Database,
  options: { adapters?: PlatformAdapter[]; env?: NodeJS.ProcessEnv; workerId?: string } = {},
): Promise<FollowEngine> {
  const env = options.env ?? process.env;
  const vault = vaultFromEnv(env);
  return new FollowEngine({
    database,
    vault,
    adapters: options.adapters ?? (await defaultAdapters(database, vault, env)),
    workerId: options.workerId,
    leaseMs: env.PASSERELLE_LEASE_MS ? Number(env.PASSERELLE_LEASE_MS) : undefined,
    logger: createLogger({ name: 'worker' }),
  });
}

/** Starts the engine in the background of this process; the returned function stops it. */
export async function startBackgroundWorker(
  database: Database,
  env: NodeJS.ProcessEnv = process.env,
): Promise<() => Promise<void>> {
  const engine = await engineFromEnv(database, { env });
  const stop = new AbortController();
  const running = runThroughOutages(engine, stop.signal).catch((err) => {
    process.stderr.write(
      `passerelle: follow worker stopped: ${err instanceof Error ? err.message : String(err)}\n`,
    );
  });
  return async () => {
    stop.abort();
    await running;
  };
}

/** Pause after the database could not serve, before the engine tries again. */
const OUTAGE_PAUSE_MS = 5_000;

/**
 * Runs the engine until the signal aborts; a database outage (lost connection, server restart,
 * full disk) pauses it and it goes on, since leases expire and tasks stay in the database. Any
 * other error stops it.
 */
export async function runThroughOutages(
  engine: Pick<FollowEngine, 'run'>,
  signal: AbortSignal,
  pauseMs = OUTAGE_PAUSE_MS,
): Promise<void> {
  while (!signal.aborted) {
    try {
      await engine.run(signal);
      return;
    } catch (err) {
      const outage = databaseOutage(err);
      if (!outage) throw err;
      process.stderr.write(
        `passerelle: follow worker paused (${outage}: ${err instanceof Error ? err.message : err}); going on in ${pauseMs / 1000} s.\n`,
      );
      await delay(pauseMs, undefined, { signal }).catch(() => {});
    }
  }
}
