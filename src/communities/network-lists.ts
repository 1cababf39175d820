// The communities' lists on the networks, kept up to date by the worker's clock: a Bluesky list
// and starter pack on the publishing organiser's account, and a Mastodon list for each member who
// asked. Only members who joined and agreed to be listed are on them. Every write goes through
// the platform adapter and is paid from the account's budget (the follow engine's ledger), so
// lists never push an account past its network's limits: what does not fit waits for next time.
import { openCredentials, sealCredentials } from '../accounts/credentials.ts';
import { markNeedsReauth, storeCredentials } from '../accounts/store.ts';
import type { Database } from '../db/index.ts';
import type { PlatformAdapter, PlatformSession } from '../platforms/types.ts';
import { ReauthRequiredError } from '../platforms/types.ts';
import { accountAllowance, loadPlatformBudgets, recordUsage } from '../reconnect/budget.ts';
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

export interface ListsTick {
  bluesky: number;
  mastodon: number;
  failed: number;
}

/** Every community list that is due (changed since, or not looked at for an hour). */
export async function syncDueLists(
  database: Database,
  vault: Vault,
  adapters: ReadonlyMap<string, PlatformAdapter>,
  now: Date = new Date(),
): Promise<ListsTick> {
  const tick: ListsTick = { bluesky: 0, mastodon: 0, failed: 0 };
  const stale = new Date(now.getTime() - RESYNC_MS);
  const bluesky = adapters.get('bluesky');
  const communities = bluesky
    ? await database.query<Record<string, unknown>>(
        `SELECT c.id, c.name, c.bluesky_user_id, c.bluesky_list_uri, c.bluesky_starter_pack_uri FROM communities c
          WHERE c.bluesky_user_id IS NOT NULL
            AND (c.bluesky_synced_at IS NULL OR c.changed_at > c.bluesky_synced_at OR c.bluesky_synced_at < $1)
          ORDER BY c.bluesky_synced_at NULLS FIRST LIMIT 20`,
        [stale],
      )
    : [];
  for (const c of communities) {
    const ok = await syncBlueskyCommunity(database, vault, bluesky as PlatformAdapter, c, now);
    if (ok) tick.bluesky += 1;
    else tick.failed += 1;
  }
  const mastodon = adapters.get('mastodon');
  const members = mastodon
    ? await database.query<Record<string, unknown>>(
        `SELECT m.community_id, m.x_id, m.mastodon_list_id, c.name, u.id AS user_id
           FROM community_members m JOIN communities c ON c.id = m.community_id
           JOIN users u ON u.x_account_id = m.x_id AND u.x_proven_at IS NOT NULL
          WHERE m.state = 'joined' AND m.mastodon_list
            AND (m.mastodon_synced_at IS NULL OR c.changed_at > m.mastodon_synced_at OR m.mastodon_synced_at < $1)
          ORDER BY m.mastodon_synced_at NULLS FIRST LIMIT 50`,
        [stale],
      )
    : [];
  for (const m of members) {
    const ok = await syncMastodonMember(database, vault, mastodon as PlatformAdapter, m, now);
    if (ok) tick.mastodon += 1;
    else tick.failed += 1;
  }
  return tick;
}

async function syncBlueskyCommunity(
  database: Database,
  vault: Vault,
  adapter: PlatformAdapter,
  c: Record<string, unknown>,
  now: Date,
): Promise<boolean> {
  const id = Number(c.id);
  const owner = Number(c.bluesky_user_id);
  const done = (error: string | null, listId?: string | null, pack?: string | null) =>
    database.query(
      `UPDATE communities SET bluesky_synced_at = $2, bluesky_error = $3,
              bluesky_list_uri = coalesce($4, bluesky_list_uri),
              bluesky_starter_pack_uri = coalesce($5, bluesky_starter_pack_uri)
        WHERE id = $1 AND bluesky_user_id = $6`,
      [id, now, error, listId ?? null, pack ?? null, owner],
    );
  const organiser = await database.query(
    'SELECT 1 FROM community_organisers WHERE community_id = $1 AND user_id = $2',
    [id, owner],
  );
  const account = organiser.length > 0 ? await activeAccount(database, owner, 'bluesky') : null;
  if (!account) {
    await done('NOT_LINKED');
    return false;
  }
  try {
    const name = String(c.name);
    const result = await syncOneList(
      database,
      vault,
      adapter,
      account,
      {
        listId: (c.bluesky_list_uri as string | null) ?? null,
        starterPack: (c.bluesky_starter_pack_uri as string | null) ?? null,
        name,
        description: `${name}: moving together from X.`,
      },
      await listedTargets(database, id, 'bluesky'),
      now,
    );
    await done(result.waiting > 0 ? 'WAITING' : null, result.listId || null, result.starterPack);
    return true;
  } catch (err) {
    await done(await failureCode(database, account, err, now));
    return false;
  }
}

async function syncMastodonMember(
  database: Database,
  vault: Vault,
  adapter: PlatformAdapter,
  m: Record<string, unknown>,
  now: Date,
): Promise<boolean> {
  const communityId = Number(m.community_id);
  const userId = Number(m.user_id);
  const done = (error: string | null, listId?: string | null) =>
    database.query(
      `UPDATE community_members SET mastodon_synced_at = $3, mastodon_error = $4,
              mastodon_list_id = coalesce($5, mastodon_list_id)
        WHERE community_id = $1 AND x_id = $2`,
      [communityId, m.x_id, now, error, listId ?? null],
    );
  const account = await activeAccount(database, userId, 'mastodon');
  if (!account) {
    await done('NOT_LINKED');
    return false;
  }
  try {
    const wanted = (await listedTargets(database, communityId, 'mastodon')).filter(
      (t) => t !== account.handle.toLowerCase(),
    );
    const result = await syncOneList(
      database,
      vault,
      adapter,
      account,
      {
        listId: (m.mastodon_list_id as string | null) ?? null,
        starterPack: undefined,
        name: String(m.name),
        description: '',
      },
      wanted,
      now,
    );
    await done(result.waiting > 0 ? 'WAITING' : null, result.listId || null);
    return true;
  } catch (err) {
    await done(await failureCode(database, account, err, now));
    return false;
  }
}
