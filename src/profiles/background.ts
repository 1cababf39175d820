// Profile look-ups off the request path: the matches page reads only the cache and hands what
// it lacks (or what expired) to this queue, which asks the networks a few at a time and fills
// the cache for the next listing. One queue per process, shared by every user.
import type { Database } from '../db/index.ts';
import { NETWORK_NAMES, network } from '../platforms/registry.ts';
import { type ProfileResolver, profileResolverFromEnv } from './lookup.ts';
import { type ProfileKey, profileKey, saveProfiles } from './store.ts';

export interface ProfileLookups {
  /** How long an answer is trusted before it is asked again (seconds). */
  readonly maxAgeSeconds: number;
  /** Queues the accounts not yet queued; returns at once. */
  refresh(database: Database, keys: ProfileKey[]): void;
  /** Resolves once the queue is empty and no look-up is under way. */
  idle(): Promise<void>;
  /** Drops what is queued and waits for the look-ups under way (shutdown). */
  stop(): Promise<void>;
}

const CONCURRENCY = 2;
/** Beyond this many queued accounts new ones are dropped; the next listing queues them again. */
const MAX_QUEUED = 5_000;
export const DEFAULT_PROFILE_MAX_AGE_SECONDS = 86_400;

type Job = { database: Database; keys: ProfileKey[] };

/** One job's accounts, all of one network, asked of that network. */
async function lookUp(resolver: ProfileResolver, keys: ProfileKey[]) {
  const profiles = keys[0] && network(keys[0].platform).profiles;
  const found = profiles
    ? await profiles.lookup(
        resolver,
        keys.map((k) => k.target),
      )
    : new Map();
  return keys.map((key) => ({ key, result: found.get(key.target) ?? null }));
}

/** The jobs for these accounts: each network's, in batches of the size it asks at once. */
function jobsOf(database: Database, keys: ProfileKey[]): Job[] {
  return NETWORK_NAMES.flatMap((name) => {
    const profiles = network(name).profiles;
    if (!profiles) return [];
    const mine = keys.filter((k) => k.platform === name);
    const jobs: Job[] = [];
    for (let i = 0; i < mine.length; i += profiles.batchSize)
      jobs.push({ database, keys: mine.slice(i, i + profiles.batchSize) });
    return jobs;
  });
}

export function backgroundProfileLookups(
  resolver: ProfileResolver,
  maxAgeSeconds = DEFAULT_PROFILE_MAX_AGE_SECONDS,
): ProfileLookups {
  const queue: Job[] = [];
  const queued = new Set<string>();
  const waiting: (() => void)[] = [];
  let active = 0;

  const pump = () => {
    while (active < CONCURRENCY && queue.length > 0) {
      const job = queue.shift() as Job;
      active++;
      lookUp(resolver, job.keys)
        .then((answers) => saveProfiles(job.database, answers))
        .catch((err: unknown) => {
          // A network that cannot be reached is asked again by a later listing; nothing is cached.
          process.emitWarning(`Profile look-up not saved: ${(err as Error).message}`);
        })
        .finally(() => {
          for (const key of job.keys) queued.delete(profileKey(key.platform, key.target));
          active--;
          pump();
        });
    }
    if (active === 0 && queue.length === 0) for (const resolve of waiting.splice(0)) resolve();
  };

  return {
    maxAgeSeconds,
    refresh(database, keys) {
      const fresh = keys.filter((k) => {
        const id = profileKey(k.platform, k.target);
        if (queued.has(id) || queued.size >= MAX_QUEUED) return false;
        queued.add(id);
        return true;
      });
      queue.push(...jobsOf(database, fresh));
      pump();
    },
    idle: () =>
      active === 0 && queue.length === 0
        ? Promise.resolve()
        : new Promise<void>((resolve) => waiting.push(resolve)),
    stop() {
      for (const job of queue.splice(0))
        for (const key of job.keys) queued.delete(profileKey(key.platform, key.target));
      return this.idle();
    },
  };
}

/** The look-ups `passerelle serve` uses; PASSERELLE_PROFILE_CACHE_SECONDS sets the expiry. */
export function profileLookupsFromEnv(env: NodeJS.ProcessEnv = process.env): ProfileLookups {
  const seconds = Number(env.PASSERELLE_PROFILE_CACHE_SECONDS ?? DEFAULT_PROFILE_MAX_AGE_SECONDS);
  if (!Number.isInteger(seconds) || seconds < 60)
    throw new Error(
      `PASSERELLE_PROFILE_CACHE_SECONDS must be a whole number of seconds, at least 60 (got "${env.PASSERELLE_PROFILE_CACHE_SECONDS}").`,
    );
  return backgroundProfileLookups(profileResolverFromEnv(env), seconds);
}
