// Linking accounts and planning follows: the two ways work enters the engine.
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

export interface PlannedFollow {
  target: string;
  targetXId?: string | null;
}

/**
 * Adds follow tasks; a (user, platform, target) already planned — whatever its state, including
 * done or dismissed — is left alone, so nothing is followed twice. Returns how many were new.
 */
export async function planFollows(
  database: Database,
  userId: number,
  platform: string,
  follows: readonly PlannedFollow[],
): Promise<number> {
  let inserted = 0;
  for (let i = 0; i < follows.length; i += 10_000) {
    const chunk = follows.slice(i, i + 10_000);
    const rows = await database.query<{ id: string }>(
      `INSERT INTO follow_tasks (user_id, platform, target, target_x_id)
       SELECT $1, $2, u.target, u.x_id FROM unnest($3::text[], $4::text[]) AS u(target, x_id)
       ON CONFLICT (user_id, platform, target) DO NOTHING
       RETURNING id`,
      [userId, platform, chunk.map((f) => f.target), chunk.map((f) => f.targetXId ?? null)],
    );
    inserted += rows.length;
  }
  // Claims lean on the planner picking the open-tasks index; PGlite never analyzes on its own and
  // PostgreSQL's autovacuum lags a bulk load, so refresh the statistics after a large plan.
  if (inserted >= 1_000) {
    const [stats] = await database.query<{ reltuples: number }>(
      `SELECT reltuples::float8 AS reltuples FROM pg_class WHERE oid = 'follow_tasks'::regclass`,
    );
    const known = Number(stats?.reltuples ?? -1);
    if (known < 0 || inserted > known * 0.2) await database.query('ANALYZE follow_tasks');
  }
  return inserted;
}

/** The user's dismissal: a pending follow is never made. */
export async function dismissFollow(
  database: Database,
  userId: number,
  platform: string,
  target: string,
): Promise<boolean> {
  const rows = await database.query(
    `UPDATE follow_tasks SET state = 'dismissed', reason = 'dismissed by the user', updated_at = now()
     WHERE user_id = $1 AND platform = $2 AND target = $3 AND state = 'pending' RETURNING id`,
    [userId, platform, target],
  );
  return rows.length > 0;
}

export interface FollowSummary {
  platform: string;
  state: string;
  count: number;
}

export async function followSummary(database: Database, userId: number): Promise<FollowSummary[]> {
  const rows = await database.query<{ platform: string; state: string; count: string }>(
    `SELECT platform, state, count(*) AS count FROM follow_tasks WHERE user_id = $1
     GROUP BY platform, state ORDER BY platform, state`,
    [userId],
  );
  return rows.map((r) => ({ platform: r.platform, state: r.state, count: Number(r.count) }));
}
