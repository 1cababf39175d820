// What a community's page shows: public counts and their history (members who said yes only,
// beside the plain number of people invited), and, for its members, the members who agreed to be
// listed.
import type { Database } from '../db/index.ts';

export interface CommunityCounts {
  /** Everyone named in it: invited, and joined (those who left are not counted). */
  members: number;
  joined: number;
  /** Of the joined: with a Bluesky / Mastodon account linked, or a pledge to leave X. */
  onBluesky: number;
  onMastodon: number;
  pledged: number;
}

/** Joined members as users (proven owners of the X id). */
const JOINED_USERS = `
  SELECT u.id AS user_id, m.joined_at FROM community_members m
    JOIN users u ON u.x_account_id = m.x_id AND u.x_proven_at IS NOT NULL
   WHERE m.community_id = $1 AND m.state = 'joined'`;

const linkedOn = (platform: string) =>
  `EXISTS (SELECT 1 FROM linked_accounts la WHERE la.user_id = j.user_id AND la.platform = '${platform}' AND la.status <> 'unlinked')`;

export async function communityCounts(database: Database, communityId: number): Promise<CommunityCounts> {
  const [all] = await database.query<{ members: number }>(
    `SELECT count(*) FILTER (WHERE state <> 'left')::int AS members FROM community_members WHERE community_id = $1`,
    [communityId],
  );
  const [j] = await database.query<Omit<CommunityCounts, 'members'>>(
    `SELECT count(*)::int AS joined,
            count(*) FILTER (WHERE ${linkedOn('bluesky')})::int AS "onBluesky",
            count(*) FILTER (WHERE ${linkedOn('mastodon')})::int AS "onMastodon",
            count(*) FILTER (WHERE EXISTS (SELECT 1 FROM pledges p WHERE p.user_id = j.user_id))::int AS pledged
       FROM (${JOINED_USERS}) j`,
    [communityId],
  );
  return {
    members: all?.members ?? 0,
    joined: j?.joined ?? 0,
    onBluesky: j?.onBluesky ?? 0,
    onMastodon: j?.onMastodon ?? 0,
    pledged: j?.pledged ?? 0,
  };
}

export interface CommunityHistory {
  days: string[];
  joined: number[];
  bluesky: number[];
  mastodon: number[];
}

/**
 * Daily cumulative series since the community began: members who joined, and of them those on
 * each network (counted from the later of joining and linking). Today's members only.
 */
export async function communityHistory(database: Database, communityId: number): Promise<CommunityHistory> {
  const rows = await database.query<{ day: string; joined: number; bluesky: number; mastodon: number }>(
    `WITH j AS (${JOINED_USERS}),
     events AS (
       SELECT j.joined_at::date AS day, 'joined' AS what FROM j
       UNION ALL
       SELECT greatest(j.joined_at, la.created_at)::date, la.platform
         FROM j JOIN linked_accounts la ON la.user_id = j.user_id AND la.status <> 'unlinked'),
     days AS (
       SELECT generate_series(
                (SELECT least(min(created_at)::date, current_date) FROM communities WHERE id = $1),
                current_date, interval '1 day')::date AS day)
     SELECT to_char(d.day, 'YYYY-MM-DD') AS day,
            (SELECT count(*) FROM events e WHERE e.what = 'joined' AND e.day <= d.day)::int AS joined,
            (SELECT count(*) FROM events e WHERE e.what = 'bluesky' AND e.day <= d.day)::int AS bluesky,
            (SELECT count(*) FROM events e WHERE e.what = 'mastodon' AND e.day <= d.day)::int AS mastodon
       FROM days d ORDER BY d.day
      LIMIT 3660`,
    [communityId],
  );
  return {
    days: rows.map((r) => r.day),
    joined: rows.map((r) => r.joined),
    bluesky: rows.map((r) => r.bluesky),
    mastodon: rows.map((r) => r.mastodon),
  };
}

export interface ListedMember {
  xId: string;
  username: string | null;
  bluesky: string | null;
  mastodon: string | null;
}

/** Joined members who agreed to be listed, with where they are now (usable directory entries). */
export async function listedMembers(database: Database, communityId: number): Promise<ListedMember[]> {
  const rows = await database.query<{
    x_id: string;
    username: string | null;
    bluesky: string | null;
    mastodon: string | null;
  }>(
    `SELECT m.x_id, xa.username,
            (SELECT d.handle FROM directory_entries d WHERE d.x_id = m.x_id AND d.platform = 'bluesky' AND d.usable) AS bluesky,
            (SELECT d.handle FROM directory_entries d WHERE d.x_id = m.x_id AND d.platform = 'mastodon' AND d.usable) AS mastodon
       FROM community_members m LEFT JOIN x_accounts xa ON xa.id = m.x_id
      WHERE m.community_id = $1 AND m.state = 'joined' AND m.listed
      ORDER BY lower(coalesce(xa.username, m.x_id)) LIMIT 5000`,
    [communityId],
  );
  return rows.map((r) => ({ xId: r.x_id, username: r.username, bluesky: r.bluesky, mastodon: r.mastodon }));
}
