// The matches and progress pages' data: the directory's matches in the shapes of contracts.ts,
// "reconnect all" and the per-network progress of the follow engine.
import type { Database } from '../db/index.ts';
import { type ActivationView, activationView, RELEASE_BUDGETS } from '../directory/activation.ts';
import { cachedBridgedMatches } from '../directory/bridge.ts';
import type { BridgeLookups } from '../directory/bridge-lookups.ts';
import { DEFAULT_CONSENTS, getConsents } from '../directory/consent.ts';
import { hereCounts } from '../directory/here.ts';
import {
  type Match as DirectoryMatch,
  MatchInputError,
  type MatchSources,
  matchesForUser,
  TASK_STATUS_SQL,
} from '../directory/matching.ts';
import { reconnectAll as reconnectEveryMatch } from '../directory/reconnect.ts';
import { isNetwork, type NetworkName } from '../platforms/registry.ts';
import type { ProfileLookups } from '../profiles/background.ts';
import { cachedProfiles } from '../profiles/store.ts';
import type { Match, Matches, Progress } from './contracts.ts';
import { protectedSummary } from './protected.ts';

type Network = NetworkName;
type Filter = 'all' | 'followed_you' | 'mutuals' | 'bridged' | 'dismissed';

const REASONS = { followed: 'you_followed_on_x', follower: 'followed_you_on_x', both: 'mutual' } as const;

/** A match's id in URLs: the network and the follow target (a DID or user@host). */
export function matchId(platform: string, target: string): string {
  return `${platform}:${target}`;
}

export function parseMatchId(id: string): { platform: Network; target: string } {
  const colon = id.indexOf(':');
  const platform = id.slice(0, colon);
  const target = id.slice(colon + 1);
  if (colon < 0 || !isNetwork(platform) || !target)
    throw new MatchInputError(`"${id.slice(0, 100)}" is not a match id (network:target).`);
  return { platform, target };
}

interface AccountState {
  needsReauth: boolean;
  parkedUntil: Date | null;
}

async function accountStates(database: Database, userId: number): Promise<Map<string, AccountState>> {
  const rows = await database.query<{ platform: string; status: string; parked_until: Date | string | null }>(
    `SELECT la.platform, la.status, s.parked_until FROM linked_accounts la
       LEFT JOIN follow_schedules s ON s.linked_account_id = la.id
      WHERE la.user_id = $1 AND la.status <> 'unlinked'`,
    [userId],
  );
  const now = Date.now();
  return new Map(
    rows.map((r) => {
      const parked = r.parked_until ? new Date(r.parked_until) : null;
      return [
        r.platform,
        {
          needsReauth: r.status === 'needs_reauth',
          parkedUntil: parked && parked.getTime() > now ? parked : null,
        },
      ];
    }),
  );
}

/** The switch-on that held tasks wait for, if it has not come yet. */
function pendingSwitchOn(activation: ActivationView | null): Date | null {
  return activation && activation.releasedAt === null ? new Date(activation.activatesAt) : null;
}

function statusOf(m: DirectoryMatch, account: AccountState | undefined): Match['status'] {
  switch (m.status) {
    case 'proposed':
    // Paused by automatic mode off: nothing goes until "reconnect all" (or automatic mode) asks again.
    case 'paused':
      return 'suggested';
    case 'pending':
    case 'in_flight':
      if (account?.needsReauth) return 'needs_reauth';
      return account?.parkedUntil ? 'waiting' : 'queued';
    case 'unavailable':
      return 'failed';
    default:
      return m.status;
  }
}

function keep(m: Match, filter: Filter, q: string | undefined): boolean {
  if (filter === 'dismissed' ? m.status !== 'dismissed' : m.status === 'dismissed') return false;
  if (filter === 'followed_you' && m.reason === 'you_followed_on_x') return false;
  if (filter === 'mutuals' && m.reason !== 'mutual') return false;
  if (filter === 'bridged' && !m.bridged) return false;
  if (q) {
    const needle = q.toLowerCase();
    return m.handle.toLowerCase().includes(needle) || (m.xUsername ?? '').toLowerCase().includes(needle);
  }
  return true;
}

/**
 * The bridge's offers as far as the cache knows them: a listing never waits on the bridge. What
 * the cache lacks goes to the background look-ups and shows up in a later listing.
 */
export async function bridgedOffers(
  database: Database,
  userId: number,
  bridge: BridgeLookups | undefined,
  direct?: DirectoryMatch[],
): Promise<DirectoryMatch[]> {
  if (!bridge) return [];
  const { offers, lookup } = await cachedBridgedMatches(database, userId, bridge.config, direct);
  if (lookup) bridge.refresh(database, lookup);
  return offers;
}

/** Dismiss and restore also find the bridge's offers (cache only, inside their transaction). */
export function bridgedSources(bridge: BridgeLookups | undefined, userId: number): MatchSources {
  if (!bridge) return {};
  return { alsoAmong: async (tx) => (await cachedBridgedMatches(tx, userId, bridge.config)).offers };
}

/**
 * Who each X id was on X, from the account's own record, for the X ids whose holder is proven and
 * lets the people who followed them find them (the directory's consent): nobody else's name shows.
 */
async function discoverableXNames(database: Database, xIds: string[]) {
  const rows = await database.query<{ id: string; username: string | null; display_name: string | null }>(
    `SELECT a.id, a.username, a.display_name FROM x_accounts a
       JOIN users u ON u.x_account_id = a.id AND u.x_proven_at IS NOT NULL
       LEFT JOIN user_consents uc ON uc.user_id = u.id
      WHERE a.id = ANY($1::text[]) AND coalesce(uc.discoverable, ${DEFAULT_CONSENTS.discoverable})`,
    [xIds],
  );
  return new Map(rows.map((r) => [r.id, { username: r.username, displayName: r.display_name }]));
}

/** Every match of the user as the API shows it (dismissed included), profiles not yet attached. */
async function matchItems(database: Database, userId: number, bridge?: BridgeLookups) {
  const direct = await matchesForUser(database, userId);
  const all = [...direct, ...(await bridgedOffers(database, userId, bridge, direct))];
  const autoMode = (await getConsents(database, userId)).autoFollow;
  const activation = await activationView(database, userId);
  const accounts = await accountStates(database, userId);
  const names = await discoverableXNames(database, [...new Set(all.map((m) => m.xId))]);
  const items: Match[] = all.map((m) => ({
    id: matchId(m.platform, m.target),
    xId: m.xId,
    xUsername: names.get(m.xId)?.username ?? null,
    xDisplayName: names.get(m.xId)?.displayName ?? null,
    network: m.platform as Network,
    handle: m.handle,
    reason: REASONS[m.reason],
    bridged: m.bridged,
    status: statusOf(m, accounts.get(m.platform)),
    profile: null,
  }));
  return { items, autoMode, activation };
}

/**
 * Attaches the cached public profiles and queues the look-ups of those missing or expired; the
 * answer never waits for a network.
 */
async function withProfiles(database: Database, items: Match[], profiles?: ProfileLookups): Promise<Match[]> {
  if (!profiles || items.length === 0) return items;
  const keys = items.map((m) => ({ platform: m.network, target: parseMatchId(m.id).target }));
  const { profiles: known, stale } = await cachedProfiles(database, keys, profiles.maxAgeSeconds);
  if (stale.length > 0) profiles.refresh(database, stale);
  return items.map((m) => ({ ...m, profile: known.get(m.id) ?? null }));
}

/** One match by its API id (after a dismiss or restore), or null when it is not the user's. */
export async function matchById(
  database: Database,
  userId: number,
  id: string,
  bridge?: BridgeLookups,
  profiles?: ProfileLookups,
): Promise<Match | null> {
  const match = (await matchItems(database, userId, bridge)).items.find((m) => m.id === id);
  return match ? ((await withProfiles(database, [match], profiles))[0] ?? null) : null;
}

/**
 * The order pages follow (direct matches before the bridge's offers, then network, handle, id)
 * and the opaque cursor that says where one ended.
 */
const orderKey = (m: Match) => JSON.stringify([m.bridged ? '1' : '0', m.network, m.handle, m.id]);

function afterCursor(cursor: string | undefined): string | null {
  if (!cursor) return null;
  try {
    const key = Buffer.from(cursor, 'base64url').toString('utf8');
    const parsed: unknown = JSON.parse(key);
    if (Array.isArray(parsed) && parsed.length === 4 && parsed.every((p) => typeof p === 'string'))
      return key;
  } catch {
    // Falls through to the error below.
  }
  throw new MatchInputError('This page cursor is not one the matches list gave: start again from page one.');
}

export interface MatchesQueryInput {
  network?: Network;
  filter: Filter;
  q?: string;
  cursor?: string;
  limit: number;
}

export async function matchesPage(
  database: Database,
  userId: number,
  query: MatchesQueryInput,
  bridge?: BridgeLookups,
  profiles?: ProfileLookups,
): Promise<Matches> {
  const after = afterCursor(query.cursor);
  const { items, autoMode, activation } = await matchItems(database, userId, bridge);
  const counts = await hereCounts(database, userId);
  const followersHere = new Set(
    items.filter((m) => !m.bridged && m.reason !== 'you_followed_on_x').map((m) => m.xId),
  ).size;
  const kept = items
    .filter((m) => (!query.network || m.network === query.network) && keep(m, query.filter, query.q))
    .map((m) => ({ m, key: orderKey(m) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const rest = after === null ? kept : kept.filter((k) => k.key > after);
  const page = rest.slice(0, query.limit);
  const last = page.at(-1);
  return {
    summary: {
      following: counts.following,
      onBluesky: counts.onBluesky,
      onMastodon: counts.onMastodon,
      here: counts.here,
      followersHere,
    },
    autoMode,
    protected: await protectedSummary(database, userId),
    activation,
    total: kept.length,
    items: await withProfiles(
      database,
      page.map((k) => k.m),
      profiles,
    ),
    nextCursor: rest.length > page.length && last ? Buffer.from(last.key).toString('base64url') : null,
  };
}

/** "Reconnect all" (src/directory/reconnect.ts), the bridge's offers listed to the user included. */
export async function reconnectAll(
  database: Database,
  userId: number,
  network?: Network,
  bridge?: BridgeLookups,
): Promise<number> {
  const direct = await matchesForUser(database, userId);
  const alsoAmong = await bridgedOffers(database, userId, bridge, direct);
  return reconnectEveryMatch(database, userId, { network, alsoAmong });
}

/** Counts per task state, when a parked account resumes, and a finish estimate from the budgets. */
export async function progressFor(database: Database, userId: number, now = new Date()): Promise<Progress> {
  const accounts = await accountStates(database, userId);
  const activation = await activationView(database, userId);
  const switchOn = pendingSwitchOn(activation);
  // Held for the switch-on apart from paused by automatic mode off (not counted: nothing goes).
  const counts = await database.query<{ platform: string; state: string; n: number; later: number }>(
    `SELECT t.platform, ${TASK_STATUS_SQL} AS state, count(*)::int AS n,
            count(*) FILTER (WHERE t.not_before > $2)::int AS later
       FROM follow_tasks t WHERE t.user_id = $1 AND t.kind = 'follow' GROUP BY 1, 2`,
    [userId, now.toISOString()],
  );
  const nextDue = await database.query<{ platform: string; at: Date | string | null }>(
    `SELECT platform, min(not_before) AS at FROM follow_tasks
      WHERE user_id = $1 AND kind = 'follow' AND state = 'pending' AND not_before > $2 GROUP BY platform`,
    [userId, now.toISOString()],
  );
  const networks = new Set<string>([...accounts.keys(), ...counts.map((c) => c.platform)]);
  const list = [...networks]
    .filter(isNetwork)
    .sort()
    .map((network) => {
      const of = (...states: string[]) =>
        counts.filter((c) => c.platform === network && states.includes(c.state)).reduce((a, c) => a + c.n, 0);
      const laterPending = counts.find((c) => c.platform === network && c.state === 'pending')?.later ?? 0;
      const account = accounts.get(network);
      const open = of('pending', 'in_flight');
      const held = switchOn ? of('held') : 0;
      const waiting = account?.parkedUntil ? open : laterPending;
      const due = nextDue.find((d) => d.platform === network)?.at;
      const waitingUntil = account?.parkedUntil ?? (due ? new Date(due) : null);
      return {
        network,
        done: of('done', 'already_following'),
        // Waiting for the other side (a locked account's owner, a remote server), and refused.
        requested: of('requested'),
        declined: of('declined'),
        queued: open - waiting,
        held,
        waiting,
        waitingUntil: waiting > 0 && waitingUntil ? waitingUntil.toISOString() : null,
        needsReauth: account?.needsReauth ?? false,
        estimatedFinish: estimateFinish(
          network,
          open + held,
          resumesAt(account, held ? switchOn : null),
          now,
        ),
      };
    });
  return {
    here: await hereCounts(database, userId),
    networks: list,
    activation,
    updatedAt: now.toISOString(),
  };
}

/** The later of the account's parking and the switch-on its held follows wait for. */
function resumesAt(account: AccountState | undefined, switchOn: Date | null): Date | null {
  const times = [account?.parkedUntil, switchOn].filter((d): d is Date => d instanceof Date);
  return times.length ? new Date(Math.max(...times.map((d) => d.getTime()))) : null;
}

/** Open follows spread over the platform's budget windows, from when the account may resume. */
function estimateFinish(network: Network, open: number, parkedUntil: Date | null, now: Date): string | null {
  const budget = RELEASE_BUDGETS[network];
  if (open === 0 || !budget) return null;
  const start = Math.max(now.getTime(), parkedUntil?.getTime() ?? 0);
  const windows = Math.floor((open - 1) / budget.perWindow);
  // Within the current window the follows go as fast as the engine's batches: count it as done.
  return new Date(start + windows * budget.windowSeconds * 1000).toISOString();
}
