// Read-only SQL the planner (tasks.ts) builds its statements from: who a task may be planned
// for, and who is connected to an X id. Nothing here writes; every write stays in tasks.ts.
import type { Database } from '../db/index.ts';
import { TARGET_SQL } from '../directory/entries.ts';
import { followForbidden, xIdOfUser } from '../directory/protection.ts';

/** Task states the directory may take back: nothing was sent to the platform yet. */
export const UNSENT = `('pending', 'held')`;

/**
 * held_for of a task planned in `state` (SQL): a task planned held waits for the switch-on
 * (activation.ts newTaskState); only holdPending pauses tasks for automatic mode off.
 */
export const heldFor = (state: string) => `CASE WHEN ${state}::text = 'held' THEN 'activation' END`;

/** `la` (a linked account) is not the follow's target itself. */
export const notOwnAccount = (target: string) => `(${TARGET_SQL}) IS DISTINCT FROM ${target}`;

/** users.id owning the directory entry of X id `xId` on `platform` (SQL), for protection. */
export const entryOwner = (xId: string, platform: string) =>
  `(SELECT de.user_id FROM directory_entries de WHERE de.x_id = ${xId} AND de.platform = ${platform})`;

/** The new tasks' count, from a data-modifying CTE named `created`. */
export const COUNT_CREATED = `SELECT count(*)::int AS n FROM created`;

/** The `n` of a statement's one row (a count), 0 when it returned none. */
export async function countOf(tx: Database, sql: string, params: unknown[]): Promise<number> {
  const [row] = await tx.query<{ n: number }>(sql, params);
  return row?.n ?? 0;
}

/**
 * People connected on X to the account of X id `xId` (rows of user_id, fwd): its followers on X
 * (fwd), the proven people it followed (not fwd), and, where `ownedBy` holds for the account's
 * owner's own edges, the proven people the owner followed or was followed by.
 */
export const connectedOnX = (xId: string, ownedBy: string) => `
  SELECT e.user_id, true AS fwd FROM x_edges e WHERE e.x_id = ${xId} AND e.direction = 1
  UNION ALL
  SELECT e.user_id, false AS fwd
    FROM x_edges e JOIN users w ON w.id = e.user_id AND w.x_proven_at IS NOT NULL
   WHERE e.x_id = ${xId} AND e.direction = 2
  UNION ALL
  SELECT v.id, e.direction = 2 AS fwd
    FROM x_edges e JOIN users v ON v.x_account_id = e.x_id AND v.x_proven_at IS NOT NULL
   WHERE ${ownedBy} AND e.direction IN (1, 2)`;

/**
 * X blocks (direction 3) and mutes (4) of consenting users, found on a network they linked: one
 * row (user_id, platform, target, x_id, kind, reason) per person. $1 limits it to one user, $2/$3
 * (X ids, platforms) to some entries; null: no limit.
 */
export const WANTED_SAFETY = `
  SELECT s.user_id, d.platform, d.target, d.x_id,
         CASE WHEN bool_or(s.direction = 3) AND NOT bool_or(uc.blocks_as_mutes) THEN 'block' ELSE 'mute' END AS kind,
         CASE WHEN bool_or(s.direction = 3) THEN 'blocked_on_x' ELSE 'muted_on_x' END AS reason
    FROM x_edges s
    JOIN user_consents uc ON uc.user_id = s.user_id AND uc.carry_safety
    JOIN directory_entries d ON d.x_id = s.x_id AND d.usable AND d.user_id IS DISTINCT FROM s.user_id
    JOIN linked_accounts la ON la.user_id = s.user_id AND la.platform = d.platform AND la.status = 'active'
         AND ${notOwnAccount('d.target')}
   WHERE s.direction IN (3, 4) AND ($1::bigint IS NULL OR s.user_id = $1)
     AND ($2::text[] IS NULL OR (d.x_id, d.platform) IN (SELECT * FROM unnest($2::text[], $3::text[])))
   GROUP BY s.user_id, d.platform, d.target, d.x_id`;

/** A task `t` (follow) that a block or mute on X now forbids (protection.ts). */
export const FORBIDDEN_TASK = followForbidden({
  follower: 't.user_id',
  followerXId: xIdOfUser('t.user_id'),
  targetXId: 't.target_x_id',
  owner: entryOwner('t.target_x_id', 't.platform'),
});
