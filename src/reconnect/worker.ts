// Building an engine from the environment: the adapters every worker serves, the vault, a logger.
// Used by `passerelle worker` (any number of processes on PostgreSQL) and `passerelle serve`.
import type { Database } from '../db/index.ts';
import { BlueskyAdapter } from '../platforms/bluesky/adapter.ts';
import { MastodonAdapter } from '../platforms/mastodon/adapter.ts';
import { instancePolicyFromEnv } from '../platforms/mastodon/instance.ts';
import type { PlatformAdapter } from '../platforms/types.ts';
import { createLogger } from '../vault/redact.ts';
import { vaultFromEnv } from '../vault/vault.ts';
import { FollowEngine } from './engine.ts';

export function defaultAdapters(env: NodeJS.ProcessEnv = process.env): PlatformAdapter[] {
  return [new BlueskyAdapter(), new MastodonAdapter({ policy: instancePolicyFromEnv(env) })];
}

export function engineFromEnv(
  database: Database,
  options: { adapters?: PlatformAdapter[]; env?: NodeJS.ProcessEnv; workerId?: string } = {},
): FollowEngine {
  const env = options.env ?? process.env;
  return new FollowEngine({
    database,
    vault: vaultFromEnv(env),
    adapters: options.adapters ?? defaultAdapters(env),
    workerId: options.workerId,
    leaseMs: env.PASSERELLE_LEASE_MS ? Number(env.PASSERELLE_LEASE_MS) : undefined,
    logger: createLogger({ name: 'worker' }),
  });
}

/** Starts the engine in the background of this process; the returned function stops it. */
export function startBackgroundWorker(
  database: Database,
  env: NodeJS.ProcessEnv = process.env,
): () => Promise<void> {
  const engine = engineFromEnv(database, { env });
  const stop = new AbortController();
  const running = engine.run(stop.signal).catch((err) => {
    process.stderr.write(
      `passerelle: follow worker stopped: ${err instanceof Error ? err.message : String(err)}\n`,
    );
  });
  return async () => {
    stop.abort();
    await running;
  };
}
