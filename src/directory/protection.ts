// Protection from the blocks and mutes people made on X, always on, whatever anyone's archive or
// consent says. Every planner (src/reconnect/tasks.ts) and the matching (candidates.ts) take
// these SQL conditions, so no path makes or proposes such a follow:
// - if A blocked B on X, B is never proposed A's accounts nor made to follow them, and B's
//   matches never name A;
// - if A muted or blocked B on X, A is never made to follow B (nor proposed B).
// "A" is whoever holds the X id of the account (the entry's owner, or the user tied to that X id,
// proven or not): a block only ever removes follows towards the blocker's own accounts, and one X
// id is one user, so a claim can shield nothing but itself.
import { EDGE_BLOCKING, EDGE_MUTING } from '../db/schema.ts';

/** SQL expressions naming the two people of one proposed follow. */
export interface FollowPair {
  /** users.id of the person who would follow. */
  follower: string;
  /** Their X id (users.x_account_id), possibly NULL. */
  followerXId: string;
  /** The X id the followed account belongs to. */
  targetXId: string;
  /** users.id owning the followed account's directory entry, possibly NULL. */
  owner: string;
}

/** The follower blocked or muted the target's X id on X. */
function silencedByFollower(p: FollowPair): string {
  return `EXISTS (SELECT 1 FROM x_edges ps WHERE ps.x_id = ${p.targetXId}
            AND ps.direction IN (${EDGE_BLOCKING}, ${EDGE_MUTING}) AND ps.user_id = ${p.follower})`;
}

/** Whoever holds the target's X id (or owns its entry) blocked the follower's X id on X. */
function blockedByTarget(p: FollowPair): string {
  return `EXISTS (SELECT 1 FROM x_edges pb JOIN users po ON po.id = pb.user_id
            WHERE pb.x_id = ${p.followerXId} AND pb.direction = ${EDGE_BLOCKING}
              AND (po.x_account_id = ${p.targetXId} OR po.id = ${p.owner}))`;
}

/** SQL condition: this follow may be proposed and made (neither side's X blocks or mutes forbid it). */
export function followAllowed(p: FollowPair): string {
  return `NOT ${silencedByFollower(p)} AND NOT ${blockedByTarget(p)}`;
}

/**
 * followAllowed for many followers of one target (its X id and owner fixed for the statement):
 * the same two rules as sets of user ids computed once — who silenced the target, whom its
 * holder blocked — instead of two probes per follower. `follower` is a non-null users.id. The
 * sets are built from arrays (index look-ups, no join), so they stay cheap in a statement
 * planned with nested loops off.
 */
export function followAllowedTowards(
  target: Pick<FollowPair, 'targetXId' | 'owner'>,
  follower: string,
): string {
  const holders = `SELECT po.id FROM users po WHERE po.x_account_id = ${target.targetXId} OR po.id = ${target.owner}`;
  const blocked = `SELECT pb.x_id FROM x_edges pb
                    WHERE pb.user_id = ANY (ARRAY(${holders})) AND pb.direction = ${EDGE_BLOCKING}`;
  return `${follower} NOT IN (SELECT ps.user_id FROM x_edges ps WHERE ps.x_id = ${target.targetXId}
            AND ps.direction IN (${EDGE_BLOCKING}, ${EDGE_MUTING}))
      AND ${follower} NOT IN (SELECT pv.id FROM users pv WHERE pv.x_account_id = ANY (ARRAY(${blocked})))`;
}

/** SQL condition: this follow is forbidden by a block or mute on X (for withdrawing planned ones). */
export function followForbidden(p: FollowPair): string {
  return `(${silencedByFollower(p)} OR ${blockedByTarget(p)})`;
}

/** The X id of user `userId` (an SQL expression), for FollowPair.followerXId. */
export function xIdOfUser(userId: string): string {
  return `(SELECT pu.x_account_id FROM users pu WHERE pu.id = ${userId})`;
}
