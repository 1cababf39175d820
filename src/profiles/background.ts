// Profile look-ups off the request path: the matches page reads only the cache and hands what
// it lacks (or what expired) to this queue, which asks the networks a few at a time and fills
// the cache for the next listing. One queue per process, shared by every user.
import type { Database } from '../db/index.ts';
import { BLUESKY_BATCH, type ProfileResolver, profileResolverFromEnv } from './lookup.ts';
import { type LookupResult, type ProfileKey, profileKey, saveProfiles } from './store.ts';

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

async function lookUp(resolver: ProfileResolver, keys: ProfileKey[]) {
  if (keys[0]?.platform === 'bluesky') {
    const found = await resolver.bluesky(keys.map((k) => k.target));
    return keys.map((key) => ({ key, result: found.get(key.target) ?? null }));
  }
  const answers: { key: ProfileKey; result: LookupResult }[] = [];
  for (const key of keys) answers.push({ key, result: await resolver.mastodon(key.target) });
  return answers;
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
      const bluesky = fresh.filter((k) => k.platform === 'bluesky');
      for (let i = 0; i < bluesky.length; i += BLUESKY_BATCH)
        queue.push({ database, keys: bluesky.slice(i, i + BLUESKY_BATCH) });
      for (const key of fresh.filter((k) => k.platform === 'mastodon')) queue.push({ database, keys: [key] });
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
