// Bridge look-ups off the request path: listing matches reads only the cache of bridge_resolutions
// and hands what it lacks to this queue, which asks the bridge a few addresses at a time and
// fills the cache for the next listing. One queue per process, shared by every user.
import type { Database } from '../db/index.ts';
import {
  type BridgeConfig,
  type BridgeLookup,
  type BridgeResolver,
  bridgeConfigFromEnv,
  DEFAULT_BRIDGE,
  resolveBridgeAddresses,
} from './bridge.ts';
import { bridgeResolverFromEnv } from './bridge-http.ts';

export interface BridgeLookups {
  readonly config: BridgeConfig;
  /** Queues the addresses not yet queued; returns at once. */
  refresh(database: Database, lookup: BridgeLookup): void;
  /** Resolves once the queue is empty and no look-up is under way. */
  idle(): Promise<void>;
  /** Drops what is queued and waits for the look-ups under way (shutdown). */
  stop(): Promise<void>;
}

/** Look-ups under way at once, for the whole process. */
const CONCURRENCY = 4;
/** Beyond this many queued addresses new ones are dropped; the next listing queues them again. */
const MAX_QUEUED = 10_000;

export function backgroundBridgeLookups(
  resolver: BridgeResolver,
  config: BridgeConfig = DEFAULT_BRIDGE,
): BridgeLookups {
  const queue: { database: Database; home: BridgeLookup['home']; address: string }[] = [];
  const queued = new Set<string>();
  const waiting: (() => void)[] = [];
  let active = 0;

  const pump = () => {
    while (active < CONCURRENCY && queue.length > 0) {
      const item = queue.shift() as (typeof queue)[number];
      active++;
      resolveBridgeAddresses(item.database, { home: item.home, addresses: [item.address] }, resolver)
        .catch((err: unknown) => {
          // The database went away or refused the write: the address is asked again next time.
          process.emitWarning(`Bridge look-up of ${item.address} not saved: ${(err as Error).message}`);
        })
        .finally(() => {
          queued.delete(item.address);
          active--;
          pump();
        });
    }
    if (active === 0 && queue.length === 0) for (const resolve of waiting.splice(0)) resolve();
  };

  const idle = () =>
    active === 0 && queue.length === 0
      ? Promise.resolve()
      : new Promise<void>((resolve) => waiting.push(resolve));
  return {
    config,
    refresh(database, lookup) {
      for (const address of lookup.addresses) {
        if (queued.has(address) || queued.size >= MAX_QUEUED) continue;
        queued.add(address);
        queue.push({ database, home: lookup.home, address });
      }
      pump();
    },
    idle,
    stop() {
      for (const item of queue.splice(0)) queued.delete(item.address);
      return idle();
    },
  };
}

/** The look-ups `passerelle serve` uses, from the environment; null when BRIDGY_FED=0. */
export function bridgeLookupsFromEnv(env: NodeJS.ProcessEnv = process.env): BridgeLookups | null {
  const resolver = bridgeResolverFromEnv(env);
  return resolver ? backgroundBridgeLookups(resolver, bridgeConfigFromEnv(env)) : null;
}
