// The directory proper: who an X account is on each network. Sign-up rows are derived from a
// proven user's linked accounts; `usable` (trusted AND discoverable) is recomputed here and
// nowhere else, so matching and fan-out can read a single flag.
import type { Database } from '../db/index.ts';
import { LINKED_TARGET_SQL } from '../platforms/registry.ts';

export const PLATFORMS = ['bluesky', 'mastodon'] as const;
export type Platform = (typeof PLATFORMS)[number];

export interface EntryKey {
  xId: string;
  platform: string;
}

export interface EntrySnapshot extends EntryKey {
  target: string;
  usable: boolean;
}

/** Entries that became usable (or changed target) and those that stopped being usable. */
export interface EntryChanges {
  appeared: EntryKey[];
  withdrawn: EntrySnapshot[];
}

/** What a follow task points at for a linked account: the DID, or the `user@host` address. */
export const TARGET_SQL = LINKED_TARGET_SQL;

/**
 * Brings a user's sign-up rows in line with their proof and linked accounts, recomputes
 * usability, and returns the entries that just became usable or changed target (to fan out)
 * and those that stopped being usable (to withdraw).
 */
export async function refreshUserEntries(tx: Database, userId: number): Promise<EntryChanges> {
  const [user] = await tx.query<{ x_account_id: string | null; proven: boolean }>(
    `SELECT x_account_id, x_proven_at IS NOT NULL AS proven FROM users WHERE id = $1`,
    [userId],
  );
  if (!user) throw new Error(`No user with id ${userId}.`);
  const xIds = new Set<string>();
  for (const r of await tx.query<{ x_id: string }>(
    `SELECT DISTINCT x_id FROM directory_entries WHERE user_id = $1`,
    [userId],
  ))
    xIds.add(r.x_id);
  if (user.x_account_id) xIds.add(user.x_account_id);
  const before = await snapshot(tx, [...xIds]);

  if (user.proven && user.x_account_id) {
    await tx.query(
      `INSERT INTO directory_entries
         (x_id, platform, target, account_id, handle, instance, source, user_id, trusted, confirmed_at)
       SELECT $2, la.platform, ${TARGET_SQL}, la.account_id, ltrim(la.handle, '@'), la.instance,
              'signup', la.user_id, true, now()
         FROM linked_accounts la
        WHERE la.user_id = $1 AND la.status <> 'unlinked'
       ON CONFLICT (x_id, platform) DO UPDATE SET
         target = EXCLUDED.target, account_id = EXCLUDED.account_id, handle = EXCLUDED.handle,
         instance = EXCLUDED.instance, source = 'signup', source_detail = NULL,
         user_id = EXCLUDED.user_id, trusted = true, confirmed_at = now()`,
      [userId, user.x_account_id],
    );
  }
  // Rows of this user that no longer stand: unlinked networks, or no proof (any more).
  await tx.query(
    `DELETE FROM directory_entries d
      WHERE d.user_id = $1 AND d.source = 'signup'
        AND NOT ($2::boolean AND d.x_id = $3 AND EXISTS (
              SELECT 1 FROM linked_accounts la
               WHERE la.user_id = $1 AND la.platform = d.platform AND la.status <> 'unlinked'))`,
    [userId, user.proven, user.x_account_id ?? ''],
  );
  await recomputeUsable(tx, [...xIds]);
  const after = await snapshot(tx, [...xIds]);
  return diffEntries(before, after);
}

/**
 * usable = trusted AND the proven owner of the X id (if any) said yes to letting people who
 * followed them find them: an owner who has not answered yet is not shown. Sets usable_since
 * when a row becomes usable (the digest counts arrivals from it).
 */
export async function recomputeUsable(tx: Database, xIds: string[]): Promise<void> {
  if (xIds.length === 0) return;
  await tx.query(
    `WITH owner AS (
       SELECT x AS x_id, coalesce((
         SELECT coalesce(uc.discoverable, false) FROM users u LEFT JOIN user_consents uc ON uc.user_id = u.id
          WHERE u.x_account_id = x AND u.x_proven_at IS NOT NULL ORDER BY u.id LIMIT 1), true) AS discoverable
         FROM unnest($1::text[]) AS x)
     UPDATE directory_entries d
        SET usable = d.trusted AND o.discoverable,
            usable_since = CASE WHEN NOT (d.trusted AND o.discoverable) THEN NULL
                                WHEN d.usable THEN d.usable_since ELSE now() END
       FROM owner o
      WHERE d.x_id = o.x_id`,
    [xIds],
  );
}

export async function snapshot(tx: Database, xIds: string[]): Promise<EntrySnapshot[]> {
  if (xIds.length === 0) return [];
  const rows = await tx.query<{ x_id: string; platform: string; target: string; usable: boolean }>(
    `SELECT x_id, platform, target, usable FROM directory_entries WHERE x_id = ANY($1::text[])`,
    [xIds],
  );
  return rows.map((r) => ({ xId: r.x_id, platform: r.platform, target: r.target, usable: r.usable }));
}

export function diffEntries(before: EntrySnapshot[], after: EntrySnapshot[]): EntryChanges {
  const key = (e: EntryKey) => `${e.platform}\u0000${e.xId}`;
  const old = new Map(before.map((e) => [key(e), e]));
  const now = new Map(after.map((e) => [key(e), e]));
  const appeared = after.filter((e) => {
    const was = old.get(key(e));
    return e.usable && (!was?.usable || was.target !== e.target);
  });
  const withdrawn = before.filter((e) => {
    const is = now.get(key(e));
    return e.usable && (!is?.usable || is.target !== e.target);
  });
  return {
    appeared: appeared.map(({ xId, platform }) => ({ xId, platform })),
    withdrawn,
  };
}
