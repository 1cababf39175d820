// Incremental matching: when someone proves their X id, links a network, imports an archive or
// turns on automatic mode, the follow tasks that follow from it are written at once, each by a
// single set-based statement (a million followers is one INSERT … SELECT, not a loop).
import type { Database } from '../db/index.ts';
import { fanOutDuration } from '../metrics/registry.ts';
import { newTaskState } from './activation.ts';
import { CANDIDATES_CTE, REASON_SQL } from './candidates.ts';
import { type EntryKey, type EntrySnapshot, refreshUserEntries } from './entries.ts';

/** Task states the directory may take back: nothing was sent to the platform yet. */
const UNSTARTED = `('pending', 'held')`;

/**
 * Tasks for everyone in automatic mode who followed these accounts on X, or whom they followed
 * (both archives count; the other side's only when its X id is proven), on the entry's network
 * where they have linked an account. Existing tasks — done, dismissed, removed — are left as
 * they are. Returns the number of tasks created.
 */
export async function fanOutEntries(tx: Database, entries: EntryKey[]): Promise<number> {
  if (entries.length === 0) return 0;
  const state = await newTaskState(tx);
  // A famous account's fan-out hashes and sorts a million rows: give this transaction the memory.
  await tx.query(`SET LOCAL work_mem = '256MB'`);
  if (entries.length <= SINGLE_ENTRY_LIMIT) {
    let created = 0;
    for (const entry of entries) created += await fanOutOneEntry(tx, entry, state);
    return created;
  }
  const rows = await tx.query<{ n: number }>(
    `WITH created AS (
       INSERT INTO follow_tasks (user_id, platform, target, target_x_id, state, reason)
       SELECT c.user_id, d.platform, d.target, d.x_id, $3,
              CASE WHEN bool_or(c.fwd) AND bool_or(NOT c.fwd) THEN 'both'
                   WHEN bool_or(c.fwd) THEN 'followed' ELSE 'follower' END
         FROM unnest($1::text[], $2::text[]) AS k(x_id, platform)
         JOIN directory_entries d ON d.x_id = k.x_id AND d.platform = k.platform AND d.usable
         CROSS JOIN LATERAL (
           SELECT e.user_id, true AS fwd FROM x_edges e WHERE e.x_id = d.x_id AND e.direction = 1
           UNION ALL
           SELECT e.user_id, false AS fwd
             FROM x_edges e JOIN users w ON w.id = e.user_id AND w.x_proven_at IS NOT NULL
            WHERE e.x_id = d.x_id AND e.direction = 2
           UNION ALL
           SELECT v.id, e.direction = 2 AS fwd
             FROM x_edges e JOIN users v ON v.x_account_id = e.x_id AND v.x_proven_at IS NOT NULL
            WHERE d.user_id IS NOT NULL AND e.user_id = d.user_id) c
         JOIN user_consents uc ON uc.user_id = c.user_id AND uc.auto_follow
         JOIN linked_accounts la ON la.user_id = c.user_id AND la.platform = d.platform AND la.status = 'active'
        WHERE c.user_id IS DISTINCT FROM d.user_id
        GROUP BY c.user_id, d.platform, d.target, d.x_id
        ORDER BY c.user_id
       ON CONFLICT (user_id, platform, target) DO NOTHING
       RETURNING 1)
     SELECT count(*)::int AS n FROM created`,
    [entries.map((e) => e.xId), entries.map((e) => e.platform), state],
  );
  return rows[0]?.n ?? 0;
}

/** Up to this many entries (a sign-up, a link), one statement each; beyond (imports), one for all. */
const SINGLE_ENTRY_LIMIT = 16;

/**
 * The same fan-out for one entry, with its X id and owner as plain parameters: the planner then
 * sees how many people follow that X id (column statistics). Candidates are aggregated per
 * person before the consent and link joins (half the rows to probe), and inserted in user_id
 * order so the (user_id, platform, target) index fills page after page instead of at random.
 */
async function fanOutOneEntry(tx: Database, entry: EntryKey, state: string): Promise<number> {
  const [d] = await tx.query<{ target: string; user_id: string | null }>(
    `SELECT target, user_id FROM directory_entries WHERE x_id = $1 AND platform = $2 AND usable`,
    [entry.xId, entry.platform],
  );
  if (!d) return 0;
  const owner = d.user_id === null ? null : Number(d.user_id);
  const large = await hasLargeAudience(tx, entry.xId, owner);
  // Statistics misjudge one famous X id; past LARGE_AUDIENCE, hash joins beat a million probes.
  if (large) await tx.query('SET LOCAL enable_nestloop = off');
  const rows = await tx.query<{ n: number }>(
    `WITH c AS (
       SELECT e.user_id, true AS fwd FROM x_edges e WHERE e.x_id = $1 AND e.direction = 1
       UNION ALL
       SELECT e.user_id, false AS fwd
         FROM x_edges e JOIN users w ON w.id = e.user_id AND w.x_proven_at IS NOT NULL
        WHERE e.x_id = $1 AND e.direction = 2
       UNION ALL
       SELECT v.id, e.direction = 2 AS fwd
         FROM x_edges e JOIN users v ON v.x_account_id = e.x_id AND v.x_proven_at IS NOT NULL
        WHERE e.user_id = $4::bigint),
     g AS (
       SELECT user_id, bool_or(fwd) AS fwd, bool_or(NOT fwd) AS back FROM c
        WHERE user_id IS DISTINCT FROM $4::bigint GROUP BY user_id),
     created AS (
       INSERT INTO follow_tasks (user_id, platform, target, target_x_id, state, reason)
       SELECT g.user_id, $2, $3, $1, $5,
              CASE WHEN g.fwd AND g.back THEN 'both' WHEN g.fwd THEN 'followed' ELSE 'follower' END
         FROM g
         JOIN user_consents uc ON uc.user_id = g.user_id AND uc.auto_follow
         JOIN linked_accounts la ON la.user_id = g.user_id AND la.platform = $2 AND la.status = 'active'
        ORDER BY g.user_id
       ON CONFLICT (user_id, platform, target) DO NOTHING
       RETURNING 1)
     SELECT count(*)::int AS n FROM created`,
    [entry.xId, entry.platform, d.target, owner, state],
  );
  if (large) await tx.query('SET LOCAL enable_nestloop TO DEFAULT');
  return rows[0]?.n ?? 0;
}

/** Candidates (edges to or from the entry) beyond which one fan-out is planned as a bulk job. */
const LARGE_AUDIENCE = 10_000;

/** Whether the X id's followers, or its owner's own lists, reach LARGE_AUDIENCE (bounded count). */
async function hasLargeAudience(tx: Database, xId: string, owner: number | null): Promise<boolean> {
  const [row] = await tx.query<{ n: number }>(
    `SELECT ((SELECT count(*) FROM (SELECT 1 FROM x_edges WHERE x_id = $1 LIMIT ${LARGE_AUDIENCE}) a)
           + (SELECT count(*) FROM (SELECT 1 FROM x_edges WHERE user_id = $2::bigint LIMIT ${LARGE_AUDIENCE}) b))::int AS n`,
    [xId, owner],
  );
  return (row?.n ?? 0) >= LARGE_AUDIENCE;
}

/** A user's own tasks, for every match on a network they linked, if automatic mode is on. */
export async function planTasksForUser(tx: Database, userId: number): Promise<number> {
  const state = await newTaskState(tx);
  const rows = await tx.query<{ n: number }>(
    `WITH ${CANDIDATES_CTE},
     created AS (
       INSERT INTO follow_tasks (user_id, platform, target, target_x_id, state, reason)
       SELECT $1, m.platform, m.target, m.x_id, $2, ${REASON_SQL}
         FROM matched m
         JOIN linked_accounts la ON la.user_id = $1 AND la.platform = m.platform AND la.status = 'active'
        WHERE EXISTS (SELECT 1 FROM user_consents uc WHERE uc.user_id = $1 AND uc.auto_follow)
       ON CONFLICT (user_id, platform, target) DO NOTHING
       RETURNING 1)
     SELECT count(*)::int AS n FROM created`,
    [userId, state],
  );
  return rows[0]?.n ?? 0;
}

/** Someone left the directory (consent withdrawn, network unlinked): unsent follows to them go. */
export async function withdrawTasks(tx: Database, withdrawn: EntrySnapshot[]): Promise<number> {
  if (withdrawn.length === 0) return 0;
  const rows = await tx.query<{ n: number }>(
    `WITH gone AS (
       DELETE FROM follow_tasks t
        USING unnest($1::text[], $2::text[]) AS k(platform, target)
        WHERE t.platform = k.platform AND t.target = k.target AND t.state IN ${UNSTARTED}
          AND NOT EXISTS (SELECT 1 FROM directory_entries d
                           WHERE d.platform = k.platform AND d.target = k.target AND d.usable)
       RETURNING 1)
     SELECT count(*)::int AS n FROM gone`,
    [withdrawn.map((e) => e.platform), withdrawn.map((e) => e.target)],
  );
  return rows[0]?.n ?? 0;
}

export interface ChangeReport {
  appeared: EntryKey[];
  fannedOut: number;
  planned: number;
  withdrawn: number;
}

/**
 * The hook for every change to a user (sign-up, X proof, network linked or unlinked, archive
 * imported, consent changed): refreshes their directory rows, fans out to the people who now
 * find them, withdraws unsent follows to them if they left, and plans their own follows.
 */
export async function onUserChanged(
  database: Database,
  userId: number,
  options: ChangeOptions = {},
): Promise<ChangeReport> {
  return database.transaction((tx) => applyUserChange(tx, userId, options));
}

export interface ChangeOptions {
  /**
   * The user's archive was (re)imported: their follower and following lists now say different
   * things about who should follow them, so fan out for all their entries, not only new ones.
   */
  archiveChanged?: boolean;
}

/** onUserChanged inside a transaction the caller already holds. */
export async function applyUserChange(
  tx: Database,
  userId: number,
  options: ChangeOptions = {},
): Promise<ChangeReport> {
  const end = fanOutDuration.startTimer();
  try {
    return await applyUserChangeNow(tx, userId, options);
  } finally {
    end();
  }
}

async function applyUserChangeNow(
  tx: Database,
  userId: number,
  options: ChangeOptions,
): Promise<ChangeReport> {
  // One writer per user at a time: two links at once must not miss each other's rows.
  await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`directory-user:${userId}`]);
  const { appeared, withdrawn } = await refreshUserEntries(tx, userId);
  const removed = await withdrawTasks(tx, withdrawn);
  const toFanOut = options.archiveChanged
    ? (
        await tx.query<{ x_id: string; platform: string }>(
          `SELECT x_id, platform FROM directory_entries WHERE user_id = $1 AND usable`,
          [userId],
        )
      ).map((r) => ({ xId: r.x_id, platform: r.platform }))
    : appeared;
  const fannedOut = await fanOutEntries(tx, toFanOut);
  const planned = await planTasksForUser(tx, userId);
  return { appeared, fannedOut, planned, withdrawn: removed };
}
