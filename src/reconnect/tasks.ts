// The one place follow tasks are planned, held, released, dismissed and withdrawn (the worker's
// claims and outcomes live in store.ts). The directory, the web and the CLI say who should
// follow whom; the rules hold here, for every path at once:
// - a (user, platform, target) is planned once: whatever its state, an existing task is kept;
// - nobody plans a follow of their own account (the linked account's own target is skipped);
// - following back someone who only followed the user on X needs the follow-back consent;
// - nobody is made to follow someone they blocked or muted on X, nor someone who blocked them
//   (src/directory/protection.ts), and X blocks and mutes are carried over only with consent.
// Large plans stay single set-based statements (a million followers is one INSERT … SELECT).
import type { Database } from '../db/index.ts';
import { CANDIDATES_CTE, REASON_SQL } from '../directory/candidates.ts';
import type { EntryKey } from '../directory/entries.ts';
import { followAllowed, xIdOfUser } from '../directory/protection.ts';
import { wakeSchedulesSql } from './due-sql.ts';
import { FAN_OUT_OF_ONE_CTES, FAN_OUT_OF_ONE_SQL, FAN_OUT_SQL } from './fanout-sql.ts';
import {
  COUNT_CREATED,
  countOf,
  entryOwner,
  FORBIDDEN_TASK,
  heldFor,
  notOwnAccount,
  UNSENT,
  WANTED_SAFETY,
} from './plan-sql.ts';

/** The columns every planner's SELECT yields, in this order. */
const TASK_COLUMNS = '(user_id, platform, target, target_x_id, state, held_for, reason)';

/**
 * Inserts the tasks `select` yields (TASK_COLUMNS unless `columns` says otherwise), each
 * (user, platform, target, kind) once: an existing task, whatever its state, is kept. `ctes` are
 * WITH items the select reads. The accounts of new open tasks are woken (due-sql.ts). Returns how
 * many tasks are new.
 */
function insertTasks(
  tx: Database,
  select: string,
  params: unknown[],
  options: { ctes?: string; columns?: string } = {},
): Promise<number> {
  return countOf(
    tx,
    `WITH ${options.ctes ? `${options.ctes},` : ''}
     created AS (
       INSERT INTO follow_tasks ${options.columns ?? TASK_COLUMNS}
       ${select}
       ON CONFLICT (user_id, platform, target, kind) DO NOTHING
       RETURNING user_id, platform, state, not_before),
     woken AS (${wakeSchedulesSql('created')})
     ${COUNT_CREATED}`,
    params,
  );
}

export interface PlannedFollow {
  target: string;
  targetXId?: string | null;
}

/**
 * Adds follow tasks (pending); a (user, platform, target) already planned — whatever its state,
 * including done or dismissed — is left alone, so nothing is followed twice. Returns how many were new.
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
    inserted += await insertTasks(
      database,
      `SELECT $1, $2, u.target, u.x_id FROM unnest($3::text[], $4::text[]) AS u(target, x_id)
        WHERE NOT EXISTS (SELECT 1 FROM linked_accounts la
                           WHERE la.user_id = $1 AND la.platform = $2 AND NOT ${notOwnAccount('u.target')})
          AND ${followAllowed({ follower: '$1', followerXId: xIdOfUser('$1'), targetXId: 'u.x_id', owner: entryOwner('u.x_id', '$2') })}`,
      [userId, platform, chunk.map((f) => f.target), chunk.map((f) => f.targetXId ?? null)],
      { columns: '(user_id, platform, target, target_x_id)' },
    );
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

/** Fan-out of many directory entries in one statement (FAN_OUT_SQL). */
export async function planFanOut(tx: Database, entries: EntryKey[], state: string): Promise<number> {
  return insertTasks(tx, FAN_OUT_SQL, [entries.map((e) => e.xId), entries.map((e) => e.platform), state]);
}

export interface FanOutEntry extends EntryKey {
  target: string;
  owner: number | null;
}

/** The same fan-out for one entry, with its X id and owner as plain parameters (FAN_OUT_OF_ONE_SQL). */
export async function planFanOutOfOne(tx: Database, entry: FanOutEntry, state: string): Promise<number> {
  return insertTasks(tx, FAN_OUT_OF_ONE_SQL, [entry.xId, entry.platform, entry.target, entry.owner, state], {
    ctes: FAN_OUT_OF_ONE_CTES,
  });
}

/** A user's own tasks, for every match on a network they linked, if automatic mode is on. */
export async function planMatchesOf(tx: Database, userId: number, state: string): Promise<number> {
  // Without automatic mode nothing is planned: skip matching the user's whole archive for nothing.
  const [auto] = await tx.query(`SELECT 1 FROM user_consents WHERE user_id = $1 AND auto_follow`, [userId]);
  if (!auto) return 0;
  return insertTasks(
    tx,
    `SELECT $1, m.platform, m.target, m.x_id, $2, ${heldFor('$2')}, ${REASON_SQL}
       FROM matched m
       JOIN consent ON m.followed OR consent.follow_back
       JOIN linked_accounts la ON la.user_id = $1 AND la.platform = m.platform AND la.status = 'active'
            AND ${notOwnAccount('m.target')}`,
    [userId, state],
    {
      ctes: `${CANDIDATES_CTE}, consent AS (SELECT follow_back FROM user_consents WHERE user_id = $1 AND auto_follow)`,
    },
  );
}

export interface ListedFollow {
  platform: string;
  target: string;
  xId: string;
  reason: string;
}

/**
 * Tasks for matches the caller listed (the user's "reconnect all", the bridge's offers), on the
 * networks the user linked; `onlyInAutomaticMode` plans nothing unless automatic mode is on.
 */
export async function planListed(
  tx: Database,
  userId: number,
  follows: readonly ListedFollow[],
  state: string,
  options: { onlyInAutomaticMode?: boolean } = {},
): Promise<number> {
  if (follows.length === 0) return 0;
  return insertTasks(
    tx,
    `SELECT $1, u.platform, u.target, u.x_id, $2, ${heldFor('$2')}, u.reason
       FROM unnest($3::text[], $4::text[], $5::text[], $6::text[]) AS u(platform, target, x_id, reason)
       JOIN linked_accounts la ON la.user_id = $1 AND la.platform = u.platform AND la.status = 'active'
            AND ${notOwnAccount('u.target')}
      WHERE (NOT $7::boolean OR EXISTS (SELECT 1 FROM user_consents uc WHERE uc.user_id = $1 AND uc.auto_follow))
        AND ${followAllowed({ follower: '$1', followerXId: xIdOfUser('$1'), targetXId: 'u.x_id', owner: entryOwner('u.x_id', 'u.platform') })}`,
    [
      userId,
      state,
      follows.map((f) => f.platform),
      follows.map((f) => f.target),
      follows.map((f) => f.xId),
      follows.map((f) => f.reason),
      options.onlyInAutomaticMode ?? false,
    ],
  );
}

/**
 * The user's paused follows (automatic mode off) go on, on the given networks or all: pending
 * when `state` is pending (then anything held goes), or held for the switch-on before it.
 * Returns how many.
 */
export async function resumeHeld(
  tx: Database,
  userId: number,
  state: string,
  platforms?: readonly string[],
): Promise<number> {
  return countOf(
    tx,
    `WITH resumed AS (
       UPDATE follow_tasks SET state = $3, held_for = ${heldFor('$3')}, updated_at = now()
        WHERE user_id = $1 AND state = 'held' AND ($3::text = 'pending' OR held_for = 'auto_off')
          AND ($2::text[] IS NULL OR platform = ANY($2::text[]))
       RETURNING user_id, platform, state, not_before),
     woken AS (${wakeSchedulesSql('resumed')})
     SELECT count(*)::int AS n FROM resumed`,
    [userId, platforms ?? null, state],
  );
}

/**
 * Automatic mode off: the unsent follows wait, those held for the switch-on too, until the
 * person turns it on again or asks for them (blocks and mutes carried over go on).
 */
export async function holdPending(tx: Database, userId: number): Promise<void> {
  await tx.query(
    `UPDATE follow_tasks SET state = 'held', held_for = 'auto_off', updated_at = now()
      WHERE user_id = $1 AND state IN ${UNSENT} AND kind = 'follow'`,
    [userId],
  );
}

/** Follow-back withdrawn: unsent follows of people who only followed the user on X go. */
export async function dropUnsentFollowBacks(tx: Database, userId: number): Promise<void> {
  await tx.query(
    `DELETE FROM follow_tasks WHERE user_id = $1 AND reason = 'follower' AND state IN ${UNSENT}`,
    [userId],
  );
}

/** Someone left the directory (consent withdrawn, network unlinked): unsent follows to them go. */
export async function withdrawTasksTo(
  tx: Database,
  withdrawn: readonly { platform: string; target: string }[],
): Promise<number> {
  if (withdrawn.length === 0) return 0;
  return countOf(
    tx,
    `WITH gone AS (
       DELETE FROM follow_tasks t
        USING unnest($1::text[], $2::text[]) AS k(platform, target)
        WHERE t.platform = k.platform AND t.target = k.target AND t.state IN ${UNSENT}
          AND NOT EXISTS (SELECT 1 FROM directory_entries d
                           WHERE d.platform = k.platform AND d.target = k.target AND d.usable)
       RETURNING 1)
     SELECT count(*)::int AS n FROM gone`,
    [withdrawn.map((e) => e.platform), withdrawn.map((e) => e.target)],
  );
}

/**
 * The user's dismissal of one match: no follow will be made. False when its follow is already
 * under way or made (nothing changed).
 */
export async function dismissTask(tx: Database, userId: number, follow: ListedFollow): Promise<boolean> {
  const rows = await tx.query(
    `INSERT INTO follow_tasks (user_id, platform, target, target_x_id, state, reason)
     VALUES ($1, $2, $3, $4, 'dismissed', $5)
     ON CONFLICT (user_id, platform, target, kind) DO UPDATE SET state = 'dismissed', held_for = NULL, updated_at = now()
       WHERE follow_tasks.state IN ('pending', 'held', 'failed', 'unavailable', 'dismissed')
     RETURNING 1`,
    [userId, follow.platform, follow.target, follow.xId, follow.reason],
  );
  return rows.length > 0;
}

/** Undoes a dismissal: queued again in `state`, or, with null, simply proposed (no task). */
export async function undismissTask(
  tx: Database,
  userId: number,
  platform: string,
  target: string,
  state: string | null,
): Promise<void> {
  if (state) {
    await tx.query(
      `WITH queued AS (
         UPDATE follow_tasks SET state = $4, held_for = ${heldFor('$4')}, updated_at = now()
          WHERE user_id = $1 AND platform = $2 AND target = $3 AND kind = 'follow' AND state = 'dismissed'
         RETURNING user_id, platform, state, not_before)
       ${wakeSchedulesSql('queued')}`,
      [userId, platform, target, state],
    );
    return;
  }
  await tx.query(
    `DELETE FROM follow_tasks
      WHERE user_id = $1 AND platform = $2 AND target = $3 AND kind = 'follow' AND state = 'dismissed'`,
    [userId, platform, target],
  );
}

/**
 * Activation day, one statement: every task held for it goes pending — automatic mode's and the
 * ones people asked for ("reconnect all", "follow all"), not those paused by automatic mode off —
 * each account's k-th task due after floor(k / budget) windows, so every account starts at once
 * and nobody's queue starves another.
 */
export async function releaseAllHeld(
  tx: Database,
  now: Date,
  budgets: Record<string, { perWindow: number; windowSeconds: number }>,
): Promise<number> {
  const platforms = Object.keys(budgets);
  return countOf(
    tx,
    `WITH budget AS (
       SELECT * FROM unnest($2::text[], $3::int[], $4::int[]) AS b(platform, per_window, window_seconds)),
     ranked AS (
       SELECT t.id, t.platform,
              row_number() OVER (PARTITION BY t.user_id, t.platform ORDER BY t.reason = 'both' DESC, t.id) - 1 AS k
         FROM follow_tasks t WHERE t.state = 'held' AND t.held_for = 'activation'),
     released AS (
       UPDATE follow_tasks t
          SET state = 'pending', held_for = NULL, updated_at = now(),
              not_before = $1::timestamptz + make_interval(secs => (r.k / coalesce(b.per_window, 1000))
                                                                * coalesce(b.window_seconds, 3600))
         FROM ranked r LEFT JOIN budget b ON b.platform = r.platform
        WHERE t.id = r.id
       RETURNING t.user_id, t.platform, t.state, t.not_before),
     woken AS (${wakeSchedulesSql('released')})
     SELECT count(*)::int AS n FROM released`,
    [
      now.toISOString(),
      platforms,
      platforms.map((p) => budgets[p]?.perWindow ?? 1000),
      platforms.map((p) => budgets[p]?.windowSeconds ?? 3600),
    ],
  );
}

/**
 * X blocks and mutes carried over, for users who consented (user_consents.carry_safety): one
 * task per person found on a network the user linked, kind `block` (or `mute` when the user
 * chose mutes) for an X block, `mute` for an X mute. Like follows, a (user, platform, target,
 * kind) is planned once: a block the person removed on the network is never made again.
 * `userId` limits it to one user, `entries` to people who just arrived; null: no limit.
 */
export async function planSafety(
  tx: Database,
  scope: { userId?: number; entries?: readonly EntryKey[] },
): Promise<number> {
  const entries = scope.entries ?? null;
  return insertTasks(
    tx,
    `SELECT user_id, platform, target, x_id, 'pending', reason, kind FROM wanted ORDER BY user_id`,
    [scope.userId ?? null, entries?.map((e) => e.xId) ?? null, entries?.map((e) => e.platform) ?? null],
    {
      ctes: `wanted AS (${WANTED_SAFETY})`,
      columns: '(user_id, platform, target, target_x_id, state, reason, kind)',
    },
  );
}

/**
 * After an archive import or a proof of the user's X id: unsent follows that a block or mute on
 * X now forbids go, both the user's own and other people's follows of the user's accounts
 * (protection.ts).
 */
export async function withdrawForbidden(tx: Database, userId: number): Promise<number> {
  const own = await tx.query(
    `DELETE FROM follow_tasks t WHERE t.user_id = $1 AND t.kind = 'follow' AND t.state IN ${UNSENT}
        AND t.target_x_id IS NOT NULL AND ${FORBIDDEN_TASK} RETURNING 1`,
    [userId],
  );
  const toUser = await tx.query(
    `DELETE FROM follow_tasks t
      USING directory_entries d
      WHERE (d.user_id = $1 OR d.x_id = (SELECT x_account_id FROM users WHERE id = $1))
        AND t.platform = d.platform AND t.target = d.target AND t.kind = 'follow' AND t.state IN ${UNSENT}
        AND t.target_x_id IS NOT NULL AND ${FORBIDDEN_TASK} RETURNING 1`,
    [userId],
  );
  return own.length + toUser.length;
}

/** Carry-over withdrawn or changed: blocks and mutes not sent yet go (planSafety plans anew). */
export async function dropUnsentSafety(tx: Database, userId: number): Promise<void> {
  await tx.query(
    `DELETE FROM follow_tasks WHERE user_id = $1 AND kind IN ('block', 'mute') AND state IN ${UNSENT}`,
    [userId],
  );
}
