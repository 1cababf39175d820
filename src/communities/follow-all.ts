// "Follow all members": for each member who asked, every other member who joined and can be
// found on a network the asker linked becomes a follow task, planned through src/reconnect/
// tasks.ts (the one planning writer), so the engine, its budgets and its rules apply. A Mastodon
// list needs its accounts followed first: asking for one plans the Mastodon follows alone.
import type { Database } from '../db/index.ts';
import { newTaskState } from '../directory/activation.ts';
import { type ListedFollow, planListed } from '../reconnect/tasks.ts';

export const COMMUNITY_REASON = 'community';

/** Usable directory entries of the community's joined members, but the given user's own. */
async function memberTargets(
  tx: Database,
  communityId: number,
  exceptUserId: number,
  platform: string | null,
  onlyXId: string | null = null,
): Promise<ListedFollow[]> {
  const rows = await tx.query<{ platform: string; target: string; x_id: string }>(
    `SELECT d.platform, d.target, d.x_id
       FROM community_members m
       JOIN directory_entries d ON d.x_id = m.x_id AND d.usable
      WHERE m.community_id = $1 AND m.state = 'joined'
        AND ($3::text IS NULL OR d.platform = $3) AND ($4::text IS NULL OR m.x_id = $4)
        AND d.user_id IS DISTINCT FROM $2::bigint
        AND m.x_id IS DISTINCT FROM (SELECT x_account_id FROM users WHERE id = $2)`,
    [communityId, exceptUserId, platform, onlyXId],
  );
  return rows.map((r) => ({ platform: r.platform, target: r.target, xId: r.x_id, reason: COMMUNITY_REASON }));
}

/** The asker's follows of every member (on one network, or on all they linked). */
export async function planCommunityFollows(
  tx: Database,
  communityId: number,
  userId: number,
  platform: string | null,
): Promise<number> {
  const follows = await memberTargets(tx, communityId, userId, platform);
  return planListed(tx, userId, follows, await newTaskState(tx));
}

/** Who asked to follow everyone (or for a Mastodon list), as user ids. */
async function askers(tx: Database, communityId: number): Promise<{ userId: number; followAll: boolean }[]> {
  const rows = await tx.query<{ id: string; follow_all: boolean }>(
    `SELECT u.id, m.follow_all FROM community_members m
       JOIN users u ON u.x_account_id = m.x_id AND u.x_proven_at IS NOT NULL
      WHERE m.community_id = $1 AND m.state = 'joined' AND (m.follow_all OR m.mastodon_list)`,
    [communityId],
  );
  return rows.map((r) => ({ userId: Number(r.id), followAll: r.follow_all }));
}

/** A member arrived: everyone who asked follows them too. */
export async function planFollowsOfNewMember(
  tx: Database,
  communityId: number,
  xId: string,
): Promise<number> {
  let planned = 0;
  const state = await newTaskState(tx);
  for (const asker of await askers(tx, communityId)) {
    const platform = asker.followAll ? null : 'mastodon';
    const follows = await memberTargets(tx, communityId, asker.userId, platform, xId);
    planned += await planListed(tx, asker.userId, follows, state);
  }
  return planned;
}

/**
 * Everyone who asked, against every member: members who linked a network after joining are
 * followed too. Planned follows are never planned twice, so this is safe to repeat.
 */
export async function replanCommunity(database: Database, communityId: number): Promise<number> {
  return database.transaction(async (tx) => {
    let planned = 0;
    for (const asker of await askers(tx, communityId))
      planned += await planCommunityFollows(
        tx,
        communityId,
        asker.userId,
        asker.followAll ? null : 'mastodon',
      );
    return planned;
  });
}
