// The communities' lists on the networks, kept up to date by the worker's clock: a Bluesky list
// and starter pack on the publishing organiser's account, and a Mastodon list for each member who
// asked. Only members who joined and agreed to be listed are on them. Every write goes through
// the platform adapter and is paid from the account's budget (the follow engine's ledger), so
// lists never push an account past its network's limits: what does not fit waits for next time.
// A sync holds its account's lease, the follow engine's kind (src/reconnect/store.ts), so no two
// workers write with one account at once. One skeleton serves every network: what differs comes
// from the network's registry entry (communityLists) and from the rows each kind of list lives on.
import { randomUUID } from 'node:crypto';
import { openCredentials, sealCredentials } from '../accounts/credentials.ts';
import { markNeedsReauth, storeCredentials } from '../accounts/store.ts';
import type { Database } from '../db/index.ts';
import { NETWORK_NAMES, type NetworkName, network } from '../platforms/registry.ts';
import type { PlatformAdapter, PlatformSession } from '../platforms/types.ts';
import { ReauthRequiredError } from '../platforms/types.ts';
import { accountAllowance, loadPlatformBudgets, recordUsage } from '../reconnect/budget.ts';
import { giveBackLease, leaseAccount } from '../reconnect/store.ts';
import type { Vault } from '../vault/vault.ts';

/** A list is looked at again at least this often: members link their networks after joining. */
export const RESYNC_MS = 3_600_000;

interface Account {
  id: number;
  userId: number;
  platform: string;
  accountId: string;
  handle: string;
  instance: string | null;
  credentials: string;
}

async function activeAccount(database: Database, userId: number, platform: string): Promise<Account | null> {
  const [row] = await database.query<Record<string, unknown>>(
    `SELECT id, user_id, account_id, handle, instance, credentials FROM linked_accounts
      WHERE user_id = $1 AND platform = $2 AND status = 'active' AND credentials IS NOT NULL`,
    [userId, platform],
  );
  if (!row) return null;
  return {
    id: Number(row.id),
    userId: Number(row.user_id),
    platform,
    accountId: String(row.account_id),
    handle: String(row.handle),
    instance: (row.instance as string | null) ?? null,
    credentials: String(row.credentials),
  };
}

/** Targets of the joined, listed members on a network (usable directory entries). */
async function listedTargets(database: Database, communityId: number, platform: string): Promise<string[]> {
  const rows = await database.query<{ target: string }>(
    `SELECT d.target FROM community_members m
       JOIN directory_entries d ON d.x_id = m.x_id AND d.platform = $2 AND d.usable
      WHERE m.community_id = $1 AND m.state = 'joined' AND m.listed ORDER BY m.joined_at, d.target`,
    [communityId, platform],
  );
  return [...new Set(rows.map((r) => r.target))];
}

export interface ListSyncResult {
  listId: string;
  starterPack: string | null;
  added: number;
  removed: number;
  /** Targets the network refused (Mastodon: not followed yet), or that did not fit the budget. */
  waiting: number;
}

interface ListSpec {
  listId: string | null;
  starterPack: string | null | undefined;
  name: string;
  description: string;
}

/**
 * One list brought in line with `wanted`: made if missing (and its starter pack, when asked), then
 * removals and additions, as many as the account's budget allows now.
 */
async function syncOneList(
  database: Database,
  vault: Vault,
  adapter: PlatformAdapter,
  account: Account,
  spec: ListSpec,
  wanted: readonly string[],
  now: Date,
): Promise<ListSyncResult> {
  const info = { ...account, instance: account.instance };
  const session = await adapter.open(
    info,
    openCredentials(vault, account.userId, account.platform, account.credentials),
  );
  const lists = session.lists;
  if (!lists) throw new Error(`${adapter.platform} has no lists`);
  try {
    let listId = spec.listId && (await lists.exists(spec.listId)) ? spec.listId : null;
    let starterPack = listId ? (spec.starterPack ?? null) : null;
    const current = listId ? await lists.members(listId) : new Map<string, string>();
    const wantedSet = new Set(wanted);
    const toRemove = [...current].filter(([target]) => !wantedSet.has(target)).map(([, ref]) => ref);
    const toAdd = wanted.filter((t) => !current.has(t));
    const setup = (listId ? 0 : 1) + (spec.starterPack !== undefined && !starterPack ? 1 : 0);
    const rules = (await loadPlatformBudgets(database)).get(adapter.platform) ?? adapter.defaultBudget;
    const cost = adapter.listCost ?? ((n: number) => ({ follows: 0, requests: n, points: n }));
    const writes = setup + toRemove.length + toAdd.length;
    const allowance = await accountAllowance(
      database,
      { linkedAccountId: account.id, platform: account.platform, instance: account.instance },
      adapter,
      rules,
      writes,
      cost,
      now,
    );
    let left = allowance.follows - setup;
    if (left < 0) return { listId: listId ?? '', starterPack, added: 0, removed: 0, waiting: toAdd.length };
    listId ??= await lists.create({ name: spec.name, description: spec.description });
    if (spec.starterPack !== undefined && !starterPack && lists.starterPack)
      starterPack = await lists.starterPack(listId, { name: spec.name, description: spec.description });
    const removing = toRemove.slice(0, left);
    const removed = (await lists.remove(listId, removing)).done.length;
    left -= removing.length;
    const adding = toAdd.slice(0, left);
    const change = await lists.add(listId, adding);
    return {
      listId,
      starterPack,
      added: change.done.length,
      removed,
      waiting: toAdd.length - change.done.length,
    };
  } finally {
    const spent = lists.spent();
    if (spent.requests > 0 || spent.points > 0) await recordUsage(database, account.id, spent, now);
    await keepRenewedCredentials(database, vault, account, session, now);
  }
}

async function keepRenewedCredentials(
  database: Database,
  vault: Vault,
  account: Account,
  session: PlatformSession,
  now: Date,
): Promise<void> {
  const renewed = session.takeUpdatedCredentials();
  if (renewed !== undefined)
    await storeCredentials(
      database,
      account.id,
      sealCredentials(vault, account.userId, account.platform, renewed),
      now,
    );
}

/** A short code for what went wrong, kept on the row the page shows. */
async function failureCode(
  database: Database,
  account: Account | null,
  err: unknown,
  now: Date,
): Promise<string> {
  if (err instanceof ReauthRequiredError) {
    if (account) await markNeedsReauth(database, account.id, now);
    return 'NEEDS_REAUTH';
  }
  return err instanceof Error && err.name === 'RateLimitedError' ? 'RATE_LIMITED' : 'NETWORK_ERROR';
}

/** Lists brought up to date, per network; failed; and busy (their account leased elsewhere: next tick). */
export type ListsTick = Record<NetworkName, number> & { failed: number; busy: number };

/** Who may run list syncs at once: each takes the account's lease (the follow engine's kind). */
export interface ListSyncOptions {
  workerId?: string;
  /** How long a list sync may hold its account before another worker may take it. */
  leaseMs?: number;
}

/** A list sync's writes fit well within this; an account whose worker died is free after it. */
export const LIST_LEASE_MS = 5 * 60_000;

/** A list due for a look: its community, the account holder, and how its row records the outcome. */
interface DueList {
  communityId: number;
  name: string;
  /** Null when the row names nobody who may hold the list (an organiser no longer organising). */
  holderUserId: number | null;
  listId: string | null;
  starterPack: string | null;
  /** Whether the row is still due: read under the lease, as another worker may just have synced it. */
  stillDue(): Promise<boolean>;
  record(outcome: {
    error: string | null;
    listId?: string | null;
    starterPack?: string | null;
  }): Promise<unknown>;
}

/** Due: never synced, changed since, or last synced before $1. */
const PUBLISHED_DUE = `(c.bluesky_synced_at IS NULL OR c.changed_at > c.bluesky_synced_at OR c.bluesky_synced_at < $1)`;
const MEMBER_DUE = `(m.mastodon_synced_at IS NULL OR c.changed_at > m.mastodon_synced_at OR m.mastodon_synced_at < $1)`;

/**
 * Where lists are kept, each kind on its own rows: a community's published list on communities
 * (bluesky_* columns) and a member's own list on community_members (mastodon_* columns); the
 * columns are named after the one network each kind serves today.
 */
interface ListRows {
  platform: NetworkName;
  due(database: Database, stale: Date, now: Date): Promise<DueList[]>;
}

const PUBLISHED_LISTS: ListRows = {
  platform: 'bluesky',
  async due(database, stale, now) {
    const rows = await database.query<Record<string, unknown>>(
      `SELECT c.id, c.name, c.bluesky_list_uri, c.bluesky_starter_pack_uri, c.bluesky_user_id,
              EXISTS (SELECT 1 FROM community_organisers o
                       WHERE o.community_id = c.id AND o.user_id = c.bluesky_user_id) AS organising
         FROM communities c
        WHERE c.bluesky_user_id IS NOT NULL AND ${PUBLISHED_DUE}
        ORDER BY c.bluesky_synced_at NULLS FIRST LIMIT 20`,
      [stale],
    );
    return rows.map((c) => ({
      communityId: Number(c.id),
      name: String(c.name),
      holderUserId: c.organising ? Number(c.bluesky_user_id) : null,
      listId: (c.bluesky_list_uri as string | null) ?? null,
      starterPack: (c.bluesky_starter_pack_uri as string | null) ?? null,
      stillDue: async () =>
        (
          await database.query(
            `SELECT 1 FROM communities c WHERE c.id = $2 AND c.bluesky_user_id = $3 AND ${PUBLISHED_DUE}`,
            [stale, c.id, c.bluesky_user_id],
          )
        ).length > 0,
      // Fenced by the publisher: a change of publisher meanwhile is not overwritten.
      record: ({ error, listId, starterPack }) =>
        database.query(
          `UPDATE communities SET bluesky_synced_at = $2, bluesky_error = $3,
                  bluesky_list_uri = coalesce($4, bluesky_list_uri),
                  bluesky_starter_pack_uri = coalesce($5, bluesky_starter_pack_uri)
            WHERE id = $1 AND bluesky_user_id = $6`,
          [c.id, now, error, listId ?? null, starterPack ?? null, c.bluesky_user_id],
        ),
    }));
  },
};

const MEMBER_LISTS: ListRows = {
  platform: 'mastodon',
  async due(database, stale, now) {
    const rows = await database.query<Record<string, unknown>>(
      `SELECT m.community_id, m.x_id, m.mastodon_list_id, c.name, u.id AS user_id
         FROM community_members m JOIN communities c ON c.id = m.community_id
         JOIN users u ON u.x_account_id = m.x_id AND u.x_proven_at IS NOT NULL
        WHERE m.state = 'joined' AND m.mastodon_list AND ${MEMBER_DUE}
        ORDER BY m.mastodon_synced_at NULLS FIRST LIMIT 50`,
      [stale],
    );
    return rows.map((m) => ({
      communityId: Number(m.community_id),
      name: String(m.name),
      holderUserId: Number(m.user_id),
      listId: (m.mastodon_list_id as string | null) ?? null,
      starterPack: null,
      stillDue: async () =>
        (
          await database.query(
            `SELECT 1 FROM community_members m JOIN communities c ON c.id = m.community_id
              WHERE m.community_id = $2 AND m.x_id = $3 AND m.state = 'joined' AND m.mastodon_list AND ${MEMBER_DUE}`,
            [stale, m.community_id, m.x_id],
          )
        ).length > 0,
      record: ({ error, listId }) =>
        database.query(
          `UPDATE community_members SET mastodon_synced_at = $3, mastodon_error = $4,
                  mastodon_list_id = coalesce($5, mastodon_list_id)
            WHERE community_id = $1 AND x_id = $2`,
          [m.community_id, m.x_id, now, error, listId ?? null],
        ),
    }));
  },
};

const LIST_ROWS: readonly ListRows[] = [PUBLISHED_LISTS, MEMBER_LISTS];

/** Every community list that is due (changed since, or not looked at for an hour). */
export async function syncDueLists(
  database: Database,
  vault: Vault,
  adapters: ReadonlyMap<string, PlatformAdapter>,
  now: Date = new Date(),
  options: ListSyncOptions = {},
): Promise<ListsTick> {
  const tick = { ...Object.fromEntries(NETWORK_NAMES.map((n) => [n, 0])), failed: 0, busy: 0 } as ListsTick;
  const lease = {
    workerId: options.workerId ?? `lists-${randomUUID()}`,
    leaseMs: options.leaseMs ?? LIST_LEASE_MS,
  };
  const stale = new Date(now.getTime() - RESYNC_MS);
  for (const rows of LIST_ROWS) {
    const adapter = adapters.get(rows.platform);
    if (!adapter) continue;
    for (const due of await rows.due(database, stale, now)) {
      const outcome = await syncDueList(database, vault, adapter, due, now, lease);
      if (outcome === 'synced') tick[rows.platform] += 1;
      else tick[outcome] += 1;
    }
  }
  return tick;
}

/**
 * One due list, under its account's lease: made or brought in line, its row told how it went. A
 * list whose account is leased elsewhere is left due, untouched, for the next tick.
 */
async function syncDueList(
  database: Database,
  vault: Vault,
  adapter: PlatformAdapter,
  due: DueList,
  now: Date,
  lease: Required<ListSyncOptions>,
): Promise<'synced' | 'failed' | 'busy'> {
  const account =
    due.holderUserId === null ? null : await activeAccount(database, due.holderUserId, adapter.platform);
  if (!account) {
    await due.record({ error: 'NOT_LINKED' });
    return 'failed';
  }
  if (!(await leaseAccount(database, account.id, lease.workerId, now, lease.leaseMs))) return 'busy';
  try {
    if (!(await due.stillDue())) return 'busy';
    const net = network(adapter.platform);
    const traits = net.communityLists;
    if (!traits) throw new Error(`${adapter.platform} keeps no community lists`);
    const holder = net.normalizeTarget(account.handle);
    const wanted = (await listedTargets(database, due.communityId, adapter.platform)).filter(
      (t) => !traits.holderOffList || t !== holder,
    );
    const spec = {
      listId: due.listId,
      starterPack: traits.starterPack ? due.starterPack : undefined,
      name: due.name,
      description: traits.description(due.name),
    };
    const result = await syncOneList(database, vault, adapter, account, spec, wanted, now);
    await due.record({
      error: result.waiting > 0 ? 'WAITING' : null,
      listId: result.listId || null,
      starterPack: result.starterPack,
    });
    return 'synced';
  } catch (err) {
    await due.record({ error: await failureCode(database, account, err, now) });
    return 'failed';
  } finally {
    await giveBackLease(database, account.id, lease.workerId);
  }
}
