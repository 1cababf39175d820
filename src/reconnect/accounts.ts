// Linking accounts: how an account enters the engine (its follows are planned in tasks.ts).
import type { Database } from '../db/index.ts';
import type { Vault } from '../vault/vault.ts';

export interface LinkInput {
  userId: number;
  platform: string;
  accountId: string;
  handle: string;
  instance?: string | null;
  credentials: unknown;
}

/** Associated data binding sealed credentials to their row: a value copied elsewhere won't open. */
export function credentialsContext(userId: number, platform: string): string {
  return `linked_accounts:${userId}:${platform}`;
}

/**
 * Work that commits or fails together with the link itself (the directory hearing of it): if it
 * throws, nothing of the link is written.
 */
export type WithLink = (tx: Database, link: { userId: number; linkedAccountId: number }) => Promise<void>;

/**
 * Stores (or replaces) a user's account on a platform with its credentials sealed, and makes it
 * schedulable again: linking anew after "needs re-authorisation" resumes the paused tasks.
 * `withLink` runs in the same transaction; `database` may itself be a transaction.
 */
export async function saveLinkedAccount(
  database: Database,
  vault: Vault,
  input: LinkInput,
  withLink?: WithLink,
): Promise<number> {
  const sealed = vault.sealJson(input.credentials, credentialsContext(input.userId, input.platform));
  return database.transaction(async (tx) => {
    const rows = await tx.query<{ id: string }>(
      `INSERT INTO linked_accounts (user_id, platform, account_id, handle, instance, status, credentials)
       VALUES ($1, $2, $3, $4, $5, 'active', $6)
       ON CONFLICT (user_id, platform) DO UPDATE SET account_id = EXCLUDED.account_id, handle = EXCLUDED.handle,
         instance = EXCLUDED.instance, status = 'active', credentials = EXCLUDED.credentials, updated_at = now()
       RETURNING id`,
      [input.userId, input.platform, input.accountId, input.handle, input.instance ?? null, sealed],
    );
    const id = Number(rows[0]?.id);
    await tx.query(
      `INSERT INTO follow_schedules (linked_account_id, user_id, platform) VALUES ($1, $2, $3)
       ON CONFLICT (linked_account_id) DO UPDATE SET
         parked_until = CASE WHEN follow_schedules.park_reason = 'needs_reauth' THEN NULL ELSE follow_schedules.parked_until END,
         park_reason = CASE WHEN follow_schedules.park_reason = 'needs_reauth' THEN NULL ELSE follow_schedules.park_reason END`,
      [id, input.userId, input.platform],
    );
    await withLink?.(tx, { userId: input.userId, linkedAccountId: id });
    return id;
  });
}

export function openCredentials<T>(vault: Vault, userId: number, platform: string, sealed: string): T {
  return vault.openJson<T>(sealed, credentialsContext(userId, platform));
}
