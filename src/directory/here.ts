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
 * Same trust rules as CANDIDATES_CTE (src/directory/candidates.ts) for the user's own following
 * list: usable directory entries only, never the user's own X id or their own entries.
 */
const HERE_SQL = `
  WITH me AS (SELECT x_account_id FROM users WHERE id = $1),
  followed AS (SELECT DISTINCT x_id FROM x_edges WHERE user_id = $1 AND direction = 1),
  found AS (
    SELECT d.x_id, d.platform FROM followed f
      JOIN directory_entries d ON d.x_id = f.x_id AND d.usable
     WHERE d.user_id IS DISTINCT FROM $1 AND d.x_id IS DISTINCT FROM (SELECT x_account_id FROM me))
  SELECT (SELECT count(*) FROM followed)::int AS following,
         (SELECT count(DISTINCT x_id) FROM found)::int AS here,
         (SELECT count(DISTINCT x_id) FROM found WHERE platform = 'bluesky')::int AS on_bluesky,
         (SELECT count(DISTINCT x_id) FROM found WHERE platform = 'mastodon')::int AS on_mastodon`;

export async function hereCounts(database: Database, userId: number): Promise<HereCounts> {
  const [row] = await database.query<{
    following: number;
    here: number;
    on_bluesky: number;
    on_mastodon: number;
  }>(HERE_SQL, [userId]);
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
