// Cross-network offers through the Bridgy Fed bridge: a person only on Bluesky is offered their
// Mastodon-only contacts as `user.instance.ap.brid.gy`, a person only on Mastodon their
// Bluesky-only contacts as `@handle@bsky.brid.gy` — and only when the bridged account exists
// (a contact who did not opt into the bridge has none). Existence goes through an injectable
// resolver and is cached in bridge_resolutions, so listing matches stays fast.
import type { Database } from '../db/index.ts';
import type { NetworkName } from '../platforms/registry.ts';
import { planListed } from '../reconnect/tasks.ts';
import { newTaskState } from './activation.ts';
import { getConsents } from './consent.ts';
import { type Match, type MatchStatus, matchesForUser, TASK_STATUS_SQL } from './matching.ts';

export interface BridgeConfig {
  /** Suffix of fediverse accounts bridged into Bluesky: user@host → user.host.<suffix>. */
  apDomain: string;
  /** Domain of Bluesky accounts bridged into the fediverse: handle → handle@<domain>. */
  bskyDomain: string;
  /** How long a look-up result is trusted before asking again. */
  cacheSeconds: number;
}

export const DEFAULT_BRIDGE: BridgeConfig = {
  apDomain: 'ap.brid.gy',
  bskyDomain: 'bsky.brid.gy',
  cacheSeconds: 86_400,
};

export function bridgeConfigFromEnv(env: NodeJS.ProcessEnv = process.env): BridgeConfig {
  return {
    apDomain: env.BRIDGY_AP_DOMAIN?.trim() || DEFAULT_BRIDGE.apDomain,
    bskyDomain: env.BRIDGY_BSKY_DOMAIN?.trim() || DEFAULT_BRIDGE.bskyDomain,
    cacheSeconds: Number(env.BRIDGY_CACHE_SECONDS) || DEFAULT_BRIDGE.cacheSeconds,
  };
}

export interface BridgeResolver {
  /** The DID behind a Bluesky handle, or null when there is none. */
  resolveBlueskyHandle(handle: string): Promise<string | null>;
  /** Whether a fediverse address (`user@domain`) exists. */
  fediverseAccountExists(acct: string): Promise<boolean>;
}

/** user@host → user.host.<apDomain> (Bridgy Fed's Bluesky handle for a fediverse account). */
export function bridgedBlueskyHandle(acct: string, config: BridgeConfig): string {
  const [user, host] = acct.replace(/^@/, '').split('@');
  return `${(user ?? '').toLowerCase().replaceAll('_', '-')}.${(host ?? '').toLowerCase()}.${config.apDomain}`;
}

/** handle → handle@<bskyDomain> (Bridgy Fed's fediverse address for a Bluesky account). */
export function bridgedFediverseAddress(handle: string, config: BridgeConfig): string {
  return `${handle.toLowerCase()}@${config.bskyDomain}`;
}

/**
 * How the bridge shows the other network's accounts to a person at home on one network: the
 * address it gives them there, and how that address is confirmed to exist.
 */
interface BridgedInto {
  address(match: Match, config: BridgeConfig): string;
  resolve(resolver: BridgeResolver, address: string): Promise<string | null>;
}

const BRIDGED_INTO = {
  bluesky: {
    address: (m, config) => bridgedBlueskyHandle(m.target, config),
    resolve: (resolver, address) => resolver.resolveBlueskyHandle(address),
  },
  mastodon: {
    address: (m, config) => bridgedFediverseAddress(m.handle, config),
    resolve: async (resolver, address) => ((await resolver.fediverseAccountExists(address)) ? address : null),
  },
} satisfies Partial<Record<NetworkName, BridgedInto>>;

type Network = keyof typeof BRIDGED_INTO;

/** What still has to be looked up for a person's offers: addresses never asked, or asked too long ago. */
export interface BridgeLookup {
  home: Network;
  addresses: string[];
}

/**
 * Offers for a person on one network only, from cached look-ups alone (no request leaves): their
 * matches on the other network, reached through the bridge, for contacts not on their own
 * network, when the bridged account is known to exist. `lookup` lists what the cache lacks or
 * holds for longer than `cacheSeconds` (a stale answer is still used meanwhile).
 */
export async function cachedBridgedMatches(
  database: Database,
  userId: number,
  config: BridgeConfig = DEFAULT_BRIDGE,
  matches?: Match[],
): Promise<{ offers: Match[]; lookup: BridgeLookup | null }> {
  const home = await homeNetwork(database, userId);
  if (!home) return { offers: [], lookup: null };
  const all = matches ?? (await matchesForUser(database, userId));
  const onHome = new Set(all.filter((m) => m.platform === home).map((m) => m.xId));
  const candidates = all
    .filter((m) => m.platform !== home && !onHome.has(m.xId))
    .map((m) => ({
      match: m,
      address: BRIDGED_INTO[home].address(m, config),
    }));
  if (candidates.length === 0) return { offers: [], lookup: null };
  const cached = await database.query<{ address: string; target: string | null; fresh: boolean }>(
    `SELECT address, CASE WHEN "exists" THEN resolved_id END AS target,
            checked_at > now() - make_interval(secs => $2) AS fresh
       FROM bridge_resolutions WHERE address = ANY($1::text[])`,
    [candidates.map((c) => c.address), config.cacheSeconds],
  );
  const known = new Map(cached.map((r) => [r.address, r]));
  const stale = candidates.filter((c) => !known.get(c.address)?.fresh).map((c) => c.address);
  const offers: Match[] = [];
  for (const { match, address } of candidates) {
    const target = known.get(address)?.target;
    if (!target) continue;
    offers.push({ ...match, platform: home, target, handle: address, instance: null, bridged: true });
  }
  return {
    offers: await withTaskStates(database, userId, home, offers),
    lookup: stale.length > 0 ? { home, addresses: [...new Set(stale)] } : null,
  };
}

/**
 * The same offers after asking the bridge about every address the cache lacks or holds too
 * long (a few at a time), for the CSV export and automatic mode.
 */
export async function bridgedMatchesForUser(
  database: Database,
  userId: number,
  resolver: BridgeResolver,
  config: BridgeConfig = DEFAULT_BRIDGE,
): Promise<Match[]> {
  const all = await matchesForUser(database, userId);
  const first = await cachedBridgedMatches(database, userId, config, all);
  if (!first.lookup) return first.offers;
  await resolveBridgeAddresses(database, first.lookup, resolver);
  return (await cachedBridgedMatches(database, userId, config, all)).offers;
}

/** The person's only network, or null when they linked none or both (no bridge needed then). */
async function homeNetwork(database: Database, userId: number): Promise<Network | null> {
  const linked = await database.query<{ platform: string }>(
    `SELECT DISTINCT platform FROM linked_accounts WHERE user_id = $1 AND status <> 'unlinked'`,
    [userId],
  );
  if (linked.length !== 1) return null;
  const home = linked[0]?.platform;
  return home !== undefined && Object.hasOwn(BRIDGED_INTO, home) ? (home as Network) : null;
}

async function withTaskStates(database: Database, userId: number, home: Network, offers: Match[]) {
  if (offers.length === 0) return offers;
  const states = await database.query<{ target: string; state: MatchStatus }>(
    `SELECT t.target, ${TASK_STATUS_SQL} AS state FROM follow_tasks t
      WHERE user_id = $1 AND platform = $2 AND target = ANY($3::text[]) AND kind = 'follow'`,
    [userId, home, offers.map((o) => o.target)],
  );
  const byTarget = new Map(states.map((s) => [s.target, s.state]));
  return offers.map((o) => ({ ...o, status: byTarget.get(o.target) ?? 'proposed' }));
}

/** Follow tasks for the bridged offers of a person in automatic mode (never resurrecting any). */
export async function planBridgedTasks(
  database: Database,
  userId: number,
  resolver: BridgeResolver,
  config: BridgeConfig = DEFAULT_BRIDGE,
): Promise<number> {
  const { followBack } = await getConsents(database, userId);
  const offers = (await bridgedMatchesForUser(database, userId, resolver, config)).filter(
    (o) => o.status === 'proposed' && (followBack || o.reason !== 'follower'),
  );
  if (offers.length === 0) return 0;
  return database.transaction(async (tx) =>
    planListed(tx, userId, offers, await newTaskState(tx), { onlyInAutomaticMode: true }),
  );
}

/** Look-ups at once against the bridge: enough to overlap latency, few enough to stay polite. */
const LOOKUP_CONCURRENCY = 4;

/**
 * Asks the bridge about each address and caches the answer (found or not). An address whose
 * look-up fails is not cached: no offer this time, asked again next time.
 */
export async function resolveBridgeAddresses(
  database: Database,
  lookup: BridgeLookup,
  resolver: BridgeResolver,
): Promise<void> {
  const queue = [...lookup.addresses];
  const worker = async () => {
    for (let address = queue.shift(); address !== undefined; address = queue.shift()) {
      let resolved: string | null;
      try {
        resolved = await BRIDGED_INTO[lookup.home].resolve(resolver, address);
      } catch {
        continue;
      }
      await database.query(
        `INSERT INTO bridge_resolutions (address, "exists", resolved_id, checked_at) VALUES ($1, $2, $3, now())
         ON CONFLICT (address) DO UPDATE SET "exists" = EXCLUDED."exists", resolved_id = EXCLUDED.resolved_id, checked_at = now()`,
        [address, resolved !== null, resolved],
      );
    }
  };
  await Promise.all(Array.from({ length: Math.min(LOOKUP_CONCURRENCY, queue.length) }, worker));
}
