// Counts for the operator (`passerelle stats`) and, restricted to people who agreed to be
// counted, for the public counter.
import type { Database } from '../db/index.ts';

export interface PlatformStats {
  /** Distinct (user, account) matches across the whole population. */
  matches: number;
  /** Follows the engine made (state done). */
  followsDone: number;
}

export interface DirectoryStats {
  users: number;
  provenUsers: number;
  archives: number;
  edges: number;
  directoryEntries: number;
  platforms: Record<string, PlatformStats>;
}

/**
 * Every user's matches at once, as (user_id, platform, x_id, fwd) rows — the population-wide
 * form of CANDIDATES_CTE (same trust rules), one set-based statement.
 */
export const POPULATION_MATCHES_CTE = `
  pcand AS (
    SELECT e.user_id, e.x_id, e.direction = 1 AS fwd
      FROM x_edges e JOIN users u ON u.id = e.user_id
     WHERE e.direction = 1 OR (u.x_proven_at IS NOT NULL AND e.direction = 2)
    UNION ALL
    SELECT me.id, v.x_account_id, e.direction = 2
      FROM users me
      JOIN x_edges e ON e.x_id = me.x_account_id AND e.user_id <> me.id AND e.direction IN (1, 2)
      JOIN users v ON v.id = e.user_id AND v.x_proven_at IS NOT NULL
     WHERE me.x_proven_at IS NOT NULL),
  pmatched AS (
    SELECT DISTINCT c.user_id, d.platform, d.x_id
      FROM pcand c
      JOIN directory_entries d ON d.x_id = c.x_id AND d.usable
      JOIN users u ON u.id = c.user_id
     WHERE d.user_id IS DISTINCT FROM c.user_id AND d.x_id IS DISTINCT FROM u.x_account_id)`;

export async function directoryStats(
  database: Database,
  options: { publicOnly?: boolean } = {},
): Promise<DirectoryStats> {
  // Public figures count only the people who said "count me in public statistics".
  const counted = options.publicOnly
    ? `EXISTS (SELECT 1 FROM user_consents uc WHERE uc.user_id = %s AND uc.public_stats)`
    : 'true';
  const where = (col: string) => counted.replace('%s', col);
  const [totals] = await database.query<Omit<DirectoryStats, 'platforms'>>(
    `SELECT (SELECT count(*) FROM users u WHERE ${where('u.id')})::int AS "users",
            (SELECT count(*) FROM users u WHERE u.x_proven_at IS NOT NULL AND ${where('u.id')})::int AS "provenUsers",
            (SELECT count(DISTINCT a.user_id) FROM archive_imports a WHERE ${where('a.user_id')})::int AS "archives",
            (SELECT count(*) FROM x_edges e WHERE e.direction IN (1, 2) AND ${where('e.user_id')})::bigint::float8 AS "edges",
            (SELECT count(*) FROM directory_entries d WHERE d.usable)::int AS "directoryEntries"`,
  );
  const rows = await database.query<{ platform: string; matches: number; follows_done: number }>(
    `WITH ${POPULATION_MATCHES_CTE},
     m AS (SELECT platform, count(*)::bigint::float8 AS n FROM pmatched WHERE ${where('pmatched.user_id')} GROUP BY platform),
     f AS (SELECT platform, count(*)::bigint::float8 AS n FROM follow_tasks t
            WHERE t.state = 'done' AND t.kind = 'follow' AND ${where('t.user_id')} GROUP BY platform),
     p AS (SELECT 'bluesky' AS platform UNION SELECT 'mastodon' UNION SELECT platform FROM m UNION SELECT platform FROM f)
     SELECT p.platform, coalesce(m.n, 0) AS matches, coalesce(f.n, 0) AS follows_done
       FROM p LEFT JOIN m USING (platform) LEFT JOIN f USING (platform) ORDER BY p.platform`,
  );
  const platforms: Record<string, PlatformStats> = {};
  for (const r of rows)
    platforms[r.platform] = { matches: Number(r.matches), followsDone: Number(r.follows_done) };
  return {
    users: 0,
    provenUsers: 0,
    archives: 0,
    edges: 0,
    directoryEntries: 0,
    ...totals,
    platforms,
  };
}
