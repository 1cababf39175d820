// Cross-network offers through the Bridgy Fed bridge: a person only on Bluesky is offered their
// Mastodon-only contacts as `user.instance.ap.brid.gy`, a person only on Mastodon their
// Bluesky-only contacts as `@handle@bsky.brid.gy` — and only when the bridged account exists
// (a contact who did not opt into the bridge has none). Existence goes through an injectable
// resolver and is cached in bridge_resolutions, so listing matches stays fast.
import type { Database } from '../db/index.ts';
import { newTaskState } from './activation.ts';
import { type Match, type MatchStatus, matchesForUser } from './matching.ts';

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

/**
 * Resolves over HTTP: Bluesky handles through com.atproto.identity.resolveHandle on a service
 * (an AppView or PDS), fediverse addresses through WebFinger on their domain. Both bases are
 * configurable so tests point at local peers.
 */
export function httpBridgeResolver(options: {
  handleService: string;
  /** WebFinger base for a domain; https://<domain> in production. */
  webfingerBase?: (domain: string) => string;
  timeoutMs?: number;
}): BridgeResolver {
  const timeout = options.timeoutMs ?? 5000;
  const webfingerBase = options.webfingerBase ?? ((domain: string) => `https://${domain}`);
  return {
    async resolveBlueskyHandle(handle) {
      const url = new URL('/xrpc/com.atproto.identity.resolveHandle', options.handleService);
      url.searchParams.set('handle', handle);
      const response = await fetch(url, { signal: AbortSignal.timeout(timeout) });
      if (response.status === 400) return null; // "Unable to resolve handle"
      if (!response.ok) throw new Error(`resolveHandle answered HTTP ${response.status}`);
      const body = (await response.json()) as { did?: unknown };
      return typeof body.did === 'string' && body.did.startsWith('did:') ? body.did : null;
    },
    async fediverseAccountExists(acct) {
      const domain = acct.split('@')[1] ?? '';
      const url = new URL('/.well-known/webfinger', webfingerBase(domain));
      url.searchParams.set('resource', `acct:${acct}`);
      const response = await fetch(url, {
        signal: AbortSignal.timeout(timeout),
        headers: { accept: 'application/jrd+json' },
      });
      if (response.status === 404) return false;
      if (!response.ok) throw new Error(`WebFinger answered HTTP ${response.status}`);
      const body = (await response.json()) as { links?: { rel?: string; type?: string }[] };
      return (body.links ?? []).some((l) => l.rel === 'self' && (l.type ?? '').includes('activity+json'));
    },
  };
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
 * Offers for a person on one network only: their matches on the other network, reached through
 * the bridge, for contacts not on their own network, when the bridged account exists.
 */
export async function bridgedMatchesForUser(
  database: Database,
  userId: number,
  resolver: BridgeResolver,
  config: BridgeConfig = DEFAULT_BRIDGE,
): Promise<Match[]> {
  const linked = await database.query<{ platform: string }>(
    `SELECT platform FROM linked_accounts WHERE user_id = $1 AND status <> 'unlinked'`,
    [userId],
  );
  const platforms = new Set(linked.map((l) => l.platform));
  if (platforms.size !== 1) return [];
  const home = platforms.has('bluesky') ? 'bluesky' : 'mastodon';
  const all = await matchesForUser(database, userId);
  const onHome = new Set(all.filter((m) => m.platform === home).map((m) => m.xId));
  const offers: Match[] = [];
  for (const m of all) {
    if (m.platform === home || onHome.has(m.xId)) continue;
    const address =
      home === 'bluesky' ? bridgedBlueskyHandle(m.target, config) : bridgedFediverseAddress(m.handle, config);
    const target = await resolveBridged(database, address, home, resolver, config);
    if (!target) continue;
    offers.push({
      ...m,
      platform: home,
      target,
      handle: address,
      instance: null,
      bridged: true,
      status: 'proposed',
    });
  }
  if (offers.length === 0) return offers;
  const states = await database.query<{ target: string; state: MatchStatus }>(
    `SELECT target, state FROM follow_tasks WHERE user_id = $1 AND platform = $2 AND target = ANY($3::text[])`,
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
  const offers = (await bridgedMatchesForUser(database, userId, resolver, config)).filter(
    (o) => o.status === 'proposed',
  );
  if (offers.length === 0) return 0;
  return database.transaction(async (tx) => {
    const rows = await tx.query<{ n: number }>(
      `WITH created AS (
         INSERT INTO follow_tasks (user_id, platform, target, target_x_id, state, reason)
         SELECT $1, p, t, x, $6, r FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]) AS u(p, t, x, r)
          WHERE EXISTS (SELECT 1 FROM user_consents uc WHERE uc.user_id = $1 AND uc.auto_follow)
         ON CONFLICT (user_id, platform, target) DO NOTHING
         RETURNING 1)
       SELECT count(*)::int AS n FROM created`,
      [
        userId,
        offers.map((o) => o.platform),
        offers.map((o) => o.target),
        offers.map((o) => o.xId),
        offers.map((o) => o.reason),
        await newTaskState(tx),
      ],
    );
    return rows[0]?.n ?? 0;
  });
}

/** The follow target of a bridged address (DID on Bluesky, the address on Mastodon), or null. */
async function resolveBridged(
  database: Database,
  address: string,
  home: string,
  resolver: BridgeResolver,
  config: BridgeConfig,
): Promise<string | null> {
  const [cached] = await database.query<{ exists: boolean; resolved_id: string | null }>(
    `SELECT "exists", resolved_id FROM bridge_resolutions
      WHERE address = $1 AND checked_at > now() - make_interval(secs => $2)`,
    [address, config.cacheSeconds],
  );
  if (cached) return cached.exists ? cached.resolved_id : null;
  let resolved: string | null;
  try {
    resolved =
      home === 'bluesky'
        ? await resolver.resolveBlueskyHandle(address)
        : (await resolver.fediverseAccountExists(address))
          ? address
          : null;
  } catch {
    return null; // unreachable bridge: no offer this time, asked again next time (not cached)
  }
  await database.query(
    `INSERT INTO bridge_resolutions (address, "exists", resolved_id, checked_at) VALUES ($1, $2, $3, now())
     ON CONFLICT (address) DO UPDATE SET "exists" = EXCLUDED."exists", resolved_id = EXCLUDED.resolved_id, checked_at = now()`,
    [address, resolved !== null, resolved],
  );
  return resolved;
}
