// The one definition of "who this user should find", shared by matching, planning and stats.
//
// For user $1, a candidate is an X id with a direction from the user's point of view:
// fwd = the user followed it on X, NOT fwd = it followed the user on X. Both sources count:
// the user's own archive and other people's archives naming the user's X id. Until the user's
// X id is proven only their own following list counts (following the people you followed
// harms nobody); and other people's archives count only when those people are proven too, so
// a forged archive never moves anything for anyone else. Blocks and mutes on X are never
// candidates, and take away what they forbid (protection.ts).
import { followAllowed } from './protection.ts';

export const CANDIDATES_CTE = `
  me AS (SELECT id, x_account_id, x_proven_at IS NOT NULL AS proven FROM users WHERE id = $1),
  cand AS (
    SELECT e.x_id, e.direction = 1 AS fwd
      FROM me JOIN x_edges e ON e.user_id = me.id AND (e.direction = 1 OR (me.proven AND e.direction = 2))
    UNION ALL
    SELECT v.x_account_id, e.direction = 2 AS fwd
      FROM me
      JOIN x_edges e ON me.proven AND e.x_id = me.x_account_id AND e.user_id <> me.id AND e.direction IN (1, 2)
      JOIN users v ON v.id = e.user_id AND v.x_proven_at IS NOT NULL),
  matched AS (
    SELECT d.platform, d.x_id, d.target, d.handle, d.instance, d.source,
           bool_or(c.fwd) AS followed, bool_or(NOT c.fwd) AS follower, max(d.usable_since) AS usable_since
      FROM cand c JOIN directory_entries d ON d.x_id = c.x_id AND d.usable
     WHERE d.user_id IS DISTINCT FROM $1 AND d.x_id IS DISTINCT FROM (SELECT x_account_id FROM me)
       AND ${followAllowed({ follower: '$1', followerXId: '(SELECT x_account_id FROM me)', targetXId: 'd.x_id', owner: 'd.user_id' })}
     GROUP BY d.platform, d.x_id, d.target, d.handle, d.instance, d.source)`;

/** followed | follower | both, from the two flags of a matched row (alias m). */
export const REASON_SQL = `CASE WHEN m.followed AND m.follower THEN 'both' WHEN m.followed THEN 'followed' ELSE 'follower' END`;

export type MatchReason = 'followed' | 'follower' | 'both';

export const REASON_LABELS: Record<MatchReason, string> = {
  followed: 'followed on X',
  follower: 'followed you on X',
  both: 'both',
};
