// The fan-out's candidate rows, read-only: who should follow a directory entry that just became
// usable. tasks.ts inserts them (it alone writes the follow tasks); each SELECT yields the task
// columns (user_id, platform, target, target_x_id, state, held_for, reason).
import { followAllowed, followAllowedTowards, xIdOfUser } from '../directory/protection.ts';
import { connectedOnX, heldFor, notOwnAccount } from './plan-sql.ts';

/**
 * Many entries ($1 X ids, $2 platforms) in one statement, planned in state $3: everyone in
 * automatic mode who followed these accounts on X (or, with follow-back, was followed by them),
 * on the entry's network where they linked an account. Both archives count; the other side's
 * only when its X id is proven.
 */
export const FAN_OUT_SQL = `
  SELECT c.user_id, d.platform, d.target, d.x_id, $3, ${heldFor('$3')},
         CASE WHEN bool_or(c.fwd) AND bool_or(NOT c.fwd) THEN 'both'
              WHEN bool_or(c.fwd) THEN 'followed' ELSE 'follower' END
    FROM unnest($1::text[], $2::text[]) AS k(x_id, platform)
    JOIN directory_entries d ON d.x_id = k.x_id AND d.platform = k.platform AND d.usable
    CROSS JOIN LATERAL (${connectedOnX('d.x_id', 'd.user_id IS NOT NULL AND e.user_id = d.user_id')}) c
    JOIN user_consents uc ON uc.user_id = c.user_id AND uc.auto_follow
    JOIN linked_accounts la ON la.user_id = c.user_id AND la.platform = d.platform AND la.status = 'active'
         AND ${notOwnAccount('d.target')}
   WHERE c.user_id IS DISTINCT FROM d.user_id
     AND ${followAllowed({ follower: 'c.user_id', followerXId: xIdOfUser('c.user_id'), targetXId: 'd.x_id', owner: 'd.user_id' })}
   GROUP BY c.user_id, d.platform, d.target, d.x_id
  HAVING bool_or(c.fwd) OR bool_or(uc.follow_back)
   ORDER BY c.user_id`;

/**
 * The same for one entry, its X id ($1), platform ($2), target ($3) and owner ($4) as plain
 * parameters, in state $5: the planner then sees how many people follow that X id (column
 * statistics). Candidates are aggregated per person (CTE items FAN_OUT_OF_ONE_CTES) before the
 * consent and link joins (half the rows to probe), and come in user_id order so the
 * (user_id, platform, target) index fills page after page instead of at random.
 */
export const FAN_OUT_OF_ONE_CTES = `
  c AS (${connectedOnX('$1', 'e.user_id = $4::bigint')}),
  g AS (
    SELECT user_id, bool_or(fwd) AS fwd, bool_or(NOT fwd) AS back FROM c
     WHERE user_id IS DISTINCT FROM $4::bigint GROUP BY user_id)`;

export const FAN_OUT_OF_ONE_SQL = `
  SELECT g.user_id, $2, $3, $1, $5, ${heldFor('$5')},
         CASE WHEN g.fwd AND g.back THEN 'both' WHEN g.fwd THEN 'followed' ELSE 'follower' END
    FROM g
    JOIN user_consents uc ON uc.user_id = g.user_id AND uc.auto_follow AND (g.fwd OR uc.follow_back)
    JOIN linked_accounts la ON la.user_id = g.user_id AND la.platform = $2 AND la.status = 'active'
         AND ${notOwnAccount('$3')}
   WHERE ${followAllowedTowards({ targetXId: '$1', owner: '$4::bigint' }, 'g.user_id')}
   ORDER BY g.user_id`;
