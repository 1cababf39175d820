// Planning follows: how work enters the engine (linked accounts live in src/accounts).
import type { Database } from '../db/index.ts';

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
