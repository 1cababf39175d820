// Linked accounts and their tokens, the one module that writes linked_accounts: link (new,
// replace, re-authorise), unlink, load, mark needs_reauth, store refreshed credentials. One
// network account belongs to one user: a unique index over live rows, checked here first so
// the refusal can say who holds it.
import type { Database } from '../db/index.ts';
import type { Vault } from '../vault/vault.ts';
import { sealCredentials } from './credentials.ts';
import { AccountHeldError, LinkExistsError, ReauthMismatchError } from './errors.ts';

/**
 * What the person asked for: a first link (refused when another account of theirs is linked on
 * that network), a confirmed replacement, or renewing the same account's authorisation.
 */
export type LinkIntent = 'link' | 'replace' | 'reauth';

export interface LinkInput {
  userId: number;
  platform: string;
  accountId: string;
  handle: string;
  instance?: string | null;
  credentials: unknown;
  /** Default 'link'. */
  intent?: LinkIntent;
}

/** A live row of linked_accounts, as revocation and the engine need it. */
export interface LinkRow {
  id: number;
  user_id: number;
  platform: string;
  account_id: string;
  handle: string;
  instance: string | null;
  status: string;
  credentials: string | null;
}

export interface LinkResult {
  linkedAccountId: number;
  /** The link this one took the place of, with its (sealed) credentials to revoke; null if none. */
  replaced: LinkRow | null;
}

/**
 * Work that commits or fails together with the link itself (the directory hearing of it): if it
 * throws, nothing of the link is written.
 */
export type WithLink = (tx: Database, link: { userId: number; linkedAccountId: number }) => Promise<void>;

const UNIQUE_ACCOUNT_INDEX = 'linked_accounts_platform_account_live_idx';

/**
 * Stores a user's account on a platform with its credentials sealed, and makes it schedulable
 * again: renewing a link in "needs re-authorisation" resumes its paused tasks. `withLink` runs
 * in the same transaction; `database` may itself be a transaction.
 */
export async function linkAccount(
  database: Database,
  vault: Vault,
  input: LinkInput,
  withLink?: WithLink,
): Promise<LinkResult> {
  const sealed = sealCredentials(vault, input.userId, input.platform, input.credentials);
  try {
    return await database.transaction(async (tx) => {
      const current = await liveLink(tx, input.userId, input.platform, true);
      checkIntent(input, current);
      await refuseIfHeld(tx, input);
      const id = await upsertLink(tx, input, sealed);
      await resumeSchedule(tx, id, input);
      await withLink?.(tx, { userId: input.userId, linkedAccountId: id });
      return { linkedAccountId: id, replaced: current?.credentials ? current : null };
    });
  } catch (err) {
    // Two users linking one account at the same moment: the index refuses the second.
    if (isUniqueViolation(err, UNIQUE_ACCOUNT_INDEX)) await refuseIfHeld(database, input);
    throw err;
  }
}

/** linkAccount for callers that only need the row id (tests, benchmarks, the CLI). */
export async function saveLinkedAccount(
  database: Database,
  vault: Vault,
  input: LinkInput,
  withLink?: WithLink,
): Promise<number> {
  return (await linkAccount(database, vault, input, withLink)).linkedAccountId;
}

function checkIntent(input: LinkInput, current: LinkRow | null): void {
  const intent = input.intent ?? 'link';
  if (!current) return;
  const same = current.account_id === input.accountId;
  if (intent === 'reauth' && !same) throw new ReauthMismatchError(input.platform, current.handle);
  // Linking the same account again renews it: nothing is replaced behind the person's back.
  if (intent === 'link' && !same) throw new LinkExistsError(input.platform, current.handle);
}

async function refuseIfHeld(database: Database, input: LinkInput): Promise<void> {
  const [holder] = await database.query<{ username: string | null; x_account_id: string | null }>(
    `SELECT x.username, u.x_account_id FROM linked_accounts la
     JOIN users u ON u.id = la.user_id LEFT JOIN x_accounts x ON x.id = u.x_account_id
     WHERE la.platform = $1 AND la.account_id = $2 AND la.status <> 'unlinked' AND la.user_id <> $3
     LIMIT 1`,
    [input.platform, input.accountId, input.userId],
  );
  if (!holder) return;
  const who = holder.username ? `@${holder.username}` : holder.x_account_id;
  throw new AccountHeldError(input.platform, input.handle, who);
}

async function upsertLink(tx: Database, input: LinkInput, sealed: string): Promise<number> {
  const rows = await tx.query<{ id: string }>(
    `INSERT INTO linked_accounts (user_id, platform, account_id, handle, instance, status, credentials)
     VALUES ($1, $2, $3, $4, $5, 'active', $6)
     ON CONFLICT (user_id, platform) DO UPDATE SET account_id = EXCLUDED.account_id, handle = EXCLUDED.handle,
       instance = EXCLUDED.instance, status = 'active', credentials = EXCLUDED.credentials, updated_at = now()
     RETURNING id`,
    [input.userId, input.platform, input.accountId, input.handle, input.instance ?? null, sealed],
  );
  return Number(rows[0]?.id);
}

/**
 * The account is schedulable again; a pause for re-authorisation ends with the new token. Its
 * tasks may be due at once: the schedule is woken (src/reconnect/due-sql.ts), a new one starts so.
 */
async function resumeSchedule(tx: Database, id: number, input: LinkInput): Promise<void> {
  await tx.query(
    `INSERT INTO follow_schedules (linked_account_id, user_id, platform) VALUES ($1, $2, $3)
     ON CONFLICT (linked_account_id) DO UPDATE SET
       parked_until = CASE WHEN follow_schedules.park_reason = 'needs_reauth' THEN NULL ELSE follow_schedules.parked_until END,
       park_reason = CASE WHEN follow_schedules.park_reason = 'needs_reauth' THEN NULL ELSE follow_schedules.park_reason END,
       due_at = 'epoch', wakes = follow_schedules.wakes + 1`,
    [id, input.userId, input.platform],
  );
}

function isUniqueViolation(err: unknown, index: string): boolean {
  const e = err as { code?: string; constraint?: string; message?: string } | null;
  return e?.code === '23505' && (e.constraint === index || Boolean(e.message?.includes(index)));
}

function toRow(r: LinkRow & { id: string | number; user_id: string | number }): LinkRow {
  return { ...r, id: Number(r.id), user_id: Number(r.user_id) };
}

/** The user's live (active or needs_reauth) link on a platform. */
export async function liveLink(
  database: Database,
  userId: number,
  platform: string,
  forUpdate = false,
): Promise<LinkRow | null> {
  const [row] = await database.query<LinkRow & { id: string | number; user_id: string | number }>(
    `SELECT id, user_id, platform, account_id, handle, instance, status, credentials FROM linked_accounts
     WHERE user_id = $1 AND platform = $2 AND status <> 'unlinked'${forUpdate ? ' FOR UPDATE' : ''}`,
    [userId, platform],
  );
  return row ? toRow(row) : null;
}

/** Every live link of the user (all platforms, or one). */
export async function liveLinks(database: Database, userId: number, platform?: string): Promise<LinkRow[]> {
  const rows = await database.query<LinkRow & { id: string | number; user_id: string | number }>(
    `SELECT id, user_id, platform, account_id, handle, instance, status, credentials FROM linked_accounts
     WHERE user_id = $1 AND status <> 'unlinked' AND ($2::text IS NULL OR platform = $2)`,
    [userId, platform ?? null],
  );
  return rows.map(toRow);
}

/** Marks the link unlinked and forgets its token; `tx` carries the directory's change with it. */
export async function markUnlinked(tx: Database, userId: number, platform: string): Promise<void> {
  await tx.query(
    `UPDATE linked_accounts SET status = 'unlinked', credentials = NULL, updated_at = now()
     WHERE user_id = $1 AND platform = $2`,
    [userId, platform],
  );
}

/** The platform refused the token: the link waits for the person to re-authorise it. */
export async function markNeedsReauth(database: Database, linkedAccountId: number, now: Date): Promise<void> {
  await database.query(`UPDATE linked_accounts SET status = 'needs_reauth', updated_at = $2 WHERE id = $1`, [
    linkedAccountId,
    now,
  ]);
}

/** Credentials the platform renewed (a refreshed session), sealed by the caller. */
export async function storeCredentials(
  database: Database,
  linkedAccountId: number,
  sealed: string,
  now: Date,
): Promise<void> {
  await database.query('UPDATE linked_accounts SET credentials = $2, updated_at = $3 WHERE id = $1', [
    linkedAccountId,
    sealed,
    now,
  ]);
}

/** The user who holds this network account through a live link, or null. */
export async function liveHolder(
  database: Database,
  platform: string,
  accountId: string,
): Promise<number | null> {
  const [row] = await database.query<{ user_id: string | number }>(
    `SELECT user_id FROM linked_accounts WHERE platform = $1 AND account_id = $2 AND status <> 'unlinked'
     ORDER BY id LIMIT 1`,
    [platform, accountId],
  );
  return row ? Number(row.user_id) : null;
}
