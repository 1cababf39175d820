// The one definition of "here", used by the pledge, the matches summary, the progress page, the
// landing page and the pledge reminder: a person the user followed on X (their own archive's
// following list) whom the directory found on Bluesky or Mastodon (a usable entry), whatever
// the follow's state — suggested, queued, made, dismissed. Everything that says "N of your M
// are here" reads this, so no two pages disagree.
import type { Database } from '../db/index.ts';

export interface HereCounts {
  /** Distinct accounts the user followed on X (their archive). */
  following: number;
  /** Of those, found by the directory on Bluesky or Mastodon. */
  here: number;
  onBluesky: number;
  onMastodon: number;
}

/**
 * The counts of every user listed by `users` (SQL yielding a column `id`), one row (user_id,
 * following, here, on_bluesky, on_mastodon) per user who followed anyone: the pledge page counts
 * one person, the pledge reminder everyone with an open pledge, in one statement. Same trust
 * rules as CANDIDATES_CTE (src/directory/candidates.ts) for the user's own following list:
 * usable directory entries only, never the user's own X id or their own entries.
 */
export function hereCountsSql(users: string): string {
  return `
  SELECT f.user_id, count(DISTINCT f.x_id)::int AS following,
         count(DISTINCT d.x_id)::int AS here,
         count(DISTINCT d.x_id) FILTER (WHERE d.platform = 'bluesky')::int AS on_bluesky,
         count(DISTINCT d.x_id) FILTER (WHERE d.platform = 'mastodon')::int AS on_mastodon
    FROM (SELECT DISTINCT e.user_id, e.x_id, u.x_account_id
            FROM (${users}) s JOIN users u ON u.id = s.id
            JOIN x_edges e ON e.user_id = u.id AND e.direction = 1) f
    LEFT JOIN directory_entries d ON d.x_id = f.x_id AND d.usable
         AND d.user_id IS DISTINCT FROM f.user_id AND d.x_id IS DISTINCT FROM f.x_account_id
   GROUP BY f.user_id`;
}

export async function hereCounts(database: Database, userId: number): Promise<HereCounts> {
  const [row] = await database.query<{
    following: number;
    here: number;
    on_bluesky: number;
    on_mastodon: number;
  }>(hereCountsSql('SELECT $1::bigint AS id'), [userId]);
  return {
    following: Number(row?.following ?? 0),
    here: Number(row?.here ?? 0),
    onBluesky: Number(row?.on_bluesky ?? 0),
    onMastodon: Number(row?.on_mastodon ?? 0),
  };
}

/** Whole percent of the people followed on X who are here (0 when the archive is missing). */
export function herePercent(counts: HereCounts): number {
  return counts.following > 0 ? Math.floor((100 * counts.here) / counts.following) : 0;
}
